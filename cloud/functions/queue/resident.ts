/** `queue`, the resident's half: may I check in, check in with the hall's code, my ticket and my place. */
import type { TodayBooking } from '@/contract/queue'
import { atBeijing, weekdayName } from '@/core/beijing-time'
import { STATUS_TEXT as BOOKING_STATUS_TEXT } from '@/core/booking-rules'
import { checkInMessage } from '@/core/queue-check-in'
import { AppError, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { acceptsCheckInCode } from './check-in-code'
import { checkInStatusOf, checkInWithTicket } from './check-in-status'
import { checkInBooking } from './common'
import { boardOf, loadQueueSetup, type QueueSetup } from './queue-setup'
import { myTicketView } from './view'

export const checkInStatus: ActionRun<'queue', 'checkInStatus'> = async ({ centerId, bookingId }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  const b = await ctx.store.bookings.get(bookingId)
  if (!b || b.openid !== ctx.openid || b.centerId !== centerId) throw notFound('预约')
  const serviceName = setup.serviceById.get(b.serviceId)?.name ?? '已下线的事项'
  // The booking as the check-in page shows it, so the page needs no booking.get beside this.
  const booking = { serviceName, date: b.date, weekday: weekdayName(b.date), start: b.start, end: b.end, personName: b.personName }
  const { status, ticket } = await checkInWithTicket(ctx.store, b, setup.rules, setup.now)
  return { ...status, booking, ticket: ticket && myTicketView(ticket, setup, await boardOf(ctx, setup)) }
}

/**
 * Today's bookings of the caller, soonest first, each with where to go and its check-in as it stands: the one read
 * 首页 and 我的 need for 今天的预约 (a page-level `home` read can call `todayBookings` as it is).
 */
export async function todayBookings(ctx: ActionContext, setup: QueueSetup): Promise<TodayBooking[]> {
  const rows = await ctx.store.bookings.listByOwner({
    centerId: setup.center.id,
    openid: ctx.openid!,
    statuses: ['booked', 'checked_in', 'no_show'],
    order: 'asc',
    // Exclusive: from the first instant of today's Beijing date.
    after: { startsAt: new Date(atBeijing(setup.today).getTime() - 1).toISOString(), id: '' },
    limit: 10,
  })
  const todays = rows.filter((b) => b.date === setup.today)
  return Promise.all(
    todays.map(async (b) => {
      const service = setup.serviceById.get(b.serviceId)
      const windows = setup.windows.filter((w) => service?.windowIds.includes(w.id)).map((w) => w.number)
      return {
        bookingId: b.id,
        serviceName: service?.name ?? '已下线的事项',
        start: b.start,
        end: b.end,
        statusText: BOOKING_STATUS_TEXT[b.status],
        where: `${setup.center.address}${windows.length ? `（${windows.join('、')} 号窗口）` : ''}`,
        checkIn: await checkInStatusOf(ctx.store, b, setup.rules, setup.now),
      }
    }),
  )
}

export const today: ActionRun<'queue', 'today'> = async ({ centerId }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  return { today: setup.today, items: await todayBookings(ctx, setup) }
}

export const checkIn: ActionRun<'queue', 'checkIn'> = async ({ centerId, bookingId, code, disability, notifySoon }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  const b = await ctx.store.bookings.get(bookingId)
  if (!b || b.openid !== ctx.openid || b.centerId !== centerId) throw notFound('预约')
  // Checked in already: the same ticket, whatever code comes with the retry.
  const existing = await ctx.store.queue.byBooking(b.id)
  if (!existing && !acceptsCheckInCode(requirePii(ctx), centerId, setup.now, code, setup.rules)) {
    throw new AppError('INVALID_INPUT', '签到码不正确或已过期，请输入大厅屏幕上正在显示的签到码', {
      code: '签到码不正确或已过期，请看大厅屏幕上的最新签到码',
    })
  }
  const { ticket, timing } = await checkInBooking(ctx, setup, b, {
    source: 'resident',
    disability,
    notifySoon,
    actor: { openid: ctx.openid!, name: null },
  })
  const view = myTicketView(ticket, setup, await boardOf(ctx, setup))
  // Said once, at the moment it happens: the late rule in full (the ticket page keeps the short version).
  return { ...view, notice: timing === 'open' ? view.notice : (checkInMessage(timing, b, setup.now, setup.rules) ?? view.notice) }
}

export const myTicket: ActionRun<'queue', 'myTicket'> = async ({ centerId, id }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  const t = await ctx.store.queue.get(id)
  if (!t || t.openid !== ctx.openid || t.centerId !== centerId) throw notFound('排队号')
  return myTicketView(t, setup, await boardOf(ctx, setup))
}

export const myTickets: ActionRun<'queue', 'myTickets'> = async ({ centerId }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  const [tickets, board] = await Promise.all([ctx.store.queue.mine(ctx.openid!, centerId, setup.today), boardOf(ctx, setup)])
  return { items: tickets.map((t) => myTicketView(t, setup, board)) }
}
