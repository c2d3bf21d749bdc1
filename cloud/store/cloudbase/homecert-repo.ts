/**
 * Home-certification requests on CloudBase.
 *
 * Documents:
 * - `homecert_requests/<request id>` (the id derives from requester + request
 *   id, so a retried submit meets its first document): the request with its
 *   timeline embedded as `timeline`; a transition and its step are one update,
 *   conditional on the status and version read.
 * - `homecert_numbers/<center>_<date>`: the day's last number, drawn in a transaction.
 * - `homecert_active/<elder ID hash>`: the claim that makes "one request in
 *   progress per elder" hold when two submits race (SQLite has a partial
 *   unique index for it; CloudBase indexes cannot be partial).
 *
 * Communities, grid workers' roles and phones and the per-center rules are
 * read from the collections the config and staff repos write.
 */
import type { HomecertRules } from '@/core/home-certification'
import { ACTIVE_STATUSES, isActive } from '@/core/home-certification-states'
import type { CommunityRecord, GridWorkerRecord, HomecertRecord, HomecertRepo, HomecertStepRecord, MessageRepo } from '../port'
import type { DbApi, StoredDoc } from './db-api'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { chunks, drawNext, getOrNull, insertOnce, readAll, toDoc } from './doc-helpers'
import { SHARED } from './shared-collections'
import { cloudbaseHomecertPurge } from './retention'
import type { FileStore } from '../port/files'

export const HOMECERT_COLLECTIONS = { requests: 'homecert_requests', numbers: 'homecert_numbers', active: 'homecert_active' } as const

type StepDoc = Omit<HomecertStepRecord, 'requestId'>
type RequestDoc = Omit<HomecertRecord, 'id'> & { _id: string; timeline: StepDoc[] }
type ActiveClaim = { _id: string; requestId: string; at: string }

/** A claim whose request never appeared after this long was left by a submit that stopped half way. */
const STALE_CLAIM_MS = 60_000
/** A claim seen without its request yet: another submit is between the claim and the insert. Wait this long for it. */
const CLAIM_WAIT_ROUNDS = 30
const CLAIM_WAIT_MS = 100

function docToRequest(doc: RequestDoc): HomecertRecord {
  const { _id, timeline: _timeline, ...rest } = doc
  // Documents written before outcomes carried their method and evidence have none of those fields.
  return {
    id: _id,
    ...rest,
    verifyMethod: rest.verifyMethod ?? null,
    evidenceNote: rest.evidenceNote ?? null,
    evidencePhoto: rest.evidencePhoto ?? null,
    visitedOn: rest.visitedOn ?? null,
  }
}

const NOT_AGAIN: HomecertRecord['status'][] = ['cancelled', 'ineligible', 'closed_other']

export function cloudbaseHomecertRepo(db: DbApi, messages: MessageRepo, sealer: Sealer, files: FileStore): HomecertRepo {
  const toRequest = (doc: RequestDoc) => openFields(sealer, docToRequest(doc), SEALED_FIELDS.homecert)
  const _ = db.command
  const requests = () => db.collection<RequestDoc>(HOMECERT_COLLECTIONS.requests)
  const claims = () => db.collection<ActiveClaim>(HOMECERT_COLLECTIONS.active)
  const getDoc = (id: string) => getOrNull(requests().doc(id))

  /**
   * Takes the elder's claim for request `id`. Answers the request in progress
   * when another one holds it; clears a claim whose request is over (or was
   * never written) and tries again.
   */
  async function claimElder(hash: string, id: string, at: string): Promise<{ taken: true } | { taken: false; holder: RequestDoc }> {
    for (let round = 0; ; round++) {
      if ((await insertOnce(db, HOMECERT_COLLECTIONS.active, { _id: hash, requestId: id, at })) === 'inserted') return { taken: true }
      const claim = await getOrNull(claims().doc(hash))
      if (!claim) continue
      // Our own claim, left by an earlier attempt of this same submit that stopped before its insert.
      if (claim.requestId === id) return { taken: true }
      const holder = await getDoc(claim.requestId)
      if (holder && isActive(holder.status)) return { taken: false, holder }
      const stale = holder !== null || Date.parse(at) - Date.parse(claim.at) > STALE_CLAIM_MS || round >= CLAIM_WAIT_ROUNDS
      if (stale) await claims().where({ _id: hash, requestId: claim.requestId }).remove()
      else await new Promise((resolve) => setTimeout(resolve, CLAIM_WAIT_MS))
    }
  }

  const releaseElder = (hash: string, id: string) => claims().where({ _id: hash, requestId: id }).remove()

  return {
    purgePersonalData: cloudbaseHomecertPurge(db, HOMECERT_COLLECTIONS.requests, files),
    async communities(centerId) {
      const docs = await readAll(db.collection(SHARED.communities).where({ centerId }).orderBy('sort', 'asc').orderBy('_id', 'asc'))
      return docs.map(
        (d): CommunityRecord => ({
          id: d._id,
          centerId: d.centerId as string,
          name: d.name as string,
          responsibleOpenid: (d.responsibleOpenid as string | null) ?? null,
          sort: d.sort as number,
        }),
      )
    },
    async gridWorkers(centerId) {
      const [roles, phones] = await Promise.all([
        readAll(db.collection(SHARED.staffRoles).where({ centerId, role: 'grid' }).orderBy('name', 'asc').orderBy('openid', 'asc')),
        readAll(db.collection(SHARED.workerPhones).where({ centerId }).orderBy('_id', 'asc')),
      ])
      const phoneOf = new Map(phones.map((p) => [p.openid as string, p.phone as string]))
      return roles.map(
        (r): GridWorkerRecord => ({
          openid: r.openid as string,
          name: r.name as string,
          communities: ((r.scope as { communities?: string[] } | undefined)?.communities ?? []) as string[],
          phone: phoneOf.get(r.openid as string) ?? null,
        }),
      )
    },
    async rules(centerId) {
      const doc = await getOrNull(db.collection<StoredDoc>(SHARED.homecertSettings).doc(centerId))
      return (doc?.rules as Partial<HomecertRules> | undefined) ?? {}
    },
    async get(id) {
      const doc = await getDoc(id)
      return doc ? toRequest(doc) : null
    },
    async activeForElder(elderIdHash) {
      const { data } = await requests()
        .where({ elderIdHash, status: _.in([...ACTIVE_STATUSES]) })
        .limit(1)
        .get()
      return data[0] ? toRequest(data[0]) : null
    },
    async lastCertified(elderIdHash) {
      const { data } = await requests()
        .where({ elderIdHash, status: 'certified' })
        .orderBy('certifiedOn', 'desc')
        .orderBy('_id', 'asc')
        .limit(1)
        .get()
      return data[0] ? toRequest(data[0]) : null
    },

    async create(r, date, numberOf, step, message) {
      const first = await getDoc(r.id)
      if (first) return { kind: 'duplicate', request: toRequest(first) }
      const claim = await claimElder(r.elderIdHash, r.id, r.createdAt)
      if (!claim.taken) return { kind: 'active_exists', request: toRequest(claim.holder) }
      let doc: RequestDoc
      try {
        const n = await drawNext(db, HOMECERT_COLLECTIONS.numbers, `${r.centerId}_${date}`, 'last', { centerId: r.centerId, date })
        doc = {
          ...toDoc({ ...sealFields(sealer, r, SEALED_FIELDS.homecert), number: numberOf(date, n) }),
          status: 'submitted',
          version: 1,
          workerOpenid: null,
          workerName: null,
          visitDate: null,
          visitHalf: null,
          visitNote: null,
          notHomeCount: 0,
          outcomeNote: null,
          verifyMethod: null,
          evidenceNote: null,
          evidencePhoto: null,
          visitedOn: null,
          certifiedOn: null,
          nextDue: null,
          dueRemindedAt: null,
          updatedAt: r.createdAt,
          closedAt: null,
          timeline: [{ seq: 1, fromStatus: null, toStatus: 'submitted', ...step }],
        }
        if ((await insertOnce(db, HOMECERT_COLLECTIONS.requests, doc)) === 'exists')
          return { kind: 'duplicate', request: toRequest((await getDoc(r.id))!) }
      } catch (err) {
        // Nothing was inserted: give the elder's claim back so the family can submit again.
        await releaseElder(r.elderIdHash, r.id)
        throw err
      }
      const created = toRequest(doc)
      // The request is in; the 消息 follows. If the function stops between the two, the family has the
      // request (它在"我的申请"里) but not its 消息.
      await messages.send(message(created))
      return { kind: 'created', request: created }
    },

    async transition(id, t) {
      const doc = await getDoc(id)
      if (!doc || doc.status !== t.from.status || doc.version !== t.from.version) return null
      const set: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(t.changes)) if (v !== undefined) set[k] = v
      const step: StepDoc = { seq: t.from.version + 1, fromStatus: t.from.status, toStatus: t.to, ...t.step }
      const data = { ...set, status: t.to, version: t.from.version + 1, updatedAt: t.step.at, timeline: [...doc.timeline, step] }
      const { stats } = await requests().where({ _id: id, status: t.from.status, version: t.from.version }).update({ data })
      if (stats.updated === 0) return null
      const after = { ...doc, ...data } as RequestDoc
      // The transition and its step are one write. What follows is not in it: if the function stops
      // here, a finished request still holds the elder's claim (the next submit for the elder sees the
      // request is over and clears it) and the step's 消息 are not written.
      if (isActive(t.from.status) && !isActive(t.to)) await releaseElder(doc.elderIdHash, id)
      for (const m of t.messages) await messages.send(m)
      return toRequest(after)
    },

    async timeline(id) {
      const doc = await getDoc(id)
      return (doc?.timeline ?? []).map((s) => ({ requestId: id, ...s }))
    },
    async listByRequester(centerId, openid, limit) {
      const { data } = await requests()
        .where({ requesterOpenid: openid, centerId })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .get()
      return data.map(toRequest)
    },
    async listForStaff(query) {
      if (query.statuses.length === 0 || (query.communityIds && query.communityIds.length === 0)) return []
      const where: Record<string, unknown> = { centerId: query.centerId, status: _.in([...query.statuses]) }
      if (query.communityIds) where.communityId = _.in([...query.communityIds])
      if (query.workerOpenid !== undefined) where.workerOpenid = query.workerOpenid
      const dir = query.order === 'oldest' ? 'asc' : 'desc'
      const { data } = await requests().where(where).orderBy('createdAt', dir).orderBy('_id', dir).limit(query.limit).get()
      return data.map(toRequest)
    },

    async dueBy(centerId, from, until, { limit, unremindedOnly }) {
      const where: Record<string, unknown> = { centerId, status: 'certified', nextDue: _.gte(from).and(_.lte(until)) }
      if (unremindedOnly) where.dueRemindedAt = null
      const query = requests().where(where).orderBy('nextDue', 'asc').orderBy('_id', 'asc')
      const out: RequestDoc[] = []
      // Elders who asked again since are left out after reading (no join): page until `limit` remain.
      const page = Math.max(limit, 100)
      for (let skip = 0; out.length < limit; skip += page) {
        const { data } = await (skip ? query.skip(skip) : query).limit(page).get()
        if (data.length === 0) break
        const hashes = [...new Set(data.map((d) => d.elderIdHash))]
        const later = new Map<string, string>()
        for (const part of chunks(hashes)) {
          for (const n of await readAll(
            requests()
              .where({ elderIdHash: _.in(part), status: _.nin(NOT_AGAIN) })
              .orderBy('_id', 'asc'),
          )) {
            if ((later.get(n.elderIdHash) ?? '') < n.createdAt) later.set(n.elderIdHash, n.createdAt)
          }
        }
        out.push(...data.filter((d) => (later.get(d.elderIdHash) ?? '') <= d.createdAt))
        if (data.length < page) break
      }
      return out.slice(0, limit).map(toRequest)
    },

    async recordDueReminder(id, at, message) {
      const doc = await getDoc(id)
      if (!doc || doc.status !== 'certified' || doc.dueRemindedAt !== null) return false
      // The 消息 first: its id is deterministic, so writing it again is a no-op. Then the note, conditional:
      // if the function stops between the two, the next run writes the same 消息 (no-op) and notes it.
      await messages.send(message)
      const { stats } = await requests()
        .where({ _id: id, status: 'certified', dueRemindedAt: null })
        .update({ data: { dueRemindedAt: at } })
      return stats.updated === 1
    },
  }
}
