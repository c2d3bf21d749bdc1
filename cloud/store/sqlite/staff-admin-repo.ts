import type { Grant, StaffRole } from '@/core/staff-roles'
import type { InviteRecord, RedeemInviteResult, StaffAdminRepo, StaffGrant, StaffMemberRecord } from '../port'
import type { Db } from './open-database'

interface InviteRow {
  id: string
  center_id: string
  code_hash: string
  code_tail: string
  name: string
  role: StaffRole
  scope_json: string
  created_by: string
  created_by_name: string
  created_at: string
  expires_at: string
  used_by: string | null
  used_by_name: string | null
  used_at: string | null
  cancelled_at: string | null
}

const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  centerId: r.center_id,
  codeHash: r.code_hash,
  codeTail: r.code_tail,
  name: r.name,
  grant: { role: r.role, ...JSON.parse(r.scope_json) },
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedBy: r.used_by,
  usedByName: r.used_by_name,
  usedAt: r.used_at,
  cancelledAt: r.cancelled_at,
})

/** The scope columns of a grant (everything but the role), as staff_roles keeps them. */
const scopeJson = ({ role: _role, ...scope }: Grant) => JSON.stringify(scope)

interface RoleRow {
  openid: string
  name: string
  role: StaffRole
  scope_json: string
  created_at: string
}

const toGrant = (r: Pick<RoleRow, 'role' | 'scope_json'>): Grant => ({ role: r.role, ...JSON.parse(r.scope_json) })

/**
 * Staff administration on SQLite. The invite's one use and the last admin are
 * decided inside `BEGIN IMMEDIATE` transactions by conditional writes, so two
 * server processes on one file cannot both win.
 */
export function sqliteStaffAdminRepo(db: Db): StaffAdminRepo {
  const q = {
    insertInvite:
      db.prepare(`INSERT INTO staff_invites (id, center_id, code_hash, code_tail, name, role, scope_json, created_by, created_by_name, created_at, expires_at)
      VALUES (@id, @centerId, @codeHash, @codeTail, @name, @role, @scope, @createdBy, @createdByName, @createdAt, @expiresAt)`),
    invites: db.prepare('SELECT * FROM staff_invites WHERE center_id = ? ORDER BY created_at DESC, id LIMIT ?'),
    invite: db.prepare('SELECT * FROM staff_invites WHERE id = ?'),
    byHash: db.prepare('SELECT * FROM staff_invites WHERE code_hash = ?'),
    cancel: db.prepare(
      'UPDATE staff_invites SET cancelled_at = ? WHERE id = ? AND center_id = ? AND used_at IS NULL AND cancelled_at IS NULL',
    ),
    take: db.prepare(
      'UPDATE staff_invites SET used_by = @openid, used_by_name = name, used_at = @at WHERE code_hash = @hash AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > @at',
    ),
    roles: db.prepare(
      'SELECT openid, name, role, scope_json, created_at FROM staff_roles WHERE center_id = ? AND openid = ? ORDER BY role',
    ),
    upsertRole:
      db.prepare(`INSERT INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES (@centerId, @openid, @name, @role, @scope, @at)
      ON CONFLICT (center_id, openid, role) DO UPDATE SET scope_json = excluded.scope_json, name = excluded.name`),
    rename: db.prepare('UPDATE staff_roles SET name = ? WHERE center_id = ? AND openid = ?'),
    failures: db.prepare('SELECT COUNT(*) AS n FROM staff_invite_failures WHERE openid = ? AND at > ?'),
    addFailure: db.prepare('INSERT INTO staff_invite_failures (openid, at) VALUES (?, ?)'),
    pruneFailures: db.prepare('DELETE FROM staff_invite_failures WHERE at < ?'),
    members: db.prepare(
      'SELECT openid, name, role, scope_json, created_at FROM staff_roles WHERE center_id = ? ORDER BY name, openid, role',
    ),
    anyRole: db.prepare('SELECT name FROM staff_roles WHERE center_id = ? AND openid = ? LIMIT 1'),
    // The count is read inside the same write: the last admin row is never deleted, whoever else is revoking at the same moment.
    revokeAdmin: db.prepare(
      "DELETE FROM staff_roles WHERE center_id = @centerId AND openid = @openid AND role = 'admin' AND (SELECT COUNT(*) FROM staff_roles WHERE center_id = @centerId AND role = 'admin') > 1",
    ),
    revoke: db.prepare('DELETE FROM staff_roles WHERE center_id = ? AND openid = ? AND role = ?'),
    hasRole: db.prepare('SELECT 1 FROM staff_roles WHERE center_id = ? AND openid = ? AND role = ?'),
    dropResponsible: db.prepare('UPDATE communities SET responsible_openid = NULL WHERE center_id = ? AND responsible_openid = ?'),
    responsibleFor: db.prepare('SELECT id, name FROM communities WHERE center_id = ? AND responsible_openid = ?'),
    dropOne: db.prepare('UPDATE communities SET responsible_openid = NULL WHERE id = ?'),
  }

  const grantsOf = (centerId: string, openid: string): StaffGrant[] =>
    (q.roles.all(centerId, openid) as RoleRow[]).map((r) => ({ name: r.name, grant: toGrant(r) }))

  const redeemTx = db.transaction(
    (hash: string, openid: string, at: string, merge: (held: Grant | undefined, added: Grant) => Grant): RedeemInviteResult => {
      if (q.take.run({ hash, openid, at }).changes === 0) {
        const row = q.byHash.get(hash) as InviteRow | undefined
        if (!row) return { kind: 'unknown' }
        const invite = toInvite(row)
        if (invite.usedBy === openid) return { kind: 'already_yours', invite, grants: grantsOf(invite.centerId, openid) }
        if (invite.usedAt) return { kind: 'used', invite }
        if (invite.cancelledAt) return { kind: 'cancelled', invite }
        return { kind: 'expired', invite }
      }
      const invite = toInvite(q.byHash.get(hash) as InviteRow)
      const held = grantsOf(invite.centerId, openid).find((g) => g.grant.role === invite.grant.role)?.grant
      const grant = merge(held, invite.grant)
      q.upsertRole.run({ centerId: invite.centerId, openid, name: invite.name, role: grant.role, scope: scopeJson(grant), at })
      q.rename.run(invite.name, invite.centerId, openid)
      return { kind: 'redeemed', invite, grants: grantsOf(invite.centerId, openid) }
    },
  )

  const setGrantTx = db.transaction((centerId: string, openid: string, grant: Grant, at: string): boolean => {
    const name = q.anyRole.get(centerId, openid) as { name: string } | undefined
    if (!name) return false
    q.upsertRole.run({ centerId, openid, name: name.name, role: grant.role, scope: scopeJson(grant), at })
    if (grant.role === 'grid') {
      // Stop being responsible for communities no longer in the scope.
      const keep = new Set(grant.communities ?? [])
      for (const c of q.responsibleFor.all(centerId, openid) as { id: string; name: string }[]) if (!keep.has(c.name)) q.dropOne.run(c.id)
    }
    return true
  })

  const revokeTx = db.transaction((centerId: string, openid: string, role: StaffRole): 'revoked' | 'not_found' | 'last_admin' => {
    if (!q.hasRole.get(centerId, openid, role)) return 'not_found'
    if (role === 'admin') {
      if (q.revokeAdmin.run({ centerId, openid }).changes === 0) return 'last_admin'
    } else q.revoke.run(centerId, openid, role)
    if (role === 'grid') q.dropResponsible.run(centerId, openid)
    return 'revoked'
  })

  return {
    async createInvite(i) {
      const { role: _role, ...scope } = i.grant
      q.insertInvite.run({ ...i, role: i.grant.role, scope: JSON.stringify(scope) })
    },
    async invites(centerId, limit) {
      return (q.invites.all(centerId, limit) as InviteRow[]).map(toInvite)
    },
    async inviteByHash(hash) {
      const row = q.byHash.get(hash) as InviteRow | undefined
      return row ? toInvite(row) : null
    },
    async cancelInvite(centerId, id, at) {
      if (q.cancel.run(at, id, centerId).changes === 0) return null
      return toInvite(q.invite.get(id) as InviteRow)
    },
    async redeem(hash, openid, at, merge) {
      return redeemTx.immediate(hash, openid, at, merge)
    },
    async redeemFailuresSince(openid, since) {
      return (q.failures.get(openid, since) as { n: number }).n
    },
    async recordRedeemFailure(openid, at) {
      db.transaction(() => {
        q.pruneFailures.run(new Date(new Date(at).getTime() - 86_400_000).toISOString())
        q.addFailure.run(openid, at)
      }).immediate()
    },
    async members(centerId) {
      const by = new Map<string, StaffMemberRecord>()
      for (const r of q.members.all(centerId) as RoleRow[]) {
        const m = by.get(r.openid) ?? { openid: r.openid, name: r.name, grants: [], since: r.created_at }
        m.grants.push(toGrant(r))
        if (r.created_at < m.since) m.since = r.created_at
        by.set(r.openid, m)
      }
      return [...by.values()]
    },
    async grantDistrict(openid, name, at) {
      db.prepare(
        "INSERT INTO district_staff (openid, name, role, created_at) VALUES (?, ?, 'district', ?) ON CONFLICT (openid) DO UPDATE SET name = excluded.name",
      ).run(openid, name, at)
    },
    async setGrant(centerId, openid, grant, at) {
      return setGrantTx.immediate(centerId, openid, grant, at)
    },
    async revokeGrant(centerId, openid, role) {
      return revokeTx.immediate(centerId, openid, role)
    },
  }
}
