/**
 * The home-certification part of the store contract. Listed in
 * test/store/store-contract.ts; each case gets the store of the current test (fresh, seeded).
 */
import { requestNumber } from '@/core/home-certification'
import type { HomecertTransition, NewHomecert, NewMessage, Store } from '@cloud/store/port'

export const AT = '2026-11-26T01:00:00.000Z'

/** A family's request for an elder (also used by the SQLite-only cases in test/cloud/store/sqlite/homecert-repo.test.ts). */
export function newRequest(n: number, overrides: Partial<NewHomecert> = {}): NewHomecert {
  return {
    id: `hc-test-${n}`,
    centerId: 'lsw',
    communityId: 'lsw-c-lingshanwei',
    requesterOpenid: `family-${n}`,
    requestId: `req-${n}`,
    elderName: '张桂兰',
    elderIdSealed: 'v1.sealed',
    elderIdHash: 'hash-of-elder',
    elderIdMasked: '3702**********1234',
    elderBirthDate: '1941-05-01',
    elderPhone: null,
    elderAddress: '灵山湾路 88 号',
    category: 'elderly',
    disabilitySealed: null,
    disabilityKind: null,
    disabilityGrade: null,
    reason: null,
    requesterSelf: false,
    requesterName: '赵敏',
    requesterPhone: '13812345678',
    relation: 'parent',
    windows: [{ date: '2026-11-27', half: 'am' }],
    note: null,
    waitingSince: '2026-11-26',
    createdAt: AT,
    ...overrides,
  }
}
export const step = (openid: string): HomecertTransition['step'] => ({
  action: 'submit',
  at: AT,
  actorRole: 'family',
  actorOpenid: openid,
  actorName: '赵敏',
  detail: null,
  note: null,
})
export const message = (id: string, openid = 'family-1'): NewMessage => ({
  id,
  centerId: 'lsw',
  openid,
  bookingId: null,
  kind: 'homecert',
  title: 't',
  body: 'b',
  templateId: null,
  createdAt: AT,
})

const transition = (
  from: HomecertTransition['from'],
  to: HomecertTransition['to'],
  changes: HomecertTransition['changes'] = {},
  messages: NewMessage[] = [],
): HomecertTransition => ({
  from,
  to,
  changes,
  messages,
  step: {
    action: to === 'assigned' ? 'assign' : to === 'certified' ? 'certify' : 'cancel',
    at: AT,
    actorRole: 'supervisor',
    actorOpenid: 'sup',
    actorName: '周敏',
    detail: null,
    note: null,
  },
})

export function homecertContract(current: () => Store): void {
  const create = (n: number, overrides: Partial<NewHomecert> = {}, date = '2026-11-26') =>
    current().homecert.create(newRequest(n, overrides), date, requestNumber, step(`family-${n}`), (r) =>
      message(`m-${r.id}`, r.requesterOpenid),
    )

  it('reads the seeded communities, their grid workers with phones, and default rules', async () => {
    expect((await current().homecert.communities('lsw')).map((c) => [c.name, c.responsibleOpenid])).toEqual([
      ['灵山卫社区', 'dev-grid-chen'],
      ['城东社区', 'dev-grid-chen'],
      ['南门外村', 'dev-grid-ma'],
      ['北门外村', 'dev-grid-ma'],
      ['东风村', 'dev-grid-ma'],
    ])
    expect(await current().homecert.gridWorkers('lsw')).toEqual([
      { openid: 'dev-grid-chen', name: '陈志强', communities: ['灵山卫社区', '城东社区'], phone: '13905320101' },
      { openid: 'dev-grid-ma', name: '马海燕', communities: ['南门外村', '北门外村', '东风村'], phone: '13905320102' },
    ])
    expect(await current().homecert.rules('lsw')).toEqual({})
  })

  describe('create', () => {
    it('numbers each center’s requests per day from 001', async () => {
      expect(await create(1)).toMatchObject({ kind: 'created', request: { number: '20261126-001', status: 'submitted', version: 1 } })
      expect(await create(2, { elderIdHash: 'other' })).toMatchObject({ request: { number: '20261126-002' } })
      expect(await create(3, { elderIdHash: 'third', centerId: 'yz', communityId: 'yz-c-yinzhu' })).toMatchObject({
        request: { number: '20261126-001' },
      })
      expect(await create(4, { elderIdHash: 'fourth' }, '2026-11-27')).toMatchObject({ request: { number: '20261127-001' } })
    })
    it('answers a repeated (requester, request id) with the first request', async () => {
      const first = await create(1)
      expect(await create(1)).toEqual({ kind: 'duplicate', request: first.kind === 'created' && first.request })
    })
    it('writes the first timeline step and the 消息 with the request', async () => {
      await create(1)
      expect(await current().homecert.timeline('hc-test-1')).toEqual([
        expect.objectContaining({
          requestId: 'hc-test-1',
          seq: 1,
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          actorRole: 'family',
        }),
      ])
      expect(await current().messages.listFor('lsw', 'family-1', 5)).toHaveLength(1)
    })
    it('keeps one request in progress per elder: 10 families submitting at once get one request', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(i + 1)))
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(1)
      const winner = results.find((r) => r.kind === 'created')!.request
      expect(results.filter((r) => r.kind === 'active_exists').every((r) => r.request.id === winner.id)).toBe(true)
      expect(await current().homecert.activeForElder('hash-of-elder')).toMatchObject({ id: winner.id })
    })
    it('lets the elder be asked for again once the request in progress is over', async () => {
      await create(1)
      expect(await create(2)).toMatchObject({ kind: 'active_exists' })
      await current().homecert.transition('hc-test-1', transition({ status: 'submitted', version: 1 }, 'cancelled', { closedAt: AT }))
      expect(await create(2)).toMatchObject({ kind: 'created', request: { id: 'hc-test-2' } })
    })
  })

  describe('transition', () => {
    const assign = (version: number) =>
      transition({ status: 'submitted', version }, 'assigned', { workerOpenid: 'dev-grid-chen', workerName: '陈志强' }, [
        message('m-assign'),
      ])
    it('moves the request, bumps its version, writes the step and the 消息', async () => {
      await create(1)
      expect(await current().homecert.transition('hc-test-1', assign(1))).toMatchObject({
        status: 'assigned',
        version: 2,
        workerName: '陈志强',
      })
      expect((await current().homecert.timeline('hc-test-1')).map((s) => [s.seq, s.fromStatus, s.toStatus])).toEqual([
        [1, null, 'submitted'],
        [2, 'submitted', 'assigned'],
      ])
      expect((await current().messages.listFor('lsw', 'family-1', 5)).map((m) => m.id)).toContain('m-assign')
    })
    it('keeps an outcome’s method, evidence and actual visit day (none on a new request)', async () => {
      const created = await create(1)
      expect(created.kind === 'created' && created.request).toMatchObject({
        verifyMethod: null,
        evidenceNote: null,
        evidencePhoto: null,
        visitedOn: null,
      })
      const photo = 'data:image/jpeg;base64,/9j/4AAQ'
      const changes = {
        certifiedOn: '2026-11-27',
        nextDue: '2027-11-27',
        verifyMethod: 'video' as const,
        evidenceNote: '视频中核对本人',
        evidencePhoto: photo,
        visitedOn: '2026-11-27',
        closedAt: AT,
      }
      expect(
        await current().homecert.transition('hc-test-1', transition({ status: 'submitted', version: 1 }, 'certified', changes)),
      ).toMatchObject(changes)
      expect(await current().homecert.get('hc-test-1')).toMatchObject(changes)
    })
    it('answers null and writes nothing when the status or version read is stale', async () => {
      await create(1)
      await current().homecert.transition('hc-test-1', assign(1))
      expect(await current().homecert.transition('hc-test-1', assign(1))).toBeNull()
      expect(await current().homecert.timeline('hc-test-1')).toHaveLength(2)
    })
    it('lets one of two transitions from the same version through', async () => {
      await create(1)
      const both = await Promise.all([
        current().homecert.transition('hc-test-1', assign(1)),
        current().homecert.transition('hc-test-1', transition({ status: 'submitted', version: 1 }, 'cancelled')),
      ])
      expect(both.filter(Boolean)).toHaveLength(1)
      expect(await current().homecert.timeline('hc-test-1')).toHaveLength(2)
    })
  })

  describe('lists', () => {
    it('filters staff lists by status, community and worker, oldest or newest first', async () => {
      await create(1)
      await create(2, { elderIdHash: 'b', communityId: 'lsw-c-dongfeng', createdAt: '2026-11-26T02:00:00.000Z' })
      await current().homecert.transition(
        'hc-test-2',
        transition({ status: 'submitted', version: 1 }, 'assigned', { workerOpenid: 'dev-grid-ma', workerName: '马海燕' }),
      )
      const ids = async (q: Partial<Parameters<Store['homecert']['listForStaff']>[0]>) =>
        (
          await current().homecert.listForStaff({ centerId: 'lsw', statuses: ['submitted', 'assigned'], order: 'oldest', limit: 10, ...q })
        ).map((r) => r.id)
      expect(await ids({})).toEqual(['hc-test-1', 'hc-test-2'])
      expect(await ids({ order: 'newest' })).toEqual(['hc-test-2', 'hc-test-1'])
      expect(await ids({ statuses: ['assigned'] })).toEqual(['hc-test-2'])
      expect(await ids({ communityIds: ['lsw-c-lingshanwei'] })).toEqual(['hc-test-1'])
      expect(await ids({ communityIds: [] })).toEqual([])
      expect(await ids({ workerOpenid: 'dev-grid-ma' })).toEqual(['hc-test-2'])
      expect(await ids({ centerId: 'yz' })).toEqual([])
      expect((await current().homecert.listByRequester('lsw', 'family-2', 5)).map((r) => r.id)).toEqual(['hc-test-2'])
    })
  })

  describe('the yearly cycle', () => {
    const certify = (id: string, nextDue: string) =>
      current().homecert.transition(
        id,
        transition({ status: 'submitted', version: 1 }, 'certified', { certifiedOn: '2025-12-01', nextDue, closedAt: AT }),
      )
    it('lists certified requests due in the window, leaving out elders asked for again, and reminds each once', async () => {
      await create(1, { elderIdHash: 'e1' })
      await create(2, { elderIdHash: 'e2' })
      await certify('hc-test-1', '2026-12-01')
      await certify('hc-test-2', '2026-12-05')
      // e2's family asked again since: its old request is not due any more.
      await create(3, { elderIdHash: 'e2', createdAt: '2026-11-26T03:00:00.000Z' })
      const due = await current().homecert.dueBy('lsw', '2025-11-26', '2026-12-31', { limit: 10, unremindedOnly: true })
      expect(due.map((r) => r.id)).toEqual(['hc-test-1'])
      expect(await current().homecert.lastCertified('e1')).toMatchObject({ id: 'hc-test-1' })
      const twice = await Promise.all([1, 2].map(() => current().homecert.recordDueReminder('hc-test-1', AT, message('due-hc-test-1'))))
      expect(twice.filter(Boolean)).toHaveLength(1)
      expect(await current().homecert.dueBy('lsw', '2025-11-26', '2026-12-31', { limit: 10, unremindedOnly: true })).toEqual([])
      expect((await current().messages.listFor('lsw', 'family-1', 10)).filter((m) => m.id === 'due-hc-test-1')).toHaveLength(1)
    })
  })
}
