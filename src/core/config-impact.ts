import { minutesOf, type ClockTime, type IsoDate } from './beijing-time'
import { weekOf, type OpeningHours, type Session } from './opening-hours'
import { sessionsOn, type WorkingCalendar } from './working-days'
import { slotsOfDay } from './slots'

/**
 * What a change to a center's configuration does to appointments already made.
 * The rule: a change never cancels or moves a booking. Seats already taken stay
 * taken; where the new settings no longer hold them (fewer seats than booked, a
 * slot no longer on the grid, a day now closed), the booking is kept and the
 * admin is shown the slot so the center can call the people concerned.
 */

/** Earliest and latest times a session may run. */
export const EARLIEST_OPEN: ClockTime = '06:00'
export const LATEST_CLOSE: ClockTime = '22:00'

/**
 * Why a day's opening sessions are not usable, or null: each must start before
 * it ends, within 06:00–22:00, in order and without overlapping.
 * @example sessionsProblem([{ start: '13:30', end: '12:00' }]) // '13:30–12:00：结束时间应晚于开始时间'
 */
export function sessionsProblem(sessions: readonly Session[]): string | null {
  for (const s of sessions) {
    if (minutesOf(s.end) <= minutesOf(s.start)) return `${s.start}–${s.end}：结束时间应晚于开始时间`
    if (s.start < EARLIEST_OPEN || s.end > LATEST_CLOSE) return `${s.start}–${s.end}：办公时间应在 ${EARLIEST_OPEN}–${LATEST_CLOSE} 之间`
  }
  for (let i = 1; i < sessions.length; i++) {
    if (minutesOf(sessions[i].start) < minutesOf(sessions[i - 1].end))
      return `${sessions[i - 1].start}–${sessions[i - 1].end} 与 ${sessions[i].start}–${sessions[i].end} 重叠或顺序不对，请按时间先后填写`
  }
  return null
}

/**
 * Problems of opening hours keyed by field (`sessions`, `byWeekday.5`), empty when usable.
 * At least one of Monday–Friday must have a session; a weekday's own list may be empty (closed that weekday).
 */
export function hoursProblems(hours: OpeningHours): Record<string, string> {
  const problems: Record<string, string> = {}
  const week = weekOf(hours)
  if ((['1', '2', '3', '4', '5'] as const).every((d) => week[d].length === 0))
    problems.sessions = '周一至周五至少要有一天办公：请打开一天并选好上午或下午的时间'
  const own = sessionsProblem(hours.sessions)
  if (own) problems.sessions = own
  for (const [day, sessions] of Object.entries(hours.byWeekday ?? {})) {
    const p = sessions ? sessionsProblem(sessions) : null
    if (p) problems[`byWeekday.${day}`] = p
  }
  return problems
}

/** A slot counter with seats taken (from the booking store). */
export interface BookedSlot {
  date: IsoDate
  start: ClockTime
  capacity: number
  booked: number
}

export type ImpactReason = 'over_capacity' | 'off_grid' | 'closed_day'

export const IMPACT_TEXT: Record<ImpactReason, string> = {
  over_capacity: '已约人数超过新的名额',
  off_grid: '不在新的时段表中',
  closed_day: '该日已设为不办公',
}

/** A slot whose bookings the new settings no longer hold; the bookings are kept. */
export interface AffectedSlot extends BookedSlot {
  reason: ImpactReason
}

/**
 * The booked slots (dates from today on) that the new settings leave without a
 * place: a closed day, a start no longer on the day's grid, or more booked than
 * the new capacity. A slot is reported once, for the first reason that applies.
 * @example affectedSlots([{ date: '2026-11-27', start: '09:00', capacity: 4, booked: 3 }], { hours, calendar, slotMinutes: 15, capacity: 2 })
 * // [{ date: '2026-11-27', start: '09:00', capacity: 4, booked: 3, reason: 'over_capacity' }]
 */
export function affectedSlots(
  booked: readonly BookedSlot[],
  next: { hours: OpeningHours; calendar: WorkingCalendar; slotMinutes: number; capacity?: number },
): AffectedSlot[] {
  const grids = new Map<IsoDate, Set<ClockTime>>()
  const out: AffectedSlot[] = []
  for (const s of booked) {
    if (s.booked <= 0) continue
    if (!next.calendar.dayStatus(s.date).open) {
      out.push({ ...s, reason: 'closed_day' })
      continue
    }
    let grid = grids.get(s.date)
    if (!grid) {
      grid = new Set(slotsOfDay(sessionsOn(s.date, next.hours, next.calendar), next.slotMinutes).map((x) => x.start))
      grids.set(s.date, grid)
    }
    if (!grid.has(s.start)) out.push({ ...s, reason: 'off_grid' })
    else if (next.capacity !== undefined && s.booked > next.capacity) out.push({ ...s, reason: 'over_capacity' })
  }
  return out.sort((a, b) => (a.date === b.date ? a.start.localeCompare(b.start) : a.date.localeCompare(b.date)))
}
