import { addDays, type IsoDate } from '@/core/beijing-time'
import type { CenterDays } from '@/core/opening-hours'
import { workingCalendar, type LayeredCalendar } from '@/core/working-calendar'
import type { Store } from '../store/port'

/**
 * The one loader of a center's working calendar: the district's entered arrangements and the
 * center's own closures and extra days, layered over the statutory holidays and the package's
 * arrangements (src/core/working-calendar.ts). Every action and job builds the calendar here,
 * once per call, and hands the same value to every rule it runs.
 */

/** The center's own days are read this far back (old cases' time limits) and ahead (closures may be set a year ahead). */
export const CENTER_DAYS_BACK = 730
export const CENTER_DAYS_AHEAD = 400

/**
 * Calendars already built, by the very objects they were built from. A store that remembers its answers
 * until the configuration changes (the SQLite store) hands back the same arrangements and center days
 * call after call, so the calendar — and the day states it has worked out — is built once per change
 * instead of once per call (it was ~6 % of a booking's CPU, docs/benchmarks.md). A store that reads
 * afresh each time (CloudBase) simply never hits; nothing stale can be found, since a change means new objects.
 */
const built = new WeakMap<object, WeakMap<object, LayeredCalendar>>()

export async function loadCalendar(store: Store, centerId: string, today: IsoDate): Promise<LayeredCalendar> {
  return (await loadCalendarAndDays(store, centerId, today)).calendar
}

/**
 * The calendar and the center's own days it was built from (CENTER_DAYS_BACK before today to CENTER_DAYS_AHEAD after):
 * for a reader that shows those days too (首页's closures ahead), without reading them a second time.
 */
export async function loadCalendarAndDays(
  store: Store,
  centerId: string,
  today: IsoDate,
): Promise<{ calendar: LayeredCalendar; centerDays: CenterDays }> {
  const [arrangements, centerDays] = await Promise.all([
    store.calendar.arrangements(),
    store.centers.days(centerId, addDays(today, -CENTER_DAYS_BACK), addDays(today, CENTER_DAYS_AHEAD)),
  ])
  let byDays = built.get(arrangements)
  if (!byDays) built.set(arrangements, (byDays = new WeakMap()))
  let calendar = byDays.get(centerDays)
  if (!calendar) byDays.set(centerDays, (calendar = workingCalendar({ arrangements, centerDays })))
  return { calendar, centerDays }
}
