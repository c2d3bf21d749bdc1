/** @timezone */
import { bookingHarness, createInput, type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'

let h: BookingHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  h = harnesses.next()
})
afterEach(() => h.close())

const availability = (params: Record<string, unknown> = {}) =>
  h.call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: 'lsw-medical-remote', ...params }, null)

const days = async (params: Record<string, unknown> = {}) => expectOk(await availability(params)).days

describe('center.getAvailability', () => {
  describe('when asked without a range', () => {
    it('returns today through 7 working days later, weekends closed with the reason', async () => {
      const res = await availability()
      expect(res).toMatchObject({
        ok: true,
        data: {
          serviceName: '异地就医备案',
          slotMinutes: 30,
          leadMinutes: 30,
          today: '2026-11-26',
          lastDate: '2026-12-07',
          subscribeTemplateIds: [],
        },
      })
      const list = expectOk(res).days
      expect(list.map((d) => d.date)).toEqual([
        '2026-11-26',
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
        '2026-11-30',
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
        '2026-12-07',
      ])
      expect(list[2]).toMatchObject({ date: '2026-11-28', weekday: '周六', open: false, kind: 'weekend', reason: '周末休息', slots: [] })
      expect(list[1].slots).toHaveLength(13)
      expect(list[1].slots[0]).toEqual({
        start: '09:00',
        end: '09:30',
        capacity: 4,
        remaining: 4,
        available: true,
        tooSoon: false,
        started: false,
      })
    })
  })
  describe('when the range runs over 国庆 and its 调休 Saturday', () => {
    it('shows the holiday closed with its name and the 调休 Saturday open', async () => {
      h.setNow('2026-09-29T09:00:00+08:00')
      const list = await days()
      expect(list.at(-1)?.date).toBe('2026-10-14')
      expect(list.find((d) => d.date === '2026-10-01')).toMatchObject({ open: false, kind: 'holiday', reason: '国庆节', slots: [] })
      expect(list.find((d) => d.date === '2026-10-10')).toMatchObject({ open: true, kind: 'adjusted_workday', reason: '国庆节调休上班' })
      expect(list.find((d) => d.date === '2026-10-10')?.slots).toHaveLength(13)
      expect(list.find((d) => d.date === '2026-10-11')).toMatchObject({ open: false, reason: '周末休息' })
    })
  })
  describe('when today’s slots start within the lead time', () => {
    it('marks a started one 时间已过 and offers the one at the lead time', async () => {
      h.setNow('2026-11-26T09:00:00+08:00')
      const today = (await days())[0]
      expect(today.slots[0]).toMatchObject({ start: '09:00', available: false, tooSoon: true, started: true, note: '时间已过' })
      expect(today.slots[1]).toMatchObject({ start: '09:30', available: true, tooSoon: false, started: false })
    })
    it('says why a slot not yet started cannot be booked, in the center’s rule', async () => {
      h.setNow('2026-11-26T08:40:00+08:00')
      const today = (await days())[0]
      expect(today.slots[0]).toMatchObject({ start: '09:00', available: false, tooSoon: true, started: false, note: '需提前 30 分钟预约' })
      expect(today.slots[1]).toMatchObject({ start: '09:30', available: true })
    })
    it('computes this in Beijing time: at 23:50 UTC it is already the next morning', async () => {
      h.setNow('2026-11-26T00:50:00Z') // 08:50 in Beijing
      const res = await availability()
      expect(expectOk(res).today).toBe('2026-11-26')
      expect(expectOk(res).days[0].slots[0]).toMatchObject({ start: '09:00', available: false })
      expect(expectOk(res).days[0].slots[1]).toMatchObject({ start: '09:30', available: true })
    })
  })
  describe('when seats are taken', () => {
    it('counts them down and marks a full slot 已约满', async () => {
      h.store.db.prepare("UPDATE services SET slot_capacity = 2 WHERE id = 'lsw-medical-remote'").run()
      await h.call('booking', { action: 'create', ...createInput(1) })
      let slot = (await days())[1].slots[0]
      expect(slot).toEqual({ start: '09:00', end: '09:30', capacity: 2, remaining: 1, available: true, tooSoon: false, started: false })
      await h.call('booking', { action: 'create', ...createInput(2) })
      slot = (await days())[1].slots[0]
      expect(slot).toEqual({
        start: '09:00',
        end: '09:30',
        capacity: 2,
        remaining: 0,
        available: false,
        tooSoon: false,
        started: false,
        note: '已约满',
      })
    })
    it('does not count another service’s seats', async () => {
      await h.call('booking', { action: 'create', ...createInput(1, { serviceId: 'lsw-senior-card' }) })
      expect((await days())[1].slots[0].remaining).toBe(4)
    })
  })
  describe('when a range is given', () => {
    it('starts at `from` and returns `days` days, clipped to the horizon', async () => {
      expect((await days({ from: '2026-12-01', days: 3 })).map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03'])
      expect((await days({ from: '2026-12-06', days: 10 })).map((d) => d.date)).toEqual(['2026-12-06', '2026-12-07'])
      expect(await days({ from: '2026-12-20' })).toEqual([])
    })
    it('never starts before today', async () => {
      expect((await days({ from: '2026-11-01', days: 1 })).map((d) => d.date)).toEqual(['2026-11-26'])
    })
    it('refuses a malformed range with field errors', async () => {
      expect(await availability({ from: '2026-13-01', days: 0 })).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          fields: { from: '请按 2026-12-31 的格式填写开始日期（须是实际存在的日期）', days: '天数至少为 1' },
        },
      })
    })
  })
  describe('when the service cannot be booked', () => {
    it('answers NOT_FOUND for an unknown service and CONFLICT for one without booking', async () => {
      expect(await availability({ serviceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await availability({ serviceId: 'lsw-cert-home' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
  })
  describe('when a subscribe template is configured', () => {
    it('lists it for the submit tap', async () => {
      const configured = bookingHarness({ settings: { reminderTemplateId: 'tmpl-reminder' } })
      try {
        const res = await configured.call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: 'lsw-medical-remote' })
        expect(expectOk(res).subscribeTemplateIds).toEqual(['tmpl-reminder'])
      } finally {
        configured.close()
      }
    })
  })
  describe('when the other center has Friday afternoons off', () => {
    it('offers only the morning on a Friday', async () => {
      const res = await h.call('center', {
        action: 'getAvailability',
        centerId: 'yz',
        serviceId: 'yz-senior-card',
        from: '2026-11-27',
        days: 1,
      })
      const slots = expectOk(res).days[0].slots
      expect(slots.at(-1)?.end).toBe('12:00')
      expect(slots).toHaveLength(7)
    })
  })
})
