import { runStatsJobs } from '@cloud/functions/jobs/stats'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { bookingHarness, type BookingHarness } from '@test/support/booking-harness'
import { parseCsv } from '@test/support/parse-csv'
import { MONTH, seedStatsMonth, WORKING_DAYS } from '@test/support/stats-month'
import { expectOk } from '@test/support/expect-ok'

const DISTRICT = 'dev-district-gao'
const ADMIN = 'dev-admin-sun'
const CLERK = 'dev-clerk-liu'
/** The morning after the month, a Tuesday. */
const DEC_1 = new Date('2026-12-01T10:00:00+08:00')

/** 全区概览: the district's read-only line per center, from the same aggregates as each center's statistics. */
describe('stats.district', () => {
  let h: BookingHarness
  const W = WORKING_DAYS.length
  beforeEach(async () => {
    h = bookingHarness({ now: DEC_1 })
    seedStatsMonth(h.store.db)
    await runStatsJobs({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })
  })
  afterEach(() => h.close())

  it("gives every center's line with the center's own figures, and the district's total", async () => {
    // Two people in the hall this morning at 灵山卫, one already served.
    for (const requestId of ['district-walk-in-1', 'district-walk-in-2'])
      expectOk(
        await h.call(
          'queue',
          { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-medical-enroll', requestId, source: 'clerk' },
          CLERK,
        ),
      )
    expectOk(await h.call('queue', { action: 'callNext', centerId: 'lsw', window: 2 }, CLERK))
    const own = expectOk(await h.call('stats', { action: 'summary', centerId: 'lsw', ...MONTH }, ADMIN))

    const o = expectOk(await h.call('stats', { action: 'district', ...MONTH }, DISTRICT))
    expect(o).toMatchObject({ ...MONTH, today: '2026-12-01' })
    const centers = (await h.store.centers.list()).map((c) => c.id)
    expect(o.centers.map((c) => c.centerId).sort()).toEqual(centers.sort())
    const lsw = o.centers.find((c) => c.centerId === 'lsw')!
    expect(lsw).toMatchObject({
      today: { waiting: 2, served: 0 },
      bookings: { booked: 7 * W, checkedIn: 5 * W, noShow: W },
      satisfaction: { ratings: own.satisfaction.ratings, satisfiedShare: own.satisfaction.satisfiedShare, low: own.satisfaction.low },
    })
    expect(lsw.satisfaction.ratings).toBeGreaterThan(0)
    // The others have no history in this test: zeros, not missing.
    for (const other of o.centers.filter((c) => c.centerId !== 'lsw'))
      expect(other).toMatchObject({
        today: { waiting: 0, served: 0 },
        bookings: { booked: 0, checkedIn: 0, noShow: 0 },
        satisfaction: { ratings: 0, satisfiedShare: null },
      })
    expect(o.total.bookings).toEqual(lsw.bookings)
    expect(o.total.today).toEqual({ waiting: 2, served: 0 })
    expect(o.total.satisfaction.satisfiedShare).toBe(lsw.satisfaction.satisfiedShare)
  })

  it('is for the district only: a center admin, a clerk and a resident are refused, and nothing is written', async () => {
    for (const who of [ADMIN, CLERK, 'dev-resident-wang', null]) {
      const res = await h.call('stats', { action: 'district', ...MONTH }, who)
      expect(res.ok ? 'ok' : res.error.code).toBe(who === null ? 'UNAUTHENTICATED' : 'FORBIDDEN')
      const csv = await h.call('stats', { action: 'districtCsv', ...MONTH }, who)
      expect(csv.ok).toBe(false)
    }
    expect(h.store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'stats.districtExport'").get()).toEqual({ n: 0 })
  })

  it('refuses a range the other way round, with the field named', async () => {
    const res = await h.call('stats', { action: 'district', from: '2026-11-30', to: '2026-11-01' }, DISTRICT)
    expect(res.ok ? null : res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { to: '结束日期不能早于开始日期' } })
  })

  it('exports the lines as CSV with the total, audited in every center’s log', async () => {
    const file = expectOk(await h.call('stats', { action: 'districtCsv', ...MONTH }, DISTRICT))
    const [header, ...rows] = parseCsv(file.csv)
    expect(header).toEqual([
      '服务中心',
      '今日等候',
      '今日已办',
      '预约',
      '已签到',
      '失约',
      '代办超期',
      '上门认证超期',
      '评价数',
      '满意率',
      '差评',
      '差评回访超期',
    ])
    const centers = await h.store.centers.list()
    expect(rows).toHaveLength(centers.length + 1)
    expect(rows[rows.length - 1][0]).toBe('全区合计')
    expect(rows.find((r) => r[0] === centers.find((c) => c.id === 'lsw')!.name)!.slice(3, 6)).toEqual([
      String(7 * W),
      String(5 * W),
      String(W),
    ])
    const logged = h.store.db.prepare("SELECT center_id AS centerId FROM audit_log WHERE action = 'stats.districtExport'").all() as {
      centerId: string
    }[]
    expect(logged.map((l) => l.centerId).sort()).toEqual(centers.map((c) => c.id).sort())
  })
})
