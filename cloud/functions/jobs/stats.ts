import { addDays, beijingDate, type IsoDate } from '@/core/beijing-time'
import {
  bookingDayRows,
  caseDayRows,
  caseOpen,
  daySettled,
  homecertDayRows,
  homecertOpen,
  queueDayRows,
  waitlistDayRows,
  STATS_AREAS,
  type StatRow,
  type StatsArea,
} from '@/core/statistics'
import { ratingDayRows } from '@/core/rating-statistics'
import type { LayeredCalendar } from '@/core/working-calendar'
import { homecertRules } from '@cloud/runtime/center'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import type { Store } from '@cloud/store/port'
import type { JobContext } from './index'

/**
 * The statistics' daily aggregates (stats_daily), kept by this periodic job —
 * not on every write: the areas' own writes stay as they are, and a day is
 * rebuilt whole from that day's records, so the aggregate can never drift from
 * them. Each run rebuilds, per center and area:
 * - the days built before that could still change (not `settled`), and
 * - the days since the last one built, up to today (for appointments, up to a
 *   month ahead: future days already have bookings).
 * The first run walks back to each area's first record (a bounded number of
 * days per run; the next run goes on). Safe twice or from two processes at
 * once: a rebuild replaces the day's rows in one transaction.
 */

/** Days rebuilt per center and area in one run, so a first backfill cannot hold the database. */
const DAYS_PER_RUN = 120
/** Appointments are counted on their date, which may be this far ahead. */
const BOOKINGS_AHEAD = 31

/** The dates an area needs rebuilt now, oldest first, at most `limit`. */
async function datesToBuild(
  store: Store,
  centerId: string,
  area: StatsArea,
  today: IsoDate,
  limit: number,
  also?: IsoDate,
): Promise<IsoDate[]> {
  const end = area === 'bookings' ? addDays(today, BOOKINGS_AHEAD) : today
  const [unsettled, last, first] = await Promise.all([
    store.stats.unsettledDays(centerId, area),
    store.stats.lastBuiltDay(centerId, area),
    store.stats.firstDay(centerId, area),
  ])
  const dates = new Set(unsettled)
  if (also) dates.add(also)
  const start = last ? addDays(last, 1) : first
  if (start) for (let d = start; d <= end && dates.size < limit * 2; d = addDays(d, 1)) dates.add(d)
  return [...dates].sort().slice(0, limit)
}

/**
 * Rebuilds the aggregates of one center that need it; returns how many (area, day) pairs were built. `only` limits it
 * to one area and makes sure one (past) day of it is rebuilt too: what a write that changes that day asks for.
 */
export async function refreshCenterStatistics(
  store: Store,
  centerId: string,
  now: Date,
  limit = DAYS_PER_RUN,
  only?: { area: StatsArea; date: IsoDate },
): Promise<number> {
  const today = beijingDate(now)
  const available = await store.stats.areas()
  let built = 0
  let loaded: LayeredCalendar | null = null
  const calendar = async () => (loaded ??= await loadCalendar(store, centerId, today))
  const rulesOfHomecert = available.homecert ? await homecertRules(store, centerId) : undefined

  for (const area of STATS_AREAS) {
    if (!available[area] || (only && only.area !== area)) continue
    for (const date of await datesToBuild(store, centerId, area, today, limit, only?.date)) {
      let rows: StatRow[]
      let open = 0
      if (area === 'bookings')
        rows = [
          ...bookingDayRows(await store.stats.bookingsOn(centerId, date)),
          ...waitlistDayRows(await store.stats.waitlistOn(centerId, date)),
        ]
      else if (area === 'queue') rows = queueDayRows(await store.stats.ticketsOn(centerId, date))
      else if (area === 'homecert') {
        const requests = await store.stats.homecertOn(centerId, date)
        open = requests.filter((r) => homecertOpen(r.status)).length
        rows = homecertDayRows(requests, today, await calendar(), rulesOfHomecert)
      } else if (area === 'cases') {
        const cases = await store.stats.casesOn(centerId, date)
        open = cases.filter((c) => caseOpen(c.state)).length
        rows = caseDayRows(cases, now, await calendar())
      } else rows = ratingDayRows(await store.stats.ratingsOn(centerId, date))
      await store.stats.replaceDay(centerId, area, date, rows, daySettled(area, date, today, open), now.toISOString())
      built++
    }
  }
  return built
}

/**
 * A rating given or a follow-up answered shows in the statistics at once (not at the next run of the job): the
 * ratings' day it belongs to is rebuilt on the write, with any of the area's days still unbuilt before it.
 */
export async function refreshRatingStatistics(store: Store, centerId: string, ratedAt: string, now: Date): Promise<void> {
  await refreshCenterStatistics(store, centerId, now, DAYS_PER_RUN, { area: 'ratings', date: beijingDate(ratedAt) })
}

/** One tick of the statistics job: every center. */
export async function runStatsJobs(ctx: JobContext): Promise<{ statDays: number }> {
  let statDays = 0
  for (const center of await ctx.store.centers.list()) statDays += await refreshCenterStatistics(ctx.store, center.id, ctx.now())
  return { statDays }
}
