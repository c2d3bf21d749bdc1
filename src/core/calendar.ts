import holidayData from 'chinese-days/dist/chinese-days.json'
import { addDays, isoWeekday, minutesOf, type ClockTime, type IsoDate } from './beijing-time'

/**
 * The working-day calendar of a service center.
 *
 * Order of precedence, most specific first:
 * 1. the center's own decisions (an admin closes a day, or opens an extra one);
 * 2. China's statutory holidays (closed) and 调休 make-up working days (open),
 *    from the maintained `chinese-days` package;
 * 3. Monday–Friday open, weekends closed.
 */

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday' | 'center_closed' | 'center_open'

export interface DayStatus {
  date: IsoDate
  open: boolean
  kind: DayKind
  /** Why the day is closed, or why an unusual day is open, in words for residents (e.g. 国庆节). */
  reason?: string
}

/** A center's own exceptions to the national calendar, keyed by date. */
export interface CenterDays {
  closed: Record<IsoDate, string>
  open: Record<IsoDate, string>
}

export const NO_CENTER_DAYS: CenterDays = { closed: {}, open: {} }

type HolidayTable = Record<IsoDate, string>
const HOLIDAYS = (holidayData as { holidays: HolidayTable }).holidays
const ADJUSTED_WORKDAYS = (holidayData as { workdays: HolidayTable }).workdays

/** The Chinese name in a `chinese-days` entry such as "National Day,国庆节,3". */
function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry
}

/** Years the holiday data covers; a date beyond it falls back to weekdays only. */
export const HOLIDAY_DATA_LAST_YEAR = Math.max(...Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))))

/**
 * Whether the center is open on a Beijing date, and why.
 * @example dayStatus('2026-10-01').reason // '国庆节'
 * @example dayStatus('2026-10-10').kind   // 'adjusted_workday' (a Saturday)
 */
export function dayStatus(date: IsoDate, centerDays: CenterDays = NO_CENTER_DAYS): DayStatus {
  if (centerDays.closed[date] !== undefined) return { date, open: false, kind: 'center_closed', reason: centerDays.closed[date] }
  if (centerDays.open[date] !== undefined) return { date, open: true, kind: 'center_open', reason: centerDays.open[date] }
  if (HOLIDAYS[date]) return { date, open: false, kind: 'holiday', reason: holidayName(HOLIDAYS[date]) }
  if (ADJUSTED_WORKDAYS[date]) return { date, open: true, kind: 'adjusted_workday', reason: `${holidayName(ADJUSTED_WORKDAYS[date])}调休上班` }
  const weekday = isoWeekday(date)
  if (weekday >= 6) return { date, open: false, kind: 'weekend', reason: '周末休息' }
  return { date, open: true, kind: 'workday' }
}

/** A half-open opening session on one day, e.g. 09:00–12:00. */
export interface Session {
  start: ClockTime
  end: ClockTime
}

/** Opening hours: the sessions of an ordinary working day, with optional per-weekday exceptions (1 = Monday). */
export interface OpeningHours {
  sessions: Session[]
  byWeekday?: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Session[]>>
}

/**
 * The sessions a center runs on a date: none on a closed day; the weekday's own
 * sessions where set (a 调休 Saturday has none of its own and takes the ordinary ones).
 */
export function sessionsOn(date: IsoDate, hours: OpeningHours, centerDays: CenterDays = NO_CENTER_DAYS): Session[] {
  if (!dayStatus(date, centerDays).open) return []
  const key = String(isoWeekday(date)) as keyof NonNullable<OpeningHours['byWeekday']>
  return hours.byWeekday?.[key] ?? hours.sessions
}

export type OpenState =
  | { state: 'open'; until: ClockTime }
  | { state: 'before_open'; opensAt: ClockTime }
  | { state: 'break'; opensAt: ClockTime }
  | { state: 'after_close' }
  | { state: 'closed_today'; reason: string }

/**
 * Whether the doors are open at a wall-clock time on a date.
 * @example openStateAt('2026-11-26', '12:30', hours).state // 'break'
 */
export function openStateAt(date: IsoDate, time: ClockTime, hours: OpeningHours, centerDays: CenterDays = NO_CENTER_DAYS): OpenState {
  const status = dayStatus(date, centerDays)
  if (!status.open) return { state: 'closed_today', reason: status.reason ?? '休息' }
  const sessions = sessionsOn(date, hours, centerDays)
  if (sessions.length === 0) return { state: 'closed_today', reason: '今日不对外办公' }
  const now = minutesOf(time)
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i]
    if (now < minutesOf(s.start)) return i === 0 ? { state: 'before_open', opensAt: s.start } : { state: 'break', opensAt: s.start }
    if (now < minutesOf(s.end)) return { state: 'open', until: s.end }
  }
  return { state: 'after_close' }
}

/** A resident-facing sentence for an open state. @example describeOpenState({ state: 'open', until: '17:00' }) // '办公中，17:00 下班' */
export function describeOpenState(s: OpenState): string {
  switch (s.state) {
    case 'open':
      return `办公中，${s.until} 下班`
    case 'before_open':
      return `尚未上班，${s.opensAt} 开门`
    case 'break':
      return `午间休息，${s.opensAt} 继续办公`
    case 'after_close':
      return '今日已下班'
    case 'closed_today':
      return `今日休息（${s.reason}）`
  }
}

const WEEKDAY_LABEL: Record<string, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' }

const sessionText = (sessions: Session[]) => (sessions.length ? sessions.map((s) => `${s.start}–${s.end}`).join('、') : '不对外办公')

/**
 * Opening hours as lines a resident reads on the home page.
 * @example describeHours({ sessions: [{ start: '09:00', end: '12:00' }], byWeekday: { '5': [] } })
 * // ['工作日 09:00–12:00', '周五 不对外办公', '法定节假日休息，调休上班日照常办公']
 */
export function describeHours(hours: OpeningHours): string[] {
  const lines = [`工作日 ${sessionText(hours.sessions)}`]
  for (const [day, sessions] of Object.entries(hours.byWeekday ?? {})) {
    if (sessions) lines.push(`${WEEKDAY_LABEL[day]} ${sessionText(sessions)}`)
  }
  lines.push('法定节假日休息，调休上班日照常办公')
  return lines
}

/**
 * The date `n` working days after `date` (the center's closures count as closed,
 * 调休 Saturdays as open). `n = 0` gives `date` itself.
 * @example addWorkingDays('2026-09-30', 1) // '2026-10-08' (国庆 1–7 skipped)
 * @example addWorkingDays('2026-10-09', 1) // '2026-10-10' (the 调休 Saturday)
 */
export function addWorkingDays(date: IsoDate, n: number, centerDays: CenterDays = NO_CENTER_DAYS): IsoDate {
  let d = date
  // A year of closed days in a row is a data error, not a calendar: stop rather than spin.
  for (let found = 0, guard = 0; found < n && guard < 366 + n; guard++) {
    d = addDays(d, 1)
    if (dayStatus(d, centerDays).open) found++
  }
  return d
}

/**
 * Working days after `from` up to and including `to` (0 when `to` ≤ `from`):
 * how many working days have passed, e.g. for "not scheduled within 3 working days".
 * @example workingDaysBetween('2026-09-30', '2026-10-08') // 1
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, centerDays: CenterDays = NO_CENTER_DAYS): number {
  let count = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (dayStatus(d, centerDays).open) count++
  return count
}
