/**
 * The store port, statistics: daily aggregates (see src/core/statistics.ts) and the per-day
 * reads that build them. The day reads touch one Beijing day of one area through its date index;
 * the page reads only the aggregates.
 *
 * What the store must guarantee: a day's rows of an area are replaced in one unit (a rebuild
 * never leaves a day half counted).
 */

import type { IsoDate } from '@/core/beijing-time'
import type { RatingFacts } from '@/core/rating-statistics'
import type { BookingOutcome, CaseFacts, HomecertFacts, StatRow, StatsArea, SummedRow, TicketFacts, WaitFacts } from '@/core/statistics'

export interface StatsRepo {
  /** Which areas this store holds records of (an area not landed yet answers false). */
  areas(): Promise<Record<StatsArea, boolean>>
  /** The first Beijing date with a record of the area in the center; null when none. */
  firstDay(centerId: string, area: StatsArea): Promise<IsoDate | null>
  /** Built days that could still change, and the last day built. */
  unsettledDays(centerId: string, area: StatsArea): Promise<IsoDate[]>
  lastBuiltDay(centerId: string, area: StatsArea): Promise<IsoDate | null>
  bookingsOn(centerId: string, date: IsoDate): Promise<{ serviceId: string; status: BookingOutcome }[]>
  /** The 候补 entries of the center for that date (counted with the bookings area). */
  waitlistOn(centerId: string, date: IsoDate): Promise<WaitFacts[]>
  ticketsOn(centerId: string, date: IsoDate): Promise<TicketFacts[]>
  homecertOn(centerId: string, date: IsoDate): Promise<HomecertFacts[]>
  casesOn(centerId: string, date: IsoDate): Promise<CaseFacts[]>
  ratingsOn(centerId: string, date: IsoDate): Promise<RatingFacts[]>
  /** Atomic: the day's rows of the area replaced, the day noted as built (and whether it is settled). */
  replaceDay(centerId: string, area: StatsArea, date: IsoDate, rows: readonly StatRow[], settled: boolean, at: string): Promise<void>
  /** The rows of [from, to] summed per area, metric and keys. */
  sum(centerId: string, from: IsoDate, to: IsoDate): Promise<SummedRow[]>
  /** Per-date rows of [from, to] of the given (area, metric) pairs. */
  daily(
    centerId: string,
    from: IsoDate,
    to: IsoDate,
    metrics: readonly { area: StatsArea; metric: string }[],
  ): Promise<(SummedRow & { date: IsoDate })[]>
  /** The dates in [from, to] with the area built, and the oldest build time among them. */
  built(centerId: string, area: StatsArea, from: IsoDate, to: IsoDate): Promise<{ dates: IsoDate[]; oldest: string | null }>
}
