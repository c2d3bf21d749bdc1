import type { ServiceConfigRecord } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'
import { booking, DAY, GUARD, kinds, nextCode, NOW, seats, SERVICE, slot } from './fixtures'

const TODAY = '2026-11-26'

const service = (overrides: Partial<ServiceConfigRecord> = {}): ServiceConfigRecord => ({
  id: 'yz-new',
  centerId: 'yz',
  category: 'elderly',
  name: '新事项',
  summary: '说明',
  keywords: ['关键词'],
  materials: [{ name: '身份证', copies: '原件' }],
  notes: [],
  processingDays: 1,
  bookable: true,
  delegable: false,
  windowIds: ['yz-w1'],
  slotMinutes: 30,
  perWindowCapacity: 2,
  slotCapacity: null,
  sort: 0,
  retired: false,
  ...overrides,
})

export function configContract(store: StoreAccess): void {
  describe('services', () => {
    it('creates a service at the end of the guide and refuses a name another active service has', async () => {
      const saved = await store().config.saveService(service(), { create: true, today: TODAY })
      expect(saved).toEqual({ kind: 'saved', service: { ...service(), sort: 3 } })
      expect((await store().centers.services('yz')).map((s) => s.id)).toEqual(['yz-cert-counter', 'yz-senior-card', 'yz-dibao', 'yz-new'])
      expect(
        await store().config.saveService(service({ id: 'yz-other', name: '低保申请（隐珠）' }), { create: true, today: TODAY }),
      ).toEqual({ kind: 'name_taken' })
      // A retired service's name is free again; another center's always was.
      await store().config.setServiceRetired('yz', 'yz-dibao', true)
      expect(
        (await store().config.saveService(service({ id: 'yz-other', name: '低保申请（隐珠）' }), { create: true, today: TODAY })).kind,
      ).toBe('saved')
      expect(
        (await store().config.saveService(service({ id: 'lsw-x', centerId: 'lsw', name: '新事项' }), { create: true, today: TODAY })).kind,
      ).toBe('saved')
    })

    it('saves one of two concurrent creates of one name', async () => {
      const results = await Promise.all([
        store().config.saveService(service({ id: 'a' }), { create: true, today: TODAY }),
        store().config.saveService(service({ id: 'b' }), { create: true, today: TODAY }),
      ])
      expect(kinds(results)).toEqual({ saved: 1, name_taken: 1 })
    })

    it("updates an existing service, keeping its place, and answers not_found for another center's", async () => {
      const result = await store().config.saveService(service({ id: 'yz-dibao', name: '低保', sort: 99, bookable: true }), {
        create: false,
        today: TODAY,
      })
      expect(result.kind === 'saved' && result.service).toMatchObject({
        id: 'yz-dibao',
        name: '低保',
        sort: 2,
        bookable: true,
        retired: false,
      })
      expect(await store().centers.service('yz', 'yz-dibao')).toMatchObject({ name: '低保', keywords: ['关键词'] })
      expect(await store().config.saveService(service({ id: 'yz-dibao', centerId: 'lsw' }), { create: false, today: TODAY })).toEqual({
        kind: 'not_found',
      })
    })

    it('gives future slot counters the new seats, never fewer than are booked', async () => {
      for (let n = 0; n < 3; n++) await store().bookings.create(booking(n), slot('09:00', DAY, 4), GUARD, nextCode)
      await store().bookings.create(booking(9), slot('10:00', DAY, 4), GUARD, nextCode)
      await store().bookings.create(booking(8), slot('09:00', '2026-11-20', 4), { ...GUARD, now: '2026-11-19T00:00:00.000Z' }, nextCode)
      const lsw = (await store().config.allServices('lsw')).find((s) => s.id === SERVICE)!
      await store().config.saveService({ ...lsw, slotCapacity: 2 }, { create: false, today: TODAY })
      expect(await seats(store(), '09:00')).toEqual({ capacity: 3, booked: 3 })
      expect(await seats(store(), '10:00')).toEqual({ capacity: 2, booked: 1 })
      expect(await seats(store(), '09:00', '2026-11-20')).toEqual({ capacity: 4, booked: 1 })
      expect((await store().bookings.create(booking(4), slot('10:00', DAY, 2), GUARD, nextCode)).kind).toBe('created')
      expect(await store().bookings.create(booking(5), slot('10:00', DAY, 2), GUARD, nextCode)).toEqual({ kind: 'slot_full' })
    })

    it('retires and restores a service; all services lists retired ones last', async () => {
      expect(await store().config.setServiceRetired('lsw', 'yz-dibao', true)).toBeNull()
      expect(await store().config.setServiceRetired('yz', 'yz-cert-counter', true)).toMatchObject({ id: 'yz-cert-counter', retired: true })
      expect((await store().config.allServices('yz')).map((s) => [s.id, s.retired])).toEqual([
        ['yz-senior-card', false],
        ['yz-dibao', false],
        ['yz-cert-counter', true],
      ])
      expect(await store().config.setServiceRetired('yz', 'yz-cert-counter', false)).toMatchObject({ retired: false })
      expect(await store().config.setServiceRetired('yz', 'yz-cert-counter', false)).toMatchObject({ retired: false })
    })

    it('counts booked and checked-in appointments per service from a date', async () => {
      await store().bookings.create(booking(1), slot(), GUARD, nextCode)
      await store().bookings.create(booking(2), slot(), GUARD, nextCode)
      await store().bookings.create(booking(3, { serviceId: 'lsw-pension-enroll' }), slot(), GUARD, nextCode)
      await store().bookings.create(booking(4, { serviceId: 'lsw-pension-enroll' }), slot(), GUARD, nextCode)
      await store().bookings.cancel('b4', NOW, null)
      const counts = await store().config.upcomingBookings('lsw', DAY)
      expect(Object.fromEntries(counts)).toEqual({ [SERVICE]: 2, 'lsw-pension-enroll': 1 })
      expect((await store().config.upcomingBookings('lsw', '2026-11-28')).size).toBe(0)
    })
  })

  describe('center, days and rules', () => {
    it('replaces the center card, its hours whole', async () => {
      const yz = (await store().centers.get('yz'))!
      await store().config.updateCenter('yz', {
        name: '隐珠中心',
        address: yz.address,
        phone: yz.phone,
        latitude: 1,
        longitude: 2,
        hours: { sessions: [{ start: '09:00', end: '17:00' }] },
      })
      expect(await store().centers.get('yz')).toEqual({
        ...yz,
        name: '隐珠中心',
        latitude: 1,
        longitude: 2,
        hours: { sessions: [{ start: '09:00', end: '17:00' }] },
      })
    })

    it('replaces and removes a day', async () => {
      await store().config.setDay('yz', '2026-12-01', false, '培训')
      await store().config.setDay('yz', '2026-12-01', true, '加班')
      expect(await store().centers.days('yz', '2026-12-01', '2026-12-01')).toEqual({ closed: {}, open: { '2026-12-01': '加班' } })
      expect(await store().config.removeDay('yz', '2026-12-01')).toBe(true)
      expect(await store().config.removeDay('yz', '2026-12-01')).toBe(false)
      expect(await store().centers.days('yz', '2026-12-01', '2026-12-01')).toEqual({ closed: {}, open: {} })
    })

    it('replaces the booking and queue rules whole', async () => {
      await store().config.setBookingRules('yz', { maxActiveBookings: 5, leadMinutes: 30 })
      await store().config.setBookingRules('yz', { maxActiveBookings: 2 })
      await store().config.setQueueRules('yz', { greenAge: 75 })
      expect(await store().centers.get('yz')).toMatchObject({ bookingRules: { maxActiveBookings: 2 }, queueRules: { greenAge: 75 } })
      expect((await store().centers.get('yz'))?.bookingRules).toEqual({ maxActiveBookings: 2 })
    })
  })

  describe('windows', () => {
    it('adds and renames windows, refusing a number another window has', async () => {
      expect(await store().config.saveWindow({ id: 'yz-w3', centerId: 'yz', number: 2, name: '重复' }, true)).toBe('number_taken')
      expect(await store().config.saveWindow({ id: 'yz-w3', centerId: 'yz', number: 3, name: '新窗口' }, true)).toBe('saved')
      expect(await store().config.saveWindow({ id: 'yz-w3', centerId: 'yz', number: 4, name: '改名' }, false)).toBe('saved')
      expect(await store().config.saveWindow({ id: 'nope', centerId: 'yz', number: 9, name: 'x' }, false)).toBe('not_found')
      expect((await store().centers.windows('yz')).map((w) => [w.number, w.name])).toEqual([
        [1, '综合受理'],
        [2, '社保民政'],
        [4, '改名'],
      ])
    })

    it('removes a window no active service names', async () => {
      expect(await store().config.removeWindow('yz', 'yz-w2')).toBe('in_use')
      await store().config.setServiceRetired('yz', 'yz-dibao', true)
      await store().config.saveService(
        { ...(await store().config.allServices('yz')).find((s) => s.id === 'yz-cert-counter')!, windowIds: ['yz-w1'] },
        { create: false, today: TODAY },
      )
      expect(await store().config.removeWindow('yz', 'yz-w2')).toBe('removed')
      expect(await store().config.removeWindow('yz', 'yz-w2')).toBe('not_found')
      expect(await store().config.removeWindow('lsw', 'yz-w1')).toBe('not_found')
    })
  })

  describe('communities', () => {
    it('adds a community, refuses a taken name, and a rename follows into the staff scopes', async () => {
      expect(
        await store().config.saveCommunity({ id: 'lsw-c-new', centerId: 'lsw', name: '东风村', responsibleOpenid: null, sort: 0 }, true),
      ).toBe('name_taken')
      expect(
        await store().config.saveCommunity({ id: 'lsw-c-new', centerId: 'lsw', name: '新村', responsibleOpenid: null, sort: 0 }, true),
      ).toBe('saved')
      expect(
        await store().config.saveCommunity(
          { id: 'lsw-c-dongfeng', centerId: 'lsw', name: '东风新村', responsibleOpenid: 'dev-grid-ma', sort: 0 },
          false,
        ),
      ).toBe('saved')
      expect(await store().config.saveCommunity({ id: 'nope', centerId: 'lsw', name: 'x', responsibleOpenid: null, sort: 0 }, false)).toBe(
        'not_found',
      )
      expect((await store().staff.rolesOf('lsw', 'dev-grid-ma'))[0].grant.communities).toEqual(['南门外村', '北门外村', '东风新村'])
      expect((await store().staff.rolesOf('lsw', 'dev-supervisor-zhou'))[0].grant.communities).toContain('东风新村')
      expect((await store().staff.rolesOf('lsw', 'dev-grid-chen'))[0].grant.communities).toEqual(['灵山卫社区', '城东社区'])
    })

    it('removes a community no request names, and counts none', async () => {
      expect(await store().config.removeCommunity('lsw', 'lsw-c-dongfeng')).toBe('removed')
      expect(await store().config.removeCommunity('lsw', 'lsw-c-dongfeng')).toBe('not_found')
      expect(await store().config.removeCommunity('yz', 'lsw-c-chengdong')).toBe('not_found')
      expect((await store().config.communityRequestCounts('lsw')).size).toBe(0)
    })
  })
}
