import type { AuditEntry } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  centerId: 'lsw',
  actorOpenid: 'dev-admin-sun',
  actorName: '孙丽',
  action: 'staff.invite',
  recordType: 'invite',
  recordId: `r${n}`,
  recordLabel: null,
  detail: null,
  at: `2026-11-26T0${n % 10}:00:00.000Z`,
  ...overrides,
})

export function auditContract(store: StoreAccess): void {
  it("lists a center's entries newest first and continues below an id", async () => {
    for (let n = 0; n < 5; n++) await store().audit.record(entry(n))
    await store().audit.record(entry(9, { centerId: 'yz' }))
    const all = await store().audit.list({ centerId: 'lsw', limit: 10 })
    expect(all.map((e) => e.recordId)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0'])
    expect(all[0]).toEqual({ ...entry(4), id: expect.any(Number) })
    const next = await store().audit.list({ centerId: 'lsw', beforeId: all[1].id, limit: 2 })
    expect(next.map((e) => e.recordId)).toEqual(['r2', 'r1'])
  })

  it('filters by actor, action prefix, record and time range', async () => {
    await store().audit.record(entry(1, { action: 'queue.callNext', actorOpenid: 'dev-clerk-liu', recordType: 'ticket' }))
    await store().audit.record(entry(2, { action: 'queue.recall', actorOpenid: 'dev-clerk-liu', recordType: 'ticket' }))
    await store().audit.record(entry(3, { action: 'queueing.other' }))
    await store().audit.record(entry(4, { action: 'config.saveService', recordType: 'service', recordId: 'svc', detail: '改名' }))
    const ids = async (q: Partial<Parameters<ReturnType<StoreAccess>['audit']['list']>[0]>) =>
      (await store().audit.list({ centerId: 'lsw', limit: 10, ...q })).map((e) => e.recordId)
    expect(await ids({ actionPrefix: 'queue.' })).toEqual(['r2', 'r1'])
    expect(await ids({ actorOpenid: 'dev-clerk-liu' })).toEqual(['r2', 'r1'])
    expect(await ids({ recordType: 'service', recordId: 'svc' })).toEqual(['svc'])
    expect(await ids({ from: '2026-11-26T02:00:00.000Z', to: '2026-11-26T04:00:00.000Z' })).toEqual(['r3', 'r2'])
  })

  it('finds a record by its id or by the start of its human number', async () => {
    await store().audit.record(entry(1, { recordType: 'homecert', recordId: 'hc-1', recordLabel: '20261126-001 赵*厚' }))
    await store().audit.record(entry(2, { recordType: 'homecert', recordId: 'hc-2', recordLabel: '20261126-002 钱*' }))
    await store().audit.record(entry(3, { recordType: 'case', recordId: 'c-1', recordLabel: 'DB20261126-0001' }))
    const found = async (recordId: string) => (await store().audit.list({ centerId: 'lsw', limit: 10, recordId })).map((e) => e.recordId)
    expect(await found('20261126-001')).toEqual(['hc-1'])
    expect(await found('20261126-00')).toEqual(['hc-2', 'hc-1'])
    expect(await found('DB20261126-0001')).toEqual(['c-1'])
    expect(await found('hc-2')).toEqual(['hc-2'])
    expect(await found('20261127')).toEqual([])
    expect((await store().audit.list({ centerId: 'lsw', limit: 1, recordId: 'c-1' }))[0].recordLabel).toBe('DB20261126-0001')
  })

  it('numbers entries recorded at once uniquely', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, n) => store().audit.record(entry(n))))
    const all = await store().audit.list({ centerId: 'lsw', limit: 50 })
    expect(new Set(all.map((e) => e.id)).size).toBe(20)
  })

  it('lists past the 1000 documents one database read returns', async () => {
    for (let n = 0; n < 1050; n++) await store().audit.record(entry(n, { recordId: `r${n}` }))
    const all = await store().audit.list({ centerId: 'lsw', limit: 1100 })
    expect(all).toHaveLength(1050)
    expect(all[0].recordId).toBe('r1049')
    expect(all[1049].recordId).toBe('r0')
  }, 60_000)
}
