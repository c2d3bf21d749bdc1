/**
 * Bookings on CloudBase.
 *
 * - `bookings`: BookingRecord documents, `_id` = the booking id, which is derived from
 *   (openid, requestId): a retried create meets its own first document by key.
 * - `booking_slots`: one counter per (service, date, start), `_id` = `<serviceId>_<date>_<hhmm>`,
 *   `{ capacity, booked, remaining }`. A seat is taken by the conditional update
 *   `where({ _id, remaining: _.gt(0) }).update({ remaining: _.inc(-1), booked: _.inc(1) })`
 *   (compared with a constant, so concurrent takers never oversell) and given back in kind.
 * - `booking_codes`: `_id` = the booking code → `{ bookingId }`; added (`add` refuses a taken `_id`) just before the
 *   transaction that writes the booking, so two bookings never share a code; removed again when no booking is made.
 * - `booking_people`: `_id` = a booking's limit holder (`limitKey`: `person_<ID hash>` or
 *   `account_<openid>`, see src/core/booking-rules.ts `limitHolder`) → `{ holds, busy }`: the ids of
 *   the holder's bookings (statuses read from the bookings themselves) and a claim `busy`, held
 *   while one create or reschedule of theirs runs. The holder's limits (one per person, service and
 *   day, `maxActive`) are decided in a transaction on this document, so two requests of one
 *   holder are taken one after the other, as SQLite's write lock takes them. Bookings written
 *   before `limitKey` existed are on no holder's document: they count against nobody.
 *
 * Where CloudBase forces a compensation (no query or conditional update inside a transaction,
 * and the seat counter is deliberately kept out of transactions so concurrent takers do not
 * conflict): the seat is taken between two transactions, and given back when the second
 * refuses or fails. If the function dies after taking the seat and before writing the booking,
 * that seat stays counted with no booking (the slot shows one seat fewer; never oversold), its code
 * stays taken by no booking, and the person's claim blocks their next create for `CLAIM_EXPIRES_MS`.
 * docs/benchmarks.md ("Database requests per action") says what each request of a create is, and why it stays.
 */
import type { BookingRecord, BookingRepo, CreateBookingResult, NewBooking, RescheduleResult } from '../port'
import type { DbApi, TransactionApi } from './db-api'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { getOrNull, inTransaction, insertOnce, readAll } from './doc-helpers'
import { sendInTransaction } from './message-repo'
import { readUpTo } from './paging'
import { SHARED } from './shared-collections'
import { cloudbaseBookingPurge } from './retention'
import { slotId } from './slot-id'
import { slotSeats } from './slot-seats'
import { pump, toOffering } from './waitlist-line'

export const BOOKING_COLLECTIONS = {
  bookings: SHARED.bookings,
  slots: 'booking_slots',
  codes: 'booking_codes',
  people: 'booking_people',
} as const

/** A claim older than this is a dead function's: longer than any function timeout. */
export const CLAIM_EXPIRES_MS = 60_000
/** How long a second request of the same person waits for the first to finish. */
const CLAIM_WAIT_ROUNDS = 200
const NO_SHOW_BATCH = 500

export type BookingDoc = Omit<BookingRecord, 'id'> & { _id: string }
export type SlotDoc = {
  _id: string
  serviceId: string
  centerId: string
  date: string
  start: string
  capacity: number
  booked: number
  remaining: number
  /** Of `booked`: seats freed and waiting to be offered to the 候补 line (waitlist-line.ts). */
  offering?: number
}
export type CodeDoc = { _id: string; bookingId: string }
export type PersonDoc = { _id: string; holds: string[]; busy: { by: string; since: string } | null }

export { slotId }
const docToBooking = ({ _id, ...d }: BookingDoc): BookingRecord => ({ id: _id, ...d })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const holdsSeat = (s: BookingRecord['status']) => s === 'booked' || s === 'checked_in'

/** Step 1's answers besides a result: the person is now claimed, or busy with another request. */
type Claimed = { kind: 'claimed'; booking: BookingRecord | null }
type Wait = { kind: 'wait' }

export function cloudbaseBookingRepo(db: DbApi, sealer: Sealer): BookingRepo {
  const toBooking = (d: BookingDoc) => openFields(sealer, docToBooking(d), SEALED_FIELDS.booking)
  const _ = db.command
  const bookings = () => db.collection<BookingDoc>(BOOKING_COLLECTIONS.bookings)
  const slots = () => db.collection<SlotDoc>(BOOKING_COLLECTIONS.slots)
  const people = () => db.collection<PersonDoc>(BOOKING_COLLECTIONS.people)
  const txBooking = (tx: TransactionApi, id: string) => tx.collection<BookingDoc>(BOOKING_COLLECTIONS.bookings).doc(id)
  const txPerson = (tx: TransactionApi, limitKey: string) => tx.collection<PersonDoc>(BOOKING_COLLECTIONS.people).doc(limitKey)

  const get = async (id: string) => {
    const doc = await getOrNull(bookings().doc(id))
    return doc ? toBooking(doc) : null
  }

  /** The limit holder's document and their bookings that still hold a seat, read in the transaction. */
  async function personIn(tx: TransactionApi, limitKey: string) {
    const person = await getOrNull(txPerson(tx, limitKey))
    const live: BookingRecord[] = []
    for (const id of person?.holds ?? []) {
      const b = await getOrNull(txBooking(tx, id))
      if (b && holdsSeat(b.status)) live.push(toBooking(b))
    }
    return { person, live }
  }

  /** Another request of the person (a retry of this very one included) is running and not yet expired. */
  const busy = (person: PersonDoc | null, now: string) =>
    !!person?.busy && Date.parse(person.busy.since) + CLAIM_EXPIRES_MS > Date.parse(now)

  /** Runs `claim` (a transaction that sets `busy`) until the person is free; the caller releases. */
  async function claimPerson<R>(claim: (tx: TransactionApi) => Promise<R | Claimed | Wait>): Promise<R | Claimed> {
    for (let round = 0; ; round++) {
      const result = await inTransaction(db, claim)
      if ((result as Wait).kind !== 'wait') return result as R | Claimed
      if (round >= CLAIM_WAIT_ROUNDS) throw new Error('booking: the person is busy with another request')
      await sleep(5 + Math.random() * 20)
    }
  }

  const release = (limitKey: string, by: string) =>
    people()
      .where({ _id: limitKey, 'busy.by': by })
      .update({ data: { busy: null } })

  const { takeSeat, giveSeatBack } = slotSeats(db, BOOKING_COLLECTIONS.slots)

  /** A code no other booking has: `add` with the code as `_id` (one request) refuses a taken one. */
  async function claimCode(bookingId: string, newCode: () => string): Promise<string> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const code = newCode()
      if ((await insertOnce(db, BOOKING_COLLECTIONS.codes, { _id: code, bookingId })) === 'inserted') return code
    }
    throw new Error('booking: no free booking code after 6 draws')
  }

  /** A create that did not make its booking gives back what it took: the seat, the person's claim, the code. */
  async function undo(seat: string, code: string | null, b: NewBooking) {
    await giveSeatBack(seat)
    await release(b.limitKey, b.id)
    if (code) await db.collection(BOOKING_COLLECTIONS.codes).doc(code).remove()
  }

  return {
    purgePersonalData: cloudbaseBookingPurge(db, BOOKING_COLLECTIONS),
    async slotCounts(serviceId, from, to) {
      const docs = await readAll(
        slots()
          .where({ serviceId, date: _.gte(from).and(_.lte(to)) })
          .orderBy('date', 'asc')
          .orderBy('start', 'asc'),
      )
      return docs.map(({ date, start, capacity, booked }) => ({ date, start, capacity, booked }))
    },
    get,
    async byCode(code) {
      const found = await getOrNull(db.collection<CodeDoc>(BOOKING_COLLECTIONS.codes).doc(code))
      return found ? get(found.bookingId) : null
    },
    async listByOwner(q) {
      const mine = { centerId: q.centerId, status: _.in([...q.statuses]) }
      const base = q.personHash ? _.and(mine, _.or([{ openid: q.openid }, { idHash: q.personHash }])) : { ...mine, openid: q.openid }
      const cmp = q.order === 'asc' ? _.gt : _.lt
      const where = q.after
        ? _.and(base, _.or([{ startsAt: cmp(q.after.startsAt) }, { startsAt: q.after.startsAt, _id: cmp(q.after.id) }]))
        : base
      const docs = await readUpTo(bookings().where(where).orderBy('startsAt', q.order).orderBy('_id', q.order), q.limit)
      return docs.map(toBooking)
    },
    async noShowsSince(limitKey, since) {
      const docs = await readAll(
        bookings()
          .where({ limitKey, status: 'no_show', checkInBy: _.gt(since) })
          .orderBy('checkInBy', 'asc')
          .orderBy('_id', 'asc'),
      )
      return docs.map((d) => new Date(d.checkInBy))
    },

    async create(b: NewBooking, slot, guard, newCode): Promise<CreateBookingResult> {
      // 1. The holder's limits, and their claim, in one transaction on their document.
      const claim = await claimPerson<CreateBookingResult>(async (tx) => {
        const { person, live } = await personIn(tx, b.limitKey)
        // A retry of a request that made its booking finds it among the holder's (written with it in step 3): the booking
        // is read on this path only. One on no holder's document (a holder that changed since) is found in step 3.
        if (person?.holds.includes(b.id)) {
          const first = live.find((o) => o.id === b.id) ?? (await get(b.id))
          if (first) return { kind: 'duplicate', booking: first }
        }
        if (busy(person, guard.now)) return { kind: 'wait' }
        if (live.filter((o) => o.status === 'booked' && o.checkInBy > guard.now).length >= guard.maxActive)
          return { kind: 'too_many_active' }
        if (live.some((o) => o.idHash === b.idHash && o.serviceId === b.serviceId && o.date === slot.date))
          return { kind: 'person_day_taken' }
        await txPerson(tx, b.limitKey).set({ data: { holds: live.map((o) => o.id), busy: { by: b.id, since: guard.now } } })
        return { kind: 'claimed', booking: null }
      })
      if (claim.kind !== 'claimed') return claim

      // 2. The seat, outside any transaction.
      const seat = await takeSeat(b.centerId, b.serviceId, slot)
      if (!seat) {
        await release(b.limitKey, b.id)
        return { kind: 'slot_full' }
      }

      // 3. A code of its own (`add` refuses one another booking has), then the booking and the person's hold together;
      //    on any refusal or failure the seat and the code go back (compensation).
      let code: string | null = null
      try {
        code = await claimCode(b.id, newCode)
        const taken = code
        const result = await inTransaction(db, async (tx): Promise<CreateBookingResult> => {
          // Only a claim that expired under a live request, or a holder that changed since the first attempt, lets
          // two attempts of one request get here.
          const first = await getOrNull(txBooking(tx, b.id))
          if (first) return { kind: 'duplicate', booking: toBooking(first) }
          const booking: BookingRecord = {
            ...b,
            code: taken,
            status: 'booked',
            date: slot.date,
            start: slot.start,
            end: slot.end,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            checkInBy: slot.checkInBy,
            updatedAt: b.createdAt,
            cancelledAt: null,
            cancelReason: null,
            remindedAt: null,
          }
          const { id: _id, ...data } = sealFields(sealer, booking, SEALED_FIELDS.booking)
          await txBooking(tx, b.id).set({ data })
          const person = await getOrNull(txPerson(tx, b.limitKey))
          const busy = person?.busy?.by === b.id ? null : (person?.busy ?? null)
          await txPerson(tx, b.limitKey).set({ data: { holds: [...(person?.holds ?? []), b.id], busy } })
          return { kind: 'created', booking }
        })
        if (result.kind !== 'created') await undo(seat, code, b)
        return result
      } catch (err) {
        await undo(seat, code, b)
        throw err
      }
    },

    async cancel(id, at, reason) {
      const cancelled = await inTransaction(db, async (tx) => {
        const b = await getOrNull(txBooking(tx, id))
        if (!b || b.status !== 'booked') return null
        const changes = { status: 'cancelled' as const, cancelledAt: at, cancelReason: reason, updatedAt: at }
        await txBooking(tx, id).update({ data: changes })
        // The seat stays taken, waiting to be offered to the first in 候补 line (or given back by the pump).
        await toOffering(tx, b.serviceId, b.date, b.start)
        return toBooking({ ...b, ...changes })
      })
      if (cancelled) await pump(db, sealer, cancelled.serviceId, cancelled.date, cancelled.start, at)
      return cancelled
    },

    async reschedule(id, to, at): Promise<RescheduleResult> {
      const claim = await claimPerson<RescheduleResult>(async (tx) => {
        const doc = await getOrNull(txBooking(tx, id))
        if (!doc) return { kind: 'not_found' }
        const booking = toBooking(doc)
        if (booking.status !== 'booked') return { kind: 'not_booked', booking }
        if (booking.date === to.date && booking.start === to.start) return { kind: 'unchanged', booking }
        const { person, live } = await personIn(tx, booking.limitKey)
        if (busy(person, at)) return { kind: 'wait' }
        if (live.some((o) => o.id !== id && o.idHash === booking.idHash && o.serviceId === booking.serviceId && o.date === to.date))
          return { kind: 'person_day_taken' }
        const holds = live.some((o) => o.id === id) ? live.map((o) => o.id) : [...live.map((o) => o.id), id]
        await txPerson(tx, booking.limitKey).set({ data: { holds, busy: { by: id, since: at } } })
        return { kind: 'claimed', booking }
      })
      if (claim.kind !== 'claimed') return claim
      const from = claim.booking!

      // The new seat first: if it is not there, nothing has changed.
      const seat = await takeSeat(from.centerId, from.serviceId, to)
      if (!seat) {
        await release(from.limitKey, id)
        return { kind: 'slot_full' }
      }
      try {
        const result = await inTransaction(db, async (tx): Promise<RescheduleResult> => {
          const now = await getOrNull(txBooking(tx, id))
          // Cancelled, checked in or moved since step 1: the new seat goes back below.
          if (!now || now.status !== 'booked' || now.date !== from.date || now.start !== from.start) {
            return now ? { kind: 'not_booked', booking: toBooking(now) } : { kind: 'not_found' }
          }
          const moved = {
            date: to.date,
            start: to.start,
            end: to.end,
            startsAt: to.startsAt,
            endsAt: to.endsAt,
            checkInBy: to.checkInBy,
            remindedAt: null,
            updatedAt: at,
          }
          await txBooking(tx, id).update({ data: moved })
          await toOffering(tx, from.serviceId, from.date, from.start)
          const person = await getOrNull(txPerson(tx, from.limitKey))
          if (person?.busy?.by === id) await txPerson(tx, from.limitKey).update({ data: { busy: null } })
          return { kind: 'moved', booking: toBooking({ ...now, ...moved }) }
        })
        if (result.kind !== 'moved') {
          await giveSeatBack(seat)
          await release(from.limitKey, id)
        } else await pump(db, sealer, from.serviceId, from.date, from.start, at)
        return result
      } catch (err) {
        await giveSeatBack(seat)
        await release(from.limitKey, id)
        throw err
      }
    },

    async markNoShows(now, message) {
      const due = await readUpTo(
        bookings()
          .where({ status: 'booked', checkInBy: _.lte(now) })
          .orderBy('checkInBy', 'asc')
          .orderBy('_id', 'asc'),
        NO_SHOW_BATCH,
      )
      const marked: BookingRecord[] = []
      // Each booking with its 消息 in one transaction; ten at a time.
      for (let i = 0; i < due.length; i += 10) {
        const batch = await Promise.all(
          due.slice(i, i + 10).map((d) =>
            inTransaction(db, async (tx) => {
              const b = await getOrNull(txBooking(tx, d._id))
              if (!b || b.status !== 'booked') return null
              await txBooking(tx, d._id).update({ data: { status: 'no_show', updatedAt: now } })
              const booking = toBooking({ ...b, status: 'no_show', updatedAt: now })
              await sendInTransaction(tx, sealer, message(booking))
              return booking
            }),
          ),
        )
        for (const b of batch) if (b) marked.push(b)
      }
      return marked
    },

    async bookedOn(centerId, dates) {
      const out: BookingRecord[] = []
      // `_.in` takes a bounded list: ask in chunks of a month of dates.
      for (let i = 0; i < dates.length; i += 31) {
        out.push(
          ...(
            await readAll(
              bookings()
                .where({ centerId, status: 'booked', date: _.in(dates.slice(i, i + 31)) })
                .orderBy('startsAt', 'asc')
                .orderBy('_id', 'asc'),
            )
          ).map(toBooking),
        )
      }
      return out
    },

    async dueReminders(centerId, date, limit) {
      const query = bookings()
        .where({ centerId, date, status: 'booked', remindedAt: null })
        .orderBy('startsAt', 'asc')
        .orderBy('_id', 'asc')
      return (await readUpTo(query, limit)).map(toBooking)
    },

    async recordReminder(bookingId, at, message) {
      return inTransaction(db, async (tx) => {
        const b = await getOrNull(txBooking(tx, bookingId))
        if (!b || b.status !== 'booked' || b.remindedAt) return false
        await txBooking(tx, bookingId).update({ data: { remindedAt: at } })
        await sendInTransaction(tx, sealer, message)
        return true
      })
    },
  }
}
