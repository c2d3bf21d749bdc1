import type { MyTicket, StaffTicket, TicketBasics, TicketEvent } from '@/contract/queue'
import { placeOnBoard, type QueueBoard } from '@/core/queue-board'
import { greenText, type Placed } from '@/core/queue-order'
import { QUEUE_ACTION_NAMES, TICKET_STATUS_TEXT, type QueueAction } from '@/core/queue-tickets'
import { categoryName } from '@/core/service-categories'
import type { TicketEventRecord, TicketRecord } from '@cloud/store/port'
import type { QueueSetup } from './queue-setup'

const KIND_TEXT = { appointment: '预约', walk_in: '现场取号' } as const
const MINUTE = 60_000

const serviceName = (setup: QueueSetup, id: string) => setup.serviceById.get(id)?.name ?? '已下线的事项'
const windowName = (setup: QueueSetup, n: number | null) => (n === null ? null : (setup.windows.find((w) => w.number === n)?.name ?? null))

/** The one sentence a resident needs now, said in words. */
function headline(t: TicketRecord, place: { ahead: number; estimatedMinutes: number } | null): string {
  switch (t.status) {
    case 'waiting':
      if (!place) return '正在排队，请留意叫号'
      if (place.ahead === 0) return '下一位就是您，请留意叫号'
      return `前面还有 ${place.ahead} 人，预计等候约 ${Math.max(1, place.estimatedMinutes)} 分钟`
    case 'called':
      return `请到 ${t.window} 号窗口办理`
    case 'serving':
      return `正在 ${t.window} 号窗口办理`
    case 'completed':
      return '已办结，感谢您的耐心等候'
    case 'skipped':
      return t.putBack ? '已过号，请到服务台咨询' : '已过号：请尽快到窗口找工作人员，可以恢复排队一次'
  }
}

/**
 * What both views share. Each view adds its own fields with `Object.assign`, not as `{ ...basics(…), more }`: on Node 20
 * (V8 11.3) an object literal that starts with a spread and then adds keys gets a hidden class of its own every call, and
 * costs its readers (JSON.stringify first) many times more (docs/benchmarks.md, point 5 fourth round).
 */
function basics(t: TicketRecord, setup: QueueSetup): TicketBasics {
  return {
    id: t.id,
    label: t.label,
    queue: t.queue,
    queueName: categoryName(t.queue),
    serviceId: t.serviceId,
    serviceName: serviceName(setup, t.serviceId),
    kind: t.kind,
    kindText: KIND_TEXT[t.kind],
    status: t.status,
    statusText: TICKET_STATUS_TEXT[t.status],
    personName: t.personName,
    window: t.window,
    arrivedAt: t.arrivedAt,
    calledAt: t.calledAt,
    recalls: t.recalls,
  }
}

/** A resident's ticket: their place on the day's board and what to do now. */
export function myTicketView(t: TicketRecord, setup: QueueSetup, board: QueueBoard): MyTicket {
  const place = t.status === 'waiting' ? placeOnBoard(board, t.queue, t.label) : null
  // Object.assign, not `{ ...basics(…), centerId, … }`: see basics.
  return Object.assign(basics(t, setup), {
    centerId: t.centerId,
    date: t.date,
    windowName: windowName(setup, t.window),
    ahead: place?.ahead ?? null,
    estimatedMinutes: place?.estimatedMinutes ?? null,
    headline: headline(t, place),
    notice: t.late ? '您到达时已超过预约时段，已改为现场取号，按到达顺序排队。' : null,
    soonNote:
      t.notifySoon && place && place.ahead > setup.rules.soonAhead
        ? `前面还剩 ${setup.rules.soonAhead} 人时，会发消息提醒您回大厅。`
        : null,
    green: t.green ? `绿色通道：${greenText(t.green, setup.rules.greenAge)}` : null,
    bookingId: t.bookingId,
    boardVersion: board.version,
    now: setup.now.toISOString(),
  })
}

function stateReason(t: TicketRecord): string {
  switch (t.status) {
    case 'waiting':
      return '等候中'
    case 'called':
      return `已叫号 · ${t.window} 号窗口${t.recalls ? ` · 重呼 ${t.recalls} 次` : ''}`
    case 'serving':
      return `办理中 · ${t.window} 号窗口`
    case 'completed':
      return `已办结 · ${t.window} 号窗口`
    case 'skipped':
      return t.putBack ? '已过号（已恢复过一次）' : '已过号，可恢复排队一次'
  }
}

/** A ticket as counter staff see it, `personCheck` beside the person; `placed` gives a waiting ticket its position and reason at this window. */
export function staffTicketView(
  t: TicketRecord,
  setup: QueueSetup,
  personCheck: string | null,
  placed?: Placed<TicketRecord>,
): StaffTicket {
  const until = t.calledAt ? new Date(t.calledAt) : setup.now
  return Object.assign(basics(t, setup), {
    personCheck: t.personName ? personCheck : null,
    green: t.green,
    position: placed?.position ?? null,
    reason: placed?.reason ?? stateReason(t),
    waitedMinutes: Math.max(0, Math.floor((until.getTime() - new Date(t.arrivedAt).getTime()) / MINUTE)),
    canPutBack: t.status === 'skipped' && !t.putBack,
    late: t.late,
  })
}

const EVENT_NAMES: Record<string, string> = { ...QUEUE_ACTION_NAMES, issue: '取号', check_in: '签到' }

/** One timeline step in words: 叫号 · 2 号窗口. */
export function eventView(e: TicketEventRecord): TicketEvent {
  const name = EVENT_NAMES[e.action] ?? e.action
  return {
    at: e.at,
    action: e.action as QueueAction | 'issue' | 'check_in',
    text: e.window ? `${name} · ${e.window} 号窗口` : name,
    actorName: e.actorName,
    window: e.window,
    note: e.note,
  }
}
