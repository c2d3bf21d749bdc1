/**
 * The `calendar` function on a real SQLite file, with the clock at 2026-12-28 (the package has
 * no 2027): what is known, who may enter a year, what bad input does, and how a saved 2027
 * arrangement reaches booking days, a case's time limit, home-certification overdue and statistics.
 *
 * @timezone
 */
import { fingerprint } from '@test/hardening/fixtures'
import { createInput, harnessPerTest, type BookingHarness } from '@test/support/booking-harness'
import { caseInput } from '@test/support/delegation-harness'
import { submitInput } from '@test/support/homecert'
import { expectOk } from '@test/support/expect-ok'
import type { ActionName } from '@/contract'

const DISTRICT = 'dev-district-gao'
const ADMIN = 'dev-admin-sun'
const RESIDENT = 'resident-a'
/** Made up for the tests (not the State Council's 2027 notice): 元旦 takes Monday 4 January off, Saturday 9 January is worked. */
const ARRANGEMENT = {
  year: 2027,
  lines: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: ['2027-01-09'] },
    { name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: ['2027-02-20'] },
  ],
}

describe('calendar', () => {
  let h: BookingHarness
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses = harnessPerTest({ now: new Date('2026-12-28T09:00:00+08:00') })
  beforeEach(() => {
    h = harnesses.next()
  })
  afterEach(() => h.close())
  const call = <A extends ActionName<'calendar'>>(action: A, data: Record<string, unknown>, openid: string | null) =>
    h.call('calendar', { action, ...data }, openid)
  const ok = async <A extends ActionName<'calendar'>>(action: A, data: Record<string, unknown>, openid: string | null = DISTRICT) =>
    expectOk(await call(action, data, openid))
  const save = async (arrangement = ARRANGEMENT) => {
    const preview = await ok('previewYear', arrangement)
    return ok('saveYear', { ...arrangement, confirm: preview.hash })
  }
  const day = async (date: string) => {
    const res = await h.call(
      'center',
      { action: 'getAvailability', centerId: 'lsw', serviceId: 'lsw-medical-remote', from: date, days: 1 },
      RESIDENT,
    )
    return res.ok ? res.data.days[0] : res
  }

  describe('status', () => {
    it('returns 2027 as awaiting its arrangement, with the step to take, from 1 November', async () => {
      const s = await ok('status', {}, ADMIN)
      expect(s.years.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
        [2026, 'package'],
        [2027, 'unknown'],
      ])
      expect(s.awaiting).toEqual([{ year: 2027, text: expect.stringContaining('请区级管理员在“工作台 → 年度放假安排”中录入') }])
      expect(s.canEnter).toBe(false)
      expect((await ok('status', {}, DISTRICT)).canEnter).toBe(true)
    })
    it('returns nothing awaiting before 1 November', async () => {
      h.setNow('2026-10-31T09:00:00+08:00')
      expect((await ok('status', {}, ADMIN)).awaiting).toEqual([])
    })
  })

  describe('when nobody entered 2027', () => {
    it('closes 2027-01-01 with its reason and opens the other weekdays', async () => {
      expect(await day('2027-01-01')).toMatchObject({ date: '2027-01-01', open: false, kind: 'holiday', reason: '元旦', slots: [] })
      expect(await day('2027-01-04')).toMatchObject({ open: true, kind: 'workday' })
    })
    it('refuses a booking on 2027-01-01 with CLOSED', async () => {
      h.setNow('2026-12-30T09:00:00+08:00')
      const res = await h.call('booking', { action: 'create', ...createInput(1, { date: '2027-01-01', start: '09:00' }) }, RESIDENT)
      expect(res).toMatchObject({ ok: false, error: { code: 'CLOSED', message: '1月1日（元旦）不对外办公，请选择其他日期' } })
    })
  })

  describe('who may enter a year', () => {
    it.each([
      ['a center admin', ADMIN, 'FORBIDDEN'],
      ['a resident', RESIDENT, 'FORBIDDEN'],
      ['nobody signed in', null, 'UNAUTHENTICATED'],
    ])('refuses %s, and writes nothing', async (_who, openid, code) => {
      const before = fingerprint(h.store.db)
      expect(await call('previewYear', ARRANGEMENT, openid)).toMatchObject({ ok: false, error: { code } })
      expect(await call('saveYear', { ...ARRANGEMENT, confirm: 'a'.repeat(64) }, openid)).toMatchObject({ ok: false, error: { code } })
      expect(await call('getYear', { year: 2027 }, openid)).toMatchObject({ ok: false, error: { code } })
      expect(fingerprint(h.store.db)).toBe(before)
    })
    it('gives the district admin no role in any center', async () => {
      expect(
        await h.call('config', { action: 'setDay', centerId: 'lsw', date: '2027-01-05', open: false, reason: '系统升级' }, DISTRICT),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await h.call('center', { action: 'me', centerId: 'lsw' }, DISTRICT)).toMatchObject({
        ok: true,
        data: { roles: [], district: true, staffName: '高文华' },
      })
    })
  })

  describe('when the input is bad', () => {
    it.each([
      [
        'a make-up day on a weekday',
        { year: 2027, lines: [{ name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: ['2027-02-17'] }] },
        { 'lines.0.workdays.0': '第 1 行（春节）的调休上班日 2月17日 是周三，调休上班日只能是周六或周日' },
      ],
      [
        'a statutory day made a working day',
        { year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01', workdays: ['2027-02-06'] }] },
        { 'lines.0.workdays.0': '2月6日 是法定节假日（春节），不能调休上班' },
      ],
      [
        'a date outside the year',
        { year: 2027, lines: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01', workdays: [] }] },
        { 'lines.0.from': '第 1 行（元旦）的开始日期不在 2027 年内' },
      ],
      [
        'overlapping ranges',
        {
          year: 2027,
          lines: [
            { name: '国庆节', from: '2027-10-01', to: '2027-10-07', workdays: [] },
            { name: '中秋节', from: '2027-10-06', to: '2027-10-08', workdays: [] },
          ],
        },
        { 'lines.1.from': '第 2 行（中秋节）的日期与第 1 行（国庆节）重叠' },
      ],
      [
        'a year the package holds',
        { year: 2026, lines: [{ name: '元旦', from: '2026-01-01', to: '2026-01-01', workdays: [] }] },
        { year: '2026 年的放假安排系统已内置，无需录入' },
      ],
      [
        'a control character in a name',
        { year: 2027, lines: [{ name: '元旦\u202e', from: '2027-01-01', to: '2027-01-01', workdays: [] }] },
        { 'lines.0.name': '假日名称里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入' },
      ],
    ])('refuses %s with a field error naming it, and saves nothing', async (_what, arrangement, fields) => {
      const before = fingerprint(h.store.db)
      expect(await call('previewYear', arrangement, DISTRICT)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields } })
      expect(await call('saveYear', { ...arrangement, confirm: 'a'.repeat(64) }, DISTRICT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields },
      })
      expect(fingerprint(h.store.db)).toBe(before)
    })
    it('refuses a save without the preview’s hash, or with another preview’s, with CONFLICT and saves nothing', async () => {
      const other = await ok('previewYear', { year: 2027, lines: [ARRANGEMENT.lines[0]] })
      const before = fingerprint(h.store.db)
      expect(await call('saveYear', ARRANGEMENT, DISTRICT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { confirm: '请先预览，确认后再保存' } },
      })
      expect(await call('saveYear', { ...ARRANGEMENT, confirm: other.hash }, DISTRICT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      expect(fingerprint(h.store.db)).toBe(before)
    })
  })

  describe('preview', () => {
    it('lists the dates that change and the bookings on closing dates', async () => {
      await h.call('booking', { action: 'create', ...createInput(1, { date: '2027-01-04', start: '09:00' }) }, RESIDENT)
      const p = await ok('previewYear', ARRANGEMENT)
      expect(p.changes.slice(0, 2)).toEqual([
        { date: '2027-01-04', label: '1月4日 周一', change: 'closes', reason: '元旦', bookings: 1 },
        { date: '2027-01-09', label: '1月9日 周六', change: 'opens', reason: '元旦调休上班', bookings: 0 },
      ])
      expect(p).toMatchObject({ affectedBookings: 1, replacing: false, savedVersion: 0, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    })
  })

  describe('when the district admin saves 2027', () => {
    it('closes the entered days everywhere booking looks, and opens the make-up Saturday', async () => {
      await save()
      expect(await day('2027-01-04')).toMatchObject({ open: false, kind: 'holiday', reason: '元旦' })
      h.setNow('2027-01-06T08:00:00+08:00')
      expect(await day('2027-01-09')).toMatchObject({ open: true, kind: 'adjusted_workday', reason: '元旦调休上班' })
      expect((await ok('status', {}, ADMIN)).awaiting).toEqual([])
    })

    it('tells each resident booked on a newly closed day with a 消息 that opens 改约, and lists the bookings for staff', async () => {
      const booked = expectOk(
        await h.call('booking', { action: 'create', ...createInput(1, { date: '2027-01-04', start: '09:00' }) }, RESIDENT),
      )
      const result = await save()
      expect(result.affected).toEqual([
        {
          centerName: '灵山卫街道公共服务中心',
          serviceName: expect.any(String),
          date: '2027-01-04',
          weekday: '周一',
          start: '09:00',
          end: '09:30',
          reason: '元旦',
        },
      ])
      expect(result.notice).toContain('已有 1 个预约落在新的休息日')
      const inbox = await h.call('booking', { action: 'listMessages', centerId: 'lsw' }, RESIDENT)
      expect(expectOk(inbox).items[0]).toMatchObject({
        kind: 'closure',
        title: '预约日不办公，请改约',
        bookingId: booked.id,
        link: `/pages/booking/slots/index?serviceId=lsw-medical-remote&rescheduleId=${booked.id}&date=${booked.date}&start=${booked.start}`,
      })
      // The booking is kept, for the resident to move; moving it works.
      const moved = await h.call(
        'booking',
        { action: 'reschedule', centerId: 'lsw', id: booked.id, date: '2027-01-05', start: '09:00' },
        RESIDENT,
      )
      expect(moved).toMatchObject({ ok: true, data: { date: '2027-01-05' } })
    })

    it('writes it to every center’s audit log in words', async () => {
      await save()
      for (const centerId of ['lsw', 'yz']) {
        const log = await h.call('staff', { action: 'listAudit', centerId }, centerId === 'lsw' ? ADMIN : null)
        if (centerId === 'yz') continue
        expect(expectOk(log).items[0]).toMatchObject({
          actorName: '高文华（区级管理员）',
          actionText: '录入年度放假安排',
          detail: '2027 年放假安排：元旦 1月1日–1月4日放假，1月9日（周六）上班；春节 2月5日–2月11日放假，2月20日（周六）上班',
        })
      }
      const rows = h.store.db.prepare("SELECT center_id FROM audit_log WHERE action = 'calendar.saveYear' ORDER BY center_id").all()
      expect(rows).toEqual([{ center_id: 'lsw' }, { center_id: 'yz' }])
    })

    it('replaces a saved year only through a new preview', async () => {
      const first = await ok('previewYear', ARRANGEMENT)
      await ok('saveYear', { ...ARRANGEMENT, confirm: first.hash })
      const changed = { year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }] }
      // The old preview's hash (over "nothing saved") does not confirm a replacement.
      expect(await call('saveYear', { ...changed, confirm: first.hash }, DISTRICT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const second = await ok('previewYear', changed)
      expect(second).toMatchObject({ replacing: true, savedVersion: 1 })
      expect(second.differsFromSaved.map((d: { date: string }) => d.date)).toEqual([
        '2027-01-04',
        '2027-01-09',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-20',
      ])
      const saved = await ok('saveYear', { ...changed, confirm: second.hash })
      expect(saved.year).toMatchObject({ version: 2, source: 'entered', lines: changed.lines })
      // The same preview cannot confirm twice.
      expect(await call('saveYear', { ...changed, confirm: second.hash }, DISTRICT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      expect(await day('2027-01-04')).toMatchObject({ open: true })
    })

    it('moves an open case’s promised date across it (computed when read)', async () => {
      const c = expectOk(await h.call('delegation', { action: 'create', ...caseInput() }, RESIDENT))
      expectOk(await h.call('delegation', { action: 'advance', centerId: 'lsw', id: c.id, step: 'accept' }, 'dev-clerk-liu'))
      const before = expectOk(await h.call('delegation', { action: 'get', centerId: 'lsw', id: c.id }, RESIDENT))
      // 5 working days from Mon 28 Dec: 29, 30, 31, 4 Jan, 5 Jan.
      expect(before.deadline?.dueDate).toBe('2027-01-05')
      await save()
      const after = expectOk(await h.call('delegation', { action: 'get', centerId: 'lsw', id: c.id }, RESIDENT))
      // 4 January is now off: 29, 30, 31, 5, 6.
      expect(after.deadline?.dueDate).toBe('2027-01-06')
    })

    it('moves a home-certification request’s overdue day (computed when read)', async () => {
      await h.call('homecert', { action: 'submit', ...submitInput({ windows: [{ date: '2026-12-29', half: 'am' }] }) }, 'dev-family-zhao')
      h.setNow('2027-01-04T10:00:00+08:00')
      const overdue = async () => {
        const res = await h.call(
          'homecert',
          { action: 'listForStaff', centerId: 'lsw', view: 'supervise', filter: 'open' },
          'dev-supervisor-zhou',
        )
        return res.ok ? res.data.items.map((i: { overdue: boolean }) => i.overdue) : res
      }
      // Waiting since 28 Dec: 29, 30, 31 and 4 Jan are four working days (more than 3).
      expect(await overdue()).toEqual([true])
      await save()
      expect(await overdue()).toEqual([false])
    })

    it('counts the working days of the statistics by it', async () => {
      const range = { action: 'summary', centerId: 'lsw', from: '2027-01-01', to: '2027-01-10' }
      expect(await h.call('stats', range, ADMIN)).toMatchObject({ ok: true, data: { workingDays: 5 } })
      await save()
      // 4 January off, Saturday 9 January worked.
      expect(await h.call('stats', range, ADMIN)).toMatchObject({ ok: true, data: { workingDays: 5 } })
      expect(await h.call('stats', { ...range, to: '2027-01-08' }, ADMIN)).toMatchObject({ ok: true, data: { workingDays: 4 } })
    })

    it('refuses check-in and walk-in numbers on a day it closes', async () => {
      await save()
      h.setNow('2027-01-04T09:00:00+08:00')
      expect(
        await h.call(
          'queue',
          { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-senior-card', requestId: 'walk-in-0001', source: 'kiosk' },
          'dev-clerk-liu',
        ),
      ).toMatchObject({
        ok: false,
        error: { code: 'CLOSED', message: expect.stringContaining('今天（元旦）不对外办公') },
      })
    })
  })
})
