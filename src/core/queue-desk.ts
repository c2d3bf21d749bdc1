/** The counter desk of a clerk with several windows: where people wait, and what a keyboard shortcut acts on. */
import type { TicketStatus } from './queue-tickets'

/** A window the clerk may work, with how many wait for the services it serves. */
export interface DeskWindow {
  number: number
  waiting: number
}

/**
 * Counts, per window, the waiting tickets of the services that window serves (a ticket
 * waiting for a service two windows serve counts at both: either may call it).
 * @example waitingPerWindow([{ number: 1, serviceIds: ['a'] }, { number: 2, serviceIds: ['a', 'b'] }], [{ serviceId: 'b' }])
 * // [{ number: 1, waiting: 0 }, { number: 2, waiting: 1 }]
 */
export function waitingPerWindow(
  windows: { number: number; serviceIds: readonly string[] }[],
  waiting: { serviceId: string }[],
): DeskWindow[] {
  return windows.map((w) => ({ number: w.number, waiting: waiting.filter((t) => w.serviceIds.includes(t.serviceId)).length }))
}

/** Where people wait when the clerk's current window has nobody. */
export interface ElsewhereHint {
  /** e.g. 1 号窗口无人等候；2 号窗口有 3 人等候 */
  text: string
  /** The window to call for: the one of hers where most wait (the lowest number among equals). */
  callFor: number
}

/**
 * The hint the desk shows when nobody waits at `current` but someone waits at another of the clerk's
 * windows; null when people wait here, or nowhere.
 * @example elsewhere(1, [{ number: 1, waiting: 0 }, { number: 2, waiting: 3 }])
 * // { text: '1 号窗口无人等候；2 号窗口有 3 人等候', callFor: 2 }
 * @example elsewhere(1, [{ number: 1, waiting: 2 }, { number: 2, waiting: 3 }]) // null
 */
export function elsewhere(current: number, windows: DeskWindow[]): ElsewhereHint | null {
  const here = windows.find((w) => w.number === current)
  if (here && here.waiting > 0) return null
  const others = windows.filter((w) => w.number !== current && w.waiting > 0)
  if (others.length === 0) return null
  const callFor = others.reduce((best, w) => (w.waiting > best.waiting ? w : best)).number
  const where = others.map((w) => `${w.number} 号窗口有 ${w.waiting} 人等候`).join('，')
  return { text: `${current} 号窗口无人等候；${where}`, callFor }
}

/** The desk's keyboard shortcuts (H5: a PC browser), shown on their buttons as 叫下一位 (N). */
export const DESK_KEYS = { callNext: 'N', recall: 'R', start: 'S', complete: 'E' } as const
export type DeskKeyAction = keyof typeof DESK_KEYS

/**
 * The desk action a key press asks for (either case), or null for any other key.
 * @example deskKeyAction('n') // 'callNext'
 * @example deskKeyAction('x') // null
 */
export function deskKeyAction(key: string): DeskKeyAction | null {
  const upper = key.toUpperCase()
  const found = (Object.keys(DESK_KEYS) as DeskKeyAction[]).find((a) => DESK_KEYS[a] === upper)
  return found ?? null
}

/**
 * The current ticket a shortcut acts on: 重呼 and 开始办理 the latest one called, 办结 the one being served
 * (the earliest, if two are); null when there is none in that state (the shortcut then does nothing).
 * @example shortcutTarget('start', [{ id: 'a', status: 'serving' }, { id: 'b', status: 'called' }]) // { id: 'b', status: 'called' }
 */
export function shortcutTarget<T extends { status: TicketStatus }>(action: Exclude<DeskKeyAction, 'callNext'>, current: T[]): T | null {
  if (action === 'complete') return current.find((t) => t.status === 'serving') ?? null
  return [...current].reverse().find((t) => t.status === 'called') ?? null
}
