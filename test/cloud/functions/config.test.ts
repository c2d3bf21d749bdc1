/** @timezone */
/** The config function's center, days, windows, communities and rules, and its role checks (services: config-services.test.ts). */
import { loadQueueSetup } from '@cloud/functions/queue/queue-setup'
import { createInput } from '@test/support/booking-harness'
import { ADMIN, SERVICE, configHarness } from '@test/support/config-harness'

describe('config function', () => {
  const { call, get, serviceInput, h: harness } = configHarness()

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

    it('saves the whole week the hours form sends as the usual day and the weekdays that differ', async () => {
      const [am, pm] = [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]
      const byWeekday = { '1': [am, pm], '2': [am, pm], '3': [], '4': [am, pm], '5': [am], '6': [am, pm], '7': [am, pm] }
      const res = await call('config', { ...card, hours: { sessions: [am, pm], byWeekday } }, ADMIN)
      expect((await harness().store.centers.get('lsw'))!.hours).toEqual({ sessions: [am, pm], byWeekday: { '3': [], '5': [am] } })
      expect(res.data.config.center.hoursText).toEqual([
        '工作日 08:30–12:00、13:30–17:30',
        '周三 不对外办公',
        '周五 08:30–12:00',
        '法定节假日休息，调休上班日照常办公',
      ])
      const days = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data.days
      const on = (date: string) => days.find((d: { date: string }) => d.date === date)
      // Wednesday 2 December: open on the calendar, but no session, so no slot.
      expect(on('2026-12-02').slots).toEqual([])
      expect(on('2026-11-27').slots.at(-1).start).toBe('11:30')
      expect(on('2026-11-30').slots.at(-1).start).toBe('17:00')
    })

    it('refuses coordinates out of range, with too many decimals or not numbers, naming the expected form; nothing is written', async () => {
      const before = await harness().store.centers.get('lsw')
      const hours = { sessions: [{ start: '09:00', end: '12:00' }] }
      const fields = async (latitude: unknown, longitude: unknown) =>
        (await call('config', { ...card, name: '改了名字的中心', hours, latitude, longitude }, ADMIN)).error.fields
      expect(await fields(120.11, 35.94)).toEqual({
        latitude: '纬度应在 3 到 54 之间（中国境内），例如 36.0671',
        longitude: '经度应在 73 到 136 之间（中国境内），例如 120.1852',
      })
      expect(await fields(35.9412345, 120.1)).toEqual({ latitude: '纬度最多保留 6 位小数，例如 36.0671' })
      expect(await fields(null, '120.1')).toEqual({ latitude: '纬度请填写数字，例如 36.0671', longitude: '经度请填写数字，例如 120.1852' })
      expect(await harness().store.centers.get('lsw')).toEqual(before)
      // Six decimals, as WeChat's map gives them, are kept as they are.
      await call('config', { ...card, hours, latitude: 35.941234, longitude: 120.112345 }, ADMIN)
      expect(await harness().store.centers.get('lsw')).toMatchObject({ latitude: 35.941234, longitude: 120.112345 })
    })

    it('says a malformed time or date in the expected form, beside the field', async () => {
      const res = await call('config', { ...card, hours: { sessions: [{ start: '9:00', end: '12:00' }] } }, ADMIN)
      expect(res.error.fields).toEqual({ 'hours.sessions.0.start': '请按 09:00 的格式填写开始时间（24 小时制）' })
      const day = await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-12-32', open: false, reason: '设备检修' }, ADMIN)
      expect(day.error.fields).toEqual({ date: '请按 2026-12-31 的格式填写日期（须是实际存在的日期）' })
      expect((await get()).days).toEqual([])
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
        latitude: '纬度应在 3 到 54 之间（中国境内），例如 36.0671',
        'hours.sessions': '09:00–12:00 与 11:00–13:00 重叠或顺序不对，请按时间先后填写',
        'hours.byWeekday.6': '05:00–08:00：办公时间应在 06:00–22:00 之间',
      })
      expect((await call('config', { ...card, hours: { sessions: [] } }, ADMIN)).error.fields['hours.sessions']).toBe(
        '周一至周五至少要有一天办公：请打开一天并选好上午或下午的时间',
      )
    })

    it('closes a day with bookings: the bookings are kept and listed, the day shows closed with the reason', async () => {
      await call('booking', { action: 'create', ...createInput(1, { serviceId: SERVICE, date: '2026-11-30', start: '10:00' }) })
      const res = await call('config', { action: 'setDay', centerId: 'lsw', date: '2026-11-30', open: false, reason: '系统升级' }, ADMIN)
      expect(res.data.affected).toMatchObject([
        { date: '2026-11-30', start: '10:00', reason: 'closed_day', reasonText: '该日已设为不办公' },
      ])
      expect(res.data.notice).toBe(
        '11月30日 周一设为不办公（系统升级）。有 1 个已预约的时段受影响，预约均已保留。已给 1 位办事人发消息，请其改约。',
      )
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
      ).toEqual({ date: '请选择 11月26日（今天）到 2027年11月27日 之间的日期' })
      expect(
        (await call('config', { action: 'setDay', centerId: 'lsw', date: '2027-11-28', open: false, reason: '系统升级' }, ADMIN)).error
          .fields,
      ).toEqual({ date: '请选择 11月26日（今天）到 2027年11月27日 之间的日期' })
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
      const chen = (await harness().store.staff.rolesOf('lsw', 'dev-grid-chen'))[0].grant
      expect(chen.communities).toEqual(['灵山卫社区', '城东新社区'])
      const ma = (await harness().store.staff.rolesOf('lsw', 'dev-grid-ma'))[0].grant
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
      expect((await harness().store.centers.get('lsw'))!.bookingRules).toEqual({
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
      expect((await harness().store.centers.get('lsw'))!.queueRules).toEqual({ greenAge: 65 })
      // The 即将到号 count is saved with it; the age stays, and a form without the count keeps it.
      const saved = await call('config', { action: 'updateQueueRules', centerId: 'lsw', greenAge: 65, soonAhead: 5 }, ADMIN)
      expect(saved.data.config.queueRules).toEqual({ greenAge: 65, defaultGreenAge: 70, soonAhead: 5, defaultSoonAhead: 3 })
      expect(saved.data.notice).toBe('排队规则已保存：65 岁以上优先叫号，前面还有 5 人时发即将到号提醒。')
      await call('config', { action: 'updateQueueRules', centerId: 'lsw', greenAge: 66 }, ADMIN)
      expect((await harness().store.centers.get('lsw'))!.queueRules).toEqual({ greenAge: 66, soonAhead: 5 })
      expect((await loadQueueSetup(harness().ctx(null), 'lsw')).rules.soonAhead).toBe(5)
      expect(
        (await call('config', { action: 'updateQueueRules', centerId: 'lsw', greenAge: 66, soonAhead: 0 }, ADMIN)).error.fields,
      ).toEqual({ soonAhead: '即将到号提醒人数应在 1–10 人 之间' })
      expect((await harness().store.centers.get('lsw'))!.queueRules).toEqual({ greenAge: 66, soonAhead: 5 })
      // The queue orders by the center's own age from its next action on.
      expect((await loadQueueSetup(harness().ctx(null), 'lsw')).rules.greenAge).toBe(66)
      expect((await loadQueueSetup(harness().ctx(null), 'yz')).rules.greenAge).toBe(70)
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
      expect(await harness().store.homecert.rules('lsw')).toEqual({ minAge: 75, overdueWorkingDays: 5 })
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
