import type { HomecertStatus } from '@/core/home-certification-states'
import { ACTIVE_STATUSES } from '@/core/home-certification-states'
import type {
  CommunityRecord,
  CreateHomecertResult,
  GridWorkerRecord,
  HomecertRecord,
  HomecertRepo,
  HomecertStepRecord,
  HomecertTransition,
  NewHomecert,
  NewMessage,
} from '../port'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { insertMessageStatement } from './message-repo'
import type { Db } from './open-database'
import { sqliteHomecertPurge } from './retention'
import type { FileStore } from '../port/files'

interface RequestRow {
  id: string
  number: string
  center_id: string
  community_id: string
  status: HomecertStatus
  version: number
  requester_openid: string
  request_id: string
  elder_name: string
  elder_id_sealed: string
  elder_id_hash: string
  elder_id_masked: string
  elder_birth_date: string
  elder_phone: string | null
  elder_address: string
  category: HomecertRecord['category']
  disability_sealed: string | null
  disability_kind: string | null
  disability_grade: string | null
  reason: string | null
  requester_self: number
  requester_name: string
  requester_phone: string
  relation: HomecertRecord['relation']
  windows_json: string
  note: string | null
  worker_openid: string | null
  worker_name: string | null
  visit_date: string | null
  visit_half: HomecertRecord['visitHalf']
  visit_note: string | null
  not_home_count: number
  waiting_since: string
  outcome_note: string | null
  verify_method: HomecertRecord['verifyMethod']
  evidence_note: string | null
  evidence_photo: string | null
  visited_on: string | null
  certified_on: string | null
  next_due: string | null
  due_reminded_at: string | null
  created_at: string
  updated_at: string
  closed_at: string | null
}

const rowToRequest = (r: RequestRow): HomecertRecord => ({
  id: r.id,
  number: r.number,
  centerId: r.center_id,
  communityId: r.community_id,
  status: r.status,
  version: r.version,
  requesterOpenid: r.requester_openid,
  requestId: r.request_id,
  elderName: r.elder_name,
  elderIdSealed: r.elder_id_sealed,
  elderIdHash: r.elder_id_hash,
  elderIdMasked: r.elder_id_masked,
  elderBirthDate: r.elder_birth_date,
  elderPhone: r.elder_phone,
  elderAddress: r.elder_address,
  category: r.category,
  disabilitySealed: r.disability_sealed,
  disabilityKind: r.disability_kind,
  disabilityGrade: r.disability_grade,
  reason: r.reason,
  requesterSelf: r.requester_self === 1,
  requesterName: r.requester_name,
  requesterPhone: r.requester_phone,
  relation: r.relation,
  windows: JSON.parse(r.windows_json),
  note: r.note,
  workerOpenid: r.worker_openid,
  workerName: r.worker_name,
  visitDate: r.visit_date,
  visitHalf: r.visit_half,
  visitNote: r.visit_note,
  notHomeCount: r.not_home_count,
  waitingSince: r.waiting_since,
  outcomeNote: r.outcome_note,
  verifyMethod: r.verify_method,
  evidenceNote: r.evidence_note,
  evidencePhoto: r.evidence_photo,
  visitedOn: r.visited_on,
  certifiedOn: r.certified_on,
  nextDue: r.next_due,
  dueRemindedAt: r.due_reminded_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
})

/** Record field → column, for the fields a transition may change. */
const CHANGE_COLUMNS: Record<keyof HomecertTransition['changes'], string> = {
  workerOpenid: 'worker_openid',
  workerName: 'worker_name',
  visitDate: 'visit_date',
  visitHalf: 'visit_half',
  visitNote: 'visit_note',
  notHomeCount: 'not_home_count',
  waitingSince: 'waiting_since',
  outcomeNote: 'outcome_note',
  verifyMethod: 'verify_method',
  evidenceNote: 'evidence_note',
  evidencePhoto: 'evidence_photo',
  visitedOn: 'visited_on',
  certifiedOn: 'certified_on',
  nextDue: 'next_due',
  windows: 'windows_json',
  closedAt: 'closed_at',
}

/** A unique-key violation naming `needle` (duck-typed: jest's sandbox may hand errors from another realm). */
function isUnique(err: unknown, needle: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return (
    typeof e?.code === 'string' &&
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.includes(needle)
  )
}

const ACTIVE_SQL = ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')

/**
 * Home-certification requests on SQLite. Writes are `BEGIN IMMEDIATE`
 * transactions; a transition updates only if the status and version it read
 * are still there, so two processes on one file never both move a request.
 */
export function sqliteHomecertRepo(db: Db, sealer: Sealer, files: FileStore): HomecertRepo {
  const toRequest = (r: RequestRow) => openFields(sealer, rowToRequest(r), SEALED_FIELDS.homecert)
  const q = {
    communities: db.prepare(
      'SELECT id, center_id AS centerId, name, responsible_openid AS responsibleOpenid, sort FROM communities WHERE center_id = ? ORDER BY sort, id',
    ),
    gridWorkers: db.prepare(
      `SELECT r.openid, r.name, r.scope_json, p.phone FROM staff_roles r LEFT JOIN homecert_worker_phones p ON p.center_id = r.center_id AND p.openid = r.openid
       WHERE r.center_id = ? AND r.role = 'grid' ORDER BY r.name, r.openid`,
    ),
    rules: db.prepare('SELECT rules_json FROM homecert_settings WHERE center_id = ?'),
    get: db.prepare('SELECT * FROM homecert_requests WHERE id = ?'),
    byRequest: db.prepare('SELECT * FROM homecert_requests WHERE requester_openid = ? AND request_id = ?'),
    active: db.prepare(`SELECT * FROM homecert_requests WHERE elder_id_hash = ? AND status IN (${ACTIVE_SQL})`),
    lastCertified: db.prepare(
      "SELECT * FROM homecert_requests WHERE elder_id_hash = ? AND status = 'certified' ORDER BY certified_on DESC, id LIMIT 1",
    ),
    nextNumber: db.prepare(
      'INSERT INTO homecert_numbers (center_id, date, last) VALUES (?, ?, 1) ON CONFLICT (center_id, date) DO UPDATE SET last = last + 1 RETURNING last',
    ),
    insert: db.prepare(`INSERT INTO homecert_requests
      (id, number, center_id, community_id, status, version, requester_openid, request_id, elder_name, elder_id_sealed, elder_id_hash, elder_id_masked,
       elder_birth_date, elder_phone, elder_address, category, disability_sealed, disability_kind, disability_grade, reason, requester_self,
       requester_name, requester_phone, relation, windows_json, note, waiting_since, created_at, updated_at)
      VALUES (@id, @number, @centerId, @communityId, 'submitted', 1, @requesterOpenid, @requestId, @elderName, @elderIdSealed, @elderIdHash, @elderIdMasked,
       @elderBirthDate, @elderPhone, @elderAddress, @category, @disabilitySealed, @disabilityKind, @disabilityGrade, @reason, @requesterSelf,
       @requesterName, @requesterPhone, @relation, @windowsJson, @note, @waitingSince, @createdAt, @createdAt)`),
    insertStep:
      db.prepare(`INSERT INTO homecert_timeline (request_id, seq, at, action, from_status, to_status, actor_role, actor_openid, actor_name, detail, note)
      VALUES (@requestId, @seq, @at, @action, @fromStatus, @toStatus, @actorRole, @actorOpenid, @actorName, @detail, @note)`),
    timeline: db.prepare(
      `SELECT request_id AS requestId, seq, at, action, from_status AS fromStatus, to_status AS toStatus, actor_role AS actorRole, actor_openid AS actorOpenid, actor_name AS actorName, detail, note
       FROM homecert_timeline WHERE request_id = ? ORDER BY seq`,
    ),
    byRequester: db.prepare(
      'SELECT * FROM homecert_requests WHERE requester_openid = ? AND center_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    dueBy: db.prepare(
      `SELECT r.* FROM homecert_requests r
       WHERE r.center_id = @centerId AND r.status = 'certified' AND r.next_due BETWEEN @from AND @until AND (@unremindedOnly = 0 OR r.due_reminded_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM homecert_requests n WHERE n.elder_id_hash = r.elder_id_hash AND n.created_at > r.created_at
                         AND n.status NOT IN ('cancelled', 'ineligible', 'closed_other'))
       ORDER BY r.next_due, r.id LIMIT @limit`,
    ),
    remindDue: db.prepare(
      "UPDATE homecert_requests SET due_reminded_at = ? WHERE id = ? AND status = 'certified' AND due_reminded_at IS NULL",
    ),
    insertMessage: insertMessageStatement(db, sealer),
  }

  const staffStatements = new Map<string, ReturnType<Db['prepare']>>()
  function staffStatement(statuses: number, communities: number | null, byWorker: boolean, order: 'oldest' | 'newest') {
    const key = `${statuses}|${communities}|${byWorker}|${order}`
    let stmt = staffStatements.get(key)
    if (!stmt) {
      const list = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `@${prefix}${i}`).join(', ')
      stmt = db.prepare(
        `SELECT * FROM homecert_requests WHERE center_id = @centerId AND status IN (${list('s', statuses)})
         ${communities === null ? '' : `AND community_id IN (${communities ? list('c', communities) : 'NULL'})`}
         ${byWorker ? 'AND worker_openid = @workerOpenid' : ''}
         ORDER BY created_at ${order === 'oldest' ? 'ASC' : 'DESC'}, id ${order === 'oldest' ? 'ASC' : 'DESC'} LIMIT @limit`,
      )
      staffStatements.set(key, stmt)
    }
    return stmt
  }

  const create = db.transaction(
    (
      r: NewHomecert,
      date: string,
      numberOf: (date: string, n: number) => string,
      step: HomecertTransition['step'],
      message: (r: HomecertRecord) => NewMessage,
    ): CreateHomecertResult => {
      const first = q.byRequest.get(r.requesterOpenid, r.requestId) as RequestRow | undefined
      if (first) return { kind: 'duplicate', request: toRequest(first) }
      const active = q.active.get(r.elderIdHash) as RequestRow | undefined
      if (active) return { kind: 'active_exists', request: toRequest(active) }
      const { last } = q.nextNumber.get(r.centerId, date) as { last: number }
      try {
        q.insert.run({
          ...sealFields(sealer, r, SEALED_FIELDS.homecert),
          number: numberOf(date, last),
          requesterSelf: r.requesterSelf ? 1 : 0,
          windowsJson: JSON.stringify(r.windows),
        })
      } catch (err) {
        // The partial unique index: unreachable after the check above inside this write lock; the guard of record.
        if (isUnique(err, 'homecert_requests.elder_id_hash'))
          return { kind: 'active_exists', request: toRequest(q.active.get(r.elderIdHash) as RequestRow) }
        throw err
      }
      q.insertStep.run({ requestId: r.id, seq: 1, fromStatus: null, toStatus: 'submitted', ...step })
      const created = toRequest(q.get.get(r.id) as RequestRow)
      q.insertMessage.run(message(created))
      return { kind: 'created', request: created }
    },
  )

  const transition = db.transaction((id: string, t: HomecertTransition): HomecertRecord | null => {
    const sets = ['status = @to', 'version = version + 1', 'updated_at = @at']
    const params: Record<string, unknown> = { id, to: t.to, at: t.step.at, fromStatus: t.from.status, fromVersion: t.from.version }
    for (const [field, value] of Object.entries(t.changes) as [keyof HomecertTransition['changes'], unknown][]) {
      if (value === undefined) continue
      sets.push(`${CHANGE_COLUMNS[field]} = @${field}`)
      params[field] = field === 'windows' ? JSON.stringify(value) : value
    }
    const changed = db
      .prepare(`UPDATE homecert_requests SET ${sets.join(', ')} WHERE id = @id AND status = @fromStatus AND version = @fromVersion`)
      .run(params).changes
    if (changed === 0) return null
    q.insertStep.run({ requestId: id, seq: t.from.version + 1, fromStatus: t.from.status, toStatus: t.to, ...t.step })
    for (const m of t.messages) q.insertMessage.run(m)
    return toRequest(q.get.get(id) as RequestRow)
  })

  const recordDueReminder = db.transaction((id: string, at: string, message: NewMessage): boolean => {
    if (q.remindDue.run(at, id).changes === 0) return false
    q.insertMessage.run(message)
    return true
  })

  return {
    purgePersonalData: sqliteHomecertPurge(db, files),
    async communities(centerId) {
      return q.communities.all(centerId) as CommunityRecord[]
    },
    async gridWorkers(centerId) {
      return (q.gridWorkers.all(centerId) as { openid: string; name: string; scope_json: string; phone: string | null }[]).map(
        (r): GridWorkerRecord => ({
          openid: r.openid,
          name: r.name,
          communities: JSON.parse(r.scope_json).communities ?? [],
          phone: r.phone,
        }),
      )
    },
    async rules(centerId) {
      const row = q.rules.get(centerId) as { rules_json: string } | undefined
      return row ? JSON.parse(row.rules_json) : {}
    },
    async get(id) {
      const row = q.get.get(id) as RequestRow | undefined
      return row ? toRequest(row) : null
    },
    async activeForElder(elderIdHash) {
      const row = q.active.get(elderIdHash) as RequestRow | undefined
      return row ? toRequest(row) : null
    },
    async lastCertified(elderIdHash) {
      const row = q.lastCertified.get(elderIdHash) as RequestRow | undefined
      return row ? toRequest(row) : null
    },
    async create(request, date, numberOf, step, message) {
      return create.immediate(request, date, numberOf, step, message)
    },
    async transition(id, t) {
      return transition.immediate(id, t)
    },
    async timeline(id) {
      return q.timeline.all(id) as HomecertStepRecord[]
    },
    async listByRequester(centerId, openid, limit) {
      return (q.byRequester.all(openid, centerId, limit) as RequestRow[]).map(toRequest)
    },
    async listForStaff(query) {
      if (query.statuses.length === 0) return []
      const params: Record<string, unknown> = { centerId: query.centerId, limit: query.limit, workerOpenid: query.workerOpenid ?? null }
      query.statuses.forEach((s, i) => (params[`s${i}`] = s))
      query.communityIds?.forEach((c, i) => (params[`c${i}`] = c))
      const stmt = staffStatement(
        query.statuses.length,
        query.communityIds ? query.communityIds.length : null,
        query.workerOpenid !== undefined,
        query.order,
      )
      return (stmt.all(params) as RequestRow[]).map(toRequest)
    },
    async dueBy(centerId, from, until, { limit, unremindedOnly }) {
      return (q.dueBy.all({ centerId, from, until, limit, unremindedOnly: unremindedOnly ? 1 : 0 }) as RequestRow[]).map(toRequest)
    },
    async recordDueReminder(id, at, message) {
      return recordDueReminder.immediate(id, at, message)
    },
  }
}
