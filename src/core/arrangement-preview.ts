import { addDays, dayLabel, type IsoDate, isoWeekday } from './beijing-time'
import { workingCalendar, type EnteredArrangement } from './working-calendar'
import type { YearArrangement } from './year-arrangement'

/**
 * What saving a year's arrangement would change, before it is saved: a month grid of
 * the year with every date that differs from the "year not known yet" default (statutory
 * days and weekends closed, other weekdays open), and the dates that already have bookings.
 */

/** How a date differs from the default: a weekday off (放假) or a weekend worked (调休上班). */
export type PreviewChange = 'closes' | 'opens'

export interface PreviewDay {
  date: IsoDate
  /** Day of the month. */
  day: number
  open: boolean
  /** Why it is closed, or why a weekend is worked. */
  reason?: string
  /** Null where the day stays as the default has it. */
  change: PreviewChange | null
  /** Bookings (still to be attended) on a date that closes. */
  bookings: number
}

export interface PreviewMonth {
  month: number
  /** Monday-first weeks; null pads the days of other months. */
  weeks: (PreviewDay | null)[][]
}

export interface ChangedDate {
  date: IsoDate
  /** e.g. 2月8日 周一 */
  label: string
  change: PreviewChange
  reason: string
  bookings: number
}

export interface ArrangementPreview {
  year: number
  months: PreviewMonth[]
  /** Every date the arrangement changes against the default, in date order. */
  changes: ChangedDate[]
  /** Replacing a saved arrangement: the dates whose open/closed state differs from the saved one. */
  differsFromSaved: ChangedDate[]
  /** Bookings on dates that close. */
  affectedBookings: number
}

/**
 * The preview of `arrangement`, against the default and (when one is saved) the saved one.
 * @example previewArrangement({ year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: [] }] }, { bookings: new Map() }).changes
 * // [{ date: '2027-01-04', label: '1月4日 周一', change: 'closes', reason: '元旦', bookings: 0 }]
 */
export function previewArrangement(
  arrangement: YearArrangement,
  options: { saved?: EnteredArrangement | null; bookings: ReadonlyMap<IsoDate, number> },
): ArrangementPreview {
  const year = arrangement.year
  const fallback = workingCalendar()
  const next = workingCalendar({ arrangements: [{ ...arrangement, version: 0 }] })
  const saved = options.saved ? workingCalendar({ arrangements: [options.saved] }) : null
  const months: PreviewMonth[] = []
  const changes: ChangedDate[] = []
  const differsFromSaved: ChangedDate[] = []
  let affectedBookings = 0
  const changed = (date: IsoDate, change: PreviewChange, reason: string, bookings: number): ChangedDate => ({
    date,
    label: `${dayLabel(date)}`,
    change,
    reason,
    bookings,
  })

  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, '0')}-01`
    const weeks: (PreviewDay | null)[][] = []
    let week: (PreviewDay | null)[] = Array(isoWeekday(first) - 1).fill(null)
    for (let d = first; d.startsWith(first.slice(0, 8)); d = addDays(d, 1)) {
      const status = next.dayStatus(d)
      const before = fallback.dayStatus(d)
      const change: PreviewChange | null = status.open === before.open ? null : status.open ? 'opens' : 'closes'
      const bookings = status.open ? 0 : (options.bookings.get(d) ?? 0)
      affectedBookings += bookings
      week.push({ date: d, day: Number(d.slice(8)), open: status.open, reason: status.reason, change, bookings })
      if (change) changes.push(changed(d, change, status.reason ?? '', bookings))
      if (saved && saved.dayStatus(d).open !== status.open)
        differsFromSaved.push(changed(d, status.open ? 'opens' : 'closes', status.reason ?? (status.open ? '工作日' : ''), bookings))
      if (week.length === 7) {
        weeks.push(week)
        week = []
      }
    }
    if (week.length) weeks.push([...week, ...Array(7 - week.length).fill(null)])
    months.push({ month: m, weeks })
  }
  return { year, months, changes, differsFromSaved, affectedBookings }
}
