import { addDays, atBeijing, clockOf, minutesOf, type ClockTime, type IsoDate } from './beijing-time'
import type { DayStatus, OpeningHours } from './opening-hours'
import { addWorkingDays, sessionsOn, type WorkingCalendar } from './working-days'

/** One bookable slot of a day, Beijing wall clock, half-open [start, end). */
export interface SlotTime {
  start: ClockTime
  end: ClockTime
}

/**
 * The slots of a day: each session cut into `slotMinutes` pieces from its start;
 * a remainder shorter than a slot is not offered (no slot runs past closing).
 * @example slotsOfDay([{ start: '09:00', end: '10:00' }], 25) // [09:00–09:25, 09:25–09:50]
 */
export function slotsOfDay(sessions: { start: ClockTime; end: ClockTime }[], slotMinutes: number): SlotTime[] {
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) throw new Error(`slotMinutes must be a positive integer, got ${slotMinutes}`)
  const slots: SlotTime[] = []
  for (const s of sessions) {
    const end = minutesOf(s.end)
    for (let t = minutesOf(s.start); t + slotMinutes <= end; t += slotMinutes)
      slots.push({ start: clockOf(t), end: clockOf(t + slotMinutes) })
  }
  return slots
}

/**
 * The slot of the day that starts at `start`, or undefined: the one `slotsOfDay` lists with that start, found without
 * listing the day (every create asks; listing made ~26 clock strings to keep one).
 * @example slotAt([{ start: '09:00', end: '10:00' }], 25, '09:25') // { start: '09:25', end: '09:50' }
 * @example slotAt([{ start: '09:00', end: '10:00' }], 25, '09:50') // undefined: it would run past closing
 */
export function slotAt(sessions: { start: ClockTime; end: ClockTime }[], slotMinutes: number, start: ClockTime): SlotTime | undefined {
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) throw new Error(`slotMinutes must be a positive integer, got ${slotMinutes}`)
  const t = minutesOf(start)
  // Only a start written as the grid writes it (so '9:00' is no slot, as in the list).
  if (!(t >= 0) || clockOf(t) !== start) return undefined
  for (const s of sessions) {
    const from = minutesOf(s.start)
    if (t >= from && (t - from) % slotMinutes === 0 && t + slotMinutes <= minutesOf(s.end)) return { start, end: clockOf(t + slotMinutes) }
  }
  return undefined
}

/**
 * Seats in one slot: the service's own figure when set, else the windows serving
 * it × seats per window (at least one window, so a misconfigured service still has a seat count, not zero).
 * @example slotCapacity({ windowIds: ['w2', 'w3'], perWindowCapacity: 2 }) // 4
 */
export function slotCapacity(service: { windowIds: string[]; perWindowCapacity: number; slotCapacity?: number | null }): number {
  if (service.slotCapacity !== undefined && service.slotCapacity !== null) return service.slotCapacity
  return Math.max(1, service.windowIds.length) * service.perWindowCapacity
}

/**
 * The last bookable date: the `workingDays`-th open day after `today` (today
 * itself is bookable too, within the lead time). Holidays, weekends and the
 * center's closures are skipped; 调休 Saturdays count.
 * @example horizonEnd('2026-09-29', 7, calendar) // '2026-10-14' (30th, then 国庆 1–7 skipped; 8th, 9th, the 调休 Saturday 10th, 12th–14th)
 */
export function horizonEnd(today: IsoDate, workingDays: number, calendar: WorkingCalendar): IsoDate {
  return addWorkingDays(today, workingDays, calendar)
}

/** Why a slot cannot be booked right now, or null when it can (seats aside). */
export type SlotRefusal =
  | { code: 'closed'; reason: string }
  | { code: 'beyond_horizon'; lastDate: IsoDate }
  | { code: 'past_date' }
  | { code: 'no_such_slot' }
  | { code: 'too_soon' }

export interface SlotQuery {
  date: IsoDate
  start: ClockTime
  now: Date
  today: IsoDate
  lastDate: IsoDate
  hours: OpeningHours
  calendar: WorkingCalendar
  slotMinutes: number
  leadMinutes: number
}

/** True when a slot starting at `date start` begins at least `leadMinutes` after `now`. The slot starting exactly at the lead time is offered. */
export function startsAfterLead(date: IsoDate, start: ClockTime, now: Date, leadMinutes: number): boolean {
  return atBeijing(date, start).getTime() - now.getTime() >= leadMinutes * 60_000
}

/**
 * Checks one requested slot against the calendar, the horizon, the day's slot grid
 * and the lead time; returns the slot (with its end) or why it is refused.
 */
export function checkSlot(q: SlotQuery): { ok: true; slot: SlotTime; status: DayStatus } | { ok: false; refusal: SlotRefusal } {
  if (q.date < q.today) return { ok: false, refusal: { code: 'past_date' } }
  if (q.date > q.lastDate) return { ok: false, refusal: { code: 'beyond_horizon', lastDate: q.lastDate } }
  const status = q.calendar.dayStatus(q.date)
  if (!status.open) return { ok: false, refusal: { code: 'closed', reason: status.reason ?? '休息' } }
  const slot = slotAt(sessionsOn(q.date, q.hours, q.calendar), q.slotMinutes, q.start)
  if (!slot) return { ok: false, refusal: { code: 'no_such_slot' } }
  if (!startsAfterLead(q.date, q.start, q.now, q.leadMinutes)) return { ok: false, refusal: { code: 'too_soon' } }
  return { ok: true, slot, status }
}

export interface PlannedDay {
  date: IsoDate
  status: DayStatus
  /** `started`: its start is not after now; `tooSoon`: it starts within the lead time (a started slot is too soon too). */
  slots: (SlotTime & { tooSoon: boolean; started: boolean })[]
}

/**
 * The lead time as the center's rule says it.
 * @example leadTimeWords(30) // '30 分钟'
 * @example leadTimeWords(120) // '2 小时'
 */
export function leadTimeWords(leadMinutes: number): string {
  return leadMinutes >= 60 && leadMinutes % 60 === 0 ? `${leadMinutes / 60} 小时` : `${leadMinutes} 分钟`
}

/**
 * Why a slot cannot be chosen, in the resident's words, or undefined when it can: a slot within the lead time
 * states the rule rather than a bare "too late".
 * @example slotNote({ started: false, tooSoon: true }, 4, 30) // '需提前 30 分钟预约'
 * @example slotNote({ started: true, tooSoon: true }, 4, 30) // '时间已过'
 * @example slotNote({ started: false, tooSoon: false }, 0, 30) // '已约满'
 */
export function slotNote(slot: { started: boolean; tooSoon: boolean }, remaining: number, leadMinutes: number): string | undefined {
  if (slot.started) return '时间已过'
  if (slot.tooSoon) return `需提前 ${leadTimeWords(leadMinutes)}预约`
  return remaining > 0 ? undefined : '已约满'
}

/**
 * The slot grid for the dates [from, to]: closed days with their reason and no
 * slots; open days with every slot and whether it falls within the lead time.
 */
export function planDays(
  from: IsoDate,
  to: IsoDate,
  now: Date,
  hours: OpeningHours,
  calendar: WorkingCalendar,
  slotMinutes: number,
  leadMinutes: number,
): PlannedDay[] {
  const days: PlannedDay[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const status = calendar.dayStatus(date)
    // Fields written out, not `{ ...s, tooSoon, started }`: on Node 20 that literal gets a hidden class of its own every
    // time (~0.5 µs a key, and slow to serialize; see bookedRecord in cloud/store/port/booking.ts).
    const slots = slotsOfDay(sessionsOn(date, hours, calendar), slotMinutes).map((s) => ({
      start: s.start,
      end: s.end,
      tooSoon: !startsAfterLead(date, s.start, now, leadMinutes),
      started: atBeijing(date, s.start).getTime() <= now.getTime(),
    }))
    days.push({ date, status, slots })
  }
  return days
}
