import type { StoreAccess } from '../store-contract'

export function centersContract(store: StoreAccess): void {
  it('lists the seeded centers in order, and reads one', async () => {
    const centers = await store().centers.list()
    expect(centers.map((c) => c.id)).toEqual(['lsw', 'yz'])
    expect(centers[1]).toMatchObject({
      id: 'yz',
      name: '隐珠街道便民服务中心',
      hours: { byWeekday: { '5': [{ start: '08:30', end: '12:00' }] } },
      bookingRules: {},
      queueRules: {},
    })
    expect(await store().centers.get('yz')).toEqual(centers[1])
    expect(await store().centers.get('nope')).toBeNull()
  })

  it("reads a center's windows by number and its services in guide order", async () => {
    expect((await store().centers.windows('yz')).map((w) => [w.id, w.number, w.centerId])).toEqual([
      ['yz-w1', 1, 'yz'],
      ['yz-w2', 2, 'yz'],
    ])
    const services = await store().centers.services('yz')
    expect(services.map((s) => s.id)).toEqual(['yz-cert-counter', 'yz-senior-card', 'yz-dibao'])
    expect(services[0]).toEqual({
      id: 'yz-cert-counter',
      centerId: 'yz',
      category: 'retirement_cert',
      name: '养老金资格认证（隐珠窗口）',
      summary: '退休人员每年一次的养老金领取资格认证',
      keywords: [],
      materials: [{ name: '本人居民身份证', copies: '原件' }],
      notes: [],
      processingDays: 0,
      bookable: true,
      delegable: false,
      windowIds: ['yz-w1', 'yz-w2'],
      slotMinutes: 30,
      perWindowCapacity: 2,
      slotCapacity: null,
      sort: 0,
    })
    expect(await store().centers.service('yz', 'yz-dibao')).toEqual(services[2])
    expect(await store().centers.service('lsw', 'yz-dibao')).toBeNull()
  })

  it('leaves retired services out of the guide', async () => {
    await store().config.setServiceRetired('yz', 'yz-dibao', true)
    expect((await store().centers.services('yz')).map((s) => s.id)).toEqual(['yz-cert-counter', 'yz-senior-card'])
    expect(await store().centers.service('yz', 'yz-dibao')).toBeNull()
  })

  it("reads the center's own closures and extra opening days within a range", async () => {
    await store().config.setDay('lsw', '2026-12-01', false, '内部培训')
    await store().config.setDay('lsw', '2026-12-05', true, '周六加班')
    await store().config.setDay('lsw', '2026-12-20', false, '范围外')
    await store().config.setDay('yz', '2026-12-02', false, '别的中心')
    expect(await store().centers.days('lsw', '2026-12-01', '2026-12-10')).toEqual({
      closed: { '2026-12-01': '内部培训' },
      open: { '2026-12-05': '周六加班' },
    })
  })

  it('answers the roles a person holds in a center', async () => {
    const roles = await store().staff.rolesOf('lsw', 'dev-admin-sun')
    expect(roles.map((r) => r.grant.role)).toEqual(['admin', 'supervisor'])
    expect(roles[1]).toEqual({
      name: '孙丽',
      grant: { role: 'supervisor', communities: ['灵山卫社区', '城东社区', '南门外村', '北门外村', '东风村'] },
    })
    expect(await store().staff.rolesOf('yz', 'dev-admin-sun')).toEqual([])
  })
}
