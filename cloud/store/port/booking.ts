/**
 * The store port, bookings: appointments and the per-slot seat counters.
 *
 * What the store must guarantee: capacity is decided atomically (a conditional update of the
 * slot's counter and the insert in one unit — never count, then insert), so two processes on
 * one database never overbook; a create is idempotent per (openid, requestId): the booking id
 * is derived from that pair and a retry answers the first result; cancel, reschedule, no-show
 * marking and reminders are each one unit with their seat and 消息.
 */

import type { ClockTime, IsoDate } from '@/core/beijing-time'
import type { BookingState } from '@/core/booking-rules'
import type { RelationKey } from '@/core/relations'
import type { RetentionCutoff } from '@/core/retention'
import type { NewMessage } from './messages'
import type { IdentityRecord, RelativeRecord } from './people'

/** One appointment as stored. The ID number is only ever sealed (encrypted) and hashed here. */
export interface BookingRecord {
  /** Derived from (openid, requestId), so a retried create meets its own first row by primary key. */
  id: string
  code: string
  centerId: string
  serviceId: string
  date: IsoDate
  start: ClockTime
  end: ClockTime
  /** ISO instants of the slot and of the check-in deadline (slot end + grace). */
  startsAt: string
  endsAt: string
  checkInBy: string
  status: BookingState
  /** Who created it (the owner). */
  openid: string
  requestId: string
  personName: string
  idSealed: string
  idHash: string
  idMasked: string
  /**
   * Whose limits it counts against (src/core/booking-rules.ts `limitHolder`): `person_<idHash>` when the
   * person or a consented relative made it, else `account_<openid>`. Every per-person guard keys on this.
   */
  limitKey: string
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  note: string | null
  createdAt: string
  updatedAt: string
  cancelledAt: string | null
  cancelReason: string | null
  remindedAt: string | null
}

/** Seats taken in one slot of a service (a counter, so reading it never scans bookings). */
export interface SlotCount {
  date: IsoDate
  start: ClockTime
  capacity: number
  booked: number
}

/**
 * Seats a slot's counter held with nothing holding them (no booking, no 候补 offer), and that a reconcile gave back
 * (`BookingRepo.reconcileSeats`): offered to the first in the slot's 候补 line, else free again.
 */
export interface StrandedSeats {
  serviceId: string
  date: IsoDate
  start: ClockTime
  seats: number
}

/** Where a booking goes: the slot, and the seats it has if its counter does not exist yet. */
export interface SlotTarget {
  date: IsoDate
  start: ClockTime
  end: ClockTime
  startsAt: string
  endsAt: string
  checkInBy: string
  capacity: number
}

/**
 * How the store decides a new booking's limit holder (`limitKey`) from what it reads of the booking's maker (`openid`):
 * their 我的身份 and 亲友, read inside the create's own unit. On SQLite they are two index reads inside the group's
 * transaction (~0.2 µs each) instead of two autocommit reads before it (2–5 µs each: the first after a commit takes the
 * WAL's read lock); on CloudBase the same requests as before, made by the store.
 */
export interface LimitHolderRule {
  /** Whether to read the maker's 我的身份: false when none can count as verified (identity verification off), so it is not read. */
  identity: boolean
  /** The holder's key from what was read (src/core/booking-rules.ts `limitHolder`). */
  decide(identity: IdentityRecord | null, relatives: readonly RelativeRecord[]): string
}

/** A booking to create. Its limit holder is given, or decided by the store (`LimitHolderRule`). */
export type NewBooking = Omit<
  BookingRecord,
  | 'code'
  | 'status'
  | 'updatedAt'
  | 'cancelledAt'
  | 'cancelReason'
  | 'remindedAt'
  | 'date'
  | 'start'
  | 'end'
  | 'startsAt'
  | 'endsAt'
  | 'checkInBy'
  | 'limitKey'
> & { limitKey: string | LimitHolderRule }

/** A new booking whose limit holder is decided. */
export type HeldBooking = Omit<NewBooking, 'limitKey'> & { limitKey: string }

/**
 * The record a create writes: the new booking, booked on its slot with its code, nothing happened to it yet.
 * Every field named, not `{ ...b, code, … }`: on Node 20 (V8 11.3) an object literal that starts with a spread and then
 * adds keys the spread did not have pays ~0.5 µs per added key (13 here: ~15 µs, 6 % of an in-process create;
 * docs/benchmarks.md, point 5 fourth round). Written out it costs ~0.2 µs.
 */
export function bookedRecord(b: HeldBooking, slot: SlotTarget, code: string): BookingRecord {
  return {
    id: b.id,
    code,
    centerId: b.centerId,
    serviceId: b.serviceId,
    date: slot.date,
    start: slot.start,
    end: slot.end,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    checkInBy: slot.checkInBy,
    status: 'booked',
    openid: b.openid,
    requestId: b.requestId,
    personName: b.personName,
    idSealed: b.idSealed,
    idHash: b.idHash,
    idMasked: b.idMasked,
    limitKey: b.limitKey,
    phone: b.phone,
    forSelf: b.forSelf,
    relation: b.relation,
    note: b.note,
    createdAt: b.createdAt,
    updatedAt: b.createdAt,
    cancelledAt: null,
    cancelReason: null,
    remindedAt: null,
  }
}

export type CreateBookingResult =
  | { kind: 'created'; booking: BookingRecord }
  /** The same caller already sent this request id: the first result. */
  | { kind: 'duplicate'; booking: BookingRecord }
  | { kind: 'slot_full' }
  /** The same limit holder already holds an active booking of this person for this service that day. */
  | { kind: 'person_day_taken' }
  /** The limit holder already holds `maxActive` active bookings. */
  | { kind: 'too_many_active' }
  /** The limit holder's no-shows block new bookings until `until` (an ISO instant), as `BookingGuard.noShows` decided. */
  | { kind: 'no_show_blocked'; until: string }

/** What a create checks besides seats: the limit holder's limits at `now`. */
export interface BookingGuard {
  maxActive: number
  now: string
  /**
   * The no-show block (src/core/booking-rules.ts `noShowBlock`): the store hands the holder's no-shows after `since` to
   * `blockedUntil`, which answers until when they block (null: they do not). In the store, so that a holder with no
   * booking at all costs no look at no-shows (CloudBase: no document of theirs, no query). Absent: no block.
   */
  noShows?: { since: string; blockedUntil(noShows: Date[]): string | null }
}

export type RescheduleResult =
  | { kind: 'moved'; booking: BookingRecord }
  | { kind: 'unchanged'; booking: BookingRecord }
  | { kind: 'not_found' }
  | { kind: 'not_booked'; booking: BookingRecord }
  | { kind: 'slot_full' }
  | { kind: 'person_day_taken' }

export interface BookingListQuery {
  centerId: string
  openid: string
  /** Also the bookings made in this person's name by anyone (the caller's verified ID hash). */
  personHash?: string | null
  statuses: readonly BookingState[]
  /** Soonest first (upcoming) or latest first (history). */
  order: 'asc' | 'desc'
  /** Continue after this (startsAt, id), exclusive. */
  after?: { startsAt: string; id: string }
  limit: number
}

export interface BookingRepo {
  /** Counters of a service's slots with any seat ever taken, dates within [from, to]. */
  slotCounts(serviceId: string, from: IsoDate, to: IsoDate): Promise<SlotCount[]>
  get(id: string): Promise<BookingRecord | null>
  /** The booking with this booking code (a clerk checks it in). */
  byCode(code: string): Promise<BookingRecord | null>
  /** The caller's bookings (and, with `personHash`, those in their name), by `order` of (startsAt, id). */
  listByOwner(query: BookingListQuery): Promise<BookingRecord[]>
  /** Check-in deadlines of the no-shows counted against `limitKey` after `since` (for the no-show block). */
  noShowsSince(limitKey: string, since: string): Promise<Date[]>
  /**
   * One atomic unit: answer the first result for a repeated (openid, requestId) — the
   * booking id is derived from that pair, so a retry arrives with the same id; decide the limit holder when the booking
   * gives a `LimitHolderRule`; refuse when the booking's limit holder
   * (`limitKey`) is blocked by their no-shows (`guard.noShows`), or has `maxActive` active bookings (booked, check-in deadline after `now`) or already holds one of this
   * person (`idHash`) for this service that day; take a seat if one is left; insert. Bookings of other holders never count.
   * `newCode` is asked again if a code happens to be taken. (The CloudBase store draws its codes from the booking id
   * instead, with the personal-data hash key, so a retry meets its first attempt by the code.)
   */
  create(booking: NewBooking, slot: SlotTarget, guard: BookingGuard, newCode: () => string): Promise<CreateBookingResult>
  /** Atomic: booked → cancelled, and the seat is given back. Null unless it was `booked`. */
  cancel(id: string, at: string, reason: string | null): Promise<BookingRecord | null>
  /** Atomic: take a seat in the new slot, move the booking, give back the old seat; on any refusal nothing changes. */
  reschedule(id: string, to: SlotTarget, at: string): Promise<RescheduleResult>
  /** Booked bookings whose check-in deadline has passed become no_show, each with a 消息; returns them. */
  markNoShows(now: string, message: (b: BookingRecord) => NewMessage): Promise<BookingRecord[]>
  /** A center's bookings still to be attended (`booked`) on any of these dates (a closed day's list), soonest first. */
  bookedOn(centerId: string, dates: readonly IsoDate[]): Promise<BookingRecord[]>
  /** Booked, not yet reminded bookings on `date` (a Beijing date) of a center. */
  dueReminders(centerId: string, date: IsoDate, limit: number): Promise<BookingRecord[]>
  /** Atomic: note the reminder on the booking and write its 消息; false when it was already reminded or is no longer booked. */
  recordReminder(bookingId: string, at: string, message: NewMessage): Promise<boolean>
  /**
   * Gives back the seats the counters of slots dated `from` on count beyond what holds them: the slot's bookings that
   * hold a seat (booked, checked in, completed, no-show), its 候补 offers and the seats waiting to be offered. Such a seat
   * is a create or a reschedule that died between taking its seat and writing its booking (CloudBase writes them one
   * after the other); on SQLite, where both are one transaction, only a bug makes one. Never a seat a create,
   * reschedule, cancel or offer still in flight at `now` holds, and a second run gives back nothing more.
   */
  reconcileSeats(from: IsoDate, now: string): Promise<StrandedSeats[]>
  /**
   * Retention (src/core/retention.ts `bookingDue`): anonymises every finished booking due at `cutoff` and not yet purged —
   * name, sealed ID, phone, note, cancel reason gone; ID hash and openid replaced by `purged:<id>`; `purgedAt` = `at`.
   * Status, service, date and slot (what statistics read) stay. Returns how many were purged; a second run purges none.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}
