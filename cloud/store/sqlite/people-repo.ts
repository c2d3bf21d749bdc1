import type { AddRelativeResult, IdentityRecord, NewRelative, PeopleRepo, RelativeRecord } from '../port'
import type { Db } from './open-database'

const DAY_MS = 24 * 3600_000

interface IdentityRow {
  openid: string
  name_sealed: string
  id_sealed: string
  id_hash: string
  id_masked: string
  status: IdentityRecord['status']
  verified_at: string | null
  updated_at: string
}

interface RelativeRow {
  id: string
  owner_openid: string
  relation: RelativeRecord['relation']
  name_sealed: string
  id_sealed: string
  id_hash: string
  id_masked: string
  consent: RelativeRecord['consent']
  code_hash: string | null
  code_expires_at: string | null
  confirmed_by: string | null
  confirmed_at: string | null
  created_at: string
}

const toIdentity = (r: IdentityRow): IdentityRecord => ({
  openid: r.openid,
  nameSealed: r.name_sealed,
  idSealed: r.id_sealed,
  idHash: r.id_hash,
  idMasked: r.id_masked,
  status: r.status,
  verifiedAt: r.verified_at,
  updatedAt: r.updated_at,
})

const toRelative = (r: RelativeRow): RelativeRecord => ({
  id: r.id,
  ownerOpenid: r.owner_openid,
  relation: r.relation,
  nameSealed: r.name_sealed,
  idSealed: r.id_sealed,
  idHash: r.id_hash,
  idMasked: r.id_masked,
  consent: r.consent,
  codeHash: r.code_hash,
  codeExpiresAt: r.code_expires_at,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  createdAt: r.created_at,
})

/**
 * The account's identity and relatives, read synchronously: also inside another store's transaction (a booking create
 * decides its limit holder from them in its group commit, see booking-repo.ts).
 */
export function sqlitePeopleReads(db: Db) {
  const identity = db.prepare('SELECT * FROM identities WHERE openid = ?')
  const relatives = db.prepare('SELECT * FROM relatives WHERE owner_openid = ? ORDER BY created_at, id')
  return {
    identity(openid: string): IdentityRecord | null {
      const row = identity.get(openid) as IdentityRow | undefined
      return row ? toIdentity(row) : null
    },
    relatives: (ownerOpenid: string): RelativeRecord[] => (relatives.all(ownerOpenid) as RelativeRow[]).map(toRelative),
  }
}

/** 我的身份 and 亲友 on SQLite: every write one statement or one IMMEDIATE transaction (the count and the insert of `addRelative`). */
export function sqlitePeopleRepo(db: Db): PeopleRepo {
  const reads = sqlitePeopleReads(db)
  const q = {
    saveIdentity: db.prepare(`INSERT INTO identities (openid, name_sealed, id_sealed, id_hash, id_masked, status, verified_at, updated_at)
      VALUES (@openid, @nameSealed, @idSealed, @idHash, @idMasked, @status, @verifiedAt, @updatedAt)
      ON CONFLICT (openid) DO UPDATE SET name_sealed = excluded.name_sealed, id_sealed = excluded.id_sealed, id_hash = excluded.id_hash,
        id_masked = excluded.id_masked, status = excluded.status, verified_at = excluded.verified_at, updated_at = excluded.updated_at`),
    markVerified: db.prepare("UPDATE identities SET status = 'verified', verified_at = ?, updated_at = ? WHERE openid = ? AND id_hash = ?"),
    relative: db.prepare('SELECT * FROM relatives WHERE id = ?'),
    byPerson: db.prepare('SELECT * FROM relatives WHERE owner_openid = ? AND id_hash = ?'),
    count: db.prepare('SELECT COUNT(*) FROM relatives WHERE owner_openid = ?').pluck(),
    insert: db.prepare(`INSERT INTO relatives (id, owner_openid, relation, name_sealed, id_sealed, id_hash, id_masked, consent, code_hash,
      code_expires_at, created_at) VALUES (@id, @ownerOpenid, @relation, @nameSealed, @idSealed, @idHash, @idMasked, 'pending', @codeHash,
      @codeExpiresAt, @createdAt)`),
    remove: db.prepare('DELETE FROM relatives WHERE owner_openid = ? AND id = ?'),
    setCode: db.prepare("UPDATE relatives SET code_hash = ?, code_expires_at = ? WHERE id = ? AND consent = 'pending'"),
    byCode: db.prepare("SELECT * FROM relatives WHERE code_hash = ? AND consent = 'pending' AND code_expires_at > ?"),
    confirm: db.prepare(`UPDATE relatives SET consent = ?, confirmed_by = ?, confirmed_at = ?, code_hash = NULL, code_expires_at = NULL
      WHERE id = ? AND consent = 'pending'`),
    failures: db.prepare('SELECT COUNT(*) FROM people_attempt_failures WHERE key = ? AND at > ?').pluck(),
    addFailure: db.prepare('INSERT INTO people_attempt_failures (key, at) VALUES (?, ?)'),
    pruneFailures: db.prepare('DELETE FROM people_attempt_failures WHERE at < ?'),
  }
  const getRelative = (id: string) => {
    const row = q.relative.get(id) as RelativeRow | undefined
    return row ? toRelative(row) : null
  }

  const addRelative = db.transaction((r: NewRelative, max: number): AddRelativeResult => {
    const existing = q.byPerson.get(r.ownerOpenid, r.idHash) as RelativeRow | undefined
    if (existing) return { kind: 'existing', relative: toRelative(existing) }
    if ((q.count.get(r.ownerOpenid) as number) >= max) return { kind: 'too_many' }
    q.insert.run(r)
    return { kind: 'added', relative: { ...r, consent: 'pending', confirmedBy: null, confirmedAt: null } }
  })

  const recordFailure = db.transaction((keys: readonly string[], at: string) => {
    for (const key of keys) q.addFailure.run(key, at)
    q.pruneFailures.run(new Date(new Date(at).getTime() - DAY_MS).toISOString())
  })

  return {
    async identity(openid) {
      return reads.identity(openid)
    },
    async saveIdentity(identity) {
      q.saveIdentity.run(identity)
    },
    async markVerified(openid, idHash, at) {
      if (q.markVerified.run(at, at, openid, idHash).changes === 0) return null
      return reads.identity(openid)
    },
    async relatives(ownerOpenid) {
      return reads.relatives(ownerOpenid)
    },
    async relative(id) {
      return getRelative(id)
    },
    async addRelative(relative, max) {
      return addRelative.immediate(relative, max)
    },
    async removeRelative(ownerOpenid, id) {
      return q.remove.run(ownerOpenid, id).changes > 0
    },
    async setConsentCode(id, codeHash, expiresAt) {
      if (q.setCode.run(codeHash, expiresAt, id).changes === 0) return null
      return getRelative(id)
    },
    async pendingByCode(codeHash, now) {
      const row = q.byCode.get(codeHash, now) as RelativeRow | undefined
      return row ? toRelative(row) : null
    },
    async confirm(id, consent, by, at) {
      if (q.confirm.run(consent, by, at, id).changes === 0) return null
      return getRelative(id)
    },
    async failuresSince(key, since) {
      return q.failures.get(key, since) as number
    },
    async recordFailure(keys, at) {
      recordFailure.immediate(keys, at)
    },
  }
}
