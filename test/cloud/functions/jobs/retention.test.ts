/**
 * The retention job on a real SQLite file: a month of activity (test/support/stats-month.ts)
 * plus a booking made through the real dispatcher, purged half a year later. Finished records
 * past the period are anonymised, newer and active ones untouched, a second run changes
 * nothing, the purged person can book again under the one-active-booking rule, and the
 * statistics of the month read the same before and after — even rebuilt from scratch.
 *
 * @timezone
 */
import { createHash } from 'node:crypto'
import { runStatsJobs } from '@cloud/functions/jobs/stats'
import { purgePersonalData, runRetentionJobs } from '@cloud/functions/jobs/retention'
import { jobsDueAt } from '@cloud/entry/cloudbase-jobs'
import { loadConfig } from '@cloud/server/config'
import { bookingHarness, createInput, type BookingHarness } from '@test/support/booking-harness'
import { MONTH, seedStatsMonth, WORKING_DAYS } from '@test/support/stats-month'
import { expectOk } from '@test/support/expect-ok'

const ADMIN = 'dev-admin-sun'
/** 03:30 Beijing on 1 June 2027: more than 180 days after every record of November 2026. */
const LATER = new Date('2027-06-01T03:30:00+08:00')
const W = WORKING_DAYS.length

function dump(h: BookingHarness): string {
  const tables = [
    'bookings',
    'queue_tickets',
    'queue_ticket_events',
    'homecert_requests',
    'homecert_timeline',
    'cases',
    'case_events',
    'ratings',
    'case_photos',
    'messages',
    'audit_log',
    'stats_daily',
  ]
  const hash = createHash('sha256')
  for (const t of tables)
    hash.update(
      JSON.stringify(
        h.store.db
          .prepare(`SELECT * FROM ${t}`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ),
    )
  return hash.digest('hex')
}

describe('retention job', () => {
  let h: BookingHarness
  // Answers are read loosely here: each test checks the envelope it expects.
  const call = (...args: Parameters<BookingHarness['call']>): Promise<any> => h.call(...args)
  const settings = { reminderTemplateId: null, retentionDays: 180 }
  const job = () => ({ store: h.store, now: h.now, settings })
  const summary = async () => {
    const r = await call('stats', { action: 'summary', centerId: 'lsw', ...MONTH }, ADMIN)
    expectOk(r)
    const { computedAt: _computedAt, ...rest } = r.data
    return rest
  }
  const buildStats = async () => {
    for (let i = 0; i < 4; i++) await runStatsJobs(job())
  }

  beforeEach(async () => {
    h = bookingHarness({ now: new Date('2026-11-26T09:00:00+08:00'), settings })
    seedStatsMonth(h.store.db)
    // A real booking of person 1, cancelled: finished, and due once the period has passed.
    const made = await call('booking', { action: 'create', ...createInput(1) })
    expectOk(made)
    expectOk(await call('booking', { action: 'cancel', id: made.data.id, centerId: 'lsw' }))
    await h.store.messages.send({
      id: 'old-msg',
      centerId: 'lsw',
      openid: 'resident-a',
      bookingId: null,
      kind: 'case',
      title: '旧',
      body: '王建国',
      templateId: null,
      createdAt: '2026-11-26T01:00:00.000Z',
    })
    // One in a 候补 line of a November Saturday (no seats, so no offer and no 消息): due with the rest.
    await h.store.waitlist.join(
      {
        id: 'wait-old',
        centerId: 'lsw',
        serviceId: 'lsw-medical-remote',
        serviceName: '异地就医备案',
        date: '2026-11-28',
        start: null,
        openid: 'resident-a',
        personName: '王建国',
        idSealed: 'sealed',
        idHash: 'hash-wait-old',
        idMasked: '3702**********0000',
        limitKey: 'person_hash-wait-old',
        phone: '13912345678',
        forSelf: true,
        relation: null,
        holdMinutes: 15,
        templateId: null,
        joinedAt: '2026-11-26T01:00:00.000Z',
      },
      '2026-11-26T01:00:00.000Z',
    )
    h.setNow(LATER)
    await h.store.messages.send({
      id: 'new-msg',
      centerId: 'lsw',
      openid: 'resident-a',
      bookingId: null,
      kind: 'case',
      title: '新',
      body: '王建国',
      templateId: null,
      createdAt: LATER.toISOString(),
    })
  })
  afterEach(() => h.close())

  it('anonymises what finished before the period, leaves the rest, and a second run changes nothing', async () => {
    const activeBefore = h.store.db.prepare("SELECT id, person_name, phone FROM bookings WHERE status IN ('booked', 'checked_in')").all()
    const counts = (await runRetentionJobs(job())).purged
    expect(counts).toEqual({
      retentionDays: 180,
      bookings: 7 * W + 1,
      tickets: 6 * W,
      homecert: 2,
      cases: 3,
      ratings: 6,
      waitlist: 1,
      messages: 1,
    })
    const db = h.store.db
    // Nothing identifying is left on a purged record.
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM bookings WHERE purged_at IS NOT NULL AND (person_name <> '已清除' OR phone <> '' OR id_sealed <> '' OR id_hash NOT LIKE 'purged:%' OR openid NOT LIKE 'purged:%')",
        )
        .get(),
    ).toEqual({ n: 0 })
    expect(db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE purged_at IS NOT NULL AND id_masked LIKE '3702%'").get()).toEqual({
      n: 7 * W + 1,
    })
    expect(db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE purged_at IS NULL').get()).toEqual({ n: 0 })
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM homecert_requests WHERE purged_at IS NOT NULL AND elder_name = '已清除' AND elder_id_hash LIKE 'purged:%' AND requester_phone = '' AND elder_address = '已清除'",
        )
        .get(),
    ).toEqual({ n: 2 })
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM cases WHERE purged_at IS NOT NULL AND applicant_name = '已清除' AND phone = '' AND phone_tail = '' AND description = '已清除'",
        )
        .get(),
    ).toEqual({ n: 3 })
    expect(db.prepare("SELECT COUNT(*) AS n FROM ratings WHERE service = 'case' AND openid NOT LIKE 'purged:%'").get()).toEqual({ n: 3 }) // the concluded cases' ratings stay theirs
    // Certified requests without a next due date passed, submitted ones, concluded and running cases: untouched.
    expect(db.prepare('SELECT status, elder_name AS name FROM homecert_requests WHERE purged_at IS NULL ORDER BY status').all()).toEqual([
      ...Array(6).fill({ status: 'certified', name: '赵德厚' }),
      { status: 'submitted', name: '赵德厚' },
      { status: 'submitted', name: '赵德厚' },
    ])
    expect(db.prepare('SELECT state, applicant_name AS name FROM cases WHERE purged_at IS NULL ORDER BY state').all()).toEqual([
      ...Array(3).fill({ state: 'concluded', name: '王建国' }),
      ...Array(2).fill({ state: 'processing', name: '王建国' }),
    ])
    expect(db.prepare('SELECT id FROM messages ORDER BY id').all()).toEqual([{ id: 'new-msg' }])
    expect(activeBefore).toEqual([])
    // Audited as a system action, counts only.
    const audit = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'jobs.purgePersonalData', limit: 5 })
    expect(audit).toEqual([expect.objectContaining({ actorOpenid: 'system', actorName: '系统', recordType: 'retention' })])
    expect(audit[0].detail).toMatch(/预约 \d+/)
    expect(audit[0].detail).not.toMatch(/王建国|1381234|3702/)

    const snapshot = dump(h)
    expect(await purgePersonalData(job())).toEqual({
      retentionDays: 180,
      bookings: 0,
      tickets: 0,
      homecert: 0,
      cases: 0,
      ratings: 0,
      waitlist: 0,
      messages: 0,
    })
    expect(dump(h)).toBe(snapshot)
  })

  it('keeps what finished within the period, and runs only in the 03:00 hour', async () => {
    h.setNow(new Date('2026-12-01T03:30:00+08:00'))
    expect((await runRetentionJobs(job())).purged).toEqual({
      retentionDays: 180,
      bookings: 0,
      tickets: 0,
      homecert: 0,
      cases: 0,
      ratings: 0,
      waitlist: 0,
      messages: 0,
    })
    h.setNow(new Date('2027-06-01T10:00:00+08:00'))
    expect(await runRetentionJobs(job())).toEqual({ purged: null })
    expect(h.store.db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE purged_at IS NOT NULL').get()).toEqual({ n: 0 })
    expect(jobsDueAt(LATER)).toEqual(['bookings', 'homecert', 'stats', 'retention'])
    expect(jobsDueAt(new Date('2027-06-01T10:00:00+08:00'))).toEqual(['bookings', 'homecert', 'stats'])
  })

  it('lets the purged person book again, still one active booking per service and day', async () => {
    await runRetentionJobs(job())
    const input = createInput(1, { date: '2027-06-02' })
    const again = await call('booking', { action: 'create', ...input })
    expectOk(again)
    const twice = await call('booking', { action: 'create', ...createInput(1, { date: '2027-06-02', start: '10:00' }) })
    expect(twice).toMatchObject({ ok: false })
    // The new booking is not touched by the next purge.
    expect((await purgePersonalData(job())).bookings).toBe(0)
    expect((await call('booking', { action: 'get', id: again.data.id, centerId: 'lsw' })).data).toMatchObject({ status: 'booked' })
  })

  it('statistics survive: the month reads the same before and after the purge, and after a rebuild from scratch', async () => {
    await buildStats()
    const before = await summary()
    expect(before.bookingTotals.booked).toBe(7 * W + 1)
    await runRetentionJobs(job())
    expect(await summary()).toEqual(before)
    await buildStats()
    expect(await summary()).toEqual(before)
    h.store.db.exec('DELETE FROM stats_daily; DELETE FROM stats_days')
    await buildStats()
    expect(await summary()).toEqual(before)
  })
})

describe('RETENTION_DAYS', () => {
  it('defaults to 180 and takes whole days from 30 to 3650', () => {
    expect(loadConfig({}).retentionDays).toBe(180)
    expect(loadConfig({ RETENTION_DAYS: '365' }).retentionDays).toBe(365)
    for (const bad of ['7', '0', '-5', '1.5', 'abc', '99999']) expect(() => loadConfig({ RETENTION_DAYS: bad })).toThrow(/RETENTION_DAYS/)
  })
})
