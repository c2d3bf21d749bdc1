/**
 * Where a seat that leaves a slot goes, on SQLite: to the first entry in line it covers (an offer, with its
 * 消息), else back to the slot. Called inside the transaction that freed the seat (a cancel, a reschedule, a
 * leave, an expired offer), so between the seat leaving and the offer nobody else can take it: the seat
 * stays counted in `booking_slots.booked` from the booking to the offer.
 */
import type { ClockTime, IsoDate } from '@/core/beijing-time'
import { offerable } from '@/core/waitlist'
import type { WaitEntryRecord } from '../port'
import { openFields, type Sealer } from '../sealed-fields'
import { offerFields, offerMessage } from '../waitlist-offer'
import { insertMessageStatement } from './message-repo'
import type { Db } from './open-database'

export interface WaitRow {
  seq: number
  id: string
  center_id: string
  service_id: string
  service_name: string
  date: string
  start: string | null
  openid: string
  person_name: string
  id_sealed: string
  id_hash: string
  id_masked: string
  limit_key: string
  phone: string
  for_self: number
  relation: WaitEntryRecord['relation']
  hold_minutes: number
  template_id: string | null
  status: WaitEntryRecord['status']
  offer_start: string | null
  offer_expires_at: string | null
  booking_id: string | null
  joined_at: string
  updated_at: string
}

/** The sealed fields of an entry (as a booking's). */
export const WAIT_SEALED = ['personName', 'phone'] as const

export const rowToEntry = (sealer: Sealer, r: WaitRow): WaitEntryRecord =>
  openFields(
    sealer,
    {
      id: r.id,
      seq: r.seq,
      centerId: r.center_id,
      serviceId: r.service_id,
      serviceName: r.service_name,
      date: r.date,
      start: r.start,
      openid: r.openid,
      personName: r.person_name,
      idSealed: r.id_sealed,
      idHash: r.id_hash,
      idMasked: r.id_masked,
      limitKey: r.limit_key,
      phone: r.phone,
      forSelf: r.for_self === 1,
      relation: r.relation,
      holdMinutes: r.hold_minutes,
      templateId: r.template_id,
      status: r.status,
      offerStart: r.offer_start,
      offerExpiresAt: r.offer_expires_at,
      bookingId: r.booking_id,
      joinedAt: r.joined_at,
      updatedAt: r.updated_at,
    },
    WAIT_SEALED,
  )

/** The hand-off statements; every function here must run inside a write transaction. */
export function sqliteSeatHandOff(db: Db, sealer: Sealer) {
  const q = {
    firstInLine: db.prepare(
      "SELECT * FROM waitlist_entries INDEXED BY waitlist_line WHERE service_id = ? AND date = ? AND status = 'waiting' AND (start IS NULL OR start = ?) ORDER BY seq LIMIT 1",
    ),
    offer: db.prepare(
      "UPDATE waitlist_entries SET status = 'offered', offer_start = @offerStart, offer_expires_at = @offerExpiresAt, updated_at = @updatedAt WHERE id = @id AND status = 'waiting'",
    ),
    freeSeat: db.prepare('UPDATE booking_slots SET booked = booked - 1 WHERE service_id = ? AND date = ? AND start = ? AND booked > 0'),
    takeSeat: db.prepare(
      'UPDATE booking_slots SET booked = booked + 1 WHERE service_id = ? AND date = ? AND start = ? AND booked < capacity',
    ),
    freeSlots: db.prepare(
      'SELECT start, capacity - booked AS free FROM booking_slots WHERE service_id = ? AND date = ? AND booked < capacity ORDER BY start',
    ),
    insertMessage: insertMessageStatement(db, sealer),
  }

  /** Offers the seat `start` (already counted) to the first in line it covers; the entry offered, or null for nobody. */
  function offerSeat(serviceId: string, date: IsoDate, start: ClockTime, at: string): WaitEntryRecord | null {
    if (!offerable(date, start, at)) return null
    const row = q.firstInLine.get(serviceId, date, start) as WaitRow | undefined
    if (!row) return null
    const entry = { ...rowToEntry(sealer, row), ...offerFields({ holdMinutes: row.hold_minutes }, start, at) }
    q.offer.run({ id: entry.id, offerStart: entry.offerStart, offerExpiresAt: entry.offerExpiresAt, updatedAt: at })
    q.insertMessage.run(offerMessage(entry, at))
    return entry
  }

  return {
    /** A seat leaves the slot `date start`: offered to the first in line, else given back. */
    release(serviceId: string, date: IsoDate, start: ClockTime, at: string): WaitEntryRecord | null {
      const offered = offerSeat(serviceId, date, start, at)
      if (!offered) q.freeSeat.run(serviceId, date, start)
      return offered
    },
    /** Free seats of the day's slots go to those in line (each seat taken, then offered). */
    fill(serviceId: string, date: IsoDate, at: string): WaitEntryRecord[] {
      const offers: WaitEntryRecord[] = []
      for (const slot of q.freeSlots.all(serviceId, date) as { start: string; free: number }[]) {
        for (let i = 0; i < slot.free; i++) {
          if (q.takeSeat.run(serviceId, date, slot.start).changes === 0) break
          const offered = offerSeat(serviceId, date, slot.start, at)
          if (!offered) {
            q.freeSeat.run(serviceId, date, slot.start)
            break
          }
          offers.push(offered)
        }
      }
      return offers
    },
  }
}
