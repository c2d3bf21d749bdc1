/**
 * The seat reconcile on SQLite (`BookingRepo.reconcileSeats`): a consistency check. A seat is taken in the transaction
 * that writes its booking (or its 候补 offer), so a counter cannot hold a seat nothing holds, short of a bug or a hand
 * edit of the file. The same rule as CloudBase's (cloudbase/seat-reconcile.ts) runs here so the port means one thing
 * on both adapters, and so a bug that leaks seats shows as seats given back in the jobs' result instead of a slot 已满
 * for ever. No seat is in flight between two transactions, so nothing needs to age first; the give-back is one IMMEDIATE
 * transaction that counts again, so no write comes between the count and it. The count reads the counters from `from`
 * on by primary key, service by service (`CROSS JOIN` keeps the planner from scanning every counter ever made), and each
 * counter's holders from two indexes (`bookings_by_day`, `waitlist_line`): ~3 ms for 8 days × 13 slots of 10 bookings
 * beside a year of history (95 000 counters, 950 000 bookings), read outside the write lock.
 */
import type { IsoDate } from '@/core/beijing-time'
import type { StrandedSeats } from '../port'
import type { Sealer } from '../sealed-fields'
import type { Db } from './open-database'
import { sqliteSeatHandOff } from './waitlist-handoff'

export function sqliteSeatReconcile(db: Db, sealer: Sealer) {
  const handOff = sqliteSeatHandOff(db, sealer)
  const stranded = db.prepare(`SELECT service_id AS serviceId, date, start, seats FROM (
      SELECT s.service_id, s.date, s.start, s.booked
        - (SELECT COUNT(*) FROM bookings b WHERE b.center_id = s.center_id AND b.date = s.date AND b.service_id = s.service_id
             AND b.start = s.start AND b.status IN ('booked', 'checked_in', 'completed', 'no_show'))
        - (SELECT COUNT(*) FROM waitlist_entries w WHERE w.service_id = s.service_id AND w.date = s.date AND w.status = 'offered'
             AND w.offer_start = s.start) AS seats
      FROM services sv CROSS JOIN booking_slots s ON s.service_id = sv.id AND s.date >= ? WHERE s.booked > 0)
    WHERE seats > 0 ORDER BY service_id, date, start`)
  const run = db.transaction((from: IsoDate, now: string): StrandedSeats[] => {
    const found = stranded.all(from) as StrandedSeats[]
    // Each seat as a cancel frees one: offered to the first in the slot's 候补 line, else free again.
    for (const s of found) for (let i = 0; i < s.seats; i++) handOff.release(s.serviceId, s.date, s.start, now)
    return found
  })
  // Looked for outside the write lock first (a reader in WAL mode blocks no create); found again under it.
  return async (from: IsoDate, now: string) => (stranded.all(from).length ? run.immediate(from, now) : [])
}
