import { addDays, beijing, beijingDate, type IsoDate } from './beijing-time'
import { caseDeadline, type CasePause } from './delegation-deadline'
import { isAccepted, isFinal, type CaseState } from './delegation-states'
import { DEFAULT_HOMECERT_RULES, isOverdue, type HomecertRules } from './home-certification'
import { AWAITING_SCHEDULE, FINAL_STATUSES, type HomecertStatus } from './home-certification-states'
import type { WorkingCalendar } from './working-days'

/**
 * The center's statistics, built in two steps so that a month (or a year) of
 * them never reads the history it comes from:
 *
 * 1. `*DayRows`: one Beijing day of one area → a handful of counter rows
 *    (metric, keys, count, sum). The statistics job stores them per
 *    (center, area, day) and rebuilds a day only while it can still change.
 * 2. `summarize` (statistics-summary.ts): the rows of a date range, summed per
 *    key → the figures and tables the admin reads.
 *
 * Wait and service times are kept as per-minute histograms as well as sums, so
 * the 90th percentile of any range comes out of summed histograms exactly (to the minute).
 */

/**
 * The areas whose days are aggregated, each by the date it is counted on. `cases` is the delegation
 * area (帮办代办): the key names its records, as the `cases` table does, and stays so because it is
 * stored in every stats_daily/stats_days row and is the statistics page's table name on the wire.
 */
export type StatsArea = 'bookings' | 'queue' | 'homecert' | 'cases' | 'ratings'

export const STATS_AREAS: readonly StatsArea[] = ['bookings', 'queue', 'homecert', 'cases', 'ratings']

/** One counter of one day: `n` things, `total` the sum of a measure over them (seconds, days). */
export interface StatRow {
  metric: string
  k1: string
  k2: string
  n: number
  total: number
}

const row = (metric: string, k1 = '', k2 = '', n = 1, total = 0): StatRow => ({ metric, k1, k2, n, total })

/** Adds rows with the same (metric, k1, k2) together. */
export function sumRows(rows: readonly StatRow[]): StatRow[] {
  const by = new Map<string, StatRow>()
  for (const r of rows) {
    const key = `${r.metric}\u0000${r.k1}\u0000${r.k2}`
    const had = by.get(key)
    if (had) {
      had.n += r.n
      had.total += r.total
    } else by.set(key, { ...r })
  }
  return [...by.values()]
}

/** Minutes, rounded up, capped: the histogram bucket of a duration. 0 s → 0, 1–60 s → 1, 61 s → 2. */
export const HISTOGRAM_CAP_MINUTES = 240

/** The bucket key of a duration in seconds (three digits, so keys sort as numbers). @example minuteBucket(90) // '002' */
export function minuteBucket(seconds: number): string {
  return String(Math.min(HISTOGRAM_CAP_MINUTES, Math.ceil(Math.max(0, seconds) / 60))).padStart(3, '0')
}

/**
 * The nearest-rank percentile of a histogram of minute buckets: the smallest
 * minute m such that at least p of the values are ≤ m minutes. Null when empty.
 * @example percentileMinutes([{ k2: '003', n: 9 }, { k2: '010', n: 1 }], 0.9) // 3
 */
export function percentileMinutes(buckets: readonly { k2: string; n: number }[], p: number): number | null {
  const sorted = [...buckets].filter((b) => b.n > 0).sort((a, b) => a.k2.localeCompare(b.k2))
  const count = sorted.reduce((s, b) => s + b.n, 0)
  if (count === 0) return null
  const rank = Math.ceil(p * count)
  let seen = 0
  for (const b of sorted) {
    seen += b.n
    if (seen >= rank) return Number(b.k2)
  }
  return Number(sorted[sorted.length - 1].k2)
}

const seconds = (from: string, to: string) => Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000)

// ---------------------------------------------------------------- bookings (counted on the appointment's date)

export type BookingOutcome = 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'

/**
 * A day's appointments per service: `booked` counts every appointment made for
 * the day (cancelled ones too), `checked_in` those who came (checked in or
 * completed), and `no_show` / `cancelled` what their names say.
 */
export function bookingDayRows(bookings: readonly { serviceId: string; status: BookingOutcome }[]): StatRow[] {
  const rows: StatRow[] = []
  for (const b of bookings) {
    rows.push(row('booking', b.serviceId, 'booked'))
    if (b.status === 'checked_in' || b.status === 'completed') rows.push(row('booking', b.serviceId, 'checked_in'))
    if (b.status === 'no_show') rows.push(row('booking', b.serviceId, 'no_show'))
    if (b.status === 'cancelled') rows.push(row('booking', b.serviceId, 'cancelled'))
  }
  return sumRows(rows)
}

/** 候补 of a day (counted on the date waited for): joined, offered a seat, accepted it, let the offer run out. */
export interface WaitFacts {
  serviceId: string
  status: 'waiting' | 'offered' | 'accepted' | 'expired' | 'left'
  /** Offered a seat at some point (an offer's slot is kept after it ends). */
  offered: boolean
}

/**
 * The 候补 rows of a day, under the bookings area: metric `waitlist` per service (k1) and step (k2: joined, offered,
 * accepted, expired), as `booking` rows are per service and outcome.
 * @example waitlistDayRows([{ serviceId: 's', status: 'accepted', offered: true }]).map((r) => r.k2) // ['joined', 'offered', 'accepted']
 */
export function waitlistDayRows(entries: readonly WaitFacts[]): StatRow[] {
  const rows: StatRow[] = []
  for (const e of entries) {
    rows.push(row('waitlist', e.serviceId, 'joined'))
    if (e.offered) rows.push(row('waitlist', e.serviceId, 'offered'))
    if (e.status === 'accepted') rows.push(row('waitlist', e.serviceId, 'accepted'))
    if (e.status === 'expired') rows.push(row('waitlist', e.serviceId, 'expired'))
  }
  return sumRows(rows)
}

// ---------------------------------------------------------------- queue (counted on the ticket's date)

export interface TicketFacts {
  queue: string
  serviceId: string
  kind: 'appointment' | 'walk_in'
  arrivedAt: string
  calledAt: string | null
  startedAt: string | null
  completedAt: string | null
  /** The window it was completed at and the clerk who completed it. */
  window: number | null
  clerkOpenid: string | null
  clerkName: string | null
}

/**
 * A day's tickets: walk-ins per queue and service; wait (arrival → first call)
 * and service time (start → completion) per queue as sums and minute
 * histograms; wait by the hour of arrival; tickets completed per window and clerk.
 */
export function queueDayRows(tickets: readonly TicketFacts[]): StatRow[] {
  const rows: StatRow[] = []
  for (const t of tickets) {
    rows.push(row('tickets', t.queue))
    if (t.kind === 'walk_in') rows.push(row('walk_in', t.queue, t.serviceId))
    if (t.calledAt) {
      const wait = seconds(t.arrivedAt, t.calledAt)
      rows.push(row('wait', t.queue, '', 1, wait), row('wait_hist', t.queue, minuteBucket(wait)))
      rows.push(row('wait_hour', beijing(t.arrivedAt).format('HH'), '', 1, wait))
    }
    if (t.startedAt && t.completedAt) {
      const service = seconds(t.startedAt, t.completedAt)
      rows.push(row('service', t.queue, '', 1, service), row('service_hist', t.queue, minuteBucket(service)))
    }
    if (t.completedAt && t.window !== null) {
      rows.push(row('window_clerk', String(t.window), t.clerkOpenid ?? ''))
      if (t.clerkOpenid) rows.push(row('clerk', t.clerkOpenid, t.clerkName ?? '', 0))
    }
  }
  return sumRows(rows)
}

// ---------------------------------------------------------------- home certification (counted on the day it was asked for)

export interface HomecertFacts {
  status: HomecertStatus
  communityId: string
  category: string
  /** Beijing date submitted. */
  submittedOn: IsoDate
  visitDate: IsoDate | null
  waitingSince: IsoDate
}

const daysBetween = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * A day's requests by current status, community and category; the visits made
 * (certified, ineligible or closed after a visit date was set) with their days
 * from request to visit; and those overdue as of `today` (still waiting for a
 * visit to be agreed past the center's limit).
 */
export function homecertDayRows(
  requests: readonly HomecertFacts[],
  today: IsoDate,
  calendar: WorkingCalendar,
  rules: HomecertRules = DEFAULT_HOMECERT_RULES,
): StatRow[] {
  const rows: StatRow[] = []
  for (const r of requests) {
    rows.push(row('hc_status', r.status), row('hc_community', r.communityId), row('hc_category', r.category))
    if (r.visitDate && FINAL_STATUSES.includes(r.status) && r.status !== 'cancelled')
      rows.push(row('hc_visit', '', '', 1, daysBetween(r.submittedOn, r.visitDate)))
    if (AWAITING_SCHEDULE.includes(r.status) && isOverdue(r.waitingSince, today, calendar, rules)) rows.push(row('hc_overdue'))
  }
  return sumRows(rows)
}

/** Whether a request can still change (a day with one is rebuilt on every run). */
export const homecertOpen = (status: HomecertStatus) => !FINAL_STATUSES.includes(status)

// ---------------------------------------------------------------- delegated cases (counted on the day accepted)

export interface CaseFacts {
  state: CaseState
  acceptedAt: string
  processingDays: number
  pauses: readonly CasePause[]
  stoppedAt: string | null
}

/**
 * A day's cases by current state; those concluded (办结) and how many of them
 * within the promised time; those running past it as of `now`.
 */
export function caseDayRows(cases: readonly CaseFacts[], now: Date, calendar: WorkingCalendar): StatRow[] {
  const rows: StatRow[] = []
  for (const c of cases) {
    rows.push(row('case_state', c.state))
    // Not yet accepted: nothing is promised, so nothing can be late (counted on the day it was sent until then).
    if (!isAccepted(c.state)) continue
    const d = caseDeadline({
      acceptedAt: c.acceptedAt,
      processingDays: c.processingDays,
      pauses: c.pauses,
      stoppedAt: c.stoppedAt,
      now,
      calendar,
    })
    if (c.stoppedAt && (c.state === 'concluded' || c.state === 'delivered')) {
      rows.push(row('case_concluded'))
      if (!d.overdue) rows.push(row('case_on_time'))
    }
    if (!c.stoppedAt && d.overdue) rows.push(row('case_overdue'))
  }
  return sumRows(rows)
}

export const caseOpen = (state: CaseState) => !isFinal(state)

// Satisfaction (好差评, counted on the day rated) has its rows in ./rating-statistics.ts.

// ---------------------------------------------------------------- when a day is final

/**
 * Whether an area's day can no longer change, so the job stops rebuilding it.
 * Appointments settle two days after their date (no-shows are marked after the
 * slot plus the grace period); tickets and ratings the day after; requests and
 * cases once the day is past and none of that day's is still open.
 * @example daySettled('bookings', '2026-11-24', '2026-11-26', 0) // true
 */
export function daySettled(area: StatsArea, date: IsoDate, today: IsoDate, openRecords: number): boolean {
  if (area === 'bookings') return date <= addDays(today, -2)
  if (area === 'queue' || area === 'ratings') return date < today
  return date < today && openRecords === 0
}

/** A counter summed over a range (what the store answers for `summarize`). */
export interface SummedRow extends StatRow {
  area: StatsArea
}

/** The Beijing date an ISO instant falls on (the day a record is counted on). */
export const dayOf = (instant: string): IsoDate => beijingDate(instant)
