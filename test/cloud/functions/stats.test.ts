/** @timezone */
import { runStatsJobs } from '@cloud/functions/jobs/stats'
import { STATS_TABLES } from '@/contract/stats'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { parseCsv } from '@test/support/parse-csv'
import {
  CASES,
  HOMECERT,
  MONTH,
  PER_DAY,
  OTHER_RATINGS,
  seedStatsMonth,
  SERVICE_A,
  SERVICE_B,
  STARS,
  WORKING_DAYS,
} from '@test/support/stats-month'
import { expectOk } from '@test/support/expect-ok'

const ADMIN = 'dev-admin-sun'
/** The morning after the month. */
const DEC_1 = new Date('2026-12-01T10:00:00+08:00')

describe('stats function', () => {
  let h: BookingHarness
  const W = WORKING_DAYS.length
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses = harnessPerTest({ now: DEC_1 })
  beforeEach(() => {
    h = harnesses.next()
    seedStatsMonth(h.store.db)
  })
  afterEach(() => h.close())
  // Answers are read loosely here: each test checks the envelope it expects.
  const call = (...args: Parameters<BookingHarness['call']>): Promise<any> => h.call(...args)
  const runJob = () => runStatsJobs({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })
  const summary = async () => (await call('stats', { action: 'summary', centerId: 'lsw', ...MONTH }, ADMIN)).data

  describe('when the job has built the month', () => {
    beforeEach(runJob)

    it('counts appointments per service', async () => {
      expect(W).toBe(21)
      const s = await summary()
      expect(s.bookings).toEqual([
        { serviceId: SERVICE_A, serviceName: '异地就医备案', booked: 5 * W, checkedIn: 3 * W, noShow: W, cancelled: W },
        { serviceId: SERVICE_B, serviceName: expect.any(String), booked: 2 * W, checkedIn: 2 * W, noShow: 0, cancelled: 0 },
      ])
      expect(s.bookingTotals).toEqual({ booked: 7 * W, checkedIn: 5 * W, noShow: W, cancelled: W })
      expect(s.daily).toHaveLength(30)
      expect(s.daily.find((d: { date: string }) => d.date === '2026-11-26')).toEqual({
        date: '2026-11-26',
        booked: 7,
        walkIns: PER_DAY.walkIns,
      })
      expect(s.daily.find((d: { date: string }) => d.date === '2026-11-28')).toEqual({ date: '2026-11-28', booked: 0, walkIns: 0 })
    })

    it('gives walk-ins, wait and service times with the 90th percentile, wait by hour, tickets per window and clerk', async () => {
      const s = await summary()
      expect(s.walkInTotal).toBe(4 * W)
      expect(s.walkIns).toEqual([
        { queue: 'medical', queueName: '医疗保障', serviceId: SERVICE_A, serviceName: '异地就医备案', count: 4 * W },
      ])
      // Waits 2, 4, 6, 8, 10, 30 minutes each day: average 10; 90 % of 6W lies past the fifth value, so 30.
      expect(s.queues).toEqual([
        {
          queue: 'medical',
          queueName: '医疗保障',
          tickets: 6 * W,
          wait: { count: 6 * W, avgMinutes: 10, p90Minutes: 30 },
          service: { count: 6 * W, avgMinutes: 5, p90Minutes: 5 },
        },
      ])
      expect(s.waitByHour).toEqual([{ hour: 9, count: 6 * W, avgMinutes: 10 }])
      expect(s.windows).toEqual([
        { window: 2, windowName: '社保医保', clerkName: '刘芳', tickets: 4 * W },
        { window: 3, windowName: '社保医保', clerkName: '马丽', tickets: 2 * W },
      ])
    })

    it('gives home certification by status, community and category, days to visit and overdue', async () => {
      const { homecert } = await summary()
      expect(homecert.total).toBe(HOMECERT.length)
      expect(homecert.byStatus).toEqual([
        { status: 'certified', text: '认证通过', count: 6 },
        { status: 'cancelled', text: '已取消', count: 2 },
        { status: 'submitted', text: '待派单', count: 2 },
      ])
      expect(homecert.byCommunity).toEqual([
        { communityId: 'lsw-c-lingshanwei', name: '灵山卫社区', count: 7 },
        { communityId: 'lsw-c-dongfeng', name: '东风村', count: 3 },
      ])
      expect(homecert.byCategory.map((c: { category: string; count: number }) => [c.category, c.count])).toEqual([
        ['elderly', 8],
        ['disabled', 2],
      ])
      expect(homecert).toMatchObject({ visits: 6, avgDaysToVisit: 2, overdue: 1 })
    })

    it('gives delegated cases by state, the on-time rate and overdue', async () => {
      const { cases } = await summary()
      expect(cases.total).toBe(CASES.length)
      expect(cases.byState.map((c: { state: string; count: number }) => [c.state, c.count])).toEqual(
        expect.arrayContaining([
          ['delivered', 3],
          ['concluded', 3],
          ['processing', 2],
        ]),
      )
      expect(cases).toMatchObject({ concluded: 6, onTime: 5, onTimeRate: 83.3, overdue: 1 })
    })

    it('gives satisfaction per service, window and worker, and the 差评 follow-ups as of today, from real ratings', async () => {
      const { satisfaction } = await summary()
      // Cases 5 5 4 3 2 1, counter visits 5 4 1 2, home certifications 5 2: 12 ratings, 39 in all, 5 差评.
      expect(satisfaction).toMatchObject({
        ratings: STARS.length + OTHER_RATINGS.length,
        average: 3.25,
        low: 5,
        lowShare: 41.7,
        satisfiedShare: 58.3,
      })
      expect(satisfaction.byLevel.map((l: { text: string; count: number }) => [l.text, l.count])).toEqual([
        ['非常满意', 4],
        ['满意', 2],
        ['基本满意', 1],
        ['不满意', 3],
        ['非常不满意', 2],
      ])
      expect(satisfaction.byService).toEqual([
        { service: 'counter', text: '窗口办事', ratings: 4, average: 3, satisfiedShare: 50, low: 2, lowShare: 50 },
        { service: 'homecert', text: '上门认证', ratings: 2, average: 3.5, satisfiedShare: 50, low: 1, lowShare: 50 },
        { service: 'case', text: '帮办代办', ratings: 6, average: 3.33, satisfiedShare: 66.7, low: 2, lowShare: 33.3 },
      ])
      expect(
        satisfaction.byWindow.map((w: { window: number; ratings: number; average: number }) => [w.window, w.ratings, w.average]),
      ).toEqual([
        [1, 2, 4.5],
        [2, 1, 1],
        [4, 1, 2],
      ])
      expect(
        satisfaction.byWorker.map((w: { name: string; ratings: number; average: number; low: number }) => [
          w.name,
          w.ratings,
          w.average,
          w.low,
        ]),
      ).toEqual([
        ['刘芳', 9, 3.33, 3],
        ['陈志强', 2, 3.5, 1],
        ['马丽', 1, 2, 1],
      ])
      // As of 12-01: the counter 差评 due 11-27 and the case's due 11-27 are overdue; the home certification's is due today.
      expect(satisfaction.followUps).toEqual({ total: 5, open: 1, overdue: 2, answered: 2, answeredLate: 1 })
    })

    it('reads only the daily aggregates: deleting the history of settled days changes nothing', async () => {
      const before = await summary()
      expect(before).toMatchObject({
        missingDays: 0,
        computedAt: DEC_1.toISOString(),
        areas: { bookings: true, queue: true, homecert: true, cases: true, ratings: true },
      })
      h.store.db.prepare("DELETE FROM bookings WHERE date < '2026-11-29'").run()
      h.store.db.prepare('DELETE FROM queue_ticket_events').run()
      h.store.db.prepare('DELETE FROM queue_tickets').run()
      expect(await summary()).toEqual(before)
    })

    it('splits a range at any day: the two halves add up to the month', async () => {
      const first = (await call('stats', { action: 'summary', centerId: 'lsw', from: '2026-11-01', to: '2026-11-15' }, ADMIN)).data
      const second = (await call('stats', { action: 'summary', centerId: 'lsw', from: '2026-11-16', to: '2026-11-30' }, ADMIN)).data
      expect(first.bookingTotals.booked + second.bookingTotals.booked).toBe(7 * W)
      expect(first.walkInTotal + second.walkInTotal).toBe(4 * W)
    })

    describe('when records change after the job ran', () => {
      it('rebuilds days that could still change and leaves settled ones alone', async () => {
        const settledBefore = h.store.db.prepare("SELECT computed_at FROM stats_days WHERE area = 'bookings' AND date = '2026-11-02'").get()
        // The request still waiting since 10 November is certified on 2 December.
        h.store.db
          .prepare(
            "UPDATE homecert_requests SET status = 'certified', visit_date = '2026-12-02' WHERE status = 'submitted' AND waiting_since = '2026-11-10'",
          )
          .run()
        h.setNow('2026-12-02T10:00:00+08:00')
        await runJob()
        const { homecert } = await summary()
        expect(homecert).toMatchObject({ visits: 7, overdue: 0 })
        expect(h.store.db.prepare("SELECT computed_at FROM stats_days WHERE area = 'bookings' AND date = '2026-11-02'").get()).toEqual(
          settledBefore,
        )
        // Running again without changes writes the same figures.
        await runJob()
        expect((await summary()).homecert).toEqual(homecert)
      })
    })

    describe('exportCsv', () => {
      it('writes each table as UTF-8 CSV with a BOM that reads back to the same figures, and audits the export', async () => {
        const res = await call('stats', { action: 'exportCsv', centerId: 'lsw', ...MONTH, table: 'bookings' }, ADMIN)
        expect(res.data.fileName).toBe('预约办理_2026-11-01_2026-11-30.csv')
        expect(res.data.csv.startsWith('\uFEFF')).toBe(true)
        expect(res.data.csv).toContain('\r\n')
        const rows = parseCsv(res.data.csv)
        expect(rows[0]).toEqual(['事项', '预约数', '已签到', '失约', '已取消'])
        expect(rows[1]).toEqual(['异地就医备案', String(5 * W), String(3 * W), String(W), String(W)])
        expect(rows[rows.length - 1]).toEqual(['合计', String(7 * W), String(5 * W), String(W), String(W)])
        const [entry] = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'stats.', limit: 1 })
        expect(entry).toMatchObject({
          action: 'stats.export',
          actorOpenid: ADMIN,
          recordType: 'stats',
          recordId: 'bookings',
          detail: '预约办理 2026-11-01–2026-11-30，3 行',
        })
      })

      it('exports every table, none with an ID number or a phone', async () => {
        for (const table of STATS_TABLES) {
          const res = await call('stats', { action: 'exportCsv', centerId: 'lsw', ...MONTH, table }, ADMIN)
          expectOk(res)
          const rows = parseCsv(res.data.csv)
          expect(rows.length).toBeGreaterThan(1)
          expect(rows.every((r) => r.length === rows[0].length)).toBe(true)
          expect(res.data.csv).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]|\*{4}/)
        }
        const queues = parseCsv((await call('stats', { action: 'exportCsv', centerId: 'lsw', ...MONTH, table: 'queues' }, ADMIN)).data.csv)
        expect(queues[1]).toEqual(['医疗保障', String(6 * W), String(6 * W), '10', '30', String(6 * W), '5', '5'])
        const satisfaction = parseCsv(
          (await call('stats', { action: 'exportCsv', centerId: 'lsw', ...MONTH, table: 'satisfaction' }, ADMIN)).data.csv,
        )
        expect(satisfaction).toContainEqual(['服务', '上门认证', '2', '3.5', '50%', '1'])
        expect(satisfaction).toContainEqual(['工作人员', '马丽', '1', '2', '0%', '1'])
        expect(satisfaction).toContainEqual(['差评回访', '已超期未回复', '2', '', '', ''])
      })
    })
  })

  describe('before the job has run', () => {
    it('says how many days are missing; refresh builds them', async () => {
      const s = await summary()
      // 2 to 30 November: nothing happened before the first appointment (Monday the 2nd), so the 1st is not missing.
      expect(s).toMatchObject({ missingDays: 29, computedAt: null, bookingTotals: { booked: 0 } })
      const refreshed = (await call('stats', { action: 'refresh', centerId: 'lsw', ...MONTH }, ADMIN)).data
      expect(refreshed).toMatchObject({ missingDays: 0, bookingTotals: { booked: 7 * W } })
    })
  })

  it('refuses a range that ends before it starts or is longer than a year', async () => {
    expect((await call('stats', { action: 'summary', centerId: 'lsw', from: '2026-11-30', to: '2026-11-01' }, ADMIN)).error.fields).toEqual(
      { to: '结束日期不能早于开始日期' },
    )
    expect((await call('stats', { action: 'summary', centerId: 'lsw', from: '2025-01-01', to: '2026-11-01' }, ADMIN)).error.fields).toEqual(
      { to: '一次最多统计 366 天' },
    )
  })

  describe('role checks', () => {
    for (const who of ['dev-resident-wang', 'dev-clerk-liu', 'dev-grid-chen', 'dev-supervisor-zhou']) {
      it(`refuses ${who} with FORBIDDEN on every action`, async () => {
        for (const action of ['summary', 'refresh', 'exportCsv']) {
          const res = await call('stats', { action, centerId: 'lsw', ...MONTH, table: 'bookings' }, who)
          expect([action, res.error?.code]).toEqual([action, 'FORBIDDEN'])
        }
        expect(await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'stats.', limit: 5 })).toEqual([])
      })
    }
  })
})
