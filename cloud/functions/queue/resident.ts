/** `queue`, the resident's half: may I check in, check in with the hall's code, my ticket and my place. */
import { checkInMessage, checkInOpensAt, checkInTiming } from '@/core/queue-check-in'
import { AppError, notFound } from '@cloud/runtime/app-error'
import { requirePii } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { acceptsCheckInCode } from './check-in-code'
import { checkInBooking } from './common'
import { boardOf, loadQueueSetup } from './queue-setup'
import { myTicketView } from './view'

export const checkInStatus: ActionRun<'queue', 'checkInStatus'> = async ({ centerId, bookingId }, ctx) => {
  const setup = await loadQueueSetup(ctx, centerId)
  const b = await ctx.store.bookings.get(bookingId)
  if (!b || b.openid !== ctx.openid || b.centerId !== centerId) throw notFound('预约')
  const opensAt = checkInOpensAt(b.startsAt, setup.rules).toISOString()
  const ticket = await ctx.store.queue.byBooking(b.id)
  if (ticket) return { timing: 'checked_in', canCheckIn: false, message: null, opensAt, ticketId: ticket.id }
  if (b.status === 'cancelled' || b.status === 'completed' || b.status === 'checked_in') {
    return { timing: 'unavailable', canCheckIn: false, message: null, opensAt, ticketId: null }
  }
  let timing = checkInTiming(b, setup.now, setup.rules)
  if (b.status === 'no_show' && timing !== 'other_day') timing = 'missed'
  const canCheckIn = timing === 'open' || timing === 'late' || timing === 'missed'
  return { timing, canCheckIn, message: checkInMessage(timing, b, setup.now, setup.rules, 'before'), opensAt, ticketId: null }
}

export const checkIn: ActionRun<'queue', 'checkIn'> = async ({ centerId, bookingId, code, disability }, ctx) => {
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
