import type { Grant, StaffRole } from '@/core/staff-roles'
import { AppError } from './app-error'
import type { ActionContext } from './context'

/** A staff member acting in one center, as the platform identified them. */
export interface Staff {
  openid: string
  name: string
  centerId: string
  grants: Grant[]
}

/**
 * The caller as staff of `centerId` holding one of `roles`, or FORBIDDEN.
 * Every staff action starts here; per-record checks (this window, this
 * community) follow in the action with the returned grants.
 */
export async function requireStaff(ctx: ActionContext, centerId: string, roles: StaffRole[]): Promise<Staff> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED')
  const held = await ctx.store.staff.rolesOf(centerId, ctx.openid)
  const grants = held.map((g) => g.grant)
  if (!grants.some((g) => roles.includes(g.role))) throw new AppError('FORBIDDEN')
  return { openid: ctx.openid, name: held[0].name, centerId, grants }
}

/** The grant of one role, if held (e.g. a clerk's windows). */
export function grantOf(staff: Staff, role: StaffRole): Grant | undefined {
  return staff.grants.find((g) => g.role === role)
}

/** A record in the audit log: its id, or its id and the number people know it by (DB20261207-0001, A001). */
export type AuditRecord = string | null | { id: string; label: string }

/**
 * Writes one staff action to the audit log. `detail` says what changed in words (as the app says it
 * elsewhere: 办理中 → 待补交材料, 12月8日 上午) and must not carry personal data.
 */
export async function audit(
  ctx: ActionContext,
  staff: Staff,
  action: string,
  recordType: string,
  record: AuditRecord,
  detail?: string,
): Promise<void> {
  await ctx.store.audit.record({
    centerId: staff.centerId,
    actorOpenid: staff.openid,
    actorName: staff.name,
    action,
    recordType,
    recordId: typeof record === 'object' && record !== null ? record.id : record,
    recordLabel: typeof record === 'object' && record !== null ? record.label : null,
    detail: detail ?? null,
    at: ctx.now().toISOString(),
  })
}

/** A deployment-wide staff member (区级管理员), as the platform identified them. */
export interface DistrictStaff {
  openid: string
  name: string
}

/** The caller as a district admin, or FORBIDDEN: a center's admin is not one (the arrangement is the whole district's). */
export async function requireDistrict(ctx: ActionContext): Promise<DistrictStaff> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED')
  const held = await ctx.store.staff.districtRole(ctx.openid)
  if (!held) throw new AppError('FORBIDDEN', '只有区级管理员可以录入年度放假安排')
  return { openid: held.openid, name: held.name }
}

/** Writes one district action to every center's audit log (each center's working days follow it). `detail` must not carry personal data. */
export async function auditDistrict(
  ctx: ActionContext,
  actor: DistrictStaff,
  action: string,
  recordType: string,
  recordId: string,
  detail: string,
): Promise<void> {
  const at = ctx.now().toISOString()
  for (const center of await ctx.store.centers.list()) {
    await ctx.store.audit.record({
      centerId: center.id,
      actorOpenid: actor.openid,
      actorName: `${actor.name}（区级管理员）`,
      action,
      recordType,
      recordId,
      detail,
      at,
    })
  }
}
