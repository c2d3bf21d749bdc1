/**
 * Remembered configuration is never stale: a store may keep centers, services, windows, days, the arrangements and
 * staff roles
 * between calls (SQLite: its `config_generation` row; CloudBase: config-cache.ts), but a change made through any store
 * on the same database — this one, or another process or function instance — is seen by the very next call. A stale
 * closure would book a closed day; a stale capacity would sell seats that are not there.
 */
import type { ArrangementRecord, Store } from '@cloud/store/port'
import { TEST_PII } from '@test/support/test-keys'
import type { StoreAccess, StoreHarness } from '../store-contract'
import { SERVICE } from './fixtures'

/** One function call on `store`, as dispatch runs it. */
const call = <R>(store: Store, run: () => Promise<R>): Promise<R> => (store.inCall ? store.inCall(run) : run())

/** Everything a booking or availability call reads of the configuration, read in one call. */
const readAll = (store: Store) =>
  call(store, async () => ({
    center: await store.centers.get('lsw'),
    centers: await store.centers.list(),
    services: await store.centers.services('lsw'),
    allServices: await store.config.allServices('lsw'),
    service: await store.centers.service('lsw', SERVICE),
    windows: await store.centers.windows('lsw'),
    days: await store.centers.days('lsw', '2026-11-01', '2027-12-31'),
    arrangements: await store.calendar.arrangements(),
  }))

const arrangement: ArrangementRecord = {
  year: 2027,
  version: 1,
  lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }],
  source: 'entered',
  enteredBy: 'dev-district-gao',
  enteredByName: '高文华',
  enteredAt: '2026-12-04T02:00:00.000Z',
}

export function configCacheContract(store: StoreAccess, harness: StoreHarness): void {
  describe('a change made through another store (another process or function instance)', () => {
    let other: Store
    beforeEach(async () => {
      other = await harness().reopen(TEST_PII)
      // Both have read (and may remember) everything first.
      await readAll(store())
      await readAll(other)
    })

    it('sees a closure and an extra opening day at the very next call, and their removal', async () => {
      await other.config.setDay('lsw', '2026-12-01', false, '内部培训')
      await other.config.setDay('lsw', '2026-12-05', true, '周六加班')
      expect((await readAll(store())).days).toEqual({ closed: { '2026-12-01': '内部培训' }, open: { '2026-12-05': '周六加班' } })
      await other.config.removeDay('lsw', '2026-12-01')
      expect((await readAll(store())).days).toEqual({ closed: {}, open: { '2026-12-05': '周六加班' } })
    })

    it("sees a service's new capacity, name and bookability at the very next call", async () => {
      const before = (await readAll(store())).service!
      const { sort: _sort, ...rest } = before
      await other.config.saveService(
        { ...rest, sort: before.sort, name: '远程医保（改）', slotCapacity: 1, bookable: false, retired: false },
        { create: false, today: '2026-11-26' },
      )
      const after = await readAll(store())
      expect(after.service).toMatchObject({ name: '远程医保（改）', slotCapacity: 1, bookable: false })
      expect(after.services.find((s) => s.id === SERVICE)).toMatchObject({ name: '远程医保（改）', slotCapacity: 1 })
      await other.config.setServiceRetired('lsw', SERVICE, true)
      const retired = await readAll(store())
      expect(retired.service).toBeNull()
      expect(retired.services.map((s) => s.id)).not.toContain(SERVICE)
      expect(retired.allServices.find((s) => s.id === SERVICE)).toMatchObject({ name: '远程医保（改）', retired: true })
    })

    it('sees new opening hours and rules at the very next call', async () => {
      const center = (await readAll(store())).center!
      const hours = { sessions: [{ start: '09:00', end: '11:00' }] }
      await other.config.updateCenter('lsw', { ...center, name: '灵山卫中心', hours })
      await other.config.setBookingRules('lsw', { maxActiveBookings: 1 })
      const after = await readAll(store())
      expect(after.center).toMatchObject({ name: '灵山卫中心', hours, bookingRules: { maxActiveBookings: 1 } })
      expect(after.centers.find((c) => c.id === 'lsw')).toMatchObject({ name: '灵山卫中心', hours })
      await other.config.setQueueRules('lsw', { greenAge: 75 })
      expect((await readAll(store())).center).toMatchObject({ queueRules: { greenAge: 75 } })
    })

    it('sees a new window and the district’s arrangement at the very next call', async () => {
      await other.config.saveWindow({ id: 'lsw-w9', centerId: 'lsw', number: 9, name: '新窗口' }, true)
      await other.calendar.saveArrangement(arrangement)
      const after = await readAll(store())
      expect(after.windows.map((w) => w.number)).toContain(9)
      expect(after.arrangements).toEqual([arrangement])
    })
  })

  describe('staff roles (remembered with the configuration on CloudBase)', () => {
    it('a revoked role is gone, and a granted one there, at the very next call of another store', async () => {
      const other = await harness().reopen(TEST_PII)
      const roles = (openid: string) => call(store(), async () => (await store().staff.rolesOf('lsw', openid)).map((r) => r.grant.role))
      expect(await roles('dev-clerk-liu')).toEqual(['counter'])
      expect(await roles('dev-admin-sun')).not.toContain('counter')
      expect(await other.staffAdmin.revokeGrant('lsw', 'dev-clerk-liu', 'counter')).toBe('revoked')
      expect(await roles('dev-clerk-liu')).toEqual([])
      expect(await other.staffAdmin.setGrant('lsw', 'dev-admin-sun', { role: 'counter', windows: [1] }, '2026-11-26T01:00:00.000Z')).toBe(
        true,
      )
      expect(await roles('dev-admin-sun')).toContain('counter')
    })
  })

  describe('a change made by this store inside a call', () => {
    it('is read back by the same call', async () => {
      await readAll(store())
      const s = store()
      const seen = await call(s, async () => {
        await s.centers.days('lsw', '2026-11-01', '2027-12-31')
        await s.config.setDay('lsw', '2026-12-01', false, '内部培训')
        return s.centers.days('lsw', '2026-11-01', '2027-12-31')
      })
      expect(seen.closed).toEqual({ '2026-12-01': '内部培训' })
    })
  })
}
