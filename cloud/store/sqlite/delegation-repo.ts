import type { CaseState } from '@/core/delegation-states'
import type { Material } from '@/core/materials'
import type { StaffRole } from '@/core/staff-roles'
import type {
  CaseMessage,
  CaseOriginalRecord,
  CasePatch,
  CasePhotoRecord,
  CaseRecord,
  CaseRepo,
  CaseStaffQuery,
  CaseStepWrite,
  ClaimResult,
  CreateCaseResult,
  NewCase,
  NewCaseEvent,
} from '../port'
import {
  type CaseRow,
  type EventRow,
  type MaterialRow,
  type OriginalRow,
  PATCH_COLUMNS,
  toCase as rowToCase,
  toEvent,
  toMaterial,
  toOriginal,
} from './delegation-rows'
import { openFields, phoneTailKey, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { insertMessageStatement } from './message-repo'
import type { Db } from './open-database'
import { sqliteCasePurge } from './retention'
import { storedFileKeys, type FileStore } from '../port/files'

/** Thrown inside a transaction to roll it back. */
class Rollback {}

/** The event's extra fields, kept together as JSON. */
function eventData(e: NewCaseEvent): string {
  const data: Record<string, unknown> = {}
  for (const key of ['missing', 'department', 'result', 'delivery', 'photoIds'] as const) if (e[key] !== undefined) data[key] = e[key]
  return JSON.stringify(data)
}

/**
 * Delegated cases on SQLite. Every write that reads first is one `BEGIN
 * IMMEDIATE` transaction, and every step is conditional on the state read, so
 * two processes on one file never both move a case or share a case number.
 */
export function sqliteCaseRepo(db: Db, sealer: Sealer, files: FileStore): CaseRepo {
  const toCase = (r: CaseRow) => openFields(sealer, rowToCase(r), SEALED_FIELDS.case)
  const q = {
    get: db.prepare('SELECT * FROM cases WHERE id = ?'),
    byRequest: db.prepare('SELECT * FROM cases WHERE created_by = ? AND request_id = ?'),
    countOpen: db.prepare(
      "SELECT COUNT(*) AS n FROM cases WHERE openid = ? AND center_id = ? AND state NOT IN ('delivered', 'withdrawn', 'rejected')",
    ),
    ensureDay: db.prepare('INSERT INTO case_sequences (date, last) VALUES (?, 0) ON CONFLICT DO NOTHING'),
    nextSeq: db.prepare('UPDATE case_sequences SET last = last + 1 WHERE date = ? RETURNING last'),
    insert: db.prepare(`INSERT INTO cases
      (id, case_no, center_id, service_id, service_name, processing_days, state, channel, openid, created_by, request_id, applicant_name, for_self, relation,
       phone, phone_tail, description, handover, address, assignee_openid, assignee_name, accepted_at, updated_at, claim_code_hash, claim_expires_at)
      VALUES (@id, @caseNo, @centerId, @serviceId, @serviceName, @processingDays, @state, @channel, @openid, @createdBy, @requestId, @applicantName, @forSelf, @relation,
       @phone, @phoneTail, @description, @handover, @address, @assigneeOpenid, @assigneeName, @acceptedAt, @acceptedAt, @claimCodeHash, @claimExpiresAt)`),
    insertMaterial: db.prepare('INSERT INTO case_materials (case_id, idx, name, copies, note) VALUES (?, ?, ?, ?, ?)'),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM case_events WHERE case_id = ?'),
    insertEvent:
      db.prepare(`INSERT INTO case_events (case_id, seq, at, actor_kind, actor_openid, actor_name, kind, from_state, to_state, note, data_json)
      VALUES (@caseId, @seq, @at, @actorKind, @actorOpenid, @actorName, @kind, @fromState, @toState, @note, @data)`),
    timeline: db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq'),
    materials: db.prepare('SELECT * FROM case_materials WHERE case_id = ? ORDER BY idx'),
    tick: db.prepare('UPDATE case_materials SET status = ?, reason = ?, by_openid = ?, by_name = ?, at = ? WHERE case_id = ? AND idx = ?'),
    material: db.prepare('SELECT * FROM case_materials WHERE case_id = ? AND idx = ?'),
    originals: db.prepare('SELECT * FROM case_originals WHERE case_id = ? ORDER BY id'),
    original: db.prepare('SELECT * FROM case_originals WHERE id = ?'),
    receivedOpen: db.prepare(
      "SELECT o.id FROM case_originals o WHERE o.id = ? AND o.case_id = ? AND o.kind = 'received' AND NOT EXISTS (SELECT 1 FROM case_originals r WHERE r.received_id = o.id)",
    ),
    insertOriginal: db.prepare(`INSERT INTO case_originals (case_id, kind, name, count, note, received_id, by_openid, by_name, at)
      VALUES (@caseId, @kind, @name, @count, @note, @receivedId, @byOpenid, @byName, @at)`),
    pendingPhotos: db.prepare('SELECT COUNT(*) AS n FROM case_photos WHERE case_id = ? AND openid = ? AND event_seq IS NULL'),
    insertPhoto: db.prepare(
      'INSERT INTO case_photos (id, case_id, openid, file, bytes, event_seq, created_at) VALUES (@id, @caseId, @openid, @file, @bytes, NULL, @createdAt)',
    ),
    attachPhoto: db.prepare('UPDATE case_photos SET event_seq = ? WHERE id = ? AND case_id = ? AND openid = ? AND event_seq IS NULL'),
    pendingFiles: db.prepare('SELECT file FROM case_photos WHERE case_id = ? AND openid = ? AND event_seq IS NULL').pluck(),
    dropPending: db.prepare('DELETE FROM case_photos WHERE case_id = ? AND openid = ? AND event_seq IS NULL'),
    photo: db.prepare(
      'SELECT id, case_id AS caseId, openid, file, bytes, event_seq AS eventSeq, created_at AS createdAt FROM case_photos WHERE case_id = ? AND id = ?',
    ),
    reassign: db.prepare(
      "UPDATE cases SET assignee_openid = ?, assignee_name = ?, updated_at = ? WHERE id = ? AND assignee_openid IS ? AND state NOT IN ('delivered', 'withdrawn', 'rejected')",
    ),
    setClaim: db.prepare('UPDATE cases SET claim_code_hash = ?, claim_expires_at = ? WHERE id = ? AND openid IS NULL'),
    byClaim: db.prepare('SELECT * FROM cases WHERE claim_code_hash = ?'),
    claim: db.prepare(
      'UPDATE cases SET openid = ?, claimed_at = ?, updated_at = ? WHERE id = ? AND openid IS NULL AND claim_code_hash = ?',
    ),
    claimFailures: db.prepare('SELECT COUNT(*) AS n FROM case_claim_failures WHERE openid = ? AND at > ?'),
    recordFailure: db.prepare('INSERT INTO case_claim_failures (openid, at) VALUES (?, ?)'),
    pruneFailures: db.prepare('DELETE FROM case_claim_failures WHERE at < ?'),
    clerks: db.prepare(
      "SELECT openid, name, role FROM staff_roles WHERE center_id = ? AND role IN ('counter', 'supervisor', 'admin') ORDER BY name, openid, role",
    ),
    insertMessage: insertMessageStatement(db, sealer),
  }

  function appendEvent(caseId: string, from: CaseState | null, to: CaseState, e: NewCaseEvent): number {
    const seq = (q.lastSeq.get(caseId) as { n: number }).n + 1
    q.insertEvent.run({
      caseId,
      seq,
      at: e.at,
      actorKind: e.actorKind,
      actorOpenid: e.actorOpenid,
      actorName: e.actorName,
      kind: e.kind,
      fromState: from,
      toState: to,
      note: e.note,
      data: eventData(e),
    })
    return seq
  }

  function sendMessage(caseId: string, seq: number, m: CaseMessage | null | undefined) {
    if (m) q.insertMessage.run({ ...m, id: `case-${caseId}-${seq}` })
  }

  const reread = (id: string) => toCase(q.get.get(id) as CaseRow)

  const create = db.transaction(
    (
      c: NewCase,
      o: {
        date: string
        numberOf: (seq: number) => string
        materials: Material[]
        event: NewCaseEvent
        message: (stored: CaseRecord) => CaseMessage | null
        maxOpen: number
      },
    ): CreateCaseResult => {
      const first = q.byRequest.get(c.createdBy, c.requestId) as CaseRow | undefined
      if (first) return { kind: 'duplicate', case: toCase(first) }
      if (c.channel === 'online' && c.openid && (q.countOpen.get(c.openid, c.centerId) as { n: number }).n >= o.maxOpen)
        return { kind: 'too_many_open' }
      q.ensureDay.run(o.date)
      const seq = (q.nextSeq.get(o.date) as { last: number }).last
      q.insert.run({
        ...sealFields(sealer, c, SEALED_FIELDS.case),
        caseNo: o.numberOf(seq),
        forSelf: c.forSelf ? 1 : 0,
        phoneTail: phoneTailKey(sealer, c.phone),
      })
      o.materials.forEach((m, i) => q.insertMaterial.run(c.id, i, m.name, m.copies, m.note ?? null))
      const eventSeq = appendEvent(c.id, null, c.state, o.event)
      const stored = reread(c.id)
      sendMessage(c.id, eventSeq, o.message(stored))
      return { kind: 'created', case: stored }
    },
  )

  const stepStatements = new Map<string, ReturnType<Db['prepare']>>()
  function stepStatement(keys: (keyof CasePatch)[]) {
    const key = keys.join(',')
    let stmt = stepStatements.get(key)
    if (!stmt) {
      const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`)
      stmt = db.prepare(
        `UPDATE cases SET state = @to, updated_at = @at${sets.map((s) => `, ${s}`).join('')} WHERE id = @id AND state = @from`,
      )
      stepStatements.set(key, stmt)
    }
    return stmt
  }

  /** The step, and the files of the pending photos it dropped (removed from the file store once it is committed). */
  const step = db.transaction((id: string, w: CaseStepWrite): { case: CaseRecord; dropped: string[] } | null => {
    const keys = (Object.keys(w.patch) as (keyof CasePatch)[]).filter((k) => w.patch[k] !== undefined).sort()
    const params: Record<string, unknown> = { id, from: w.from, to: w.to, at: w.event.at }
    for (const k of keys) params[k] = k === 'pauses' ? JSON.stringify(w.patch.pauses) : w.patch[k]
    if (stepStatement(keys).run(params).changes === 0) return null
    const seq = appendEvent(id, w.from, w.to, w.event)
    for (const photoId of w.photoIds ?? []) {
      if (q.attachPhoto.run(seq, photoId, id, w.event.actorOpenid).changes === 0) throw new Rollback()
    }
    const dropped = w.discardPendingPhotos ? (q.pendingFiles.all(id, w.event.actorOpenid) as string[]) : []
    if (w.discardPendingPhotos) q.dropPending.run(id, w.event.actorOpenid)
    for (const o of w.originals ?? []) q.insertOriginal.run({ ...o, caseId: id })
    sendMessage(id, seq, w.message)
    return { case: reread(id), dropped }
  })

  const reassign = db.transaction(
    (id: string, expected: string | null, to: { openid: string; name: string }, event: NewCaseEvent): CaseRecord | null => {
      if (q.reassign.run(to.openid, to.name, event.at, id, expected).changes === 0) return null
      const c = reread(id)
      appendEvent(id, c.state, c.state, event)
      return c
    },
  )

  const addOriginal = db.transaction((id: string, o: Omit<CaseOriginalRecord, 'id' | 'caseId'>): CaseOriginalRecord | null => {
    if (o.kind === 'returned' && !q.receivedOpen.get(o.receivedId, id)) return null
    const { lastInsertRowid } = q.insertOriginal.run({ ...o, caseId: id })
    return toOriginal(q.original.get(lastInsertRowid) as OriginalRow)
  })

  const addPhoto = db.transaction((p: CasePhotoRecord & { file: string }, maxPending: number): boolean => {
    if ((q.pendingPhotos.get(p.caseId, p.openid) as { n: number }).n >= maxPending) return false
    q.insertPhoto.run(p)
    return true
  })

  const claim = db.transaction((hash: string, openid: string, at: string, event: (c: CaseRecord) => NewCaseEvent): ClaimResult => {
    const row = q.byClaim.get(hash) as CaseRow | undefined
    if (!row) return { kind: 'unknown' }
    // The same resident sending the code again (a retried tap) meets their case; anyone else meets a spent code.
    if (row.openid === openid) return { kind: 'claimed', case: toCase(row) }
    if (row.openid !== null) return { kind: 'used' }
    if (!row.claim_expires_at || row.claim_expires_at <= at) return { kind: 'expired' }
    if (q.claim.run(openid, at, at, row.id, hash).changes === 0) return { kind: 'used' }
    const c = reread(row.id)
    appendEvent(c.id, c.state, c.state, event(c))
    return { kind: 'claimed', case: c }
  })

  const recordFailure = db.transaction((openid: string, at: string) => {
    q.recordFailure.run(openid, at)
    // Keep a day of history: enough for any rate-limit window.
    q.pruneFailures.run(new Date(new Date(at).getTime() - 24 * 3600_000).toISOString())
  })

  return {
    purgePersonalData: sqliteCasePurge(db, files),
    async get(id) {
      const row = q.get.get(id) as CaseRow | undefined
      return row ? toCase(row) : null
    },
    async create(c, options) {
      return create.immediate(c, options)
    },
    async step(id, write) {
      let done: { case: CaseRecord; dropped: string[] } | null
      try {
        done = step.immediate(id, write)
      } catch (err) {
        if (err instanceof Rollback) return null
        throw err
      }
      if (done) await files.remove(storedFileKeys(done.dropped))
      return done?.case ?? null
    },
    async reassign(id, expected, to, event) {
      return reassign.immediate(id, expected, to, event)
    },
    async timeline(id) {
      return (q.timeline.all(id) as EventRow[]).map(toEvent)
    },
    async materials(id) {
      return (q.materials.all(id) as MaterialRow[]).map(toMaterial)
    },
    async tickMaterial(id, index, status, reason, by, at) {
      if (q.tick.run(status, reason, by.openid, by.name, at, id, index).changes === 0) return null
      return toMaterial(q.material.get(id, index) as MaterialRow)
    },
    async originals(id) {
      return (q.originals.all(id) as OriginalRow[]).map(toOriginal)
    },
    async addOriginal(id, entry) {
      return addOriginal.immediate(id, entry)
    },
    async addPhoto(photo, maxPending) {
      return addPhoto.immediate(photo, maxPending)
    },
    async photo(caseId, photoId) {
      return (q.photo.get(caseId, photoId) as (CasePhotoRecord & { file: string }) | undefined) ?? null
    },
    async listByOwner(centerId, openid, states, limit) {
      const rows = db
        .prepare(
          `SELECT * FROM cases WHERE openid = ? AND center_id = ? AND state IN (${states.map(() => '?').join(', ')}) ORDER BY accepted_at DESC, case_no DESC LIMIT ?`,
        )
        .all(openid, centerId, ...states, limit) as CaseRow[]
      return rows.map(toCase)
    },
    async listForStaff(query: CaseStaffQuery) {
      const where = ['c.center_id = @centerId', `c.state IN (${query.states.map((_, i) => `@s${i}`).join(', ')})`]
      const params: Record<string, unknown> = { centerId: query.centerId, limit: query.limit }
      query.states.forEach((s, i) => (params[`s${i}`] = s))
      if (query.serviceId) {
        where.push('c.service_id = @serviceId')
        params.serviceId = query.serviceId
      }
      if (query.assignee !== undefined) {
        where.push(query.assignee === null ? 'c.assignee_openid IS NULL' : 'c.assignee_openid = @assignee')
        if (query.assignee !== null) params.assignee = query.assignee
      }
      const search: string[] = []
      if (query.caseNo) {
        search.push('c.case_no = @caseNo')
        params.caseNo = query.caseNo
      }
      if (query.phoneTail) {
        search.push('c.phone_tail = @phoneTail')
        params.phoneTail = phoneTailKey(sealer, query.phoneTail)
      }
      if (search.length) where.push(`(${search.join(' OR ')})`)
      if (query.lowRating) where.push("EXISTS (SELECT 1 FROM ratings r WHERE r.service = 'case' AND r.subject_id = c.id AND r.level <= 2)")
      const rows = db
        .prepare(`SELECT c.* FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.accepted_at DESC, c.case_no DESC LIMIT @limit`)
        .all(params) as CaseRow[]
      return rows.map(toCase)
    },
    async setClaimCode(id, hash, expiresAt) {
      return q.setClaim.run(hash, expiresAt, id).changes === 1
    },
    async claim(hash, openid, at, event) {
      return claim.immediate(hash, openid, at, event)
    },
    async claimFailuresSince(openid, since) {
      return (q.claimFailures.get(openid, since) as { n: number }).n
    },
    async recordClaimFailure(openid, at) {
      recordFailure.immediate(openid, at)
    },
    async clerks(centerId) {
      const byOpenid = new Map<string, { openid: string; name: string; roles: StaffRole[] }>()
      for (const r of q.clerks.all(centerId) as { openid: string; name: string; role: StaffRole }[]) {
        const entry = byOpenid.get(r.openid) ?? { openid: r.openid, name: r.name, roles: [] }
        entry.roles.push(r.role)
        byOpenid.set(r.openid, entry)
      }
      return [...byOpenid.values()]
    },
  }
}
