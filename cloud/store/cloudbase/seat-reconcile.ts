/**
 * Seats a dead function left counted on CloudBase, given back (`BookingRepo.reconcileSeats`).
 *
 * A create takes its seat and then writes its booking, two requests with no transaction between them (a reschedule
 * takes its new seat, then moves its booking): a function that dies between them (timeout, crash, instance reclaimed)
 * leaves a seat counted that no booking holds, and the slot shows one seat fewer for ever. The reconcile finds such
 * counters and gives the seats back, against every writer in flight:
 * - Only a counter whose `takenAt` (slot-seats.ts) is older than `CLAIM_EXPIRES_MS`, longer than any function lives:
 *   every function that took a seat of it has finished, or died, so none is about to write the booking for its seat.
 * - The seats held are counted after the counter is read: the slot's 候补 offers first, its bookings second. A seat
 *   moves from an offer to a booking (an accept) without touching the counter, so it is counted once or twice, never
 *   missed. Every other move of a seat moves the counter's `v`: a take, a give-back, a cancel or a reschedule away
 *   (booking → `offering`), an offer that runs out or is left (entry → `offering`), an offer (`offering` → entry).
 * - Each counter is written by a compare-and-set on the `v` read: when any seat moved between the read
 *   and the write, the write changes nothing and the counter waits for the next run. Two runs at once: one writes.
 * - The seats go into `offering`, and the 候补 pump offers them to the first in line, or frees them (a run that dies
 *   after the write leaves them there for the jobs' sweep of `offering`, waitlist-repo.ts `expireDue`).
 * Reads are paged by `_id` (paging.ts `readAllByKey`), never by skip: a booking cancelled while the bookings are read
 * shifts none of another slot's out of sight.
 *
 * A run reads the counters dated `from` on (one request a 1000), the 候补 offers (one a 1000), and each center's
 * bookings holding a seat on those days (one a 1000, +1 when a page is exactly full); one write and a pump per counter
 * that needs it.
 */
import type { IsoDate } from '@/core/beijing-time'
import type { StrandedSeats } from '../port'
import type { Sealer } from '../sealed-fields'
import { CLAIM_EXPIRES_MS } from './booking-code-claim'
import { MAX_GET, type DbApi, type StoredDoc } from './db-api'
import { readAll } from './doc-helpers'
import { readAllByKey } from './paging'
import { slotId } from './slot-id'
import { pump, WAITLIST_COLLECTIONS } from './waitlist-line'

/** The statuses of a booking that keep its seat counted (a cancel or a reschedule alone give it back). */
const HOLDING = ['booked', 'checked_in', 'completed', 'no_show']

type Counter = StoredDoc & {
  serviceId: string
  centerId: string
  date: string
  start: string
  booked: number
  offering?: number
  v?: number
  takenAt?: string
}
type Held = StoredDoc & { serviceId: string; date: string; start?: string | null; offerStart?: string | null }

/** No seat of the counter is held by a function still at work at `now`. */
const settled = (c: Counter, now: string) => !c.takenAt || Date.parse(c.takenAt) + CLAIM_EXPIRES_MS <= Date.parse(now)

/** `pageSize`: documents a read answers (`MAX_GET`; tests make pages small). */
export function cloudbaseSeatReconcile(db: DbApi, sealer: Sealer, collections: { slots: string; bookings: string }, pageSize = MAX_GET) {
  const _ = db.command
  return async (from: IsoDate, now: string): Promise<StrandedSeats[]> => {
    const counters = (
      await readAll(
        db
          .collection<Counter>(collections.slots)
          .where({ date: _.gte(from), booked: _.gt(0) })
          .orderBy('_id', 'asc'),
      )
    ).filter((c) => settled(c, now))
    if (!counters.length) return []
    const held = new Map<string, number>()
    const count = (id: string) => held.set(id, (held.get(id) ?? 0) + 1)
    // Offers before bookings: an accept in between is counted twice at worst, never not at all.
    const offers = await readAllByKey<Held>(db, WAITLIST_COLLECTIONS.entries, { status: 'offered', date: _.gte(from) }, pageSize)
    for (const e of offers) count(slotId(e.serviceId, e.date, e.offerStart!))
    for (const centerId of new Set(counters.map((c) => c.centerId))) {
      const bookings = await readAllByKey<Held>(db, collections.bookings, { centerId, date: _.gte(from), status: _.in(HOLDING) }, pageSize)
      for (const b of bookings) count(slotId(b.serviceId, b.date, b.start!))
    }
    const out: StrandedSeats[] = []
    for (const c of counters) {
      const seats = c.booked - (c.offering ?? 0) - (held.get(c._id) ?? 0)
      if (seats <= 0) continue
      const moved = await db
        .collection<Counter>(collections.slots)
        .where({ _id: c._id, v: c.v ?? _.exists(false) })
        .update({ data: { offering: _.inc(seats), v: _.inc(1) } })
      // A seat moved since the read: this counter is decided again on the next run.
      if (moved.stats.updated !== 1) continue
      await pump(db, sealer, c.serviceId, c.date, c.start, now)
      out.push({ serviceId: c.serviceId, date: c.date, start: c.start, seats })
    }
    return out
  }
}
