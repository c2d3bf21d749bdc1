import { addDays, type IsoDate } from '@/core/beijing-time'
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
  const [arrangements, centerDays] = await Promise.all([
    store.calendar.arrangements(),
    store.centers.days(centerId, addDays(today, -CENTER_DAYS_BACK), addDays(today, CENTER_DAYS_AHEAD)),
  ])
  let byDays = built.get(arrangements)
  if (!byDays) built.set(arrangements, (byDays = new WeakMap()))
  let calendar = byDays.get(centerDays)
  if (!calendar) byDays.set(centerDays, (calendar = workingCalendar({ arrangements, centerDays })))
  return calendar
}
