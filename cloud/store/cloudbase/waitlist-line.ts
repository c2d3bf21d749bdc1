/**
 * 候补 on CloudBase: where a freed seat goes.
 *
 * CloudBase transactions take single documents by id (no query inside), and a line of a popular service sees
 * hundreds of joins at once: one document holding the whole line would make every join conflict with every
 * other. So nothing holds the line; it is a query —
 * - `waitlist_entries`: `_id` = entry id, the WaitEntryRecord (name and phone sealed); the line of a seat is
 *   the entries `waiting` for its service and day whose `start` is the seat's or null, in `seq` order (the join
 *   instant in µs plus a tie-break from the id, so two joins of one millisecond still have an order);
 * - `waitlist_members`: `_id` = `<serviceId>_<date>_<slot or day>_<idHash>`: a person in a line, written with
 *   the entry and removed when it leaves the line, so one person is in a line at most once without a query;
 * - the slot counter (`booking_slots`) gains `offering`: seats that left a booking, an offer or the free pool
 *   and are still counted as taken (`booked`) while they wait to be offered. A seat freed by a cancel goes
 *   there in the cancel's own transaction, so no create can take it; then `pump` offers each such seat in a
 *   transaction on the seat's counter and the chosen entry (the entry found by a query just before: when it
 *   is no longer waiting, the next is taken), or gives it back to the slot when nobody waits for it.
 * A function that dies between a transaction that put a seat into `offering` and its pump leaves the seat
 * there, counted and offered to nobody, until the next pump of that slot (the jobs timer pumps every slot
 * with `offering` > 0): never oversold, never lost.
 */
import { createHash } from 'node:crypto'
import type { ClockTime, IsoDate } from '@/core/beijing-time'
import { offerable, slotKey } from '@/core/waitlist'
import type { WaitEntryRecord } from '../port'
import { openFields, type Sealer } from '../sealed-fields'
import { offerFields, offerMessage } from '../waitlist-offer'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, inTransaction } from './doc-helpers'
import { sendInTransaction } from './message-repo'
import { slotId } from './slot-id'

export const WAITLIST_COLLECTIONS = { entries: 'waitlist_entries', members: 'waitlist_members' } as const
const SLOTS = 'booking_slots'

/** The sealed fields of an entry (as a booking's). */
export const WAIT_SEALED = ['personName', 'phone'] as const

export type EntryDoc = Omit<WaitEntryRecord, 'id'> & { _id: string }
/** The slot counter as the waitlist sees it (booking-repo.ts owns the rest of it). */
type SlotSeats = { _id: string; booked: number; remaining: number; offering?: number; v?: number }

export const docToEntry = (sealer: Sealer, { _id, ...d }: EntryDoc): WaitEntryRecord => openFields(sealer, { id: _id, ...d }, WAIT_SEALED)
export const txEntry = (tx: TransactionApi, id: string) => tx.collection<EntryDoc>(WAITLIST_COLLECTIONS.entries).doc(id)

/** `<serviceId>_<date>_<hhmm|day>_<idHash>` (only letters, digits, `-` and `_` in ids). */
export const memberId = (e: Pick<WaitEntryRecord, 'serviceId' | 'date' | 'start' | 'idHash'>) =>
  `${e.serviceId}_${e.date}_${slotKey(e.start).replace(':', '').replace('*', 'day')}_${e.idHash}`
export const txMember = (tx: TransactionApi, e: Pick<WaitEntryRecord, 'serviceId' | 'date' | 'start' | 'idHash'>) =>
  tx.collection<{ _id: string; entryId: string }>(WAITLIST_COLLECTIONS.members).doc(memberId(e))

/** The join order: the join instant in µs, the id's hash breaking ties within a millisecond. */
export function joinSeq(joinedAt: string, id: string): number {
  return Date.parse(joinedAt) * 1000 + (parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 1000)
}

/** Inside a transaction: one seat of the slot, still counted as taken, waits to be offered (`pump` it afterwards). */
export async function toOffering(tx: TransactionApi, serviceId: string, date: IsoDate, start: ClockTime): Promise<void> {
  const ref = tx.collection<SlotSeats>(SLOTS).doc(slotId(serviceId, date, start))
  const slot = await getOrNull(ref)
  // `v` moves with every seat moved (slot-seats.ts): a reconcile that read the counter before this sees it.
  if (slot) await ref.update({ data: { offering: (slot.offering ?? 0) + 1, v: (slot.v ?? 0) + 1 } })
}

/** Offers every seat of the slot waiting in `offering` to the first in line, or gives it back; returns the offers made. */
export async function pump(
  db: DbApi,
  sealer: Sealer,
  serviceId: string,
  date: IsoDate,
  start: ClockTime,
  at: string,
): Promise<WaitEntryRecord[]> {
  const _ = db.command
  const id = slotId(serviceId, date, start)
  const slots = () => db.collection<SlotSeats>(SLOTS)
  const offers: WaitEntryRecord[] = []
  for (let round = 0; round < 10_000; round++) {
    const slot = await getOrNull(slots().doc(id))
    if (!slot?.offering) return offers
    const { data: first } = offerable(date, start, at)
      ? await db
          .collection<EntryDoc>(WAITLIST_COLLECTIONS.entries)
          .where({ serviceId, date, status: 'waiting', start: _.in([null, start]) })
          .orderBy('seq', 'asc')
          .orderBy('_id', 'asc')
          .limit(1)
          .get()
      : { data: [] }
    if (!first.length) {
      // Nobody waits for it: back to the slot (a join after this query offers it again through `fill`).
      await slots()
        .where({ _id: id, offering: _.gt(0) })
        .update({ data: { offering: _.inc(-1), booked: _.inc(-1), remaining: _.inc(1), v: _.inc(1) } })
      continue
    }
    const offered = await inTransaction(db, async (tx) => {
      const ref = tx.collection<SlotSeats>(SLOTS).doc(id)
      const now = await getOrNull(ref)
      if (!now?.offering) return 'none' as const
      const doc = await getOrNull(txEntry(tx, first[0]._id))
      // Offered, accepted or gone since the query: the next in line gets it.
      if (doc?.status !== 'waiting') return 'raced' as const
      const fields = offerFields(doc, start, at)
      await txEntry(tx, doc._id).update({ data: fields })
      await ref.update({ data: { offering: now.offering - 1, v: (now.v ?? 0) + 1 } })
      const entry = { ...docToEntry(sealer, doc), ...fields }
      await sendInTransaction(tx, sealer, offerMessage(entry, at))
      return entry
    })
    if (offered === 'none') return offers
    if (offered !== 'raced') offers.push(offered)
  }
  throw new Error(`waitlist: the seats of ${id} could not be offered`)
}
