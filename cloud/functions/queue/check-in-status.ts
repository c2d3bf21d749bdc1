/**
 * Where a booking's check-in stands now: what the 签到取号 entry of the booking page, the check-in page and 今天的预约
 * show. Shared by `queue` (checkInStatus, today) and `booking` (every BookingDetail carries it, so the booking page
 * opens on one call).
 */
import type { CheckInStatus } from '@/contract/queue'
import { checkInMessage, checkInOpensAt, checkInTiming, type QueueRules } from '@/core/queue-check-in'
import type { BookingRecord, Store, TicketRecord } from '@cloud/store/port'

/**
 * Only a booking checked in (or checked in late after its no-show deadline, or completed) has a ticket: checking in
 * moves a `booked` booking with the ticket in one unit, and a cancelled one was never checked in. So the ticket is
 * looked for only then, and a booking still to come costs no read.
 */
const MAY_HAVE_TICKET: ReadonlySet<BookingRecord['status']> = new Set(['checked_in', 'no_show', 'completed'])

/** The check-in as it stands, and the booking's ticket when it has one (read once, for a caller that shows it too). */
export async function checkInWithTicket(
  store: Store,
  b: BookingRecord,
  rules: QueueRules,
  now: Date,
): Promise<{ status: CheckInStatus; ticket: TicketRecord | null }> {
  const opensAt = checkInOpensAt(b.startsAt, rules).toISOString()
  const ticket = MAY_HAVE_TICKET.has(b.status) ? await store.queue.byBooking(b.id) : null
  if (ticket) return { status: { timing: 'checked_in', canCheckIn: false, message: null, opensAt, ticketId: ticket.id }, ticket }
  if (b.status === 'cancelled' || b.status === 'completed' || b.status === 'checked_in') {
    return { status: { timing: 'unavailable', canCheckIn: false, message: null, opensAt, ticketId: null }, ticket: null }
  }
  let timing = checkInTiming(b, now, rules)
  if (b.status === 'no_show' && timing !== 'other_day') timing = 'missed'
  const canCheckIn = timing === 'open' || timing === 'late' || timing === 'missed'
  return { status: { timing, canCheckIn, message: checkInMessage(timing, b, now, rules, 'before'), opensAt, ticketId: null }, ticket: null }
}

export async function checkInStatusOf(store: Store, b: BookingRecord, rules: QueueRules, now: Date): Promise<CheckInStatus> {
  return (await checkInWithTicket(store, b, rules, now)).status
}
