/**
 * Staff administration on CloudBase.
 *
 * - `staff_invites`: InviteRecord documents, `_id` = invite id. Redeeming marks the invite used
 *   and writes the role in one transaction, so an invite is taken up once whoever races for it.
 * - `staff_roles` (see staff-repo.ts): `_id` = `<centerId>_<openid>_<role>`, so a transaction
 *   names a person's roles without a query.
 * - `staff_admins`: `_id` = center id → `{ openids }`, the center's admins. Every write of an
 *   admin role changes it in the same transaction. It exists because "not the last admin" is a
 *   count, and a count cannot be read inside a transaction: two admins revoking each other
 *   would each see the other still there (snapshot isolation lets both commit). Both write this
 *   one document instead, so one of them conflicts and, retried, sees the truth.
 * - `staff_invite_failures`: `{ openid, at }`, for the rate limit.
 *
 * Communities a grid worker stops covering are found by a query before the transaction and
 * re-checked inside it; one assigned to them between the two keeps them as responsible.
 *
 * Every role write (redeem, setGrant, revokeGrant) moves the configuration generation in its transaction: instances
 * remember roles with the configuration (staff-repo.ts, config-cache.ts), and a revoked role is gone at the next call.
 */
import { STAFF_ROLES, type Grant, type StaffRole } from '@/core/staff-roles'
import type { InviteRecord, StaffAdminRepo, StaffGrant, StaffMemberRecord } from '../port'
import type { ConfigCache } from './config-cache'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, readAll } from './doc-helpers'
import { readUpTo } from './paging'
import { SHARED } from './shared-collections'
import { DISTRICT_COLLECTIONS, roleDoc, roleId, rolesOf, toGrant, type DistrictStaffDoc, type RoleDoc } from './staff-repo'

export const STAFF_COLLECTIONS = { invites: 'staff_invites', admins: 'staff_admins', failures: 'staff_invite_failures' } as const

type InviteDoc = Omit<InviteRecord, 'id'> & { _id: string }
type AdminsDoc = { _id: string; openids: string[] }
type CommunityDoc = { _id: string; centerId: string; name: string; responsibleOpenid: string | null }

const toInvite = ({ _id, ...d }: InviteDoc): InviteRecord => ({ id: _id, ...d })

/** Core's roles in the order the SQLite adapter reads a person's roles (ORDER BY role), so both take the same first. */
const ROLES_BY_NAME = [...STAFF_ROLES].sort()

/** The person's roles in the center, read in the transaction by their ids (one at a time: a transaction's operations are sequential). */
async function heldRoles(tx: TransactionApi, centerId: string, openid: string): Promise<RoleDoc[]> {
  const held: RoleDoc[] = []
  for (const role of ROLES_BY_NAME) {
    const doc = await getOrNull(tx.collection<RoleDoc>(SHARED.staffRoles).doc(roleId(centerId, openid, role)))
    if (doc) held.push(doc)
  }
  return held
}

async function writeRole(tx: TransactionApi, doc: RoleDoc): Promise<void> {
  const { _id, ...data } = doc
  await tx.collection<RoleDoc>(SHARED.staffRoles).doc(_id).set({ data })
}

/** Adds or removes a person in the center's admins document. */
async function setAdmin(tx: TransactionApi, centerId: string, openid: string, admin: boolean): Promise<string[]> {
  const ref = tx.collection<AdminsDoc>(STAFF_COLLECTIONS.admins).doc(centerId)
  const others = ((await getOrNull(ref))?.openids ?? []).filter((o) => o !== openid)
  await ref.set({ data: { openids: admin ? [...others, openid] : others } })
  return others
}

/** Communities the person is responsible for; `keep` names the ones they still cover. */
async function dropResponsible(tx: TransactionApi, found: CommunityDoc[], openid: string, keep: Set<string>): Promise<void> {
  for (const c of found) {
    const ref = tx.collection<CommunityDoc>(SHARED.communities).doc(c._id)
    const now = await getOrNull(ref)
    if (now && now.responsibleOpenid === openid && !keep.has(now.name)) await ref.update({ data: { responsibleOpenid: null } })
  }
}

export function cloudbaseStaffAdminRepo(db: DbApi, cache: ConfigCache): StaffAdminRepo {
  const _ = db.command
  const invites = () => db.collection<InviteDoc>(STAFF_COLLECTIONS.invites)
  const responsibleFor = (centerId: string, openid: string) =>
    readAll(db.collection<CommunityDoc>(SHARED.communities).where({ centerId, responsibleOpenid: openid }).orderBy('_id', 'asc'))
  const grantsFrom = (docs: RoleDoc[]): StaffGrant[] =>
    [...docs].sort((a, b) => (a.role < b.role ? -1 : 1)).map((d) => ({ name: d.name, grant: toGrant(d) }))

  return {
    async createInvite(invite) {
      const { id: _id, ...data } = invite
      await invites().add({ data: { _id, ...data } })
    },
    async invites(centerId, limit) {
      return (await readUpTo(invites().where({ centerId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc'), limit)).map(toInvite)
    },
    async inviteByHash(codeHash) {
      const { data } = await invites().where({ codeHash }).limit(1).get()
      return data[0] ? toInvite(data[0]) : null
    },
    async cancelInvite(centerId, id, at) {
      const done = await invites()
        .where({ _id: id, centerId, usedAt: null, cancelledAt: null })
        .update({ data: { cancelledAt: at } })
      if (done.stats.updated === 0) return null
      const doc = await getOrNull(invites().doc(id))
      return doc ? toInvite(doc) : null
    },

    async redeem(codeHash, openid, at, merge) {
      const { data } = await invites().where({ codeHash }).limit(1).get()
      if (!data[0]) return { kind: 'unknown' }
      // Roles are remembered with the configuration (config-cache.ts): the write moves its generation.
      const outcome = await cache.write(async (tx) => {
        const ref = tx.collection<InviteDoc>(STAFF_COLLECTIONS.invites).doc(data[0]._id)
        const doc = await ref.get().then((r) => r.data)
        if (doc.usedAt || doc.cancelledAt || !(doc.expiresAt > at)) return { taken: false as const, invite: toInvite(doc) }
        const used = { usedBy: openid, usedByName: doc.name, usedAt: at }
        await ref.update({ data: used })
        const invite = toInvite({ ...doc, ...used })
        const held = await heldRoles(tx, invite.centerId, openid)
        const before = held.find((d) => d.role === invite.grant.role)
        const written = roleDoc(
          invite.centerId,
          openid,
          invite.name,
          merge(before && toGrant(before), invite.grant),
          before?.createdAt ?? at,
        )
        await writeRole(tx, written)
        // Every role of the person takes the invite's name.
        const renamed = held.filter((d) => d.role !== written.role).map((d) => ({ ...d, name: invite.name }))
        for (const d of renamed)
          await tx
            .collection<RoleDoc>(SHARED.staffRoles)
            .doc(d._id)
            .update({ data: { name: invite.name } })
        if (written.role === 'admin') await setAdmin(tx, invite.centerId, openid, true)
        return { taken: true as const, invite, grants: grantsFrom([...renamed, written]) }
      })
      if (outcome.taken) return { kind: 'redeemed', invite: outcome.invite, grants: outcome.grants }
      const invite = outcome.invite
      if (invite.usedBy === openid) return { kind: 'already_yours', invite, grants: await rolesOf(db, invite.centerId, openid) }
      if (invite.usedAt) return { kind: 'used', invite }
      if (invite.cancelledAt) return { kind: 'cancelled', invite }
      return { kind: 'expired', invite }
    },

    async redeemFailuresSince(openid, since) {
      return (
        await db
          .collection(STAFF_COLLECTIONS.failures)
          .where({ openid, at: _.gt(since) })
          .count()
      ).total
    },
    async recordRedeemFailure(openid, at) {
      const failures = db.collection(STAFF_COLLECTIONS.failures)
      await failures.where({ at: _.lt(new Date(Date.parse(at) - 86_400_000).toISOString()) }).remove()
      await failures.add({ data: { openid, at } })
    },

    async members(centerId) {
      const docs = await readAll(
        db
          .collection<RoleDoc>(SHARED.staffRoles)
          .where({ centerId })
          .orderBy('name', 'asc')
          .orderBy('openid', 'asc')
          .orderBy('role', 'asc'),
      )
      const by = new Map<string, StaffMemberRecord>()
      for (const d of docs) {
        const m = by.get(d.openid) ?? { openid: d.openid, name: d.name, grants: [], since: d.createdAt }
        m.grants.push(toGrant(d))
        if (d.createdAt < m.since) m.since = d.createdAt
        by.set(d.openid, m)
      }
      return [...by.values()]
    },

    async grantDistrict(openid, name, at) {
      const ref = db.collection<DistrictStaffDoc>(DISTRICT_COLLECTIONS.staff).doc(openid)
      const held = await getOrNull(ref)
      await ref.set({ data: { openid, name, role: 'district', createdAt: held?.createdAt ?? at } })
    },

    async setGrant(centerId, openid, grant: Grant, at) {
      const communities = grant.role === 'grid' ? await responsibleFor(centerId, openid) : []
      return cache.write(async (tx) => {
        const held = await heldRoles(tx, centerId, openid)
        if (held.length === 0) return false
        const before = held.find((d) => d.role === grant.role)
        await writeRole(tx, roleDoc(centerId, openid, held[0].name, grant, before?.createdAt ?? at))
        if (grant.role === 'grid') await dropResponsible(tx, communities, openid, new Set(grant.communities ?? []))
        if (grant.role === 'admin') await setAdmin(tx, centerId, openid, true)
        return true
      })
    },

    async revokeGrant(centerId, openid, role: StaffRole) {
      const communities = role === 'grid' ? await responsibleFor(centerId, openid) : []
      return cache.write(async (tx) => {
        const ref = tx.collection<RoleDoc>(SHARED.staffRoles).doc(roleId(centerId, openid, role))
        if (!(await getOrNull(ref))) return 'not_found' as const
        if (role === 'admin') {
          const admins = await getOrNull(tx.collection<AdminsDoc>(STAFF_COLLECTIONS.admins).doc(centerId))
          if (!admins?.openids.some((o) => o !== openid)) return 'last_admin' as const
          await setAdmin(tx, centerId, openid, false)
        }
        await ref.remove()
        if (role === 'grid') await dropResponsible(tx, communities, openid, new Set())
        return 'revoked' as const
      })
    },
  }
}
