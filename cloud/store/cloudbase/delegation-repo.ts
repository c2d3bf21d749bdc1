/**
 * Delegated cases (帮办代办) on CloudBase.
 *
 * Documents:
 * - `cases/<case id>`: the case with its checklist (`materials`), timeline
 *   (`events`) and originals log (`originals`) embedded, so a step, its event
 *   and the originals given back with it are one single-document update. Every
 *   write names the revision it read (`rev`) and bumps it; a write that lost
 *   to another reads again, and a step whose state moved on answers null.
 * - `case_requests/<hash of creator + request id>`: the idempotency claim of a
 *   create (case ids are random, so the request id needs its own key).
 * - `case_sequences/<date>`: the day's last case number, drawn in a transaction.
 * - `case_photos/<photo id>`, `case_claim_failures` (for the claim-code rate limit); a case's rating is in
 *   `ratings/case:<case id>` (./rating-repo.ts).
 */
import type { StaffRole } from '@/core/staff-roles'
import type { CaseState } from '@/core/delegation-states'
import type { CaseMessage, CaseRepo, CreateCaseResult, MessageRepo } from '../port'
import type { DbApi } from './db-api'
import { openFields, phoneTailKey, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { drawNext, getOrNull, insertOnce, readAll, toDoc } from './doc-helpers'
import { SHARED } from './shared-collections'
import { RATING_COLLECTIONS } from './rating-repo'
import { cloudbaseCasePurge } from './retention'
import { storedFileKeys, type FileStore } from '../port/files'
import {
  CASE_COLLECTIONS,
  eventDoc,
  requestKey,
  toCase as docToCase,
  type CaseDoc,
  type FailureDoc,
  type MaterialDoc,
  type OriginalDoc,
  type PhotoDoc,
  type RequestClaim,
} from './delegation-docs'

const FINAL: CaseState[] = ['delivered', 'withdrawn', 'rejected']
/** A write that lost to a concurrent write on the same case reads again this many times. */
const ROUNDS = 20
/** A request claim whose case never appeared after this long was left by a create that stopped half way. */
const STALE_CLAIM_MS = 60_000

export function cloudbaseCaseRepo(db: DbApi, messages: MessageRepo, sealer: Sealer, files: FileStore): CaseRepo {
  const toCase = (doc: CaseDoc) => openFields(sealer, docToCase(doc), SEALED_FIELDS.case)
  const _ = db.command
  const cases = () => db.collection<CaseDoc>(CASE_COLLECTIONS.cases)
  const photos = () => db.collection<PhotoDoc>(CASE_COLLECTIONS.photos)
  const ratings = () => db.collection<{ _id: string }>(RATING_COLLECTIONS.ratings)
  const getDoc = (id: string) => getOrNull(cases().doc(id))

  const sendMessage = (caseId: string, seq: number, m: CaseMessage | null | undefined) =>
    m ? messages.send({ ...m, id: `case-${caseId}-${seq}` }) : Promise.resolve()

  /**
   * Read, change, write back conditional on the revision read; again when
   * another write got in between. `change` answers the fields to set, or null
   * to give up (the case no longer allows it).
   */
  async function revise<T>(
    id: string,
    change: (doc: CaseDoc) => { set: Partial<CaseDoc>; result: T } | null,
    extra: Record<string, unknown> = {},
  ): Promise<{ doc: CaseDoc; result: T } | null> {
    for (let round = 0; round < ROUNDS; round++) {
      const doc = await getDoc(id)
      if (!doc) return null
      const planned = change(doc)
      if (!planned) return null
      const data = { ...planned.set, rev: doc.rev + 1 }
      const { stats } = await cases()
        .where({ _id: id, rev: doc.rev, ...extra })
        .update({ data })
      if (stats.updated === 1) return { doc: { ...doc, ...data }, result: planned.result }
    }
    throw new Error(`case ${id}: too many concurrent writes`)
  }

  /** Takes the request's idempotency claim; answers the first case when another create of the same request holds it. */
  async function claimRequest(key: string, caseId: string, at: string): Promise<{ taken: true } | { taken: false; first: CaseDoc }> {
    for (let round = 0; ; round++) {
      if ((await insertOnce(db, CASE_COLLECTIONS.requests, { _id: key, caseId, at })) === 'inserted') return { taken: true }
      const claim = await getOrNull(db.collection<RequestClaim>(CASE_COLLECTIONS.requests).doc(key))
      if (!claim) continue
      const first = await getDoc(claim.caseId)
      if (first) return { taken: false, first }
      // The other create is between its claim and its insert, or stopped there: wait, then take the claim over.
      if (Date.parse(at) - Date.parse(claim.at) > STALE_CLAIM_MS || round >= 30)
        await db.collection(CASE_COLLECTIONS.requests).where({ _id: key, caseId: claim.caseId }).remove()
      else await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const openCount = async (openid: string, centerId: string) =>
    (
      await cases()
        .where({ openid, centerId, state: _.nin(FINAL) })
        .count()
    ).total

  return {
    purgePersonalData: cloudbaseCasePurge(db, { ...CASE_COLLECTIONS, ratings: RATING_COLLECTIONS.ratings }, files),
    async get(id) {
      const doc = await getDoc(id)
      return doc ? toCase(doc) : null
    },

    async create(c, o): Promise<CreateCaseResult> {
      const key = requestKey(c.createdBy, c.requestId)
      const claim = await claimRequest(key, c.id, c.acceptedAt)
      if (!claim.taken) return { kind: 'duplicate', case: toCase(claim.first) }
      const limited = c.channel === 'online' && c.openid
      if (limited && (await openCount(c.openid!, c.centerId)) >= o.maxOpen) {
        await db.collection(CASE_COLLECTIONS.requests).where({ _id: key, caseId: c.id }).remove()
        return { kind: 'too_many_open' }
      }
      let doc: CaseDoc
      try {
        const seq = await drawNext(db, CASE_COLLECTIONS.sequences, o.date, 'last', { date: o.date })
        doc = {
          ...toDoc({ ...sealFields(sealer, c, SEALED_FIELDS.case), caseNo: o.numberOf(seq) }),
          updatedAt: c.acceptedAt,
          stoppedAt: null,
          department: null,
          result: null,
          pickupCode: null,
          delivery: null,
          deliveredAt: null,
          claimedAt: null,
          pauses: [],
          rev: 1,
          phoneTail: phoneTailKey(sealer, c.phone),
          materials: o.materials.map(
            (m, index): MaterialDoc => ({
              index,
              name: m.name,
              copies: m.copies,
              note: m.note ?? null,
              status: 'pending',
              reason: null,
              byOpenid: null,
              byName: null,
              at: null,
            }),
          ),
          events: [eventDoc(1, null, c.state, o.event)],
          originals: [],
        }
        await cases().add({ data: doc })
      } catch (err) {
        await db.collection(CASE_COLLECTIONS.requests).where({ _id: key, caseId: c.id }).remove()
        throw err
      }
      // Count, then insert, then count again: two creates racing past the first count both see the
      // other here, and both take their case back (refusing both is safe; exceeding maxOpen is not).
      // Their case numbers stay unused (a gap, never a duplicate).
      if (limited && (await openCount(c.openid!, c.centerId)) > o.maxOpen) {
        await cases().doc(c.id).remove()
        await db.collection(CASE_COLLECTIONS.requests).where({ _id: key, caseId: c.id }).remove()
        return { kind: 'too_many_open' }
      }
      const stored = toCase(doc)
      // The case is in; its 消息 follows. If the function stops between, the case stands without its first 消息.
      await sendMessage(c.id, 1, o.message(stored))
      return { kind: 'created', case: stored }
    },

    async step(id, w) {
      const wanted = w.photoIds ?? []
      if (wanted.length) {
        const found = await readAll(
          photos()
            .where({ _id: _.in([...wanted]), caseId: id, openid: w.event.actorOpenid, eventSeq: null })
            .orderBy('_id', 'asc'),
        )
        if (found.length !== new Set(wanted).size) return null
      }
      const done = await revise(
        id,
        (doc) => {
          if (doc.state !== w.from) return null
          const seq = doc.events.length + 1
          const nextId = doc.originals.reduce((m, x) => Math.max(m, x.id), 0) + 1
          const set: Partial<CaseDoc> = {
            ...(Object.fromEntries(Object.entries(w.patch).filter(([, v]) => v !== undefined)) as Partial<CaseDoc>),
            state: w.to,
            updatedAt: w.event.at,
            events: [...doc.events, eventDoc(seq, w.from, w.to, w.event)],
          }
          if (w.originals?.length) set.originals = [...doc.originals, ...w.originals.map((x, i): OriginalDoc => ({ ...x, id: nextId + i }))]
          return { set, result: seq }
        },
        { state: w.from },
      )
      if (!done) return null
      // The step is written. The photos are marked as sent with it one by one after: the state condition
      // above lets only one reply through, so none of them can be taken by another step meanwhile. If the
      // function stops before they are marked, they stay "pending" and count against the next reply's limit.
      for (const photoId of wanted)
        await photos()
          .where({ _id: photoId, caseId: id, eventSeq: null })
          .update({ data: { eventSeq: done.result } })
      // Photos uploaded and then left out of the reply go, files too (a stop before this leaves them pending, as above).
      if (w.discardPendingPhotos) {
        const pending = { caseId: id, openid: w.event.actorOpenid, eventSeq: null }
        const dropped = await readAll(photos().where(pending).orderBy('_id', 'asc'))
        await photos().where(pending).remove()
        await files.remove(storedFileKeys(dropped.map((p) => p.file ?? p.dataUrl)))
      }
      await sendMessage(id, done.result, w.message)
      return toCase(done.doc)
    },

    async reassign(id, expected, to, event) {
      const done = await revise(id, (doc) => {
        if ((doc.assigneeOpenid ?? null) !== expected || FINAL.includes(doc.state)) return null
        const seq = doc.events.length + 1
        return {
          set: {
            assigneeOpenid: to.openid,
            assigneeName: to.name,
            updatedAt: event.at,
            events: [...doc.events, eventDoc(seq, doc.state, doc.state, event)],
          },
          result: seq,
        }
      })
      return done ? toCase(done.doc) : null
    },

    async timeline(id) {
      return ((await getDoc(id))?.events ?? []).map((e) => ({ caseId: id, ...e }))
    },
    async materials(id) {
      // Documents written before waivers had reasons have no `reason` field.
      return ((await getDoc(id))?.materials ?? []).map((m) => ({ caseId: id, ...m, reason: m.reason ?? null }))
    },
    async tickMaterial(id, index, status, reason, by, at) {
      const done = await revise(id, (doc) => {
        const item = doc.materials.find((m) => m.index === index)
        if (!item) return null
        const ticked: MaterialDoc = { ...item, status, reason, byOpenid: by.openid, byName: by.name, at }
        return { set: { materials: doc.materials.map((m) => (m.index === index ? ticked : m)) }, result: ticked }
      })
      return done ? { caseId: id, ...done.result } : null
    },
    async originals(id) {
      return ((await getDoc(id))?.originals ?? []).map((o) => ({ caseId: id, ...o }))
    },
    async addOriginal(id, entry) {
      const done = await revise(id, (doc) => {
        if (entry.kind === 'returned') {
          const received = doc.originals.find((o) => o.id === entry.receivedId && o.kind === 'received')
          if (!received || doc.originals.some((o) => o.receivedId === entry.receivedId)) return null
        }
        const added: OriginalDoc = { ...entry, id: doc.originals.reduce((m, x) => Math.max(m, x.id), 0) + 1 }
        return { set: { originals: [...doc.originals, added] }, result: added }
      })
      return done ? { caseId: id, ...done.result } : null
    },

    async addPhoto(p, maxPending) {
      const pending = async () => (await photos().where({ caseId: p.caseId, openid: p.openid, eventSeq: null }).count()).total
      if ((await pending()) >= maxPending) return false
      const { id, ...rest } = p
      if ((await insertOnce(db, CASE_COLLECTIONS.photos, { _id: id, ...rest, eventSeq: null })) === 'exists') return false
      // Count again after the insert: uploads racing past the first count take theirs back (never more than maxPending).
      if ((await pending()) > maxPending) {
        await photos().where({ _id: id, eventSeq: null }).remove()
        return false
      }
      return true
    },
    async photo(caseId, photoId) {
      const doc = await getOrNull(photos().doc(photoId))
      if (!doc || doc.caseId !== caseId) return null
      const { _id, file, dataUrl, ...rest } = doc
      return { id: _id, ...rest, file: file ?? dataUrl ?? '' }
    },

    async listByOwner(centerId, openid, states, limit) {
      if (states.length === 0) return []
      const { data } = await cases()
        .where({ openid, centerId, state: _.in([...states]) })
        .orderBy('acceptedAt', 'desc')
        .orderBy('caseNo', 'desc')
        .limit(limit)
        .get()
      return data.map(toCase)
    },
    async listForStaff(query) {
      if (query.states.length === 0) return []
      const where: Record<string, unknown> = { centerId: query.centerId, state: _.in([...query.states]) }
      if (query.serviceId) where.serviceId = query.serviceId
      if (query.assignee !== undefined) where.assigneeOpenid = query.assignee
      if (query.lowRating) {
        // No join: the center's 差评 of cases first (the ratings area), then their cases among the rest of the conditions.
        const flagged = await readAll(
          ratings()
            .where({ centerId: query.centerId, service: 'case', level: _.lte(2) })
            .orderBy('_id', 'asc'),
        )
        if (flagged.length === 0) return []
        where._id = _.in(flagged.map((r) => r._id.slice('case:'.length)))
      }
      const search = [
        ...(query.caseNo ? [{ caseNo: query.caseNo }] : []),
        ...(query.phoneTail ? [{ phoneTail: phoneTailKey(sealer, query.phoneTail) }] : []),
      ]
      const condition = search.length ? _.and([where, _.or(search)]) : where
      const { data } = await cases().where(condition).orderBy('acceptedAt', 'desc').orderBy('caseNo', 'desc').limit(query.limit).get()
      return data.map(toCase)
    },

    async setClaimCode(id, hash, expiresAt) {
      const { stats } = await cases()
        .where({ _id: id, openid: null })
        .update({ data: { claimCodeHash: hash, claimExpiresAt: expiresAt, rev: _.inc(1) } })
      return stats.updated === 1
    },
    async claim(hash, openid, at, event) {
      for (let round = 0; round < ROUNDS; round++) {
        const { data } = await cases().where({ claimCodeHash: hash }).limit(1).get()
        const doc = data[0]
        if (!doc) return { kind: 'unknown' }
        // The same resident sending the code again (a retried tap) meets their case; anyone else meets a spent code.
        if (doc.openid === openid) return { kind: 'claimed', case: toCase(doc) }
        if (doc.openid !== null) return { kind: 'used' }
        if (!doc.claimExpiresAt || doc.claimExpiresAt <= at) return { kind: 'expired' }
        const linked = { ...doc, openid, claimedAt: at, updatedAt: at }
        const e = eventDoc(doc.events.length + 1, doc.state, doc.state, event(toCase(linked)))
        const data2 = { openid, claimedAt: at, updatedAt: at, events: [...doc.events, e], rev: doc.rev + 1 }
        const { stats } = await cases().where({ _id: doc._id, openid: null, claimCodeHash: hash, rev: doc.rev }).update({ data: data2 })
        if (stats.updated === 1) return { kind: 'claimed', case: toCase({ ...doc, ...data2 }) }
      }
      throw new Error('claim: too many concurrent writes')
    },
    async claimFailuresSince(openid, since) {
      return (
        await db
          .collection<FailureDoc>(CASE_COLLECTIONS.claimFailures)
          .where({ openid, at: _.gt(since) })
          .count()
      ).total
    },
    async recordClaimFailure(openid, at) {
      await db.collection(CASE_COLLECTIONS.claimFailures).add({ data: { openid, at } })
      // Keep a day of history: enough for any rate-limit window.
      await db
        .collection(CASE_COLLECTIONS.claimFailures)
        .where({ at: _.lt(new Date(new Date(at).getTime() - 24 * 3600_000).toISOString()) })
        .remove()
    },
    async clerks(centerId) {
      const rows = await readAll(
        db
          .collection(SHARED.staffRoles)
          .where({ centerId, role: _.in(['counter', 'supervisor', 'admin']) })
          .orderBy('name', 'asc')
          .orderBy('openid', 'asc')
          .orderBy('role', 'asc'),
      )
      const byOpenid = new Map<string, { openid: string; name: string; roles: StaffRole[] }>()
      for (const r of rows) {
        const entry = byOpenid.get(r.openid as string) ?? { openid: r.openid as string, name: r.name as string, roles: [] }
        entry.roles.push(r.role as StaffRole)
        byOpenid.set(r.openid as string, entry)
      }
      return [...byOpenid.values()]
    },
  }
}
