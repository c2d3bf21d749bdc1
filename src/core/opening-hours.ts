import type { ClockTime, IsoDate } from './beijing-time'

/**
 * What a day and a center's hours look like on the wire and on the pages: the
 * types of a day's status and of opening hours, and the sentences residents read.
 * Nothing here knows the calendar itself (src/core/working-calendar.ts builds it on
 * the server), so the mini-program can import this file without the holiday data.
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

export type OpenState =
  | { state: 'open'; until: ClockTime }
  | { state: 'before_open'; opensAt: ClockTime }
  | { state: 'break'; opensAt: ClockTime }
  | { state: 'after_close' }
  | { state: 'closed_today'; reason: string }

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

export type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7'
export const WEEKDAYS: readonly Weekday[] = ['1', '2', '3', '4', '5', '6', '7']

/** Every weekday's own sessions, the stored defaults filled in (an empty list: closed that weekday). */
export type WeekHours = Record<Weekday, Session[]>

const sameSessions = (a: readonly Session[], b: readonly Session[]) =>
  a.length === b.length && a.every((s, i) => s.start === b[i].start && s.end === b[i].end)

/**
 * The week as the hours form shows it: each weekday with its sessions.
 * @example weekOf({ sessions: [{ start: '09:00', end: '12:00' }], byWeekday: { '5': [] } })['5'] // []
 */
export function weekOf(hours: OpeningHours): WeekHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, hours.byWeekday?.[d] ?? hours.sessions])) as WeekHours
}

/**
 * Opening hours in the stored shape, from a week: the sessions most Monday–Friday share (the earlier
 * weekday wins a tie) become the ordinary day; only weekdays that differ are kept apart. Already-stored
 * hours of that shape come back unchanged, so the shape on disk never had to change.
 * @example compactHours({ sessions: [], byWeekday: { '1': am, '2': am, '3': am, '4': am, '5': [], '6': am, '7': am } })
 * // { sessions: am, byWeekday: { '5': [] } }
 */
export function compactHours(hours: OpeningHours): OpeningHours {
  const week = weekOf(hours)
  const candidates = (['1', '2', '3', '4', '5'] as const).map((d) => week[d]).filter((s) => s.length > 0)
  const usual = candidates.reduce<Session[] | null>((best, s) => {
    const count = (x: Session[]) => candidates.filter((c) => sameSessions(c, x)).length
    return best === null || count(s) > count(best) ? s : best
  }, null)
  const sessions = usual ?? hours.sessions
  const byWeekday: NonNullable<OpeningHours['byWeekday']> = {}
  for (const d of WEEKDAYS) if (!sameSessions(week[d], sessions)) byWeekday[d] = week[d]
  return Object.keys(byWeekday).length ? { sessions, byWeekday } : { sessions }
}

/** Noon: a session starting before it is the morning's. */
const NOON: ClockTime = '12:00'

/** A day's sessions as the form's two halves (上午, 下午); `extra`: sessions past the second, which the form cannot show. */
export interface HalfDays {
  am: Session | null
  pm: Session | null
  extra: Session[]
}

/**
 * A day's sessions as morning and afternoon: a session starting before noon is the morning's,
 * the next one (or one starting at noon or later) the afternoon's.
 * @example halfDaysOf([{ start: '13:30', end: '17:00' }]) // { am: null, pm: { start: '13:30', end: '17:00' }, extra: [] }
 */
export function halfDaysOf(sessions: readonly Session[]): HalfDays {
  const [first, ...rest] = sessions
  if (!first) return { am: null, pm: null, extra: [] }
  if (first.start >= NOON) return { am: null, pm: first, extra: rest }
  return { am: first, pm: rest[0] ?? null, extra: rest.slice(1) }
}

/** The sessions of a day from its halves, morning first. @example sessionsOfHalfDays({ am: null, pm: null, extra: [] }) // [] */
export function sessionsOfHalfDays({ am, pm, extra }: HalfDays): Session[] {
  return [am, pm, ...extra].filter((s): s is Session => s !== null)
}
