import { audit, grantOf, requireStaff } from '@cloud/runtime/staff'
import { contextFor, createTempStore, type TempStore } from '@test/support/temp-store'

describe('requireStaff', () => {
  let store: TempStore
  beforeEach(() => (store = createTempStore()))
  afterEach(() => store.dispose())

  it('returns the clerk with their windows in their own center', async () => {
    const staff = await requireStaff(contextFor(store, { openid: 'dev-clerk-liu' }), 'lsw', ['counter', 'admin'])
    expect(staff).toMatchObject({ openid: 'dev-clerk-liu', name: '刘芳', centerId: 'lsw' })
    expect(grantOf(staff, 'counter')?.windows).toEqual([1, 2, 3])
  })

  describe('when the caller holds no such role', () => {
    it('refuses a resident with FORBIDDEN', async () => {
      await expect(requireStaff(contextFor(store, { openid: 'dev-resident-wang' }), 'lsw', ['counter'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })
    it('refuses a clerk of another center with FORBIDDEN', async () => {
      await expect(requireStaff(contextFor(store, { openid: 'dev-clerk-liu' }), 'yz', ['counter'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })
    it('refuses a grid worker asking for a counter role', async () => {
      await expect(requireStaff(contextFor(store, { openid: 'dev-grid-chen' }), 'lsw', ['counter', 'admin'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })
  })

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    await expect(requireStaff(contextFor(store), 'lsw', ['admin'])).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('audit', () => {
  let store: TempStore
  beforeEach(() => (store = createTempStore()))
  afterEach(() => store.dispose())

  it('records who did what to which record and when, newest first, filterable', async () => {
    const ctx = contextFor(store, { openid: 'dev-admin-sun', now: '2026-11-26T10:00:00+08:00' })
    const admin = await requireStaff(ctx, 'lsw', ['admin'])
    await audit(ctx, admin, 'config.updateService', 'service', 'lsw-dibao', '容量 4 → 6')
    await audit(ctx, admin, 'queue.callNext', 'ticket', 't-1')
    const all = await store.audit.list({ centerId: 'lsw', limit: 10 })
    expect(all.map((e) => e.action)).toEqual(['queue.callNext', 'config.updateService'])
    expect(all[1]).toMatchObject({
      actorName: '孙丽',
      recordType: 'service',
      recordId: 'lsw-dibao',
      detail: '容量 4 → 6',
      at: '2026-11-26T02:00:00.000Z',
    })
    expect((await store.audit.list({ centerId: 'lsw', actionPrefix: 'config.', limit: 10 })).map((e) => e.recordId)).toEqual(['lsw-dibao'])
    expect(await store.audit.list({ centerId: 'yz', limit: 10 })).toEqual([])
  })
})
