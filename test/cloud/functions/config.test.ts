/** @timezone */
import { loadQueueSetup } from '@cloud/functions/queue/queue-setup'
import { bookingHarness, createInput, type BookingHarness } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'

const ADMIN = 'dev-admin-sun'
const SERVICE = 'lsw-medical-remote'

describe('config function', () => {
  let h: BookingHarness
  beforeEach(() => (h = bookingHarness()))
  afterEach(() => h.close())
  // Answers are read loosely here: each test checks the envelope it expects.
  const call = (...args: Parameters<BookingHarness['call']>): Promise<any> => h.call(...args)

  const get = async () => (await call('config', { action: 'get', centerId: 'lsw' }, ADMIN)).data
  const serviceInput = async (id: string, changes: Record<string, unknown> = {}) => {
    const s = (await get()).services.find((x: { id: string }) => x.id === id)
    const { categoryName: _c, retired: _r, upcomingBookings: _u, ...fields } = s
    return { action: 'saveService', centerId: 'lsw', ...fields, ...changes }
  }
  const slot = async (date: string, start: string) => {
    const a = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data
    return a.days.find((d: { date: string }) => d.date === date).slots.find((s: { start: string }) => s.start === start)
  }

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
      expect(c.queueRules).toEqual({ greenAge: 70, defaultGreenAge: 70 })
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
        const [entry] = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'config.', limit: 1 })
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
        expect(h.store.db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'").get()).toEqual({ n: 3 })
        expect(await slot('2026-11-27', '09:00')).toMatchObject({ capacity: 3, remaining: 0, available: false, note: '已约满' })
        expect(await slot('2026-11-27', '09:30')).toMatchObject({ capacity: 2, remaining: 2 })
        // A cancellation gives the seat back, but the slot now holds only 2 at most.
        const booked = h.store.db.prepare("SELECT id, openid FROM bookings WHERE status = 'booked' LIMIT 1").get() as {
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
      expect(h.store.db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'").get()).toEqual({ n: 1 })
    })
  })

  describe('setServiceRetired', () => {
    it('refuses while bookings are pending, retires once none are', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE }) })
      expect(
        (await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: true }, ADMIN)).error,
      ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 个未办理的预约') })
      h.store.db.prepare("UPDATE bookings SET status = 'completed'").run()
      expectOk(await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: true }, ADMIN))
      expect((await call('center', { action: 'getService', centerId: 'lsw', serviceId: SERVICE })).error.code).toBe('NOT_FOUND')
      expect((await get()).services.find((s: { id: string }) => s.id === SERVICE).retired).toBe(true)
      expectOk(await call('config', { action: 'setServiceRetired', centerId: 'lsw', id: SERVICE, retired: false }, ADMIN))
      expectOk(await call('center', { action: 'getService', centerId: 'lsw', serviceId: SERVICE }))
    })
  })

  describe('center and days', () => {
    const card = {
      action: 'updateCenter',
      centerId: 'lsw',
      name: '灵山卫街道公共服务中心',
      address: '青岛西海岸新区灵山卫街道灵山湾路 1 号',
      phone: '0532-86100001',
      latitude: 35.94,
      longitude: 120.11,
    }

    it('saves hours per weekday and the slot grid follows', async () => {
      const res = await call(
        'config',
        { ...card, hours: { sessions: [{ start: '09:00', end: '12:00' }], byWeekday: { '5': [{ start: '09:00', end: '10:00' }] } } },
        ADMIN,
      )
      expect(res.data.config.center.hoursText).toEqual(['工作日 09:00–12:00', '周五 09:00–10:00', '法定节假日休息，调休上班日照常办公'])
      expect((await call('center', { action: 'getInfo', centerId: 'lsw' })).data.hours.byWeekday).toEqual({
        '5': [{ start: '09:00', end: '10:00' }],
      })
      const friday = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data.days.find(
        (d: { date: string }) => d.date === '2026-11-27',
      )
      expect(friday.slots.map((s: { start: string }) => s.start)).toEqual(['09:00', '09:30'])
    })

    it('reports bookings the new hours leave outside, and keeps them', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE, date: '2026-11-27', start: '14:00' }) })
      const res = await call('config', { ...card, hours: { sessions: [{ start: '09:00', end: '12:00' }] } }, ADMIN)
      expect(res.data.affected).toMatchObject([{ serviceId: SERVICE, date: '2026-11-27', start: '14:00', reason: 'off_grid' }])
    })

    it('refuses overlapping, reversed or out-of-day sessions and a wrong phone', async () => {
      const res = await call(
        'config',
        {
          ...card,
          phone: '12345',
          latitude: 80,
          hours: {
            sessions: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
            byWeekday: { '6': [{ start: '05:00', end: '08:00' }] },
          },
        },
        ADMIN,
      )
      expect(res.error.fields).toMatchObject({
        phone: expect.stringContaining('固定电话'),
        latitude: '纬度应在 3–54 之间（中国境内）',
        'hours.sessions': '09:00–12:00 与 11:00–13:00 重叠或顺序不对，请按时间先后填写',
        'hours.byWeekday.6': '05:00–08:00：办公时间应在 06:00–22:00 之间',
      })
      expect((await call('config', { ...card, hours: { sessions: [] } }, ADMIN)).error.fields['hours.sessions']).toBe(
        '请至少填写一个办公时段',
      )
    })

    it('closes a day with bookings: the bookings are kept and listed, the day shows closed with the reason', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE, date: '2026-11-30', start: '10:00' }) })
      const res = await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-11-30', open: false, reason: '系统升级' }, ADMIN)
      expect(res.data.affected).toMatchObject([
        { date: '2026-11-30', start: '10:00', reason: 'closed_day', reasonText: '该日已设为不办公' },
      ])
      expect(res.data.notice).toContain('已给 1 位办事人发消息，请其改约。')
      // The resident is told, with a one-tap 改约; telling again (the same closure saved twice) adds nothing.
      await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-11-30', open: false, reason: '系统升级' }, ADMIN)
      const inbox = (await call('booking', { action: 'listMessages', centerId: 'lsw' })).data.items.filter(
        (m: { kind: string }) => m.kind === 'closure',
      )
      expect(inbox).toEqual([
        expect.objectContaining({
          title: '预约日不办公，请改约',
          body: expect.stringContaining('这一天（系统升级）中心不对外办公'),
          link: expect.stringContaining('rescheduleId='),
        }),
      ])
      expect(res.data.config.days).toContainEqual({ date: '2026-11-30', weekday: '周一', open: false, reason: '系统升级' })
      const day = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data.days.find(
        (d: { date: string }) => d.date === '2026-11-30',
      )
      expect(day).toMatchObject({ open: false, reason: '系统升级', slots: [] })
      // An extra Saturday opening.
      await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-11-28', open: true, reason: '周六加班' }, ADMIN)
      const saturday = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data.days.find(
        (d: { date: string }) => d.date === '2026-11-28',
      )
      expect(saturday).toMatchObject({ open: true, kind: 'center_open' })
      expect(
        (await call('config', { action: 'removeDay', centerId: 'lsw', date: '2026-11-30' }, ADMIN)).data.config.days.map(
          (d: { date: string }) => d.date,
        ),
      ).toEqual(['2026-11-28'])
      expect(
        (await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-11-01', open: false, reason: '系统升级' }, ADMIN)).error
          .fields,
      ).toEqual({ date: '不能设置已经过去的日期' })
    })
  })

  describe('windows and communities', () => {
    it('adds a window, refuses a taken number, refuses removing one in use', async () => {
      expect(
        (await call('config', { action: 'saveWindow', centerId: 'lsw', number: 7, name: '综合受理' }, ADMIN)).data.config.windows,
      ).toHaveLength(7)
      expect((await call('config', { action: 'saveWindow', centerId: 'lsw', number: 2, name: '综合受理' }, ADMIN)).error.fields).toEqual({
        number: '已有 2 号窗口',
      })
      expect((await call('config', { action: 'removeWindow', centerId: 'lsw', id: 'lsw-w2' }, ADMIN)).error.code).toBe('CONFLICT')
    })

    it('renames a community everywhere staff scopes name it, and makes the responsible worker cover it', async () => {
      const c = (await get()).communities.find((x: { name: string }) => x.name === '城东社区')
      await call(
        'config',
        { action: 'saveCommunity', centerId: 'lsw', id: c.id, name: '城东新社区', responsibleOpenid: 'dev-grid-ma' },
        ADMIN,
      )
      const chen = (await h.store.staff.rolesOf('lsw', 'dev-grid-chen'))[0].grant
      expect(chen.communities).toEqual(['灵山卫社区', '城东新社区'])
      const ma = (await h.store.staff.rolesOf('lsw', 'dev-grid-ma'))[0].grant
      expect(ma.communities).toContain('城东新社区')
      const after = (await get()).communities.find((x: { id: string }) => x.id === c.id)
      expect(after).toMatchObject({ name: '城东新社区', responsibleName: '马海燕' })
      expect(
        (await call('config', { action: 'saveCommunity', centerId: 'lsw', name: '东风村', responsibleOpenid: null }, ADMIN)).error.fields,
      ).toEqual({ name: '已有同名的社区/村' })
      expect(
        (await call('config', { action: 'saveCommunity', centerId: 'lsw', name: '新建村', responsibleOpenid: 'dev-clerk-liu' }, ADMIN))
          .error.fields,
      ).toEqual({ responsibleOpenid: '请选择本中心的网格员' })
    })
  })

  describe('rules', () => {
    const rules = {
      horizonWorkingDays: 5,
      leadMinutes: 60,
      maxActiveBookings: 2,
      noShowGraceMinutes: 10,
      noShowLimit: 3,
      noShowWindowDays: 90,
      noShowBlockDays: 30,
      reminderFrom: '09:00',
    }

    it('saves booking rules and availability follows the horizon', async () => {
      await call('config', { action: 'updateBookingRules', centerId: 'lsw', rules }, ADMIN)
      const a = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data
      expect(a).toMatchObject({ leadMinutes: 60, lastDate: '2026-12-03' })
      expect((await h.store.centers.get('lsw'))!.bookingRules).toEqual({
        horizonWorkingDays: 5,
        leadMinutes: 60,
        maxActiveBookings: 2,
        noShowGraceMinutes: 10,
      })
    })

    it('refuses rules out of range with the range in words', async () => {
      const res = await call(
        'config',
        {
          action: 'updateBookingRules',
          centerId: 'lsw',
          rules: { ...rules, horizonWorkingDays: 0, leadMinutes: 2000, reminderFrom: '23:00' },
        },
        ADMIN,
      )
      expect(res.error.fields).toEqual({
        'rules.horizonWorkingDays': '可预约天数应在 1–30 个工作日 之间',
        'rules.leadMinutes': '提前预约时间应在 0–1440 分钟 之间',
        'rules.reminderFrom': '提醒发送时间应在 06:00–21:00 之间',
      })
    })

    it('saves the green-channel age and home-certification thresholds', async () => {
      await call('config', { action: 'updateQueueRules', centerId: 'lsw', greenAge: 65 }, ADMIN)
      expect((await h.store.centers.get('lsw'))!.queueRules).toEqual({ greenAge: 65 })
      // The queue orders by the center's own age from its next action on.
      expect((await loadQueueSetup(h.ctx(null), 'lsw')).rules.greenAge).toBe(65)
      expect((await loadQueueSetup(h.ctx(null), 'yz')).rules.greenAge).toBe(70)
      expect((await call('config', { action: 'updateQueueRules', centerId: 'lsw', greenAge: 50 }, ADMIN)).error.fields).toEqual({
        greenAge: '绿色通道年龄应在 60–100 岁 之间',
      })
      const hc = {
        minAge: 75,
        overdueWorkingDays: 5,
        windowHorizonWorkingDays: 10,
        maxWindows: 3,
        scheduleHorizonWorkingDays: 20,
        dueSoonDays: 30,
      }
      await call('config', { action: 'updateHomecertRules', centerId: 'lsw', rules: hc }, ADMIN)
      expect(await h.store.homecert.rules('lsw')).toEqual({ minAge: 75, overdueWorkingDays: 5 })
      const bad = await call(
        'config',
        { action: 'updateHomecertRules', centerId: 'lsw', rules: { ...hc, scheduleHorizonWorkingDays: 5 } },
        ADMIN,
      )
      expect(bad.error.fields).toEqual({ 'rules.scheduleHorizonWorkingDays': '安排上门的范围不能短于家属可选的范围' })
    })
  })

  describe('role checks', () => {
    const actions: Record<string, unknown>[] = [
      { action: 'get' },
      {
        action: 'updateCenter',
        name: '灵山卫街道公共服务中心',
        address: '青岛西海岸新区灵山卫街道',
        phone: '0532-86100001',
        latitude: 35.9,
        longitude: 120.1,
        hours: { sessions: [{ start: '09:00', end: '12:00' }] },
      },
      { action: 'setDay', date: '2026-12-01', open: false, reason: '系统升级' },
      { action: 'removeDay', date: '2026-12-01' },
      { action: 'setServiceRetired', id: SERVICE, retired: true },
      { action: 'saveWindow', number: 9, name: '综合受理' },
      { action: 'removeWindow', id: 'lsw-w6' },
      { action: 'saveCommunity', name: '新建村', responsibleOpenid: null },
      { action: 'removeCommunity', id: 'lsw-c-dongfeng' },
      {
        action: 'updateBookingRules',
        rules: {
          horizonWorkingDays: 5,
          leadMinutes: 60,
          maxActiveBookings: 2,
          noShowGraceMinutes: 10,
          noShowLimit: 3,
          noShowWindowDays: 90,
          noShowBlockDays: 30,
          reminderFrom: '09:00',
        },
      },
      { action: 'updateQueueRules', greenAge: 65 },
      {
        action: 'updateHomecertRules',
        rules: {
          minAge: 75,
          overdueWorkingDays: 5,
          windowHorizonWorkingDays: 10,
          maxWindows: 3,
          scheduleHorizonWorkingDays: 20,
          dueSoonDays: 30,
        },
      },
    ]
    for (const who of ['dev-resident-wang', 'dev-clerk-liu', 'dev-grid-chen', 'dev-supervisor-zhou']) {
      it(`refuses ${who} with FORBIDDEN on every action and changes nothing`, async () => {
        const before = await get()
        for (const a of [...actions, await serviceInput(SERVICE, { slotCapacity: 9 })]) {
          const res = await call('config', { centerId: 'lsw', ...a }, who)
          expect([a.action, res.error?.code]).toEqual([a.action, 'FORBIDDEN'])
        }
        expect(await get()).toEqual(before)
      })
    }
    it('refuses the admin of one center in another', async () => {
      expect((await call('config', { action: 'get', centerId: 'yz' }, ADMIN)).error.code).toBe('FORBIDDEN')
    })
  })
})
