import { addDays, beijingClock, beijingDate, minutesOf } from '@/core/beijing-time'
import { bookingRulesFor } from '@/core/booking-rules'
import { centerRules } from '@cloud/runtime/center'
import type { AppSettings } from '@cloud/runtime/context'
import type { BookingRecord, CenterRecord, Store } from '@cloud/store/port'
import { noShowMessage, reminderMessage } from '../booking/notices'

/**
 * Scheduled work: in CloudBase a timer-triggered function, locally a timer in
 * the server. Each job is safe to run twice or from two processes at once: its
 * writes are conditional on the state it changes, and messages have
 * deterministic ids.
 */
export interface JobContext {
  store: Store
  now: () => Date
  settings: AppSettings
}

/** How many reminders one run sends per center, so a long backlog cannot hold the database. */
const REMINDER_BATCH = 200

async function serviceNames(store: Store, centers: CenterRecord[]): Promise<Map<string, string>> {
  const lists = await Promise.all(centers.map((c) => store.centers.services(c.id)))
  return new Map(lists.flat().map((s) => [s.id, s.name]))
}

/** Booked appointments nobody checked in for by their deadline (slot end + grace) become 失约, each with a 消息. */
export async function markNoShows(ctx: JobContext): Promise<BookingRecord[]> {
  const centers = await ctx.store.centers.list()
  const names = await serviceNames(ctx.store, centers)
  const rulesOf = new Map(centers.map((c) => [c.id, centerRules(c).booking]))
  const now = ctx.now()
  return ctx.store.bookings.markNoShows(now.toISOString(), (b) =>
    noShowMessage(b, names.get(b.serviceId) ?? '事项', rulesOf.get(b.centerId) ?? bookingRulesFor(), now.toISOString()),
  )
}

/**
 * The day-before reminder: from the center's reminder time on, every booked
 * appointment of tomorrow (Beijing) gets one 消息 (and, in WeChat, the
 * subscribe message with the configured template). A booking moved to another
 * day is reminded again for the new day.
 */
export async function sendReminders(ctx: JobContext): Promise<number> {
  const now = ctx.now()
  const today = beijingDate(now)
  const tomorrow = addDays(today, 1)
  const centers = await ctx.store.centers.list()
  const names = await serviceNames(ctx.store, centers)
  let sent = 0
  for (const center of centers) {
    const rules = centerRules(center).booking
    if (minutesOf(beijingClock(now)) < minutesOf(rules.reminderFrom)) continue
    for (const b of await ctx.store.bookings.dueReminders(center.id, tomorrow, REMINDER_BATCH)) {
      const message = reminderMessage(b, names.get(b.serviceId) ?? '事项', center, ctx.settings.reminderTemplateId, now.toISOString())
      if (await ctx.store.bookings.recordReminder(b.id, now.toISOString(), message)) sent++
    }
  }
  return sent
}

/** 候补 offers not accepted within their hold pass on to the next in line (or their seat back to the slot). */
export async function expireOffers(ctx: JobContext): Promise<number> {
  return (await ctx.store.waitlist.expireDue(ctx.now().toISOString())).length
}

/**
 * Seats of today's and later slots that a counter holds with nothing holding them — on CloudBase, a create or reschedule
 * that died between taking its seat and writing its booking — go back: to the 候补 line, else free (the store's
 * `reconcileSeats` says when a seat counts as stranded). Returns how many.
 */
export async function reconcileSeats(ctx: JobContext): Promise<number> {
  const now = ctx.now()
  const given = await ctx.store.bookings.reconcileSeats(beijingDate(now), now.toISOString())
  return given.reduce((n, s) => n + s.seats, 0)
}

/** One tick of the booking jobs. */
export async function runBookingJobs(
  ctx: JobContext,
): Promise<{ noShows: number; reminders: number; offersExpired: number; seatsReturned: number }> {
  const noShows = (await markNoShows(ctx)).length
  const reminders = await sendReminders(ctx)
  const offersExpired = await expireOffers(ctx)
  const seatsReturned = await reconcileSeats(ctx)
  return { noShows, reminders, offersExpired, seatsReturned }
}
