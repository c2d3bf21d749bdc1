/** @timezone */
/** The config function's services: get, saveService, setServiceRetired (the rest: config.test.ts). */
import { createInput } from '@test/support/booking-harness'
import { ADMIN, SERVICE, configHarness } from '@test/support/config-harness'
import { expectOk } from '@test/support/expect-ok'

describe('config function: services', () => {
  const { call, get, serviceInput, slot, h: harness } = configHarness()

  describe('get', () => {
    it('returns the center, services with seats per slot, windows, communities, rules and defaults', async () => {
      const c = await get()
      expect(c.center).toMatchObject({
        id: 'lsw',
        name: '灵山卫街道公共服务中心',
        hours: {
          sessions: [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:00' },
          ],
        },
      })
      expect(c.services.find((s: { id: string }) => s.id === SERVICE)).toMatchObject({
        slotCapacity: 4,
        bookable: true,
        retired: false,
        upcomingBookings: 0,
      })
      expect(c.windows.find((w: { number: number }) => w.number === 2)).toMatchObject({ name: '社保医保', clerkCount: 1 })
      expect(c.communities.find((x: { name: string }) => x.name === '东风村')).toMatchObject({
        responsibleOpenid: 'dev-grid-ma',
        responsibleName: '马海燕',
      })
      expect(c.bookingRules.current.leadMinutes).toBe(30)
      expect(c.queueRules).toEqual({ greenAge: 70, defaultGreenAge: 70, soonAhead: 3, defaultSoonAhead: 3 })
      // The closure form's date wheel runs from the server's today to a year ahead.
      expect(c).toMatchObject({ today: '2026-11-26', lastDayAhead: '2027-11-27' })
      expect(c.homecertRules.current.minAge).toBe(80)
    })
  })

  describe('saveService', () => {
    describe('when the capacity is raised', () => {
      it('shows the new seats in center.getAvailability, for slots with bookings too', async () => {
        await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE, date: '2026-11-27', start: '09:00' }) })
        expect(await slot('2026-11-27', '09:00')).toMatchObject({ capacity: 4, remaining: 3 })
        const res = await call('config', await serviceInput(SERVICE, { slotCapacity: 6 }), ADMIN)
        expectOk(res)
        expect(res.data.affected).toEqual([])
        expect(await slot('2026-11-27', '09:00')).toMatchObject({ capacity: 6, remaining: 5 })
        expect(await slot('2026-11-27', '09:30')).toMatchObject({ capacity: 6, remaining: 6 })
        const [entry] = await harness().store.audit.list({ centerId: 'lsw', actionPrefix: 'config.', limit: 1 })
        expect(entry).toMatchObject({ action: 'config.updateService', recordId: SERVICE, detail: '每个时段名额：4 → 6' })
      })
    })

    describe('when the capacity is lowered below what is booked', () => {
      it('keeps every booking, reports the slot, and offers no seat there', async () => {
        for (let n = 1; n <= 3; n++)
          expect(
            (await call('booking', { action: 'create', ...createInput(n, { serviceId: SERVICE, date: '2026-11-27', start: '09:00' }) })).ok,
          ).toBe(true)
        const res = await call('config', await serviceInput(SERVICE, { slotCapacity: 2 }), ADMIN)
        expect(res.data.affected).toEqual([
          {
            serviceId: SERVICE,
            serviceName: expect.any(String),
            date: '2026-11-27',
            weekday: '周五',
            start: '09:00',
            booked: 3,
            capacity: 3,
            reason: 'over_capacity',
            reasonText: '已约人数超过新的名额',
          },
        ])
        expect(res.data.notice).toContain('有 1 个已预约的时段受影响，预约均已保留')
        expect(harness().store.db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'").get()).toEqual({ n: 3 })
        expect(await slot('2026-11-27', '09:00')).toMatchObject({ capacity: 3, remaining: 0, available: false, note: '已约满' })
        expect(await slot('2026-11-27', '09:30')).toMatchObject({ capacity: 2, remaining: 2 })
        // A cancellation gives the seat back, but the slot now holds only 2 at most.
        const booked = harness().store.db.prepare("SELECT id, openid FROM bookings WHERE status = 'booked' LIMIT 1").get() as {
          id: string
          openid: string
        }
        await call('booking', { action: 'cancel', centerId: 'lsw', id: booked.id }, booked.openid)
        expect(await slot('2026-11-27', '09:00')).toMatchObject({ capacity: 3, remaining: 1 })
      })
    })

    describe('when the slot length changes', () => {
      it('keeps bookings whose start is no longer on the grid and reports them', async () => {
        await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE, date: '2026-11-27', start: '09:30' }) })
        const res = await call('config', await serviceInput(SERVICE, { slotMinutes: 60 }), ADMIN)
        expect(res.data.affected).toMatchObject([{ date: '2026-11-27', start: '09:30', booked: 1, reason: 'off_grid' }])
        const a = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data
        expect(a.slotMinutes).toBe(60)
      })
    })

    it('creates a new bookable service that appears in the guide', async () => {
      const res = await call(
        'config',
        {
          action: 'saveService',
          centerId: 'lsw',
          category: 'elderly',
          name: '老年人助餐服务登记',
          summary: '60 周岁以上老人登记社区助餐',
          materials: [{ name: '本人居民身份证', copies: '原件' }],
          processingDays: 0,
          bookable: true,
          delegable: false,
          windowIds: ['lsw-w4'],
          slotMinutes: 20,
          slotCapacity: 3,
        },
        ADMIN,
      )
      expect(res).toMatchObject({ ok: true })
      const guide = (await call('center', { action: 'listServices', centerId: 'lsw', q: '助餐服务' })).data
      expect(guide.services.map((s: { id: string }) => s.id)).toContain(res.data.serviceId)
      const a = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: res.data.serviceId })).data
      expect(a.days.find((d: { open: boolean }) => d.open).slots[0]).toMatchObject({ capacity: 3, remaining: 3 })
    })

    it('refuses values out of range, in Chinese, per field', async () => {
      const res = await call(
        'config',
        await serviceInput(SERVICE, { slotMinutes: 25, slotCapacity: 0, processingDays: 999, windowIds: [], name: '医' }),
        ADMIN,
      )
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.fields).toMatchObject({
        slotMinutes: expect.stringContaining('10、15、20、30'),
        slotCapacity: '每个时段的名额应在 1–100 个 之间',
        processingDays: '办理时限应在 0–180 个工作日 之间',
        windowIds: '请至少选择一个办理窗口',
        name: '事项名称至少 2 个字',
      })
      expect((await call('config', await serviceInput(SERVICE, { windowIds: ['yz-w1'] }), ADMIN)).error.fields).toEqual({
        windowIds: '请选择本中心的窗口',
      })
      const other = (await get()).services.find((s: { id: string }) => s.id !== SERVICE)
      expect((await call('config', await serviceInput(SERVICE, { name: other.name }), ADMIN)).error.fields).toEqual({
        name: '本中心已有同名事项',
      })
    })

    it('stops new bookings when bookable is turned off and keeps those made', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE }) })
      const res = await call('config', await serviceInput(SERVICE, { bookable: false }), ADMIN)
      expect(res.data.notice).toContain('已停止接受新的预约，已有的 1 个预约保留')
      expect((await call('booking', { action: 'create', ...createInput(2, { serviceId: SERVICE }) })).error.code).toBe('CONFLICT')
      expect(harness().store.db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'").get()).toEqual({ n: 1 })
    })
  })

  describe('setServiceRetired', () => {
    it('refuses while bookings are pending, retires once none are', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE }) })
      expect(
        (await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: true }, ADMIN)).error,
      ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 个未办理的预约') })
      harness().store.db.prepare("UPDATE bookings SET status = 'completed'").run()
      expectOk(await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: true }, ADMIN))
      expect((await call('center', { action: 'getService', centerId: 'lsw', serviceId: SERVICE })).error.code).toBe('NOT_FOUND')
      expect((await get()).services.find((s: { id: string }) => s.id === SERVICE).retired).toBe(true)
      expectOk(await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: false }, ADMIN))
      expectOk(await call('center', { action: 'getService', centerId: 'lsw', serviceId: SERVICE }))
    })
  })
})
