import { atBeijing, beijing, type ClockTime, dayLabel, type IsoDate } from './beijing-time'

/**
 * 候补 (waitlist): residents line up for a full slot, or for "any time that day", of one service. A freed
 * seat is not freed: it is *offered* to the first in line and stays counted in the slot (nobody else can
 * book it) until they accept, leave, or the hold runs out — then it passes to the next in line, and only
 * when nobody waits does it go back to the slot. These are the rules both store adapters and the
 * functions share; the stores keep the line order and the hand-off atomic.
 */

/** Where an entry is: waiting in line, holding an offer, or done (accepted → a booking, expired, left). */
export type WaitStatus = 'waiting' | 'offered' | 'accepted' | 'expired' | 'left'

/** Entries still in line (they count for the place of those behind them; one per person per slot). */
export const IN_LINE: readonly WaitStatus[] = ['waiting', 'offered']

export const WAIT_STATUS_TEXT: Record<WaitStatus, string> = {
  waiting: '候补中',
  offered: '有空位，待确认',
  accepted: '已预约',
  expired: '未及时确认，已过期',
  left: '已退出候补',
}

/** The default hold of an offer, in minutes (a center may set 5–120 in its booking rules). */
export const DEFAULT_OFFER_HOLD_MINUTES = 15

/** The key of a line's slot: a clock time, or `*` for "any time that day". @example slotKey(null) // '*' */
export function slotKey(start: ClockTime | null): string {
  return start ?? '*'
}

/** Whether an entry for `wanted` (a time, or null for the whole day) takes a seat freed at `freed`. @example covers(null, '09:00') // true */
export function covers(wanted: ClockTime | null, freed: ClockTime): boolean {
  return wanted === null || wanted === freed
}

/** When an offer made at `at` runs out. @example offerExpiresAt('2026-12-01T01:00:00.000Z', 15) // '2026-12-01T01:15:00.000Z' */
export function offerExpiresAt(at: string, holdMinutes: number): string {
  return new Date(Date.parse(at) + holdMinutes * 60_000).toISOString()
}

/**
 * Whether a seat of the slot `date start` may still be offered at `at`: not once the slot has begun
 * (a seat nobody can use is given back to the slot instead).
 * @example offerable('2026-12-01', '09:00', '2026-12-01T00:59:00.000Z') // true (08:59 Beijing)
 */
export function offerable(date: IsoDate, start: ClockTime, at: string): boolean {
  return atBeijing(date, start).getTime() > Date.parse(at)
}

/** One entry as the line sees it: order, what it waits for, where it is. */
export interface LinePlace {
  seq: number
  start: ClockTime | null
  status: WaitStatus
}

/**
 * How many are ahead of `me` in the line of one service and day: earlier entries still in line whose
 * seats could go to them first — the same slot, or "any time that day" on either side.
 * @example placeAhead({ seq: 3, start: '09:00', status: 'waiting' }, [{ seq: 1, start: null, status: 'waiting' }, { seq: 2, start: '10:00', status: 'waiting' }]) // 1
 */
export function placeAhead(me: LinePlace, line: readonly LinePlace[]): number {
  return line.filter((o) => o.seq < me.seq && IN_LINE.includes(o.status) && (me.start === null || o.start === null || o.start === me.start))
    .length
}

/** What the 消息 of an offer says (the resident taps it to accept). */
export function offerNotice(o: { serviceName: string; date: IsoDate; start: ClockTime; expiresAt: string }): {
  title: string
  body: string
} {
  return {
    title: '候补有空位了',
    body: `您候补的「${o.serviceName}」有空位：${dayLabel(o.date)} ${o.start}。已为您保留到 ${beijing(o.expiresAt).format('HH:mm')}，请在此前点此确认预约；过时将让给下一位候补的人。`,
  }
}
