/**
 * Retention on CloudBase: the `purgePersonalData` of the bookings, queue, home
 * certification, case and 候补 repos, and the 消息 purge — the same rule as the
 * SQLite adapter (src/core/retention.ts; cloud/store/port/ says what each keeps).
 *
 * No multi-document transaction and no computed update here: each repo's due
 * documents are read in pages of at most 1000 (`purgedAt` missing, so the first
 * page again after each round: the purged ones drop out of the query), each is
 * checked with the pure rule and rewritten by one conditional update (not yet
 * purged, and at the revision read where the document has one). A run that
 * stops half way leaves the rest for the next run; a second run changes nothing.
 * Photo files go before the documents that name them (cloud storage, `files`).
 */
import {
  bookingDue,
  caseDue,
  CLOSED_HOMECERT_STATUSES,
  FINAL_CASE_STATES,
  FINISHED_BOOKING_STATES,
  homecertDue,
  PURGED_NAME,
  purgedKey,
  ticketDue,
  waitEntryDue,
  type RetentionCutoff,
} from '@/core/retention'
import type { DbApi, StoredDoc, Where } from './db-api'
import { MAX_GET } from './db-api'
import { getOrNull, inTransaction, readAll } from './doc-helpers'
import { storedFileKeys, type FileStore } from '../port/files'

type Purge = (cutoff: RetentionCutoff, at: string) => Promise<number>
type Doc = StoredDoc & Record<string, unknown>

/** A page size and a bound on rounds, so one run cannot loop for ever on a document that refuses to change. */
const PAGE = MAX_GET
const MAX_ROUNDS = 50

/**
 * Reads the first page of `where` (documents not yet purged), rewrites each due one, again until a page
 * brings nothing new. `rewrite` answers the update and the extra condition (a revision) or null to leave it.
 */
async function purgeEach(
  db: DbApi,
  collection: string,
  where: Where,
  rewrite: (doc: Doc) => Promise<{ data: Record<string, unknown>; condition?: Record<string, unknown> } | null>,
): Promise<number> {
  let purged = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { data } = await db.collection<Doc>(collection).where(where).orderBy('_id', 'asc').limit(PAGE).get()
    let changed = 0
    for (const doc of data) {
      const change = await rewrite(doc)
      if (!change) continue
      // Conditional: a document written since it was read is left for the next round.
      const { stats } = await db
        .collection(collection)
        .where({ _id: doc._id, purgedAt: null, ...change.condition })
        .update({ data: change.data })
      changed += stats.updated
    }
    purged += changed
    if (data.length < PAGE || !changed) break
  }
  return purged
}

const set = (db: DbApi, value: unknown) => db.command.set(value)

/** The person of a booking or a 候补 entry, gone: name, sealed ID number and phone blanked, the keys unique to the document. */
const personPurged = (id: string) => ({
  personName: PURGED_NAME,
  idSealed: '',
  idHash: purgedKey(id),
  limitKey: purgedKey(id),
  phone: '',
  openid: purgedKey(id),
})

export function cloudbaseBookingPurge(db: DbApi, collections: { bookings: string; people: string }): Purge {
  const _ = db.command
  return async (cutoff, at) =>
    purgeEach(
      db,
      collections.bookings,
      { purgedAt: null, status: _.in([...FINISHED_BOOKING_STATES]), endsAt: _.lt(cutoff.before) },
      async (doc) => {
        if (!bookingDue(doc as never, cutoff)) return null
        // The limit holder's document no longer lists this booking (its key goes with the purge).
        const hash = doc.limitKey as string | undefined
        if (hash)
          await inTransaction(db, async (tx) => {
            const ref = tx.collection<StoredDoc & { holds?: string[] }>(collections.people).doc(hash)
            const person = await getOrNull(ref)
            if (!person?.holds?.includes(doc._id)) return
            await ref.update({
              data: {
                holds: set(
                  db,
                  person.holds.filter((id) => id !== doc._id),
                ),
                // Every write of a holder's document moves its version (booking-holder.ts).
                v: db.command.inc(1),
              },
            })
          })
        return {
          data: { ...personPurged(doc._id), note: null, cancelReason: null, purgedAt: at },
          condition: { status: doc.status },
        }
      },
    )
}

export function cloudbaseQueuePurge(db: DbApi, collection: string): Purge {
  const _ = db.command
  return async (cutoff, at) =>
    purgeEach(db, collection, { purgedAt: null, date: _.lt(cutoff.beforeDate) }, async (doc) => {
      if (!ticketDue(doc as never, cutoff)) return null
      const owner = doc.openid as string | null
      const events = ((doc.events as Record<string, unknown>[] | undefined) ?? []).map((e) =>
        owner && e.actorOpenid === owner ? { ...e, note: null, actorOpenid: null, actorName: PURGED_NAME } : { ...e, note: null },
      )
      return {
        data: {
          personName: doc.personName === null || doc.personName === undefined ? null : PURGED_NAME,
          openid: null,
          events: set(db, events),
          purgedAt: at,
        },
        condition: { version: doc.version },
      }
    })
}

/**
 * 候补 entries of days before the cut-off date: the person goes, the line's facts stay. An entry still in line
 * (its day long past) also leaves its `waitlist_members` document, whose id carries the ID hash.
 */
export function cloudbaseWaitlistPurge(
  db: DbApi,
  collections: { entries: string; members: string },
  memberOf: (doc: Doc) => string,
): Purge {
  const _ = db.command
  return async (cutoff, at) =>
    purgeEach(db, collections.entries, { purgedAt: null, date: _.lt(cutoff.beforeDate) }, async (doc) => {
      if (!waitEntryDue(doc as never, cutoff)) return null
      if (doc.status === 'waiting' || doc.status === 'offered') await db.collection(collections.members).doc(memberOf(doc)).remove()
      return {
        data: { ...personPurged(doc._id), templateId: null, purgedAt: at },
        condition: { status: doc.status },
      }
    })
}

export function cloudbaseHomecertPurge(db: DbApi, collection: string, files: FileStore): Purge {
  const _ = db.command
  const rewrite = (cutoff: RetentionCutoff, at: string) => async (doc: Doc) => {
    if (!homecertDue(doc as never, cutoff)) return null
    await files.remove(storedFileKeys([doc.evidencePhoto as string | null | undefined]))
    const timeline = ((doc.timeline as Record<string, unknown>[] | undefined) ?? []).map((s) =>
      s.actorRole === 'family' ? { ...s, note: null, actorName: PURGED_NAME, actorOpenid: purgedKey(doc._id) } : { ...s, note: null },
    )
    return {
      data: {
        elderName: PURGED_NAME,
        elderIdSealed: '',
        elderIdHash: purgedKey(doc._id),
        elderBirthDate: `${String(doc.elderBirthDate).slice(0, 4)}-01-01`,
        elderPhone: null,
        elderAddress: PURGED_NAME,
        disabilitySealed: null,
        disabilityKind: null,
        disabilityGrade: null,
        reason: null,
        requesterName: PURGED_NAME,
        requesterPhone: '',
        requesterOpenid: purgedKey(doc._id),
        note: null,
        visitNote: null,
        outcomeNote: null,
        evidenceNote: null,
        evidencePhoto: null,
        nextDue: null,
        timeline: set(db, timeline),
        purgedAt: at,
      },
      condition: { version: doc.version },
    }
  }
  return async (cutoff, at) =>
    (await purgeEach(
      db,
      collection,
      { purgedAt: null, status: _.in([...CLOSED_HOMECERT_STATUSES]), updatedAt: _.lt(cutoff.before) },
      rewrite(cutoff, at),
    )) + (await purgeEach(db, collection, { purgedAt: null, status: 'certified', nextDue: _.lt(cutoff.beforeDate) }, rewrite(cutoff, at)))
}

export function cloudbaseCasePurge(
  db: DbApi,
  collections: { cases: string; photos: string; ratings: string; claimFailures: string },
  files: FileStore,
): Purge {
  const _ = db.command
  return async (cutoff, at) => {
    const n = await purgeEach(
      db,
      collections.cases,
      { purgedAt: null, state: _.in([...FINAL_CASE_STATES]), updatedAt: _.lt(cutoff.before) },
      async (doc) => {
        if (!caseDue(doc as never, cutoff)) return null
        const photos = await readAll(db.collection<Doc>(collections.photos).where({ caseId: doc._id }).orderBy('_id', 'asc'))
        await files.remove(storedFileKeys(photos.map((p) => (p.file ?? p.dataUrl) as string | undefined)))
        await db.collection(collections.photos).where({ caseId: doc._id }).remove()
        const ratingId = `case:${doc._id}`
        const rating = await getOrNull(db.collection(collections.ratings).doc(ratingId))
        if (rating)
          await db
            .collection(collections.ratings)
            .doc(ratingId)
            .update({ data: { comment: null, openid: purgedKey(doc._id) } })
        const events = ((doc.events as Record<string, unknown>[] | undefined) ?? []).map(({ result: _result, photoIds: _photos, ...e }) =>
          e.actorKind === 'resident' ? { ...e, note: null, actorName: PURGED_NAME, actorOpenid: purgedKey(doc._id) } : { ...e, note: null },
        )
        const noteless = (items: unknown) => ((items as Record<string, unknown>[] | undefined) ?? []).map((m) => ({ ...m, note: null }))
        return {
          data: {
            applicantName: PURGED_NAME,
            phone: '',
            phoneTail: '',
            description: PURGED_NAME,
            address: null,
            result: null,
            pickupCode: null,
            claimCodeHash: null,
            claimExpiresAt: null,
            openid: purgedKey(doc._id),
            createdBy: purgedKey(doc._id),
            events: set(db, events),
            materials: set(
              db,
              noteless(doc.materials).map((m) => ({ ...m, reason: null })),
            ),
            originals: set(db, noteless(doc.originals)),
            rev: _.inc(1),
            purgedAt: at,
          },
          condition: { rev: doc.rev },
        }
      },
    )
    await db
      .collection(collections.claimFailures)
      .where({ at: _.lt(cutoff.before) })
      .remove()
    return n
  }
}

export function cloudbaseMessagePurge(db: DbApi, collection: string): (before: string) => Promise<number> {
  const _ = db.command
  return async (before) =>
    (
      await db
        .collection(collection)
        .where({ createdAt: _.lt(before) })
        .remove()
    ).stats.removed
}
