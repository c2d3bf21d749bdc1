/**
 * Seats of a slot counter (booking-repo.ts `booking_slots`), taken and given back outside any transaction: the
 * conditional update compares with a constant (`remaining > 0`), so concurrent takers never oversell and never conflict.
 *
 * Every write that moves a seat of a counter also moves its version `v` (here, and in waitlist-line.ts), and a take
 * stamps `takenAt` with the taker's clock, in the same request: a seat taken and not yet written into a booking is
 * held by a function that started before `takenAt`, so a counter whose `takenAt` is older than any function lives
 * holds no such seat in flight, and one compare-and-set on `v` sees any seat moved since it was read (seat-reconcile.ts).
 */
import type { SlotTarget } from '../port'
import type { DbApi, StoredDoc } from './db-api'
import { insertOnce } from './doc-helpers'
import { slotId } from './slot-id'

type SlotCounter = StoredDoc & { capacity: number; booked: number; remaining: number; v?: number; takenAt?: string }

export function slotSeats(db: DbApi, collection: string) {
  const _ = db.command
  const slots = () => db.collection<SlotCounter>(collection)
  const take = async (id: string, now: string) =>
    (
      await slots()
        .where({ _id: id, remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), booked: _.inc(1), v: _.inc(1), takenAt: now } })
    ).stats.updated === 1

  return {
    /** One seat of the slot if its counter exists and has one left (one request), else null: full, or never booked. */
    takeExisting: async (serviceId: string, slot: SlotTarget, now: string): Promise<string | null> => {
      const id = slotId(serviceId, slot.date, slot.start)
      return (await take(id, now)) ? id : null
    },
    /**
     * One seat of the slot (its counter's `_id`), or null when it is full: the conditional update alone when the
     * counter exists (every booking of a slot but its first); when it took nothing, the counter is made if missing
     * (a second maker meets the first's `_id`) and the update tried once more, so a full slot answers after three.
     */
    async takeSeat(centerId: string, serviceId: string, slot: SlotTarget, now: string): Promise<string | null> {
      const id = slotId(serviceId, slot.date, slot.start)
      if (await take(id, now)) return id
      await insertOnce(db, collection, {
        _id: id,
        serviceId,
        centerId,
        date: slot.date,
        start: slot.start,
        capacity: slot.capacity,
        booked: 0,
        remaining: slot.capacity,
      })
      return (await take(id, now)) ? id : null
    },
    giveSeatBack: (id: string) =>
      slots()
        .where({ _id: id, booked: _.gt(0) })
        .update({ data: { remaining: _.inc(1), booked: _.inc(-1), v: _.inc(1) } }),
  }
}
