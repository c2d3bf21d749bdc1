import { isoWeekday, type IsoDate } from './beijing-time'
import { NO_CENTER_DAYS, type CenterDays, type DayStatus } from './opening-hours'
import { statutoryHoliday } from './statutory-holidays'
import type { WorkingCalendar } from './working-days'
import {
  arrangementDays,
  packageArrangementDays,
  type ArrangementDays,
  type ArrangementSource,
  type YearArrangement,
} from './year-arrangement'

/**
 * The working-day calendar of a center, in layers, most specific first:
 * 1. the center's own closures and extra opening days;
 * 2. the year's official arrangement (放假调休 and make-up working days): the one the
 *    district entered for that year, else the holiday package's;
 * 3. the statutory holidays, computed for any year (src/core/statutory-holidays.ts):
 *    always closed, announced or not — an arrangement never makes one a working day;
 * 4. Monday–Friday open, Saturday and Sunday closed.
 * A year nobody has entered and the package lacks is layers 1, 3 and 4: its statutory
 * days and weekends closed, its other weekdays open.
 */

/** An arrangement as the calendar needs it: the entered arrangement and its stored version (for the cache key). */
export interface EnteredArrangement extends YearArrangement {
  version: number
}

export interface CalendarLayers {
  /** Arrangements the district entered (or the deployer imported), any years. */
  arrangements?: readonly EnteredArrangement[]
  centerDays?: CenterDays
}

export interface LayeredCalendar extends WorkingCalendar {
  /** Where the arrangement of a year comes from. */
  sourceOf(year: number): ArrangementSource
}

const enteredDays = new WeakMap<EnteredArrangement, ArrangementDays>()

/**
 * The calendar of one center from its layers (a call builds it once, through the
 * backend's one loader, and hands it to every rule it runs).
 * @example workingCalendar().dayStatus('2027-01-01') // { date: '2027-01-01', open: false, kind: 'holiday', reason: '元旦' } (no 2027 arrangement known)
 * @example workingCalendar().dayStatus('2026-10-10').kind // 'adjusted_workday' (国庆节调休上班, from the package)
 */
export function workingCalendar(layers: CalendarLayers = {}): LayeredCalendar {
  const centerDays = layers.centerDays ?? NO_CENTER_DAYS
  const entered = new Map((layers.arrangements ?? []).map((a) => [a.year, a]))
  const daysOf = (year: number): ArrangementDays | null => {
    const a = entered.get(year)
    if (!a) return packageArrangementDays(year)
    let days = enteredDays.get(a)
    if (!days) enteredDays.set(a, (days = arrangementDays(a)))
    return days
  }
  const key = `${[...entered.values()].map((a) => `${a.year}v${a.version}`).join(',')}|${JSON.stringify(centerDays)}`

  // A calendar never changes once built, so each date's state is worked out once (loadCalendar reuses calendars).
  const known = new Map<IsoDate, DayStatus>()
  function dayStatus(date: IsoDate): DayStatus {
    let status = known.get(date)
    if (!status) {
      if (known.size >= 4000) known.clear()
      known.set(date, (status = Object.freeze(statusOf(date))))
    }
    return status
  }

  function statusOf(date: IsoDate): DayStatus {
    const closed = centerDays.closed[date]
    if (closed !== undefined) return { date, open: false, kind: 'center_closed', reason: closed }
    const opened = centerDays.open[date]
    if (opened !== undefined) return { date, open: true, kind: 'center_open', reason: opened }
    const year = daysOf(Number(date.slice(0, 4)))
    const statutory = statutoryHoliday(date)
    const off = year?.off.get(date)
    if (off !== undefined) return { date, open: false, kind: 'holiday', reason: off }
    if (statutory !== undefined) return { date, open: false, kind: 'holiday', reason: statutory }
    const work = year?.work.get(date)
    if (work !== undefined) return { date, open: true, kind: 'adjusted_workday', reason: `${work}调休上班` }
    if (isoWeekday(date) >= 6) return { date, open: false, kind: 'weekend', reason: '周末休息' }
    return { date, open: true, kind: 'workday' }
  }

  return {
    dayStatus,
    key,
    sourceOf: (year) => (entered.has(year) ? 'entered' : packageArrangementDays(year) ? 'package' : 'unknown'),
  }
}
