import { beijingDate, dayLabel, type IsoDate } from './beijing-time'
import { addWorkingDays, firstWorkingDay, workingDaysBetween, type WorkingCalendar } from './working-days'
import type { CaseState } from './delegation-states'

/**
 * The promised time limit (承诺时限) of a delegated case, in working days.
 *
 * - The clock starts on the day of acceptance, or on the next working day when
 *   the case was accepted on a closed day (an online case on a Sunday).
 * - Due = start + the service's processing days in working days; 0 days
 *   (当场办结) is due on the start day itself.
 * - Time in 待补交材料 (待补正) does not count: each pause pushes the due date by the
 *   working days after the day it began, up to and including the day it ended
 *   (asked Monday, supplied Wednesday: 2 days). A pause still open counts up to
 *   today, so the days left stay as they were when it began.
 * - The clock stops when the case is concluded (or ends otherwise): lateness is
 *   then judged on that day.
 */

/** One stretch in 待补正, as ISO instants; `to` null while it lasts. */
export interface CasePause {
  from: string
  to: string | null
}

export interface DeadlineInput {
  /** When the case was accepted (ISO instant). */
  acceptedAt: string
  /** The service's processing time in working days (0 = 当场办结), as promised at acceptance. */
  processingDays: number
  pauses: readonly CasePause[]
  /** When the clock stopped for good (concluded, withdrawn, rejected); null while it runs. */
  stoppedAt?: string | null
  now: Date
  calendar: WorkingCalendar
}

export interface CaseDeadline {
  /** The first day the clock counts from. */
  startDate: IsoDate
  /** The last day the case may be concluded on. */
  dueDate: IsoDate
  /** Working days spent in 待补正 so far (added to the limit). */
  pausedWorkingDays: number
  /** In 待补正 now: the clock stands still. */
  paused: boolean
  /** The clock has stopped for good. */
  stopped: boolean
  /** Working days from today (or the stop day) to the due date: 0 = due today. 0 once past due. */
  remainingWorkingDays: number
  /** Past the due date (for a stopped case: it stopped after the due date). */
  overdue: boolean
  /** Working days past due (0 when a weekend is all that has passed). */
  overdueWorkingDays: number
  /** Running, not paused, not overdue, and due today or on the next working day. */
  dueSoon: boolean
}

/**
 * Working days spent in 待补正 up to `until` (a Beijing date): the working days after
 * each pause's first day through its last day (or `until` for one still open).
 * @example pausedWorkingDays([{ from: '2026-11-23T02:00:00Z', to: '2026-11-25T03:00:00Z' }], '2026-11-26', calendar) // 2
 */
export function pausedWorkingDays(pauses: readonly CasePause[], until: IsoDate, calendar: WorkingCalendar): number {
  let days = 0
  for (const p of pauses) {
    const from = beijingDate(p.from)
    const to = p.to ? beijingDate(p.to) : until
    days += workingDaysBetween(from, to < until ? to : until, calendar)
  }
  return days
}

/**
 * The due date of a case and its flags, as of `now`.
 * @example caseDeadline({ acceptedAt: '2026-09-29T02:00:00Z', processingDays: 3, pauses: [], now: new Date('2026-09-29T02:00:00Z'), calendar }).dueDate
 * // '2026-10-09' (30 Sep, then 国庆 1–7 closed, 8 and 9 Oct)
 */
export function caseDeadline(input: DeadlineInput): CaseDeadline {
  const calendar = input.calendar
  const stopped = !!input.stoppedAt
  const today = beijingDate(input.stoppedAt ?? input.now)
  const startDate = firstWorkingDay(beijingDate(input.acceptedAt), calendar)
  const paused = !stopped && input.pauses.some((p) => p.to === null)
  const pausedDays = pausedWorkingDays(input.pauses, today, calendar)
  const dueDate = addWorkingDays(startDate, input.processingDays + pausedDays, calendar)
  const overdue = today > dueDate
  const remaining = overdue ? 0 : workingDaysBetween(today, dueDate, calendar)
  return {
    startDate,
    dueDate,
    pausedWorkingDays: pausedDays,
    paused,
    stopped,
    remainingWorkingDays: remaining,
    overdue,
    overdueWorkingDays: overdue ? workingDaysBetween(dueDate, today, calendar) : 0,
    dueSoon: !stopped && !paused && !overdue && remaining <= 1,
  }
}

/**
 * The pauses after a step: entering 待补正 opens one, leaving it closes the open one.
 * @example applyPause([], 'processing', 'needs_supplement', '2026-11-26T02:00:00Z') // [{ from: '2026-11-26T02:00:00Z', to: null }]
 */
export function applyPause(pauses: readonly CasePause[], from: CaseState, to: CaseState, at: string): CasePause[] {
  const next = pauses.map((p) => ({ ...p }))
  if (to === 'needs_supplement' && from !== 'needs_supplement') next.push({ from: at, to: null })
  if (from === 'needs_supplement' && to !== 'needs_supplement') {
    const open = next.find((p) => p.to === null)
    if (open) open.to = at
  }
  return next
}

/** The due date in words for both sides. @example deadlineText(d) // '承诺 11月27日 周五 前办结（还剩 1 个工作日）' */
export function deadlineText(d: CaseDeadline): string {
  const due = dayLabel(d.dueDate)
  if (d.stopped) return d.overdue ? `超过承诺时限办结（应于 ${due} 前）` : `在承诺时限内办结（${due} 前）`
  if (d.paused) return `等待补交材料，暂停计时（材料补齐后还剩 ${d.remainingWorkingDays} 个工作日）`
  if (d.overdue) return `已超过承诺时限（应于 ${due} 前办结${d.overdueWorkingDays > 0 ? `，已超 ${d.overdueWorkingDays} 个工作日` : ''}）`
  if (d.remainingWorkingDays === 0) return `承诺今天（${due}）办结`
  return `承诺 ${due} 前办结（还剩 ${d.remainingWorkingDays} 个工作日）`
}
