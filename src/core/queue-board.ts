import { averageServiceMinutes, DEFAULT_QUEUE_RULES, estimateWaitMinutes, type QueueRules } from './queue-check-in'
import { orderQueue, type Orderable } from './queue-order'
import { QUEUE_LETTERS, type TicketStatus } from './queue-tickets'
import { categoryName, SERVICE_CATEGORY_KEYS, type ServiceCategoryKey } from './service-categories'

/**
 * The per-center, per-day board: everything the hall screen and a resident's
 * ticket page need, kept as one small record that is rebuilt whenever a ticket
 * changes, so that reading it (every second, by everyone) is one lookup.
 */
export interface QueueBoard {
  centerId: string
  date: string
  /** Goes up by one with every change of the day's tickets. */
  version: number
  updatedAt: string
  /** Per window, the ticket called there most recently that is still called or being served. */
  calls: BoardCall[]
  /** The last calls of the day, newest first. */
  recent: BoardCall[]
  queues: BoardQueue[]
}

export interface BoardCall {
  label: string
  window: number
  windowName: string
  status: TicketStatus
  /** When it was (last) called: a recall is a new call to announce. */
  at: string
  recalls: number
  /** 请 A012 号到 3 号窗口办理 */
  announcement: string
}

export interface BoardQueue {
  queue: ServiceCategoryKey
  letter: string
  name: string
  waiting: number
  /** The waiting tickets' numbers in the order they will be called. */
  order: string[]
  /** Served today, and today's average service length (the default before anyone was served). */
  served: number
  averageMinutes: number
  /** The windows serving this queue. */
  windows: number[]
}

/** A ticket as the board sees it. */
export interface BoardTicket extends Orderable {
  label: string
  queue: ServiceCategoryKey
  status: TicketStatus
  window: number | null
  lastCalledAt: string | null
  recalls: number
}

export interface BoardInput {
  centerId: string
  date: string
  version: number
  at: string
  /** The day's tickets that are not finished (waiting, called, serving, skipped). */
  open: readonly BoardTicket[]
  /** The day's most recently called tickets, newest first. */
  recent: readonly BoardTicket[]
  counters: readonly { queue: ServiceCategoryKey; served: number; serviceSeconds: number }[]
  /** The center's queues (categories it has services in) and the windows serving each. */
  queues: readonly { queue: ServiceCategoryKey; windows: readonly number[] }[]
  windowNames: Readonly<Record<number, string>>
}

/** How many past calls the board keeps. */
export const RECENT_CALLS = 6

/** What the hall hears. @example callAnnouncement('A012', 3) // '请 A012 号到 3 号窗口办理' */
export function callAnnouncement(label: string, window: number): string {
  return `请 ${label} 号到 ${window} 号窗口办理`
}

function toCall(t: BoardTicket, windowNames: Readonly<Record<number, string>>): BoardCall {
  const window = t.window ?? 0
  return {
    label: t.label,
    window,
    windowName: windowNames[window] ?? '',
    status: t.status,
    at: t.lastCalledAt ?? '',
    recalls: t.recalls,
    announcement: callAnnouncement(t.label, window),
  }
}

/** Builds the board from the day's tickets (pure: the store calls it inside the transaction that changed them). */
export function buildBoard(input: BoardInput, rules: QueueRules = DEFAULT_QUEUE_RULES): QueueBoard {
  const atWindow = new Map<number, BoardTicket>()
  for (const t of input.open) {
    if ((t.status !== 'called' && t.status !== 'serving') || t.window === null) continue
    const current = atWindow.get(t.window)
    if (!current || (t.lastCalledAt ?? '') > (current.lastCalledAt ?? '')) atWindow.set(t.window, t)
  }
  const counters = new Map(input.counters.map((c) => [c.queue, c]))
  const order = (a: ServiceCategoryKey, b: ServiceCategoryKey) => SERVICE_CATEGORY_KEYS.indexOf(a) - SERVICE_CATEGORY_KEYS.indexOf(b)
  return {
    centerId: input.centerId,
    date: input.date,
    version: input.version,
    updatedAt: input.at,
    calls: [...atWindow.values()].sort((a, b) => (a.window ?? 0) - (b.window ?? 0)).map((t) => toCall(t, input.windowNames)),
    recent: input.recent.slice(0, RECENT_CALLS).map((t) => toCall(t, input.windowNames)),
    queues: [...input.queues]
      .sort((a, b) => order(a.queue, b.queue))
      .map(({ queue, windows }) => {
        const waiting = orderQueue(
          input.open.filter((t) => t.queue === queue && t.status === 'waiting'),
          rules.greenAge,
        )
        const c = counters.get(queue)
        return {
          queue,
          letter: QUEUE_LETTERS[queue],
          name: categoryName(queue),
          waiting: waiting.length,
          order: waiting.map((t) => t.label),
          served: c?.served ?? 0,
          averageMinutes: averageServiceMinutes(c?.served ?? 0, c?.serviceSeconds ?? 0, rules.defaultServiceMinutes),
          windows: [...windows].sort((a, b) => a - b),
        }
      }),
  }
}

/**
 * A waiting ticket's place on the board: how many are ahead and the minutes
 * until its turn; null when it is not waiting in that queue.
 * @example placeOnBoard(board, 'pension', 'A012') // { ahead: 3, estimatedMinutes: 15 }
 */
export function placeOnBoard(
  board: QueueBoard,
  queue: ServiceCategoryKey,
  label: string,
): { ahead: number; estimatedMinutes: number } | null {
  const q = board.queues.find((x) => x.queue === queue)
  const index = q ? q.order.indexOf(label) : -1
  if (!q || index < 0) return null
  return { ahead: index, estimatedMinutes: estimateWaitMinutes(index, q.averageMinutes, q.windows.length) }
}

/**
 * 即将到号: the waiting tickets among `tickets` that have exactly `ahead` people before them on the board (a
 * ticket not waiting on the board is never one of them).
 * @example ticketsWithAhead(board, [{ queue: 'pension', label: 'A004' }, { queue: 'pension', label: 'A005' }], 3) // [{ queue: 'pension', label: 'A004' }] when A001–A003 wait before it
 */
export function ticketsWithAhead<T extends { queue: ServiceCategoryKey; label: string }>(
  board: QueueBoard,
  tickets: readonly T[],
  ahead: number,
): T[] {
  return tickets.filter((t) => placeOnBoard(board, t.queue, t.label)?.ahead === ahead)
}
