/**
 * The store port, 候补 (waitlist): residents in line for a full slot, or for any time of a day, of one service,
 * and the offers of freed seats (src/core/waitlist.ts holds the rules).
 *
 * What the store must guarantee, on both adapters:
 * - the line order is the join order (`seq`, then `id`), and one person (`idHash`) is in a line (service, date, slot or `*`)
 *   at most once;
 * - a seat that leaves a slot (a cancel or a reschedule in the booking store, a leave or an expired offer here,
 *   or a free seat found by `fill`) goes to the first entry in line that it covers — in the same atomic unit as
 *   what freed it, with the offer's 消息 — and stays counted in the slot while offered, so no create takes it;
 *   only when nobody covered waits does it go back to the slot;
 * - accepting turns the offer into a booking without taking another seat, under the booking limits, at most once.
 */

import type { ClockTime, IsoDate } from '@/core/beijing-time'
import type { RetentionCutoff } from '@/core/retention'
import type { RelationKey } from '@/core/relations'
import type { WaitStatus } from '@/core/waitlist'
import type { BookingRecord, NewBooking, SlotTarget } from './booking'

/** One entry in a line. The ID number is only ever sealed and hashed here, as in a booking. */
export interface WaitEntryRecord {
  /** Derived from (openid, requestId), so a retried join meets its own first entry. */
  id: string
  /** The place in the join order (smaller is earlier). Joins of one millisecond: SQLite keeps their arrival order, CloudBase an arbitrary, fixed one; equal values, the id decides. */
  seq: number
  centerId: string
  serviceId: string
  /** The service's name when they joined: the offer's 消息 names it without another read. */
  serviceName: string
  date: IsoDate
  /** The slot waited for, or null for any time that day. */
  start: ClockTime | null
  openid: string
  personName: string
  idSealed: string
  idHash: string
  idMasked: string
  /** Whose booking limits the booking counts against (src/core/booking-rules.ts `limitHolder`). */
  limitKey: string
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  /** The center's hold when they joined, in minutes. */
  holdMinutes: number
  /** The subscribe-message template the resident allowed in the join tap (null: 消息 only). */
  templateId: string | null
  status: WaitStatus
  /** The offered slot and until when it is held (status `offered`; kept afterwards for the record). */
  offerStart: ClockTime | null
  offerExpiresAt: string | null
  /** The booking an accepted offer became. */
  bookingId: string | null
  joinedAt: string
  updatedAt: string
}

export type NewWaitEntry = Omit<WaitEntryRecord, 'seq' | 'status' | 'offerStart' | 'offerExpiresAt' | 'bookingId' | 'updatedAt'>

export type JoinResult =
  /** In line (already holding an offer when a seat was free). */
  | { kind: 'joined'; entry: WaitEntryRecord }
  /** The same request again: the first entry, as it is now. */
  | { kind: 'duplicate'; entry: WaitEntryRecord }
  /** This person is already in this line (another request): that entry. */
  | { kind: 'already'; entry: WaitEntryRecord }

export type AcceptResult =
  | { kind: 'accepted'; booking: BookingRecord; entry: WaitEntryRecord }
  /** Accepted before (a retried tap): the booking it became. */
  | { kind: 'duplicate'; booking: BookingRecord; entry: WaitEntryRecord }
  /** No offer to accept: still waiting, left, or not theirs to take. */
  | { kind: 'not_offered'; entry: WaitEntryRecord | null }
  /** The hold ran out: the seat went on to the next in line (in this same unit). */
  | { kind: 'expired'; entry: WaitEntryRecord }
  | { kind: 'too_many_active' }
  | { kind: 'person_day_taken' }

/** A booking made from an offer: the entry's person, the slot it was offered. */
export type OfferBooking = Pick<NewBooking, 'id' | 'requestId' | 'note' | 'createdAt'>

export interface WaitlistRepo {
  /** Atomic: insert at the end of the line unless the request or the person is there already; then offer any free seat of the line. */
  join(entry: NewWaitEntry, at: string): Promise<JoinResult>
  get(id: string): Promise<WaitEntryRecord | null>
  /** The caller's entries of a center for dates from `from` on, in line or done, by date and join order. */
  listMine(centerId: string, openid: string, from: IsoDate): Promise<WaitEntryRecord[]>
  /** The order of the line of a service and day: the entries still in it (for places). */
  line(serviceId: string, date: IsoDate): Promise<{ seq: number; start: ClockTime | null; status: WaitStatus }[]>
  /** Atomic: out of the line (waiting or offered → left); a held seat passes on. Null unless it was in line. */
  leave(id: string, at: string): Promise<WaitEntryRecord | null>
  /**
   * Atomic: the offer of entry `id`, held until after `guard.now`, becomes a booking in the offered slot (`slot`,
   * which must be that slot) without taking another seat, unless the entry's limit holder has `maxActive` active
   * bookings or one of this person for the service that day. An offer past its hold is expired here and passed on.
   */
  accept(
    id: string,
    booking: OfferBooking,
    slot: SlotTarget,
    guard: { maxActive: number; now: string },
    newCode: () => string,
  ): Promise<AcceptResult>
  /** Every offer held until `at` or earlier expires and passes on, each in its own atomic unit; returns the expired entries. */
  expireDue(at: string): Promise<WaitEntryRecord[]>
  /** Free seats of the service's slots on `date` (e.g. after its capacity was raised) go to those in line; returns the offers made. */
  fill(serviceId: string, date: IsoDate, at: string): Promise<WaitEntryRecord[]>
  /**
   * Retention (src/core/retention.ts `waitEntryDue`): every entry of a day before `cutoff.beforeDate` not yet purged
   * loses the name, phone, sealed ID number, ID hash, limit key and account; the service, day, slot, status and times
   * stay for statistics. Returns how many were purged; a second run finds none.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}
