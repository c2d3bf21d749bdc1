/**
 * Staff roles on CloudBase: one document per (center, person, role), `_id` = `<centerId>_<openid>_<role>`
 * (so a transaction can name it), `{ centerId, openid, name, role, scope, createdAt }`.
 */
import type { Grant, StaffRole } from '@/core/staff-roles'
import type { DistrictStaffRecord, StaffGrant, StaffRepo } from '../port'
import type { ConfigCache } from './config-cache'
import type { DbApi } from './db-api'
import { getOrNull, readAll } from './doc-helpers'
import { SHARED } from './shared-collections'

export type RoleDoc = {
  _id: string
  centerId: string
  openid: string
  name: string
  role: StaffRole
  /** The grant without its role (windows, communities). */
  scope: Omit<Grant, 'role'>
  createdAt: string
}

/** Deployment-wide roles (区级管理员), apart from the centers' `staff_roles`: `_id` = openid, `{ openid, name, role, createdAt }`. */
export const DISTRICT_COLLECTIONS = { staff: 'district_staff' } as const

export type DistrictStaffDoc = Pick<DistrictStaffRecord, keyof DistrictStaffRecord> & { _id: string }

export const roleId = (centerId: string, openid: string, role: StaffRole) => `${centerId}_${openid}_${role}`

export const toGrant = (d: Pick<RoleDoc, 'role' | 'scope'>): Grant => ({ ...d.scope, role: d.role })

export function roleDoc(centerId: string, openid: string, name: string, grant: Grant, createdAt: string): RoleDoc {
  const { role, ...scope } = grant
  return { _id: roleId(centerId, openid, role), centerId, openid, name, role, scope, createdAt }
}

/** A person's roles in a center, by role. */
export async function rolesOf(db: DbApi, centerId: string, openid: string): Promise<StaffGrant[]> {
  const docs = await readAll(db.collection<RoleDoc>(SHARED.staffRoles).where({ centerId, openid }).orderBy('role', 'asc'))
  return docs.map((d) => ({ name: d.name, grant: toGrant(d) }))
}

/** Roles are remembered by the instance until the configuration generation moves (every role write moves it). */
export function cloudbaseStaffRepo(db: DbApi, cache: ConfigCache): StaffRepo {
  return {
    rolesOf: (centerId, openid) => cache.remembered(`roles|${centerId}|${openid}`, () => rolesOf(db, centerId, openid)),
    async districtRole(openid) {
      const doc = await getOrNull(db.collection<DistrictStaffDoc>(DISTRICT_COLLECTIONS.staff).doc(openid))
      if (!doc) return null
      const { _id, ...record } = doc
      return record
    },
  }
}
