/** `queue`, the staff's half: the hall screen, the counter console and its conditional actions on a ticket, check-in by booking code, walk-in numbers. Every console action is audited. */
import type { StaffTicket } from '@/contract/queue'
import { placeOnBoard } from '@/core/queue-board'
import { checkInQrText } from '@/core/queue-check-in'
import { elsewhere, waitingPerWindow } from '@/core/queue-desk'
import { greenChannel, orderQueue, type Placed } from '@/core/queue-order'
import { checkTransition, ticketLabel, type QueueAction } from '@/core/queue-tickets'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { audit, grantOf, requireStaff, type Staff } from '@cloud/runtime/staff'
import type { NewTicketEvent, TicketPatch, TicketRecord } from '@cloud/store/port'
import { currentCheckInCode } from './check-in-code'
import { identityMarker } from '../people/on-file'
import { checkInBooking, notifyCall, notifySoon, requireOpenToday, ticketIdForRequest } from './common'
import { boardOf, loadQueueSetup, servicesOfWindow, type QueueSetup } from './queue-setup'
import { eventView, staffTicketView } from './view'

const CHANGED = '该号的状态刚刚变化，请刷新后再试'

/** The windows the caller may work: a clerk's own (of this center), or every window for an admin. */
function windowsOf(staff: Staff, setup: QueueSetup): number[] {
  const all = setup.windows.map((w) => w.number)
  if (staff.grants.some((g) => g.role === 'admin')) return all
  const mine = grantOf(staff, 'counter')?.windows ?? []
  return all.filter((n) => mine.includes(n))
}

/** Counter staff (or an admin) working `window` of the center; FORBIDDEN for anyone else and for another clerk's window. */
async function atWindow(ctx: ActionContext, centerId: string, window: number): Promise<{ staff: Staff; setup: QueueSetup }> {
  const staff = await requireStaff(ctx, centerId, ['counter', 'admin'])
  const setup = await loadQueueSetup(ctx, centerId)
  if (!windowsOf(staff, setup).includes(window)) {
    if (!setup.windows.some((w) => w.number === window)) throw notFound('窗口')
    throw new AppError('FORBIDDEN', `您不能操作 ${window} 号窗口`)
  }
  return { staff, setup }
}

/** A ticket of the center that this window may act on: one at this window, or one never called whose service the window serves. */
async function ticketForWindow(ctx: ActionContext, setup: QueueSetup, window: number, id: string): Promise<TicketRecord> {
  const t = await ctx.store.queue.get(id)
  if (!t || t.centerId !== setup.center.id) throw notFound('排队号')
  if (t.window !== null ? t.window !== window : !servicesOfWindow(setup, window).some((s) => s.id === t.serviceId)) {
    throw new AppError('FORBIDDEN', `${t.label} 不在 ${window} 号窗口`)
  }
  return t
}

const staffEvent = (
  ctx: ActionContext,
  staff: Staff,
  action: NewTicketEvent['action'],
  window: number | null,
  note: string | null = null,
): NewTicketEvent => ({
  at: ctx.now().toISOString(),
  action,
  actorOpenid: staff.openid,
  actorName: staff.name,
  window,
  note,
})

/** Tickets as counter staff see them, each person marked 已实名核验 or 自行填报; `placed`: waiting tickets with their places. */
async function staffViews(ctx: ActionContext, setup: QueueSetup, tickets: TicketRecord[], placed = false): Promise<StaffTicket[]> {
  const mark = identityMarker(ctx)
  return Promise.all(
    tickets.map(async (t) =>
      staffTicketView(
        t,
        setup,
        t.personName ? await mark({ openid: t.openid, name: t.personName }) : null,
        placed ? (t as Placed<TicketRecord>) : undefined,
      ),
    ),
  )
}

/** One conditional console action on a ticket: check the transition, write it with its event, audit it. */
async function act(
  ctx: ActionContext,
  input: { centerId: string; window: number; id: string },
  action: Exclude<QueueAction, 'call'>,
  patchFor: (
    t: TicketRecord,
    at: string,
    setup: QueueSetup,
  ) => { patch: TicketPatch; note?: string | null; completeBooking?: boolean; served?: { seconds: number } },
): Promise<StaffTicket> {
  const { staff, setup } = await atWindow(ctx, input.centerId, input.window)
  const t = await ticketForWindow(ctx, setup, input.window, input.id)
  const check = checkTransition(t, action)
  if (!check.ok) throw conflict(check.message)
  const at = setup.now.toISOString()
  const { patch, note = null, completeBooking, served } = patchFor(t, at, setup)
  const changed = await ctx.store.queue.change(
    t.id,
    t.version,
    { ...patch, status: check.to },
    {
      event: staffEvent(ctx, staff, action, input.window, note),
      board: setup.project,
      completeBooking,
      served: served ? { queue: patch.queue ?? t.queue, seconds: served.seconds } : undefined,
    },
  )
  if (!changed) throw conflict(CHANGED)
  await audit(ctx, staff, `queue.${action}`, 'ticket', { id: t.id, label: t.label }, `${input.window} 号窗口${note ? `，${note}` : ''}`)
  if (action === 'recall') await notifyCall(ctx, setup, changed)
  else await notifySoon(ctx, setup)
  return (await staffViews(ctx, setup, [changed]))[0]
}

const seconds = (from: string | null, to: string) => (from ? (new Date(to).getTime() - new Date(from).getTime()) / 1000 : 0)

export const display: ActionRun<'queue', 'display'> = async ({ centerId }, ctx) => {
  await requireStaff(ctx, centerId, ['counter', 'admin'])
  const setup = await loadQueueSetup(ctx, centerId)
  const { code, changesAt } = currentCheckInCode(requirePii(ctx), centerId, setup.now, setup.rules)
  return {
    centerName: setup.center.name,
    board: await boardOf(ctx, setup),
    windows: setup.windows.map((w) => ({ number: w.number, name: w.name })),
    checkIn: {
      code,
      qrText: checkInQrText(centerId, code, ctx.settings?.qrLinkBase),
      changesAt: changesAt.toISOString(),
      rotateMinutes: setup.rules.codeRotateMinutes,
    },
    now: setup.now.toISOString(),
  }
}

export const windowConsole: ActionRun<'queue', 'console'> = async ({ centerId, window }, ctx) => {
  const { staff, setup } = await atWindow(ctx, centerId, window)
  const mine = servicesOfWindow(setup, window)
  const serves = new Set(mine.map((s) => s.id))
  const [open, counters, completedHere, board] = await Promise.all([
    ctx.store.queue.openTickets(centerId, setup.today),
    ctx.store.queue.counters(centerId, setup.today),
    ctx.store.queue.completedAt(centerId, setup.today, window),
    boardOf(ctx, setup),
  ])
  const waiting = orderQueue(
    open.filter((t) => t.status === 'waiting' && serves.has(t.serviceId)),
    setup.rules.greenAge,
  )
  const byArrival = (a: TicketRecord, b: TicketRecord) => a.arrivedAt.localeCompare(b.arrivedAt)
  const current = open
    .filter((t) => (t.status === 'called' || t.status === 'serving') && t.window === window)
    .sort((a, b) => (a.calledAt ?? '').localeCompare(b.calledAt ?? ''))
  const skipped = open.filter((t) => t.status === 'skipped' && t.window === window).sort(byArrival)
  const named = (s: { id: string; name: string; category: TicketRecord['queue'] }) => ({
    id: s.id,
    name: s.name,
    queueName: board.queues.find((q) => q.queue === s.category)?.name ?? '',
  })
  // Every window of hers with its waiting count, so the desk can say where people wait when this one has nobody.
  const counted = waitingPerWindow(
    windowsOf(staff, setup).map((number) => ({ number, serviceIds: servicesOfWindow(setup, number).map((s) => s.id) })),
    open.filter((t) => t.status === 'waiting'),
  )
  return {
    centerId,
    date: setup.today,
    window,
    windowName: setup.windows.find((w) => w.number === window)?.name ?? '',
    windows: counted.map((w) => ({ ...w, name: setup.windows.find((x) => x.number === w.number)?.name ?? '' })),
    elsewhere: elsewhere(window, counted),
    services: mine.map(named),
    allServices: setup.services.map(named),
    current: await staffViews(ctx, setup, current),
    waiting: await staffViews(ctx, setup, waiting, true),
    skipped: await staffViews(ctx, setup, skipped),
    counts: { waiting: waiting.length, skipped: skipped.length, completedHere, completedToday: counters.reduce((n, c) => n + c.served, 0) },
    boardVersion: board.version,
    now: setup.now.toISOString(),
  }
}

export const ticket: ActionRun<'queue', 'ticket'> = async ({ centerId, id }, ctx) => {
  await requireStaff(ctx, centerId, ['counter', 'admin'])
  const setup = await loadQueueSetup(ctx, centerId)
  const t = await ctx.store.queue.get(id)
  if (!t || t.centerId !== centerId) throw notFound('排队号')
  return { ticket: (await staffViews(ctx, setup, [t]))[0], events: (await ctx.store.queue.events(id)).map(eventView) }
}

export const callNext: ActionRun<'queue', 'callNext'> = async ({ centerId, window }, ctx) => {
  const { staff, setup } = await atWindow(ctx, centerId, window)
  const serviceIds = servicesOfWindow(setup, window).map((s) => s.id)
  let reason: string | null = null
  const called = await ctx.store.queue.callNext(
    { centerId, date: setup.today, window, serviceIds, at: setup.now.toISOString(), actor: { openid: staff.openid, name: staff.name } },
    (waiting) => {
      const first = orderQueue(waiting, setup.rules.greenAge)[0]
      reason = first?.reason ?? null
      return first && waiting.find((t) => t.id === first.id)
    },
    { note: () => reason, board: setup.project },
  )
  if (!called) return { ticket: null, message: `${window} 号窗口目前没有等候的号` }
  await audit(
    ctx,
    staff,
    'queue.callNext',
    'ticket',
    { id: called.id, label: called.label },
    `${window} 号窗口${reason ? `，${reason}` : ''}`,
  )
  await notifyCall(ctx, setup, called)
  await notifySoon(ctx, setup)
  return {
    ticket: (await staffViews(ctx, setup, [called]))[0],
    message: `已呼叫 ${called.label}，请 ${called.label} 号到 ${window} 号窗口办理`,
  }
}

export const recall: ActionRun<'queue', 'recall'> = (input, ctx) =>
  act(ctx, input, 'recall', (t, at) => ({ patch: { recalls: t.recalls + 1, lastCalledAt: at }, note: `第 ${t.recalls + 1} 次重呼` }))

export const skip: ActionRun<'queue', 'skip'> = (input, ctx) => act(ctx, input, 'skip', (_t, at) => ({ patch: { skippedAt: at } }))

// Back among the waiting with its original arrival (and slot), for any window serving it; only once.
export const putBack: ActionRun<'queue', 'putBack'> = (input, ctx) =>
  act(ctx, input, 'putBack', () => ({ patch: { putBack: true, window: null } }))

export const start: ActionRun<'queue', 'start'> = (input, ctx) => act(ctx, input, 'start', (_t, at) => ({ patch: { startedAt: at } }))

export const complete: ActionRun<'queue', 'complete'> = (input, ctx) =>
  act(ctx, input, 'complete', (t, at) => ({
    patch: { completedAt: at },
    completeBooking: true,
    served: { seconds: seconds(t.startedAt ?? t.calledAt, at) },
  }))

export const setGreen: ActionRun<'queue', 'setGreen'> = (input, ctx) => act(ctx, input, 'green', () => ({ patch: { green: 'clerk' } }))

export const transfer: ActionRun<'queue', 'transfer'> = async (input, ctx) => {
  return act(ctx, input, 'transfer', (t, _at, setup) => {
    const to = setup.serviceById.get(input.serviceId)
    if (!to) throw notFound('事项')
    if (to.id === t.serviceId) throw new AppError('INVALID_INPUT', '已经在这个事项的队列里', { serviceId: '请选择其他事项' })
    // The label and the arrival stay: the resident keeps their number and their place by arrival.
    return { patch: { serviceId: to.id, queue: to.category, window: null, recalls: 0 }, note: `转到「${to.name}」` }
  })
}

export const checkInByCode: ActionRun<'queue', 'checkInByCode'> = async ({ centerId, window, code }, ctx) => {
  const { staff, setup } = await atWindow(ctx, centerId, window)
  const b = await ctx.store.bookings.byCode(code)
  if (!b || b.centerId !== centerId) throw notFound('预约')
  const { ticket } = await checkInBooking(ctx, setup, b, { source: 'clerk', actor: { openid: staff.openid, name: staff.name } })
  await audit(ctx, staff, 'queue.checkInByCode', 'ticket', { id: ticket.id, label: ticket.label }, `${window} 号窗口代签到`)
  return (await staffViews(ctx, setup, [ticket]))[0]
}

export const issueWalkIn: ActionRun<'queue', 'issueWalkIn'> = async ({ centerId, serviceId, requestId, source, green }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['counter', 'admin'])
  const setup = await loadQueueSetup(ctx, centerId)
  const service = setup.serviceById.get(serviceId)
  if (!service) throw notFound('事项')
  await requireOpenToday(ctx, setup)
  const at = setup.now.toISOString()
  const result = await ctx.store.queue.issue(
    {
      id: ticketIdForRequest(staff.openid, requestId),
      centerId,
      date: setup.today,
      queue: service.category,
      serviceId,
      kind: 'walk_in',
      source,
      bookingId: null,
      openid: null,
      personName: null,
      slotStart: null,
      late: false,
      notifySoon: false,
      arrivedAt: at,
      green: greenChannel({ disability: green === 'disability', clerk: green === 'clerk' }, setup.today),
      createdAt: at,
    },
    {
      label: (n) => ticketLabel(service.category, n),
      bookingTo: null,
      event: staffEvent(ctx, staff, 'issue', null, source === 'kiosk' ? '自助取号' : '窗口代取号'),
      board: setup.project,
    },
  )
  if (result.kind === 'booking_not_booked') throw new Error('a walk-in has no booking to check in')
  const t = result.ticket
  if (result.kind === 'issued') await audit(ctx, staff, 'queue.issueWalkIn', 'ticket', { id: t.id, label: t.label }, service.name)
  const place = placeOnBoard(await boardOf(ctx, setup), t.queue, t.label)
  return { ticket: (await staffViews(ctx, setup, [t]))[0], ahead: place?.ahead ?? 0, estimatedMinutes: place?.estimatedMinutes ?? 0 }
}
