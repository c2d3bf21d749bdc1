import type { BookingDetail } from '../contract/booking'
import type { MyTicket } from '../contract/queue'

/**
 * A booking a page hands to the page it opens next, so that page shows it without asking the server again: the
 * booking form opens the booking page on what `booking.create` answered, the check-in page the ticket page on the ticket
 * (one call per screen, issue 21). In memory,
 * taken once: opening the booking page any other way (我的预约, a 消息, the back button) asks afresh.
 */
const handed = new Map<string, BookingDetail>()

export function handOverBooking(b: BookingDetail): void {
  handed.clear()
  handed.set(b.id, b)
}

/** The booking handed over for `id`, once; null when there is none. */
export function takeHandedBooking(id: string): BookingDetail | null {
  const b = handed.get(id) ?? null
  handed.delete(id)
  return b
}

const tickets = new Map<string, MyTicket>()

/** The same for a ticket: the check-in page opens the ticket page on the ticket it already has. */
export function handOverTicket(t: MyTicket): void {
  tickets.clear()
  tickets.set(t.id, t)
}

/** The ticket handed over for `id`, once; null when there is none. */
export function takeHandedTicket(id: string): MyTicket | null {
  const t = tickets.get(id) ?? null
  tickets.delete(id)
  return t
}
