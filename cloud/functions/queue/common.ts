/** What the resident's and the staff's halves of `queue` share: ticket ids, checking a booking in, the closed-day refusal, the call 消息. */
import { createHash } from 'node:crypto'
import { birthDateOf } from '@/core/id-number'
import { checkInMessage, checkInTiming, type CheckInTiming } from '@/core/queue-check-in'
import { ticketsWithAhead } from '@/core/queue-board'
import { greenChannel } from '@/core/queue-order'
import { ticketLabel } from '@/core/queue-tickets'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import type { BookingRecord, TicketRecord } from '@cloud/store/port'
import { callMessage, soonMessage } from './notices'
import { boardOf, type QueueSetup } from './queue-setup'

export const hashId = (text: string) => 'tk' + createHash('sha256').update(text).digest('hex').slice(0, 30)

/** One ticket per booking, whoever checks it in: its id follows from the booking's. */
export const ticketIdForBooking = (bookingId: string) => hashId(`booking\n${bookingId}`)
/** The same caller's retried walk-in request finds its first ticket by key. */
export const ticketIdForRequest = (openid: string, requestId: string) => hashId(`walk-in\n${openid}\n${requestId}`)

/** Tells the resident following a ticket that it was called (a 消息; in WeChat, a subscribe message). */
export async function notifyCall(ctx: ActionContext, setup: QueueSetup, t: TicketRecord): Promise<void> {
  const message = callMessage(
    t,
    setup.serviceById.get(t.serviceId)?.name ?? '事项',
    ctx.now().toISOString(),
    ctx.settings?.queueTemplateId ?? null,
  )
  if (message) await ctx.store.messages.send(message)
}

/**
 * 即将到号, after anything that moved the day's queues (a call, a skip, a transfer…): each waiting ticket whose
 * resident allowed it and that now has exactly `soonAhead` people ahead gets its 消息, right away (not left for
 * a job). The 消息 id names the ticket, so a ticket is told once.
 */
export async function notifySoon(ctx: ActionContext, setup: QueueSetup): Promise<void> {
  const n = setup.rules.soonAhead
  const board = await boardOf(ctx, setup)
  // Nobody can have n ahead in a queue of n or fewer: no read of the tickets.
  if (!board.queues.some((q) => q.order.length > n)) return
  const open = await ctx.store.queue.openTickets(setup.center.id, setup.today)
  const at = ctx.now().toISOString()
  const waiting = open.filter((t) => t.status === 'waiting')
  for (const t of ticketsWithAhead(board, waiting, n)) {
    const message = soonMessage(t, setup.serviceById.get(t.serviceId)?.name ?? '事项', n, at, ctx.settings?.queueTemplateId ?? null)
    if (message) await ctx.store.messages.send(message)
  }
}

/**
 * Turns a booking into a ticket (or answers its ticket). On time: an
 * appointment ticket; after the slot: a walk-in ticket (said in the ticket's
 * notice) — the booking counts as checked in until the no-show deadline, after
 * it stays a no-show. The person's age for the green channel comes from the
 * sealed ID number, which is opened here and never leaves.
 */
export async function checkInBooking(
  ctx: ActionContext,
  setup: QueueSetup,
  b: BookingRecord,
  how: { source: 'resident' | 'clerk'; disability?: boolean; notifySoon?: boolean; actor: { openid: string; name: string | null } },
): Promise<{ ticket: TicketRecord; timing: CheckInTiming }> {
  const existing = await ctx.store.queue.byBooking(b.id)
  if (existing) return { ticket: existing, timing: existing.late ? 'late' : 'open' }
  await requireOpenToday(ctx, setup)
  if (b.status === 'cancelled') throw conflict('该预约已取消，不能签到')
  if (b.status === 'completed' || b.status === 'checked_in') throw conflict('该预约已签到办理，不能再次签到')
  const now = setup.now
  let timing = checkInTiming(b, now, setup.rules)
  if (timing === 'other_day' || timing === 'early') throw new AppError('CLOSED', checkInMessage(timing, b, now, setup.rules)!)
  // Marked a no-show already: only a walk-in is left.
  if (b.status === 'no_show') timing = 'missed'
  const service = setup.serviceById.get(b.serviceId)
  if (!service) throw notFound('事项')
  const birthDate = birthDateOf(requirePii(ctx).decrypt(b.idSealed))
  const at = now.toISOString()
  const late = timing !== 'open'
  const result = await ctx.store.queue.issue(
    {
      id: ticketIdForBooking(b.id),
      centerId: b.centerId,
      date: setup.today,
      queue: service.category,
      serviceId: service.id,
      kind: late ? 'walk_in' : 'appointment',
      source: how.source,
      bookingId: b.id,
      openid: b.openid,
      personName: b.personName,
      slotStart: b.start,
      late,
      notifySoon: how.notifySoon === true,
      arrivedAt: at,
      green: greenChannel({ birthDate, disability: how.disability }, setup.today, setup.rules.greenAge),
      createdAt: at,
    },
    {
      label: (n) => ticketLabel(service.category, n),
      // After the no-show deadline the booking is a no-show: written with the ticket, not left for the job.
      bookingTo: b.status !== 'booked' ? null : timing === 'missed' ? 'no_show' : 'checked_in',
      event: {
        at,
        action: 'check_in',
        actorOpenid: how.actor.openid,
        actorName: how.actor.name,
        window: null,
        note: checkInMessage(timing, b, now, setup.rules),
      },
      board: setup.project,
    },
  )
  if (result.kind === 'booking_not_booked') throw conflict('该预约的状态刚刚变化，请刷新后再试')
  return { ticket: result.ticket, timing }
}

/** CLOSED on a day the center's calendar closes (a holiday, an entered 放假 day, a closure): no check-in, no number. */
export async function requireOpenToday(ctx: ActionContext, setup: QueueSetup): Promise<void> {
  const day = (await loadCalendar(ctx.store, setup.center.id, setup.today)).dayStatus(setup.today)
  if (!day.open) throw new AppError('CLOSED', `今天（${day.reason ?? '休息日'}）不对外办公，不能签到取号；预约了今天的，请改约到其他日期`)
}
