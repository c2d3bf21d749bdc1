/**
 * Statistics on CloudBase. A day's aggregate of one area is ONE document,
 * `stats_days/<center>_<area>_<date>`, holding its rows: replacing a day is a
 * single `set`, so a reader never sees half a day and no multi-document
 * transaction is needed (SQLite deletes and inserts rows in one transaction).
 * The day reads select one Beijing day of one center from the areas'
 * collections; they never write them.
 */
import { addDays, atBeijing, beijingDate, type IsoDate } from '@/core/beijing-time'
import type { BookingOutcome, CaseFacts, HomecertFacts, StatRow, StatsArea, SummedRow, TicketFacts, WaitFacts } from '@/core/statistics'
import type { RatingRecord, StatsRepo } from '../port'
import type { DbApi, StoredDoc } from './db-api'
import { readAll } from './doc-helpers'
import { CASE_COLLECTIONS } from './delegation-docs'
import { HOMECERT_COLLECTIONS } from './homecert-repo'
import { QUEUE_COLLECTIONS } from './queue-repo'
import { RATING_COLLECTIONS } from './rating-repo'
import { SHARED } from './shared-collections'
import { WAITLIST_COLLECTIONS } from './waitlist-line'

export const STATS_COLLECTIONS = { days: 'stats_days' } as const

type DayDoc = { _id: string; centerId: string; area: StatsArea; date: IsoDate; settled: boolean; computedAt: string; rows: StatRow[] }

/** Where each area's records live, and the field that dates them (a Beijing date, or an instant). */
const AREA_SOURCE: Record<StatsArea, { collection: string; field: string; instant: boolean }> = {
  bookings: { collection: SHARED.bookings, field: 'date', instant: false },
  queue: { collection: QUEUE_COLLECTIONS.tickets, field: 'date', instant: false },
  homecert: { collection: HOMECERT_COLLECTIONS.requests, field: 'createdAt', instant: true },
  cases: { collection: CASE_COLLECTIONS.cases, field: 'acceptedAt', instant: true },
  ratings: { collection: RATING_COLLECTIONS.ratings, field: 'at', instant: true },
}

const dayId = (centerId: string, area: StatsArea, date: IsoDate) => `${centerId}_${area}_${date}`

export function cloudbaseStatsRepo(db: DbApi): StatsRepo {
  const _ = db.command
  const days = () => db.collection<DayDoc>(STATS_COLLECTIONS.days)

  /** One Beijing day's records of an area in a center: [00:00, 24:00) Beijing as ISO instants. */
  function dayOf(area: StatsArea, centerId: string, date: IsoDate) {
    const { collection, field, instant } = AREA_SOURCE[area]
    const range = instant ? _.gte(atBeijing(date).toISOString()).and(_.lt(atBeijing(addDays(date, 1)).toISOString())) : date
    return readAll(
      db
        .collection<StoredDoc>(collection)
        .where({ centerId, [field]: range })
        .orderBy('_id', 'asc'),
    )
  }

  const inRange = (centerId: string, from: IsoDate, to: IsoDate, more: Record<string, unknown> = {}) =>
    readAll(
      days()
        .where({ centerId, date: _.gte(from).and(_.lte(to)), ...more })
        .orderBy('_id', 'asc'),
    )

  return {
    async areas() {
      // Collections always exist in CloudBase (the deploy guide creates them); every area is there.
      return { bookings: true, queue: true, homecert: true, cases: true, ratings: true }
    },
    async firstDay(centerId, area) {
      const { collection, field, instant } = AREA_SOURCE[area]
      const { data } = await db.collection<StoredDoc>(collection).where({ centerId }).orderBy(field, 'asc').limit(1).get()
      const first = data[0]?.[field] as string | undefined
      if (!first) return null
      return instant ? beijingDate(first) : first
    },
    async unsettledDays(centerId, area) {
      return (await readAll(days().where({ centerId, area, settled: false }).orderBy('date', 'asc'))).map((d) => d.date)
    },
    async lastBuiltDay(centerId, area) {
      const { data } = await days().where({ centerId, area }).orderBy('date', 'desc').limit(1).get()
      return data[0]?.date ?? null
    },
    async bookingsOn(centerId, date) {
      return (await dayOf('bookings', centerId, date)).map((b) => ({
        serviceId: b.serviceId as string,
        status: b.status as BookingOutcome,
      }))
    },
    async waitlistOn(centerId, date) {
      const docs = await readAll(db.collection<StoredDoc>(WAITLIST_COLLECTIONS.entries).where({ centerId, date }).orderBy('_id', 'asc'))
      return docs.map((e) => ({ serviceId: e.serviceId as string, status: e.status as WaitFacts['status'], offered: e.offerStart != null }))
    },
    async ticketsOn(centerId, date) {
      return (await dayOf('queue', centerId, date)).map((t): TicketFacts => {
        const events = (t.events ?? []) as { toStatus: string; actorOpenid: string | null; actorName: string | null }[]
        const completion = [...events].reverse().find((e) => e.toStatus === 'completed')
        return {
          queue: t.queue as string,
          serviceId: t.serviceId as string,
          kind: t.kind as TicketFacts['kind'],
          arrivedAt: t.arrivedAt as string,
          calledAt: (t.calledAt as string | null) ?? null,
          startedAt: (t.startedAt as string | null) ?? null,
          completedAt: (t.completedAt as string | null) ?? null,
          window: (t.window as number | null) ?? null,
          clerkOpenid: completion?.actorOpenid ?? null,
          clerkName: completion?.actorName ?? null,
        }
      })
    },
    async homecertOn(centerId, date) {
      return (await dayOf('homecert', centerId, date)).map(
        (r): HomecertFacts => ({
          status: r.status as HomecertFacts['status'],
          communityId: r.communityId as string,
          category: r.category as string,
          submittedOn: beijingDate(r.createdAt as string),
          visitDate: (r.visitDate as string | null) ?? null,
          waitingSince: r.waitingSince as string,
        }),
      )
    },
    async casesOn(centerId, date) {
      return (await dayOf('cases', centerId, date)).map(
        (c): CaseFacts => ({
          state: c.state as CaseFacts['state'],
          acceptedAt: c.acceptedAt as string,
          processingDays: c.processingDays as number,
          pauses: (c.pauses ?? []) as CaseFacts['pauses'],
          stoppedAt: (c.stoppedAt as string | null) ?? null,
        }),
      )
    },
    async ratingsOn(centerId, date) {
      return (await dayOf('ratings', centerId, date)).map((doc) => {
        const r = doc as unknown as RatingRecord
        return {
          service: r.service,
          level: r.level,
          window: r.window,
          workerOpenid: r.workerOpenid,
          workerName: r.workerName,
          followUp: r.followUp ? { due: r.followUp.due, answeredAt: r.followUp.answeredAt } : null,
        }
      })
    },
    async replaceDay(centerId, area, date, rows, settled, at) {
      await days()
        .doc(dayId(centerId, area, date))
        .set({
          data: {
            centerId,
            area,
            date,
            settled,
            computedAt: at,
            rows: rows.map((r) => ({ metric: r.metric, k1: r.k1, k2: r.k2, n: r.n, total: r.total })),
          },
        })
    },
    async sum(centerId, from, to) {
      const by = new Map<string, SummedRow>()
      for (const d of await inRange(centerId, from, to)) {
        for (const r of d.rows) {
          const key = `${d.area}\u0000${r.metric}\u0000${r.k1}\u0000${r.k2}`
          const acc = by.get(key)
          if (acc) {
            acc.n += r.n
            acc.total += r.total
          } else by.set(key, { area: d.area, metric: r.metric, k1: r.k1, k2: r.k2, n: r.n, total: r.total })
        }
      }
      return [...by.values()]
    },
    async daily(centerId, from, to, metrics) {
      if (metrics.length === 0) return []
      const wanted = new Set(metrics.map((m) => `${m.area}\u0000${m.metric}`))
      const out: (SummedRow & { date: IsoDate })[] = []
      for (const d of await inRange(centerId, from, to, { area: _.in([...new Set(metrics.map((m) => m.area))]) })) {
        for (const r of d.rows)
          if (wanted.has(`${d.area}\u0000${r.metric}`))
            out.push({ date: d.date, area: d.area, metric: r.metric, k1: r.k1, k2: r.k2, n: r.n, total: r.total })
      }
      return out
    },
    async built(centerId, area, from, to) {
      const docs = (await inRange(centerId, from, to, { area })).sort((a, b) => (a.date < b.date ? -1 : 1))
      return {
        dates: docs.map((d) => d.date),
        oldest: docs.reduce<string | null>((min, d) => (min === null || d.computedAt < min ? d.computedAt : min), null),
      }
    },
  }
}
