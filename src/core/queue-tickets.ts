import type { ServiceCategoryKey } from './service-categories'

/**
 * Queue tickets (排队号): one queue per service category and Beijing day, each
 * with its own letter, numbered from 001 every morning. A ticket's life is an
 * explicit state machine; every console action is one transition of it.
 */

/** The letter of each queue. I and O are left out: on a hall screen they read as 1 and 0. */
export const QUEUE_LETTERS: Record<ServiceCategoryKey, string> = {
  pension: 'A',
  retirement_cert: 'B',
  medical: 'C',
  disability: 'D',
  civil_affairs: 'E',
  household: 'F',
  birth: 'G',
  employment: 'H',
  elderly: 'J',
}

/**
 * The number a resident hears: the queue's letter and at least three digits.
 * @example ticketLabel('pension', 12) // 'A012'
 * @example ticketLabel('medical', 1234) // 'C1234'
 */
export function ticketLabel(queue: ServiceCategoryKey, n: number): string {
  return `${QUEUE_LETTERS[queue]}${String(n).padStart(3, '0')}`
}

/**
 * - `waiting`: in the queue
 * - `called`: called to a window (may be recalled)
 * - `serving`: being served at the window
 * - `completed`: served (办结)
 * - `skipped`: did not come when called (过号); may be put back once
 */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'completed' | 'skipped'

export const TICKET_STATUS_TEXT: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  completed: '已办结',
  skipped: '已过号',
}

/** How a ticket came to be: checked in from a booking, or taken on the spot (现场取号). */
export type TicketKind = 'appointment' | 'walk_in'

/** Why a ticket is served first (绿色通道). */
export type GreenReason = 'age' | 'disability' | 'clerk'

/** The counter console's actions on a ticket (call = 叫号, recall = 重呼, skip = 过号, putBack = 恢复排队, green = 标记绿色通道). */
export type QueueAction = 'call' | 'recall' | 'skip' | 'putBack' | 'start' | 'complete' | 'transfer' | 'green'

export const QUEUE_ACTION_NAMES: Record<QueueAction, string> = {
  call: '叫号',
  recall: '重呼',
  skip: '过号',
  putBack: '恢复排队',
  start: '开始办理',
  complete: '办结',
  transfer: '转到其他事项',
  green: '标记绿色通道',
}

/** Where each action may start and where it leads. */
export const QUEUE_TRANSITIONS: Record<QueueAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  skip: { from: ['called'], to: 'skipped' },
  putBack: { from: ['skipped'], to: 'waiting' },
  start: { from: ['called'], to: 'serving' },
  complete: { from: ['serving'], to: 'completed' },
  transfer: { from: ['waiting', 'called', 'serving'], to: 'waiting' },
  green: { from: ['waiting'], to: 'waiting' },
}

/** What a transition looks at. */
export interface TransitionSubject {
  label: string
  status: TicketStatus
  /** Already put back once after a skip. */
  putBack: boolean
  green: GreenReason | null
}

export type TransitionCheck = { ok: true; to: TicketStatus } | { ok: false; message: string }

/**
 * Whether `action` may happen to a ticket now, and the state it leads to; a
 * refusal says why in words (the console shows it; the wire answers CONFLICT).
 * @example checkTransition({ label: 'A012', status: 'completed', putBack: false, green: null }, 'skip') // { ok: false, message: 'A012 已办结，不能过号' }
 */
export function checkTransition(ticket: TransitionSubject, action: QueueAction): TransitionCheck {
  const rule = QUEUE_TRANSITIONS[action]
  if (!rule.from.includes(ticket.status)) {
    return { ok: false, message: `${ticket.label} ${TICKET_STATUS_TEXT[ticket.status]}，不能${QUEUE_ACTION_NAMES[action]}` }
  }
  if (action === 'putBack' && ticket.putBack) return { ok: false, message: `${ticket.label} 已恢复过一次排队，不能再次恢复` }
  if (action === 'green' && ticket.green) return { ok: false, message: `${ticket.label} 已在绿色通道` }
  return { ok: true, to: rule.to }
}
