import {
  compactHours,
  halfDaysOf,
  sessionsOfHalfDays,
  weekOf,
  WEEKDAYS,
  type OpeningHours,
  type Session,
  type Weekday,
} from '@/core/opening-hours'

/**
 * The hours form's state: every weekday open or closed, with a morning and an afternoon that can each be
 * switched off. What is sent is every weekday; the server stores the usual day and the weekdays that
 * differ (compactHours), the shape hours always had.
 */

export const WEEKDAY_NAME: Record<Weekday, string> = {
  '1': '周一',
  '2': '周二',
  '3': '周三',
  '4': '周四',
  '5': '周五',
  '6': '周六',
  '7': '周日',
}
export const HALF = { am: '上午', pm: '下午' } as const
type Half = keyof typeof HALF

/** A half shown switched off keeps its times, so switching it back on restores them. */
const USUAL: Record<Half, Session> = { am: { start: '09:00', end: '12:00' }, pm: { start: '13:30', end: '17:00' } }

export interface DayForm {
  open: boolean
  on: Record<Half, boolean>
  times: Record<Half, Session>
  /** Sessions past the second (older data), kept as they are. */
  extra: Session[]
}
export type WeekForm = Record<Weekday, DayForm>

/** The form of stored hours: every weekday with its halves. */
export function weekFormOf(hours: OpeningHours): WeekForm {
  const week = weekOf(hours)
  return Object.fromEntries(
    WEEKDAYS.map((d) => {
      const { am, pm, extra } = halfDaysOf(week[d])
      return [d, { open: week[d].length > 0, on: { am: !!am, pm: !!pm }, times: { am: am ?? USUAL.am, pm: pm ?? USUAL.pm }, extra }]
    }),
  ) as WeekForm
}

const sessionsOf = (day: DayForm): Session[] =>
  day.open ? sessionsOfHalfDays({ am: day.on.am ? day.times.am : null, pm: day.on.pm ? day.times.pm : null, extra: day.extra }) : []

/**
 * The hours to send, or the form's own problems keyed as the server keys them (`hours.byWeekday.3`):
 * a weekday switched to 办公 with neither half on.
 */
export function hoursOfWeekForm(form: WeekForm): { hours: OpeningHours; problems: Record<string, string> } {
  const problems: Record<string, string> = {}
  const byWeekday = Object.fromEntries(WEEKDAYS.map((d) => [d, sessionsOf(form[d])])) as Record<Weekday, Session[]>
  for (const d of WEEKDAYS) {
    if (form[d].open && byWeekday[d].length === 0)
      problems[`hours.byWeekday.${d}`] = `${WEEKDAY_NAME[d]}设为办公时，请至少打开上午或下午；不办公请把“办公”关掉`
  }
  return { hours: { sessions: compactHours({ sessions: [], byWeekday }).sessions, byWeekday }, problems }
}
