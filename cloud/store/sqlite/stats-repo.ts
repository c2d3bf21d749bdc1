import { addDays, atBeijing, beijingDate, type IsoDate } from '@/core/beijing-time'
import type { BookingOutcome, CaseFacts, HomecertFacts, StatsArea, SummedRow, TicketFacts, WaitFacts } from '@/core/statistics'
import type { StatsRepo } from '../port'
import type { Statement } from 'better-sqlite3'
import type { Db } from './open-database'
import type { RatingRow } from './rating-repo'

/** The table each area's records live in: an area whose migration has not run answers "not available". */
const AREA_TABLES: Record<StatsArea, string> = {
  bookings: 'bookings',
  queue: 'queue_tickets',
  homecert: 'homecert_requests',
  cases: 'cases',
  ratings: 'ratings',
}

/** The ISO instants bounding a Beijing day, [start, end). */
const dayBounds = (date: IsoDate) => ({ start: atBeijing(date).toISOString(), end: atBeijing(addDays(date, 1)).toISOString() })

/**
 * Statistics on SQLite. The day reads select one Beijing day of one center
 * through the area's date index; other areas' tables are read, never written.
 * Their statements are prepared on first use, so an area whose tables are not
 * there yet costs nothing and reports itself unavailable.
 */
export function sqliteStatsRepo(db: Db): StatsRepo {
  const tableExists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
  const statements = new Map<string, Statement>()
  const stmt = (sql: string): Statement => {
    let s = statements.get(sql)
    if (!s) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    return s
  }
  const has = (area: StatsArea) => !!tableExists.get(AREA_TABLES[area])

  /** Each area's first record instant (or date) per center. */
  const FIRST: Record<StatsArea, string> = {
    bookings: 'SELECT MIN(date) AS d FROM bookings WHERE center_id = ?',
    queue: 'SELECT MIN(date) AS d FROM queue_tickets WHERE center_id = ?',
    homecert: 'SELECT MIN(created_at) AS d FROM homecert_requests WHERE center_id = ?',
    cases: 'SELECT MIN(accepted_at) AS d FROM cases WHERE center_id = ?',
    ratings: 'SELECT MIN(at) AS d FROM ratings WHERE center_id = ?',
  }

  const replaceTx = db.transaction(
    (
      centerId: string,
      area: StatsArea,
      date: IsoDate,
      rows: readonly { metric: string; k1: string; k2: string; n: number; total: number }[],
      settled: boolean,
      at: string,
    ) => {
      stmt('DELETE FROM stats_daily WHERE center_id = ? AND date = ? AND area = ?').run(centerId, date, area)
      const insert = stmt('INSERT INTO stats_daily (center_id, date, area, metric, k1, k2, n, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      for (const r of rows) insert.run(centerId, date, area, r.metric, r.k1, r.k2, r.n, r.total)
      stmt(`INSERT INTO stats_days (center_id, area, date, settled, computed_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (center_id, area, date) DO UPDATE SET settled = excluded.settled, computed_at = excluded.computed_at`).run(
        centerId,
        area,
        date,
        settled ? 1 : 0,
        at,
      )
    },
  )

  return {
    async areas() {
      return { bookings: has('bookings'), queue: has('queue'), homecert: has('homecert'), cases: has('cases'), ratings: has('ratings') }
    },
    async firstDay(centerId, area) {
      if (!has(area)) return null
      const d = (stmt(FIRST[area]).get(centerId) as { d: string | null }).d
      if (!d) return null
      return d.length === 10 ? d : beijingDate(d)
    },
    async unsettledDays(centerId, area) {
      return (
        stmt('SELECT date FROM stats_days WHERE center_id = ? AND area = ? AND settled = 0 ORDER BY date').all(centerId, area) as {
          date: string
        }[]
      ).map((r) => r.date)
    },
    async lastBuiltDay(centerId, area) {
      return (stmt('SELECT MAX(date) AS d FROM stats_days WHERE center_id = ? AND area = ?').get(centerId, area) as { d: string | null }).d
    },
    async bookingsOn(centerId, date) {
      if (!has('bookings')) return []
      return stmt('SELECT service_id AS serviceId, status FROM bookings WHERE center_id = ? AND date = ?').all(centerId, date) as {
        serviceId: string
        status: BookingOutcome
      }[]
    },
    async waitlistOn(centerId, date) {
      if (!tableExists.get('waitlist_entries')) return []
      return (
        stmt(
          'SELECT service_id AS serviceId, status, offer_start IS NOT NULL AS offered FROM waitlist_entries WHERE center_id = ? AND date = ?',
        ).all(centerId, date) as { serviceId: string; status: WaitFacts['status']; offered: number }[]
      ).map((e) => ({ ...e, offered: e.offered === 1 }))
    },
    async ticketsOn(centerId, date) {
      if (!has('queue')) return []
      const rows = stmt(
        `SELECT t.queue, t.service_id AS serviceId, t.kind, t.arrived_at AS arrivedAt, t.called_at AS calledAt, t.started_at AS startedAt, t.completed_at AS completedAt,
           t.window_number AS window, e.actor_openid AS clerkOpenid, e.actor_name AS clerkName
         FROM queue_tickets t
         LEFT JOIN queue_ticket_events e ON e.id = (SELECT MAX(id) FROM queue_ticket_events WHERE ticket_id = t.id AND to_status = 'completed')
         WHERE t.center_id = ? AND t.date = ?`,
      ).all(centerId, date) as TicketFacts[]
      return rows
    },
    async homecertOn(centerId, date) {
      if (!has('homecert')) return []
      const { start, end } = dayBounds(date)
      return (
        stmt(
          `SELECT status, community_id AS communityId, category, created_at AS createdAt, visit_date AS visitDate, waiting_since AS waitingSince
           FROM homecert_requests WHERE center_id = ? AND created_at >= ? AND created_at < ?`,
        ).all(centerId, start, end) as (Omit<HomecertFacts, 'submittedOn'> & { createdAt: string })[]
      ).map(({ createdAt, ...r }) => ({ ...r, submittedOn: beijingDate(createdAt) }))
    },
    async casesOn(centerId, date) {
      if (!has('cases')) return []
      const { start, end } = dayBounds(date)
      return (
        stmt(
          `SELECT state, accepted_at AS acceptedAt, processing_days AS processingDays, pauses_json, stopped_at AS stoppedAt
           FROM cases WHERE center_id = ? AND accepted_at >= ? AND accepted_at < ?`,
        ).all(centerId, start, end) as (Omit<CaseFacts, 'pauses'> & { pauses_json: string })[]
      ).map(({ pauses_json, ...c }) => ({ ...c, pauses: JSON.parse(pauses_json) }))
    },
    async ratingsOn(centerId, date) {
      if (!has('ratings')) return []
      const { start, end } = dayBounds(date)
      const rows = stmt(
        `SELECT service, level, window_no, worker_openid, worker_name, follow_up_due, follow_up_answered_at
         FROM ratings WHERE center_id = ? AND at >= ? AND at < ?`,
      ).all(centerId, start, end) as Pick<
        RatingRow,
        'service' | 'level' | 'window_no' | 'worker_openid' | 'worker_name' | 'follow_up_due' | 'follow_up_answered_at'
      >[]
      return rows.map((r) => ({
        service: r.service,
        level: r.level,
        window: r.window_no,
        workerOpenid: r.worker_openid,
        workerName: r.worker_name,
        followUp: r.follow_up_due ? { due: r.follow_up_due, answeredAt: r.follow_up_answered_at } : null,
      }))
    },
    async replaceDay(centerId, area, date, rows, settled, at) {
      replaceTx.immediate(centerId, area, date, rows, settled, at)
    },
    async sum(centerId, from, to) {
      return stmt(
        `SELECT area, metric, k1, k2, SUM(n) AS n, SUM(total) AS total FROM stats_daily
         WHERE center_id = ? AND date BETWEEN ? AND ? GROUP BY area, metric, k1, k2`,
      ).all(centerId, from, to) as SummedRow[]
    },
    async daily(centerId, from, to, metrics) {
      const out: (SummedRow & { date: IsoDate })[] = []
      for (const m of metrics) {
        out.push(
          ...(stmt(
            `SELECT date, area, metric, k1, k2, n, total FROM stats_daily
             WHERE center_id = ? AND area = ? AND metric = ? AND date BETWEEN ? AND ?`,
          ).all(centerId, m.area, m.metric, from, to) as (SummedRow & { date: IsoDate })[]),
        )
      }
      return out
    },
    async built(centerId, area, from, to) {
      const rows = stmt(
        'SELECT date, computed_at AS at FROM stats_days WHERE center_id = ? AND area = ? AND date BETWEEN ? AND ? ORDER BY date',
      ).all(centerId, area, from, to) as {
        date: string
        at: string
      }[]
      return {
        dates: rows.map((r) => r.date),
        oldest: rows.reduce<string | null>((min, r) => (min === null || r.at < min ? r.at : min), null),
      }
    },
  }
}
