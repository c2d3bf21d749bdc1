/**
 * Bookings on CloudBase.
 *
 * - `bookings`: BookingRecord documents, `_id` = the booking id, which is derived from
 *   (openid, requestId): a retried create meets its own first document by key.
 * - `booking_slots`: one counter per (service, date, start), `_id` = `<serviceId>_<date>_<hhmm>`,
 *   `{ capacity, booked, remaining }`. A seat is taken by the conditional update
 *   `where({ _id, remaining: _.gt(0) }).update({ remaining: _.inc(-1), booked: _.inc(1) })`
 *   (compared with a constant, so concurrent takers never oversell) and given back in kind.
 * - `booking_codes`: `_id` = the booking code → `{ bookingId, by, since }`: added (`add` refuses a taken `_id`) before the
 *   seat is taken, so two bookings never share a code; removed again when no booking is made. A create's code is also the
 *   claim of its request, so one attempt of a request at a time takes a seat (booking-code-claim.ts).
 * - `booking_people`: `_id` = a booking's limit holder (`limitKey`: `person_<ID hash>` or `account_<openid>`, see
 *   src/core/booking-rules.ts `limitHolder`) → `{ holds, busy, writing, v }` (booking-holder.ts): the holder's limits (one
 *   per person, service and day, `maxActive`) are decided on it, so two requests of one holder (a create, a 候补 accept,
 *   a reschedule) are taken one after the other, as SQLite's write lock takes them: a create writes it by a
 *   compare-and-set on its version, the others in transactions that move the version. Bookings written before
 *   `limitKey` existed are on no holder's document: they count against nobody.
 *
 * A create is four single-document writes, no transaction: its code (the request's claim), its seat, its hold on the
 * holder's document, its booking. Each refusal or failure after the seat gives back the seat and the code (and a hold
 * whose booking was not written stops being waited for). When the slot's counter is full or not made yet, the limits
 * are read first, so a refused request makes no counter and a full slot answers what the person's limits say before
 * SLOT_FULL. If the function dies after taking the seat and before writing the booking, that seat stays counted with no
 * booking (never oversold) until the jobs' reconcile gives it back, once no function that took a seat of the slot can
 * still be at work (seat-reconcile.ts); its code stays claimed until a retry takes it over, and its hold counts nothing
 * (its booking is not there) once older than `CLAIM_EXPIRES_MS`.
 * docs/benchmarks.md ("Database requests per action") says what each request of a create is, and why it stays.
 */
import {
  bookedRecord,
  type BookingRecord,
  type BookingRepo,
  type CreateBookingResult,
  type HeldBooking,
  type NewBooking,
  type PeopleRepo,
  type RescheduleResult,
} from '../port'
import { bookingCodeClaims, CLAIM_WAIT_ROUNDS, pause, type CodeDoc, type RequestClaim } from './booking-code-claim'
import { bookingHolders, carried, limitRefusal, nextVersion, type HolderRefusal, type PersonDoc } from './booking-holder'
import { isDuplicateKey, type DbApi, type TransactionApi } from './db-api'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { getOrNull, inTransaction, readAll } from './doc-helpers'
import { sendInTransaction } from './message-repo'
import { readUpTo } from './paging'
import { SHARED } from './shared-collections'
import { cloudbaseBookingPurge } from './retention'
import { cloudbaseSeatReconcile } from './seat-reconcile'
import { slotId } from './slot-id'
import { slotSeats } from './slot-seats'
import { pump, toOffering } from './waitlist-line'

export const BOOKING_COLLECTIONS = {
  bookings: SHARED.bookings,
  slots: 'booking_slots',
  codes: 'booking_codes',
  people: 'booking_people',
} as const

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
  /** Moved by every write that moves a seat; `takenAt`: when a seat was last taken, by the taker's clock (slot-seats.ts). */
  v?: number
  takenAt?: string
}

export { slotId }
const docToBooking = ({ _id, ...d }: BookingDoc): BookingRecord => ({ id: _id, ...d })

/** A reschedule's first step, besides a result: the person is now claimed. */
type Claimed = { kind: 'claimed'; booking: BookingRecord | null }
/** The holder is busy with another request of theirs: try again shortly. */
type Wait = { kind: 'wait' }

/** `people`: the maker's 我的身份 and 亲友, for a create whose limit holder the store decides (`LimitHolderRule`). */
export function cloudbaseBookingRepo(db: DbApi, sealer: Sealer, people: Pick<PeopleRepo, 'identity' | 'relatives'>): BookingRepo {
  const toBooking = (d: BookingDoc) => openFields(sealer, docToBooking(d), SEALED_FIELDS.booking)
  const _ = db.command
  const bookings = () => db.collection<BookingDoc>(BOOKING_COLLECTIONS.bookings)
  const slots = () => db.collection<SlotDoc>(BOOKING_COLLECTIONS.slots)
  const txBooking = (tx: TransactionApi, id: string) => tx.collection<BookingDoc>(BOOKING_COLLECTIONS.bookings).doc(id)
  const txPerson = (tx: TransactionApi, limitKey: string) => tx.collection<PersonDoc>(BOOKING_COLLECTIONS.people).doc(limitKey)

  const get = async (id: string) => {
    const doc = await getOrNull(bookings().doc(id))
    return doc ? toBooking(doc) : null
  }

  /** Runs `run` (a transaction on the holder's document) until the person is free of another request's claim. */
  async function whenFree<R>(run: (tx: TransactionApi) => Promise<R | Wait>): Promise<R> {
    for (let round = 0; ; round++) {
      const result = await inTransaction(db, run)
      if ((result as Wait).kind !== 'wait') return result as R
      if (round >= CLAIM_WAIT_ROUNDS) throw new Error('booking: the person is busy with another request')
      await pause()
    }
  }

  const { takeExisting, takeSeat, giveSeatBack } = slotSeats(db, BOOKING_COLLECTIONS.slots)
  const { personIn, busy, holdFor, release, dropWriting } = bookingHolders(db, BOOKING_COLLECTIONS, toBooking)
  const codeClaims = bookingCodeClaims(db, sealer, BOOKING_COLLECTIONS.codes, get)

  /** A create that made no booking gives back what it took: the seat, and its code (unless a booking has it). */
  async function giveUp(seat: string | null, claim: RequestClaim, keepCode = false) {
    if (seat) await giveSeatBack(seat)
    if (!keepCode) await codeClaims.drop(claim)
  }

  /** The booking with its limit holder decided: by its rule, from the maker's identity and relatives. */
  async function held(b: NewBooking): Promise<HeldBooking> {
    const rule = b.limitKey
    if (typeof rule === 'string') return b as HeldBooking
    const [identity, relatives] = await Promise.all([rule.identity ? people.identity(b.openid) : null, people.relatives(b.openid)])
    return { ...b, limitKey: rule.decide(identity, relatives) }
  }

  async function noShowsSince(limitKey: string, since: string): Promise<Date[]> {
    const docs = await readAll(
      bookings()
        .where({ limitKey, status: 'no_show', checkInBy: _.gt(since) })
        .orderBy('checkInBy', 'asc')
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => new Date(d.checkInBy))
  }

  return {
    purgePersonalData: cloudbaseBookingPurge(db, BOOKING_COLLECTIONS),
    reconcileSeats: cloudbaseSeatReconcile(db, sealer, BOOKING_COLLECTIONS),
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
    noShowsSince,

    async create(nb: NewBooking, slot, guard): Promise<CreateBookingResult> {
      // 1. The request's code, which is also its claim: a retry meets it, and waits for or answers the first attempt.
      //    Beside it, the limit holder, decided by its rule from the maker's relatives (and identity, when verification
      //    is on): they say which holder's record to read, so they are needed before the seat. Neither waits for the
      //    other: one round trip for both (a resident on a phone network feels each), the same requests.
      const [claimed, holder] = await Promise.allSettled([codeClaims.claim(nb.id, guard.now), held(nb)])
      if (claimed.status === 'rejected') throw claimed.reason
      const claim = claimed.value
      if (claim.kind === 'duplicate') return claim
      if (holder.status === 'rejected') {
        // Nothing is taken yet but the code: give it back, so a retry of the request goes ahead at once.
        await giveUp(null, claim)
        throw holder.reason
      }
      const b = holder.value
      const { code } = claim
      // The holder's no-shows are read once, and only when they have a record: every booking is written after its
      // holder's record (a create's hold, a 候补 accept's transaction), which nothing removes, so a holder without one
      // has no booking at all, and no no-show. A resident's first booking looks at no no-shows.
      let blocked: Promise<string | null> | undefined
      const refusal = async (p: Awaited<ReturnType<typeof personIn>>): Promise<HolderRefusal | null> => {
        const noShows = guard.noShows
        if (p.person && noShows) {
          const until = await (blocked ??= noShowsSince(b.limitKey, noShows.since).then((d) => noShows.blockedUntil(d)))
          if (until) return { kind: 'no_show_blocked', until }
        }
        const limit = limitRefusal(p.live, b, slot, guard)
        return limit ? { kind: limit } : null
      }
      let seat: string | null = null
      try {
        // 2. The seat, outside any transaction. When the slot's counter is full or not made yet, the limits are looked
        //    at first, so a refused request makes no counter.
        seat = await takeExisting(b.serviceId, slot, guard.now)
        if (!seat) {
          const refused = await refusal(await personIn(db, b.limitKey))
          seat = refused ? null : await takeSeat(b.centerId, b.serviceId, slot, guard.now)
          if (!seat) {
            await giveUp(null, claim)
            return refused ?? { kind: 'slot_full' }
          }
        }
        // 3. The holder's limits and the booking's hold, on their document; 4. the booking (sealed before anything is held).
        const taken = seat
        const booking = bookedRecord(b, slot, code)
        const { id: _id, ...data } = sealFields(sealer, booking, SEALED_FIELDS.booking)
        const held = await holdFor(b, guard.now, refusal)
        if (held.kind !== 'held') {
          seat = null // given back here: never twice, whatever fails next
          await giveUp(taken, claim, held.kind === 'duplicate' && held.booking.code === code)
          return held
        }
        try {
          await bookings().add({ data: { _id: b.id, ...data } })
        } catch (err) {
          // Written already: by an attempt whose claim this one took over, after all.
          if (!isDuplicateKey(err)) throw err
          const first = (await get(b.id))!
          seat = null
          await giveUp(taken, claim, first.code === code)
          return { kind: 'duplicate', booking: first }
        }
        return { kind: 'created', booking }
      } catch (err) {
        // A write whose answer was lost may have stored the booking: then the seat and code stay with it. When even
        // that cannot be read, both stay taken (a seat fewer at worst, never one sold twice; the claims expire).
        const made = await get(b.id).catch(() => undefined)
        if (made?.code === code) return { kind: 'created', booking: made }
        if (made !== undefined) {
          await giveUp(seat, claim)
          // Its hold, if written, names no booking: nobody waits for it.
          await dropWriting(b.limitKey, b.id)
        }
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
      const claim = await whenFree<RescheduleResult | Claimed>(async (tx) => {
        const doc = await getOrNull(txBooking(tx, id))
        if (!doc) return { kind: 'not_found' }
        const booking = toBooking(doc)
        if (booking.status !== 'booked') return { kind: 'not_booked', booking }
        if (booking.date === to.date && booking.start === to.start) return { kind: 'unchanged', booking }
        const p = await personIn(tx, booking.limitKey)
        const { person, live } = p
        if (busy(p, at)) return { kind: 'wait' }
        if (live.some((o) => o.id !== id && o.idHash === booking.idHash && o.serviceId === booking.serviceId && o.date === to.date))
          return { kind: 'person_day_taken' }
        const holds = live.some((o) => o.id === id) ? live.map((o) => o.id) : [...live.map((o) => o.id), id]
        await txPerson(tx, booking.limitKey).set({
          data: { ...carried(person, new Set(p.held.keys()), at), holds, busy: { by: id, since: at } },
        })
        return { kind: 'claimed', booking }
      })
      if (claim.kind !== 'claimed') return claim
      const from = claim.booking!

      // The new seat first: if it is not there, nothing has changed.
      const seat = await takeSeat(from.centerId, from.serviceId, to, at)
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
          if (person?.busy?.by === id) await txPerson(tx, from.limitKey).update({ data: { busy: null, v: nextVersion(person) } })
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
