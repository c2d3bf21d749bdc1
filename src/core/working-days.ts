import { addDays, isoWeekday, minutesOf, type ClockTime, type IsoDate } from './beijing-time'
import type { DayStatus, OpeningHours, OpenState, Session } from './opening-hours'

/**
 * Working-day arithmetic over one calendar. Every area (booking days, check-in, case
 * time limits, home-certification overdue, statistics) asks these functions, each
 * handed the one `WorkingCalendar` the backend built for the center
 * (cloud/runtime/working-calendar.ts): no area keeps its own notion of a working day.
 * This file imports no holiday data, so rules that use it stay light for the client.
 */

/** Whether a center works on a Beijing date, and why: the layered calendar of src/core/working-calendar.ts. */
export interface WorkingCalendar {
  dayStatus(date: IsoDate): DayStatus
  /** Changes whenever any answer of `dayStatus` may change (for remembering what was computed from it). */
  readonly key: string
}

/** True when the center works that day. */
export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  return calendar.dayStatus(date).open
}

/**
 * The date `n` working days after `date`. `n = 0` gives `date` itself.
 * @example addWorkingDays('2026-09-30', 1, calendar) // '2026-10-08' (国庆 1–7 skipped)
 * @example addWorkingDays('2026-10-09', 1, calendar) // '2026-10-10' (the 调休 Saturday)
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  let d = date
  // A year of closed days in a row is a data error, not a calendar: stop rather than spin.
  for (let found = 0, guard = 0; found < n && guard < 366 + n; guard++) {
    d = addDays(d, 1)
    if (calendar.dayStatus(d).open) found++
  }
  return d
}

/**
 * Working days after `from` up to and including `to` (0 when `to` ≤ `from`):
 * how many working days have passed, e.g. for "not scheduled within 3 working days".
 * @example workingDaysBetween('2026-09-30', '2026-10-08', calendar) // 1
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  let count = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.dayStatus(d).open) count++
  return count
}

/** Working days in [from, to], both included. @example workingDaysIn('2026-11-01', '2026-11-30', calendar) // 21 */
export function workingDaysIn(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  return from > to ? 0 : workingDaysBetween(addDays(from, -1), to, calendar)
}

/** The day itself when the center works that day, else the next working day. @example firstWorkingDay('2026-10-01', calendar) // '2026-10-08' */
export function firstWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  return calendar.dayStatus(date).open ? date : addWorkingDays(date, 1, calendar)
}

/**
 * The sessions a center runs on a date: none on a closed day; the weekday's own
 * sessions where set (a 调休 Saturday has none of its own and takes the ordinary ones).
 */
export function sessionsOn(date: IsoDate, hours: OpeningHours, calendar: WorkingCalendar): Session[] {
  if (!calendar.dayStatus(date).open) return []
  const key = String(isoWeekday(date)) as keyof NonNullable<OpeningHours['byWeekday']>
  return hours.byWeekday?.[key] ?? hours.sessions
}

/**
 * Whether the doors are open at a wall-clock time on a date.
 * @example openStateAt('2026-11-26', '12:30', hours, calendar).state // 'break'
 */
export function openStateAt(date: IsoDate, time: ClockTime, hours: OpeningHours, calendar: WorkingCalendar): OpenState {
  const status = calendar.dayStatus(date)
  if (!status.open) return { state: 'closed_today', reason: status.reason ?? '休息' }
  const sessions = sessionsOn(date, hours, calendar)
  if (sessions.length === 0) return { state: 'closed_today', reason: '今日不对外办公' }
  const now = minutesOf(time)
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i]
    if (now < minutesOf(s.start)) return i === 0 ? { state: 'before_open', opensAt: s.start } : { state: 'break', opensAt: s.start }
    if (now < minutesOf(s.end)) return { state: 'open', until: s.end }
  }
  return { state: 'after_close' }
}
