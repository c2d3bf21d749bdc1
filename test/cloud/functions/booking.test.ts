/** @timezone */
import fs from 'node:fs'
import ICAL from 'ical.js'
import { bookingCalendarFile } from '@/core/ics'
import { markNoShows } from '@cloud/functions/jobs'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { bookingHarness, createInput, harnessPerTest, TEST_PII, type BookingHarness } from '@test/support/booking-harness'
import { idNumberFor, nthIdNumber } from '@test/support/id-numbers'
import { expectOk } from '@test/support/expect-ok'

// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts); one that reads the file's
// bytes takes a store of its own.
const harnesses = harnessPerTest()
let h: BookingHarness
beforeEach(() => {
  h = harnesses.next()
})
afterEach(() => h.close())

const create = (n: number, overrides: Parameters<typeof createInput>[1] = {}, openid = 'resident-a') =>
  h.call('booking', { action: 'create', ...createInput(n, overrides) }, openid)
const get = (id: string, openid = 'resident-a') => h.call('booking', { action: 'get', centerId: 'lsw', id }, openid)
const bookingRows = () => (h.store.db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number }).n
const setCapacity = (serviceId: string, capacity: number) =>
  h.store.db.prepare('UPDATE services SET slot_capacity = ? WHERE id = ?').run(capacity, serviceId)
const booked = (date = '2026-11-27', start = '09:00', serviceId = 'lsw-medical-remote') =>
  (
    h.store.db.prepare('SELECT booked FROM booking_slots WHERE service_id = ? AND date = ? AND start = ?').get(serviceId, date, start) as
      | { booked: number }
      | undefined
  )?.booked ?? 0

describe('booking.create', () => {
  describe('when the input is valid', () => {
    it('answers the booking in full, as the booking page shows it: the ID number masked, the phone whole to its owner', async () => {
      const id = idNumberFor('1980-01-01', 123)
      const ok = await create(1, { person: { name: '王建国', idNumber: id.toLowerCase(), phone: '138 1234 5678' } })
      const b = expectOk(ok)
      expect(b).toMatchObject({
        id: expect.stringMatching(/^bk[0-9a-f]{30}$/),
        code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/),
        centerId: 'lsw',
        centerName: '灵山卫街道公共服务中心',
        serviceId: 'lsw-medical-remote',
        serviceName: '异地就医备案',
        date: '2026-11-27',
        weekday: '周五',
        start: '09:00',
        end: '09:30',
        startsAt: '2026-11-27T01:00:00.000Z',
        endsAt: '2026-11-27T01:30:00.000Z',
        status: 'booked',
        statusText: '待办理',
        personName: '王建国',
        canCancel: true,
        canReschedule: true,
        person: { name: '王建国', idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`, phone: '13812345678' },
      })
      expect(JSON.stringify(ok)).not.toContain(id)
    })
    it('the booking it made opens in full: masked ID number, the owner’s full phone, windows, what to bring', async () => {
      const id = idNumberFor('1980-01-01', 123)
      const made = await create(1, { person: { name: '王建国', idNumber: id, phone: '138 1234 5678' } })
      const res = await get(expectOk(made).id)
      const b = expectOk(res)
      expect(b).toMatchObject({
        code: expectOk(made).code,
        checkInBy: '2026-11-27T01:45:00.000Z',
        person: {
          name: '王建国',
          idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
          phone: '13812345678',
          forSelf: true,
          relation: null,
        },
        center: { name: '灵山卫街道公共服务中心' },
        windows: [
          { number: 2, name: '社保医保' },
          { number: 3, name: '社保医保' },
        ],
      })
      expect(b && b.materials.map((m: { name: string }) => m.name)).toContain('本人居民身份证')
      expect(JSON.stringify(res)).not.toContain(id)
    })
    it('the booking it made holds what the page builds its .ics from, which a calendar parser reads back', async () => {
      const made = await create(1)
      const res = await get(expectOk(made).id)
      const b = expectOk(res)
      const file = bookingCalendarFile(b, new Date('2026-11-26T00:00:00Z'))
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file.text)).getFirstSubcomponent('vevent')!)
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-27T01:00:00.000Z')
      expect(event.summary).toBe('预约办事：异地就医备案')
      expect(event.description).toContain(b.code)
      expect(event.description).toContain('本人居民身份证（原件）')
      expect(file.fileName).toBe(`预约-${b.code}.ics`)
    })
    it('answers what the center and service are now: a change to their configuration shows in the next booking', async () => {
      const first = expectOk(await create(1))
      expect(first.center.phone).not.toBe('0532-88886666')
      h.store.db.prepare("UPDATE centers SET phone = '0532-88886666' WHERE id = 'lsw'").run()
      h.store.db.prepare("UPDATE windows SET name = '医保窗口' WHERE center_id = 'lsw' AND number = 2").run()
      const next = expectOk(await create(2))
      expect(next.center.phone).toBe('0532-88886666')
      expect(next.windows).toContainEqual({ number: 2, name: '医保窗口' })
      expect(bookingCalendarFile(next, new Date()).text.replace(/\r\n /g, '')).toContain('咨询电话 0532-88886666')
    })
    it('books for a family member with the relation', async () => {
      const made = await create(1, { forSelf: false, relation: 'parent', note: '老人行动不便' })
      const res = await get(expectOk(made).id)
      expect(expectOk(res).person).toMatchObject({ forSelf: false, relation: 'parent', relationName: '父亲' })
      expect(expectOk(res).note).toBe('老人行动不便')
    })
    it('stores the ID number only sealed and hashed, nowhere in the database file', async () => {
      // The file's bytes: on a store of its own, whose write is committed (the savepoint's would never reach the file).
      const perTest = h
      h = bookingHarness()
      try {
        const id = nthIdNumber(77)
        await create(77)
        const row = h.store.db.prepare('SELECT * FROM bookings').get() as Record<string, unknown>
        expect(Object.values(row).some((v) => String(v).includes(id))).toBe(false)
        expect(TEST_PII.decrypt(row.id_sealed as string)).toBe(id)
        expect(row.id_hash).toBe(TEST_PII.hash(id))
        h.store.db.pragma('wal_checkpoint(TRUNCATE)')
        expect(fs.readFileSync(h.file).includes(Buffer.from(id))).toBe(false)
      } finally {
        h.close()
        h = perTest
      }
    })
  })

  describe('when the input is invalid', () => {
    it.each([
      ['person.name', { person: { name: '王', idNumber: nthIdNumber(1), phone: '13812345678' } }, '请填写姓名（至少 2 个字）'],
      ['person.name', { person: { name: 'Wang', idNumber: nthIdNumber(1), phone: '13812345678' } }, '请填写身份证上的中文姓名'],
      [
        'person.idNumber',
        {
          person: {
            name: '王芳',
            idNumber: nthIdNumber(1).slice(0, 17) + (nthIdNumber(1).endsWith('1') ? '2' : '1'),
            phone: '13812345678',
          },
        },
        '身份证号码不正确，请核对最后一位',
      ],
      ['person.idNumber', { person: { name: '王芳', idNumber: '3702111980023012', phone: '13812345678' } }, '请输入 18 位身份证号码'],
      ['person.phone', { person: { name: '王芳', idNumber: nthIdNumber(1), phone: '12812345678' } }, '请填写 11 位手机号码'],
      ['consent', { consent: false }, '请阅读并同意《个人信息保护说明》后再提交'],
      ['relation', { forSelf: false }, '请选择与办事人的关系'],
      ['date', { date: '2026-02-30' }, '请按 2026-12-31 的格式填写预约日期（须是实际存在的日期）'],
      ['start', { start: '9:00' }, '请按 09:00 的格式填写预约时段（24 小时制）'],
      ['requestId', { requestId: 'short' }, '请求编号格式不正确，请刷新页面后重试'],
    ])('refuses %s with a Chinese message and writes nothing', async (field, overrides, message) => {
      const res = await create(1, overrides as never)
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { [field]: message } } })
      expect(bookingRows()).toBe(0)
      expect(h.store.db.prepare('SELECT COUNT(*) AS n FROM booking_slots').get()).toEqual({ n: 0 })
    })
    it('refuses a birth date after today (by the action’s clock)', async () => {
      const res = await create(1, { person: { name: '王芳', idNumber: idNumberFor('2026-11-27', 1), phone: '13812345678' } })
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { 'person.idNumber': '身份证号码中的出生日期不正确' } },
      })
      expect(bookingRows()).toBe(0)
    })
    it('refuses a time that is not a slot of the day', async () => {
      expect(await create(1, { start: '09:10' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { start: '没有这个时段，请重新选择' } },
      })
      expect(await create(1, { start: '12:30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    })
  })

  describe('when the caller is anonymous', () => {
    it('answers UNAUTHENTICATED', async () => {
      expect(await h.call('booking', { action: 'create', ...createInput(1) }, null)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
    })
  })

  describe('when the service is unknown, of another center, or takes no bookings', () => {
    it('answers NOT_FOUND or CONFLICT', async () => {
      expect(await create(1, { serviceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await create(1, { serviceId: 'yz-senior-card' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await create(1, { serviceId: 'lsw-cert-home' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
  })

  describe('when the day is closed or out of reach', () => {
    beforeEach(() => h.setNow('2026-09-29T09:00:00+08:00'))
    it('answers CLOSED with the holiday’s name', async () => {
      const res = await create(1, { date: '2026-10-01' })
      expect(res).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
      expect(!res.ok && res.error.message).toContain('国庆节')
    })
    it('books the 调休 Saturday and the day after the holiday', async () => {
      expectOk(await create(1, { date: '2026-10-10' }))
      expectOk(await create(2, { date: '2026-10-08' }))
    })
    it('answers CLOSED for an ordinary Sunday with 周末休息', async () => {
      const res = await create(1, { date: '2026-10-11' })
      expect(!res.ok && res.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('周末休息') })
    })
    it('answers CLOSED for a day the center closed, with its reason', async () => {
      h.store.db.prepare("INSERT INTO center_days (center_id, date, open, reason) VALUES ('lsw', '2026-10-09', 0, '系统升级')").run()
      const res = await create(1, { date: '2026-10-09' })
      expect(!res.ok && res.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('系统升级') })
    })
    it('answers CLOSED past the horizon (7 working days) and books its last day', async () => {
      expectOk(await create(1, { date: '2026-10-14' }))
      const res = await create(2, { date: '2026-10-15' })
      expect(!res.ok && res.error).toMatchObject({ code: 'CLOSED', message: '目前最远可预约到 10月14日，请选择更近的日期' })
    })
    it('answers CLOSED for a past date', async () => {
      expect(await create(1, { date: '2026-09-28' })).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
    })
  })

  describe('when the slot starts within the lead time', () => {
    it('answers CLOSED, and books the slot starting exactly at the lead time', async () => {
      h.setNow('2026-11-26T09:00:00+08:00')
      expect(await create(1, { date: '2026-11-26', start: '09:00' })).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
      expectOk(await create(2, { date: '2026-11-26', start: '09:30' }))
    })
  })

  describe('when the slot is full', () => {
    it('gives the last seat and answers SLOT_FULL after it', async () => {
      setCapacity('lsw-medical-remote', 2)
      expectOk(await create(1))
      expectOk(await create(2))
      expect(await create(3)).toMatchObject({ ok: false, error: { code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' } })
      expect(bookingRows()).toBe(2)
      expect(booked()).toBe(2)
    })
  })

  describe('when the same request is sent again', () => {
    it('returns the first booking, even after the slot filled up', async () => {
      setCapacity('lsw-medical-remote', 1)
      const input = createInput(1)
      const first = await h.call('booking', { action: 'create', ...input })
      await create(2, { start: '09:30' })
      const again = await h.call('booking', { action: 'create', ...input })
      expect(again).toEqual(first)
    })
    it('returns the first booking, even after the service stopped taking bookings or the person reached a limit', async () => {
      const input = createInput(1)
      const first = await h.call('booking', { action: 'create', ...input })
      h.store.db.prepare("UPDATE services SET bookable = 0 WHERE id = 'lsw-medical-remote'").run()
      expect(await h.call('booking', { action: 'create', ...input })).toEqual(first)
      // A new request for the same person and day is refused all the same.
      expect(await h.call('booking', { action: 'create', ...createInput(1, { start: '10:00' }) })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      h.store.db.prepare("UPDATE services SET bookable = 1 WHERE id = 'lsw-medical-remote'").run()
      expect(await h.call('booking', { action: 'create', ...input })).toEqual(first)
      expect(bookingRows()).toBe(1)
    })
    it('under concurrent retries stores one booking and answers it to all', async () => {
      const input = createInput(1)
      const results = await Promise.all(Array.from({ length: 10 }, () => h.call('booking', { action: 'create', ...input })))
      expect(results.every((r) => r.ok)).toBe(true)
      expect(new Set(results.map((r) => expectOk(r).id)).size).toBe(1)
      expect(bookingRows()).toBe(1)
      expect(booked()).toBe(1)
    })
    it('from another caller is a different request', async () => {
      const input = createInput(1)
      await h.call('booking', { action: 'create', ...input }, 'resident-a')
      const other = await h.call(
        'booking',
        { action: 'create', ...input, person: { ...input.person, idNumber: nthIdNumber(2) } },
        'resident-b',
      )
      expectOk(other)
      expect(bookingRows()).toBe(2)
    })
  })

  describe('limits, counted against the account that booked until an identity or a consent says otherwise', () => {
    it('allows one active booking of a person per service per day', async () => {
      expectOk(await create(1, {}, 'resident-a'))
      const again = await create(1, { start: '10:00' }, 'resident-a')
      expect(again).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED', message: expect.stringContaining('当天已预约过该事项') } })
      // Another service the same day is fine.
      expectOk(await create(1, { serviceId: 'lsw-senior-card', start: '10:00' }))
    })
    it('allows the same day again after cancelling', async () => {
      const first = await create(1)
      await h.call('booking', { action: 'cancel', centerId: 'lsw', id: expectOk(first).id })
      expectOk(await create(1, { start: '10:00' }))
    })
    it('allows at most 3 active future bookings', async () => {
      for (const date of ['2026-11-27', '2026-11-30', '2026-12-01']) expectOk(await create(1, { date }))
      const fourth = await create(1, { date: '2026-12-02' })
      expect(fourth).toMatchObject({
        ok: false,
        error: { code: 'LIMIT_REACHED', message: '已有 3 个未办理的预约，请办理或取消后再预约' },
      })
    })
    it('follows a center’s own limit', async () => {
      h.store.db.prepare("UPDATE centers SET booking_rules_json = ? WHERE id = 'lsw'").run(JSON.stringify({ maxActiveBookings: 1 }))
      expectOk(await create(1))
      expect(await create(1, { date: '2026-11-30' })).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } })
    })
  })

  describe('when a stranger books in someone else’s name', () => {
    it('never blocks the person: their places and their service-day stay theirs', async () => {
      for (const date of ['2026-11-27', '2026-11-30', '2026-12-01']) expect((await create(1, { date }, 'stranger')).ok).toBe(true)
      expect(await create(1, { date: '2026-12-02' }, 'stranger')).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } })
      // The person books the same service on the same day, and two more days.
      expect((await create(1, { start: '10:00' }, 'resident-a')).ok).toBe(true)
      expect((await create(1, { date: '2026-11-30', start: '10:00' }, 'resident-a')).ok).toBe(true)
      expect((await create(1, { date: '2026-12-01', start: '10:00' }, 'resident-a')).ok).toBe(true)
    })
    it('answers the same refusal whether or not the ID number has bookings', async () => {
      // The person has a booking that day; the stranger's first try for them is simply a booking of the stranger's own.
      expect((await create(1, {}, 'resident-a')).ok).toBe(true)
      expect((await create(1, { start: '10:00' }, 'stranger')).ok).toBe(true)
      for (const date of ['2026-11-30', '2026-12-01']) expect((await create(3, { date }, 'stranger')).ok).toBe(true)
      // At the stranger's own limit the refusal is word for word the same for an ID number with bookings and one without.
      const withBookings = await create(1, { date: '2026-12-02' }, 'stranger')
      const without = await create(9, { date: '2026-12-02' }, 'stranger')
      expect(withBookings.ok).toBe(false)
      expect(withBookings).toEqual(without)
    })
    it('lets the stranger’s no-shows block the stranger, never the person', async () => {
      h.setNow('2026-11-02T09:00:00+08:00')
      for (const [n, date] of [
        [1, '2026-11-03'],
        [2, '2026-11-04'],
        [3, '2026-11-05'],
      ] as const) {
        expect((await create(1, { date, requestId: `stranger-${n}` }, 'stranger')).ok).toBe(true)
      }
      h.setNow('2026-11-05T10:00:00+08:00')
      expect(await markNoShows({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })).toHaveLength(3)
      expect(await create(2, { date: '2026-11-06' }, 'stranger')).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } })
      expect((await create(1, { date: '2026-11-06' }, 'resident-a')).ok).toBe(true)
    })
  })

  describe('when the account missed 3 appointments within 90 days', () => {
    it('refuses new bookings for 30 days from the third and says until when', async () => {
      // Three bookings on three days, none checked in.
      h.setNow('2026-11-02T09:00:00+08:00')
      for (const [n, date] of [
        [1, '2026-11-03'],
        [2, '2026-11-04'],
        [3, '2026-11-05'],
      ] as const) {
        expectOk(await create(1, { date, requestId: `noshow-${n}` }))
      }
      h.setNow('2026-11-05T10:00:00+08:00')
      expect(await markNoShows({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })).toHaveLength(3)
      const refused = await create(1, { date: '2026-11-06' })
      // The third deadline was 5 Nov 09:45 Beijing; the block lasts to 5 Dec 09:45.
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'LIMIT_REACHED', message: '近 90 天内失约已达 3 次，暂停预约至 2026年12月5日 09:45，之后可再次预约' },
      })
      expect(bookingRows()).toBe(3)
      // Another account is not blocked.
      expect((await create(2, { date: '2026-11-06' }, 'resident-b')).ok).toBe(true)
      h.setNow('2026-12-07T09:00:00+08:00')
      expectOk(await create(1, { date: '2026-12-08' }))
    })
  })
})

describe('booking.get', () => {
  it('answers the owner, and NOT_FOUND to anyone else exactly as for a booking that does not exist', async () => {
    const made = await create(1)
    const id = expectOk(made).id
    expectOk(await h.call('booking', { action: 'get', centerId: 'lsw', id }, 'resident-a'))
    const other = await h.call('booking', { action: 'get', centerId: 'lsw', id }, 'resident-b')
    const missing = await h.call('booking', { action: 'get', centerId: 'lsw', id: 'bk000000' }, 'resident-b')
    expect(other).toEqual(missing)
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call('booking', { action: 'get', centerId: 'yz', id }, 'resident-a')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})

describe('a booking of a service taken off the guide since', () => {
  it('still opens, in full and in the list, with the service’s name and what it asked to bring', async () => {
    const made = await create(1)
    const id = expectOk(made).id
    await h.call('booking', { action: 'cancel', centerId: 'lsw', id })
    // Retiring waits until no booking of the service is still to come; this one is cancelled.
    expect(await h.store.config.setServiceRetired('lsw', 'lsw-medical-remote', true)).not.toBeNull()
    const opened = await get(id as string)
    expect(opened).toMatchObject({ ok: true, data: { serviceName: '异地就医备案', status: 'cancelled' } })
    expect(expectOk(opened).materials.length).toBeGreaterThan(0)
    const listed = await h.call('booking', { action: 'listMine', centerId: 'lsw', tab: 'cancelled' })
    expect(expectOk(listed).items.map((b: { serviceName: string }) => b.serviceName)).toEqual(['异地就医备案'])
  })
})

describe('booking.listMine', () => {
  it('lists only the caller’s bookings by tab, upcoming soonest first', async () => {
    await create(1, { date: '2026-11-30' })
    await create(2, { date: '2026-11-27' })
    const toCancel = await create(3, { date: '2026-12-01' })
    await create(4, {}, 'resident-b')
    await h.call('booking', { action: 'cancel', centerId: 'lsw', id: expectOk(toCancel).id })
    const upcoming = await h.call('booking', { action: 'listMine', centerId: 'lsw' })
    expect(expectOk(upcoming).items.map((b: { date: string }) => b.date)).toEqual(['2026-11-27', '2026-11-30'])
    expect(expectOk(upcoming).nextCursor).toBeNull()
    const cancelled = await h.call('booking', { action: 'listMine', centerId: 'lsw', tab: 'cancelled' })
    expect(expectOk(cancelled).items.map((b: { statusText: string }) => b.statusText)).toEqual(['已取消'])
    const done = await h.call('booking', { action: 'listMine', centerId: 'lsw', tab: 'done' })
    expect(expectOk(done).items).toEqual([])
  })
  it('pages with a cursor', async () => {
    setCapacity('lsw-medical-remote', 100)
    h.store.db.prepare("UPDATE centers SET booking_rules_json = ? WHERE id = 'lsw'").run(JSON.stringify({ maxActiveBookings: 30 }))
    const dates = ['2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']
    for (let i = 0; i < 25; i++) await create(i, { date: dates[i % dates.length], start: ['09:00', '10:00', '14:00', '15:00'][i % 4] })
    const first = await h.call('booking', { action: 'listMine', centerId: 'lsw' })
    expect(expectOk(first).items).toHaveLength(20)
    const second = await h.call('booking', { action: 'listMine', centerId: 'lsw', cursor: expectOk(first).nextCursor })
    expect(expectOk(second).items).toHaveLength(5)
    expect(expectOk(second).nextCursor).toBeNull()
    const all = [...expectOk(first).items, ...expectOk(second).items]
    expect(new Set(all.map((b) => b.id)).size).toBe(25)
    const starts = all.map((b) => b.startsAt)
    expect([...starts].sort()).toEqual(starts)
    expect(await h.call('booking', { action: 'listMine', centerId: 'lsw', cursor: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})

describe('booking.cancel', () => {
  it('frees the seat at once', async () => {
    setCapacity('lsw-medical-remote', 1)
    const made = await create(1)
    expect(await create(2)).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } })
    const res = await h.call('booking', { action: 'cancel', centerId: 'lsw', id: expectOk(made).id, reason: '临时有事' })
    expect(res).toMatchObject({ ok: true, data: { status: 'cancelled', statusText: '已取消', canCancel: false } })
    expect(booked()).toBe(0)
    expectOk(await create(2))
  })
  it('answers the cancelled booking again to a repeated cancel, freeing nothing twice', async () => {
    setCapacity('lsw-medical-remote', 2)
    const made = await create(1)
    await create(2)
    const id = expectOk(made).id
    await h.call('booking', { action: 'cancel', centerId: 'lsw', id })
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id }))
    expect(booked()).toBe(1)
  })
  it('refuses once the slot has started', async () => {
    const made = await create(1)
    h.setNow('2026-11-27T09:00:00+08:00')
    expect(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: expectOk(made).id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '预约时段已开始，不能取消' },
    })
    expect(booked()).toBe(1)
  })
  it('answers NOT_FOUND for someone else’s booking and leaves it alone', async () => {
    const made = await create(1)
    expect(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: expectOk(made).id }, 'resident-b')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect((await h.store.bookings.get(expectOk(made).id))?.status).toBe('booked')
  })
})

describe('booking.reschedule', () => {
  const move = (id: string, date: string, start: string, openid = 'resident-a') =>
    h.call('booking', { action: 'reschedule', centerId: 'lsw', id, date, start }, openid)

  it('moves to the new slot, keeps the code, and frees the old seat', async () => {
    const made = await create(1)
    const b = expectOk(made)
    const res = await move(b.id, '2026-11-30', '14:00')
    expect(res).toMatchObject({
      ok: true,
      data: { id: b.id, code: b.code, date: '2026-11-30', start: '14:00', end: '14:30', status: 'booked' },
    })
    expect(booked()).toBe(0)
    expect(booked('2026-11-30', '14:00')).toBe(1)
  })
  it('answers the moved booking to the same move sent again', async () => {
    const made = await create(1)
    const id = expectOk(made).id
    await move(id, '2026-11-30', '14:00')
    expect(await move(id, '2026-11-30', '14:00')).toMatchObject({ ok: true, data: { date: '2026-11-30', start: '14:00' } })
    expect(booked('2026-11-30', '14:00')).toBe(1)
  })
  describe('when the move fails', () => {
    it('leaves the original booking and its seat intact on SLOT_FULL', async () => {
      setCapacity('lsw-medical-remote', 1)
      const made = await create(1)
      await create(2, { start: '10:00' })
      const before = await h.call('booking', { action: 'get', centerId: 'lsw', id: expectOk(made).id })
      const res = await move(expectOk(made).id, '2026-11-27', '10:00')
      expect(res).toMatchObject({ ok: false, error: { code: 'SLOT_FULL', message: '该时段已约满，原预约保持不变，请选择其他时段' } })
      expect(await h.call('booking', { action: 'get', centerId: 'lsw', id: expectOk(made).id })).toEqual(before)
      expect(booked()).toBe(1)
      expect(booked('2026-11-27', '10:00')).toBe(1)
    })
    it('leaves it intact on CLOSED and on a slot within the lead time', async () => {
      const made = await create(1)
      const id = expectOk(made).id
      expect(await move(id, '2026-11-28', '09:00')).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
      expect(await move(id, '2026-11-26', '09:00')).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
      expect(await h.store.bookings.get(id)).toMatchObject({ date: '2026-11-27', start: '09:00', status: 'booked' })
      expect(booked()).toBe(1)
    })
    it('refuses a cancelled booking with CONFLICT and someone else’s with NOT_FOUND', async () => {
      const made = await create(1)
      const id = expectOk(made).id
      expect(await move(id, '2026-11-30', '09:00', 'resident-b')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      await h.call('booking', { action: 'cancel', centerId: 'lsw', id })
      expect(await move(id, '2026-11-30', '09:00')).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '该预约已取消，不能改约' },
      })
      expect(booked('2026-11-30', '09:00')).toBe(0)
    })
  })
})
