/**
 * The delegated-case part of the store contract. Listed in
 * test/store/store-contract.ts; each case gets the store of the current test (fresh, seeded).
 */
import type { NewCase, NewCaseEvent, Store } from '@cloud/store/port'
import { ratingRecord } from './rating'

export const AT = '2026-11-26T02:00:00.000Z'
export const event = (kind: NewCaseEvent['kind'], actorOpenid = 'clerk'): NewCaseEvent => ({
  at: AT,
  actorKind: 'staff',
  actorOpenid,
  actorName: '刘芳',
  kind,
  note: null,
})

let n = 0
export const newCase = (overrides: Partial<NewCase> = {}): NewCase => ({
  id: `cs-test-${++n}`,
  centerId: 'lsw',
  serviceId: 'lsw-pension-claim',
  serviceName: '城乡居民养老保险待遇领取申请',
  processingDays: 5,
  state: 'accepted',
  channel: 'online',
  openid: 'resident-a',
  createdBy: 'resident-a',
  requestId: `req-${n}`,
  applicantName: '王德福',
  forSelf: true,
  relation: null,
  phone: '13912345678',
  description: '请帮忙',
  handover: 'window',
  address: null,
  assigneeOpenid: null,
  assigneeName: null,
  acceptedAt: AT,
  claimCodeHash: null,
  claimExpiresAt: null,
  ...overrides,
})

/** Opens case `c` numbered for `date`, with a two-item checklist, the accept event and its 消息 (the store's `create`). */
export const createCase = (store: Store, c: NewCase, date = '2026-11-26', maxOpen = 5) =>
  store.cases.create(c, {
    date,
    numberOf: (seq) => `DB${date.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`,
    materials: [
      { name: '身份证', copies: '原件' },
      { name: '户口簿', copies: '复印件 1 份' },
    ],
    event: event('accept'),
    message: (s) => ({
      centerId: s.centerId,
      openid: s.openid ?? 'nobody',
      bookingId: null,
      kind: 'case',
      title: '已受理',
      body: s.caseNo,
      templateId: null,
      createdAt: AT,
    }),
    maxOpen,
  })

export function casesContract(current: () => Store): void {
  const create = (c: NewCase, date = '2026-11-26', maxOpen = 5) => createCase(current(), c, date, maxOpen)
  const created = async (c: NewCase = newCase()) => {
    const r = await create(c)
    if (r.kind !== 'created') throw new Error(r.kind)
    return r.case
  }

  describe('create', () => {
    it('numbers each date from 1, with the checklist, the first event and the 消息', async () => {
      const a = await create(newCase())
      const b = await create(newCase(), '2026-11-27')
      const c = await create(newCase())
      expect([a, b, c].map((r) => r.kind === 'created' && r.case.caseNo)).toEqual(['DB20261126-0001', 'DB20261127-0001', 'DB20261126-0002'])
      const id = a.kind === 'created' ? a.case.id : ''
      expect((await current().cases.materials(id)).map((m) => [m.index, m.name, m.status])).toEqual([
        [0, '身份证', 'pending'],
        [1, '户口簿', 'pending'],
      ])
      expect((await current().cases.timeline(id)).map((e) => [e.seq, e.kind, e.fromState, e.toState])).toEqual([
        [1, 'accept', null, 'accepted'],
      ])
      expect((await current().messages.listFor('lsw', 'resident-a', 10)).map((m) => m.id)).toContain(`case-${id}-1`)
    })
    it('answers a repeated (creator, request id) with the first case, even when both arrive at once', async () => {
      const both = await Promise.all([
        create(newCase({ id: 'cs-same-1', requestId: 'same' })),
        create(newCase({ id: 'cs-same-2', requestId: 'same' })),
      ])
      expect(both.map((r) => r.kind).sort()).toEqual(['created', 'duplicate'])
      expect(new Set(both.map((r) => (r.kind === 'created' || r.kind === 'duplicate') && r.case.id)).size).toBe(1)
      expect(await current().cases.listByOwner('lsw', 'resident-a', ['accepted'], 10)).toHaveLength(1)
    })
    it('gives 30 cases created at once 30 different numbers', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => create(newCase({ openid: `r${i}`, createdBy: `r${i}` }))))
      const numbers = results.map((r) => (r.kind === 'created' ? r.case.caseNo : r.kind))
      expect(new Set(numbers).size).toBe(30)
    })
    it('refuses an online case over the owner’s open cases, even when they race', async () => {
      for (let i = 0; i < 4; i++) await created()
      const racing = await Promise.all(Array.from({ length: 6 }, () => create(newCase())))
      expect(racing.filter((r) => r.kind === 'created').length).toBeLessThanOrEqual(1)
      expect((await current().cases.listByOwner('lsw', 'resident-a', ['accepted'], 20)).length).toBeLessThanOrEqual(5)
      expect(await create(newCase(), '2026-11-26', 4)).toEqual({ kind: 'too_many_open' })
    })
  })

  describe('step', () => {
    it('moves only from the state read; the loser of two steps writes nothing', async () => {
      const c = await created()
      const both = await Promise.all([
        current().cases.step(c.id, { from: 'accepted', to: 'processing', patch: {}, event: event('start') }),
        current().cases.step(c.id, { from: 'accepted', to: 'rejected', patch: { stoppedAt: AT }, event: event('reject') }),
      ])
      expect(both.filter(Boolean)).toHaveLength(1)
      expect((await current().cases.timeline(c.id)).map((e) => e.seq)).toEqual([1, 2])
    })
    it('writes the originals given back with the step, and its 消息', async () => {
      const c = await created()
      const received = (await current().cases.addOriginal(c.id, {
        kind: 'received',
        name: '户口簿',
        count: 1,
        note: null,
        receivedId: null,
        byOpenid: 'clerk',
        byName: '刘芳',
        at: AT,
      }))!
      await current().cases.step(c.id, { from: 'accepted', to: 'processing', patch: {}, event: event('start') })
      const done = await current().cases.step(c.id, {
        from: 'processing',
        to: 'concluded',
        patch: { result: '已办结', department: '区社保中心' },
        event: { ...event('conclude'), result: '已办结' },
        originals: [
          { kind: 'returned', name: '户口簿', count: 1, note: null, receivedId: received.id, byOpenid: 'clerk', byName: '刘芳', at: AT },
        ],
        message: {
          centerId: 'lsw',
          openid: 'resident-a',
          bookingId: null,
          kind: 'case',
          title: '已办结',
          body: '请取件',
          templateId: null,
          createdAt: AT,
        },
      })
      expect(done).toMatchObject({ state: 'concluded', result: '已办结', department: '区社保中心' })
      expect((await current().cases.originals(c.id)).map((o) => [o.kind, o.receivedId])).toEqual([
        ['received', null],
        ['returned', received.id],
      ])
      expect((await current().cases.timeline(c.id)).at(-1)).toMatchObject({ seq: 3, kind: 'conclude', result: '已办结' })
      expect((await current().messages.listFor('lsw', 'resident-a', 10)).map((m) => m.id)).toContain(`case-${c.id}-3`)
    })
    it('keeps an online request in 已提交（待受理） and moves its acceptance time with the accept step', async () => {
      const c = await created(newCase({ state: 'applied' }))
      expect(c).toMatchObject({ state: 'applied', acceptedAt: AT })
      expect((await current().cases.timeline(c.id)).map((e) => [e.kind, e.toState])).toEqual([['accept', 'applied']])
      const later = '2026-11-27T01:30:00.000Z'
      const accepted = await current().cases.step(c.id, {
        from: 'applied',
        to: 'accepted',
        patch: { acceptedAt: later },
        event: { ...event('accept'), at: later },
      })
      expect(accepted).toMatchObject({ state: 'accepted', acceptedAt: later })
      expect(await current().cases.get(c.id)).toMatchObject({ state: 'accepted', acceptedAt: later })
    })
    it('writes an event that leaves the state as it is (a reply without the material)', async () => {
      const c = await created()
      await current().cases.step(c.id, { from: 'accepted', to: 'needs_supplement', patch: {}, event: event('ask_supplement') })
      const replied = await current().cases.step(c.id, {
        from: 'needs_supplement',
        to: 'needs_supplement',
        patch: {},
        event: { ...event('reply', 'resident-a'), actorKind: 'resident', note: '明天送到窗口' },
      })
      expect(replied).toMatchObject({ state: 'needs_supplement' })
      expect((await current().cases.timeline(c.id)).at(-1)).toMatchObject({
        kind: 'reply',
        fromState: 'needs_supplement',
        toState: 'needs_supplement',
        note: '明天送到窗口',
      })
    })
    it('refuses a reply naming a photo that is not the actor’s pending one, and attaches the actor’s', async () => {
      const c = await created()
      await current().cases.step(c.id, { from: 'accepted', to: 'processing', patch: {}, event: event('start') })
      await current().cases.step(c.id, {
        from: 'processing',
        to: 'needs_supplement',
        patch: { pauses: [{ from: AT, to: null }] },
        event: event('ask_supplement'),
      })
      await current().cases.addPhoto(
        {
          id: 'ph-mine',
          caseId: c.id,
          openid: 'resident-a',
          file: 'data:image/jpeg;base64,/9j/',
          bytes: 3,
          eventSeq: null,
          createdAt: AT,
        },
        3,
      )
      const reply = (photoIds: string[]) =>
        current().cases.step(c.id, {
          from: 'needs_supplement',
          to: 'processing',
          patch: { pauses: [{ from: AT, to: AT }] },
          event: { ...event('supplement', 'resident-a'), actorKind: 'resident' },
          photoIds,
        })
      expect(await reply(['ph-mine', 'ph-other'])).toBeNull()
      expect((await current().cases.get(c.id))!.state).toBe('needs_supplement')
      expect(await reply(['ph-mine'])).toMatchObject({ state: 'processing', pauses: [{ from: AT, to: AT }] })
      // A row from before the file store keeps its data URL, read as it is.
      expect(await current().cases.photo(c.id, 'ph-mine')).toMatchObject({ eventSeq: 4, file: 'data:image/jpeg;base64,/9j/' })
    })
    it('drops the actor’s photos left out of a reply when asked, files too, keeping the ones sent', async () => {
      const c = await created()
      await current().cases.step(c.id, { from: 'accepted', to: 'needs_supplement', patch: {}, event: event('ask_supplement') })
      const files: Record<string, string> = {}
      for (const id of ['ph-a', 'ph-b']) {
        files[id] = await current().files.put(`cases/${c.id}`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1]), 'jpeg')
        await current().cases.addPhoto(
          { id, caseId: c.id, openid: 'resident-a', file: files[id], bytes: 5, eventSeq: null, createdAt: AT },
          6,
        )
      }
      const replied = await current().cases.step(c.id, {
        from: 'needs_supplement',
        to: 'processing',
        patch: {},
        event: { ...event('supplement', 'resident-a'), actorKind: 'resident' },
        photoIds: ['ph-a'],
        discardPendingPhotos: true,
      })
      expect(replied).toMatchObject({ state: 'processing' })
      expect((await current().cases.photo(c.id, 'ph-a'))!.eventSeq).toBe(3)
      expect(await current().cases.photo(c.id, 'ph-b')).toBeNull()
      expect(await current().files.url(files['ph-b'], 60)).toBeNull()
      expect(await current().files.url(files['ph-a'], 60)).not.toBeNull()
    })
  })

  describe('the rest of a case', () => {
    it('ticks checklist items, reassigns from the expected holder only, and gives each original back once', async () => {
      const c = await created()
      expect(await current().cases.tickMaterial(c.id, 1, 'received', null, { openid: 'clerk', name: '刘芳' }, AT)).toMatchObject({
        index: 1,
        status: 'received',
        reason: null,
        byName: '刘芳',
      })
      expect(await current().cases.tickMaterial(c.id, 9, 'received', null, { openid: 'clerk', name: '刘芳' }, AT)).toBeNull()
      await current().cases.tickMaterial(c.id, 0, 'not_applicable', '公安系统已核验身份', { openid: 'clerk', name: '刘芳' }, AT)
      expect((await current().cases.materials(c.id)).map((m) => [m.status, m.reason])).toEqual([
        ['not_applicable', '公安系统已核验身份'],
        ['received', null],
      ])
      const both = await Promise.all(
        ['a', 'b'].map((who) => current().cases.reassign(c.id, null, { openid: who, name: who }, event('reassign'))),
      )
      expect(both.filter(Boolean)).toHaveLength(1)
      const r = (await current().cases.addOriginal(c.id, {
        kind: 'received',
        name: '身份证',
        count: 1,
        note: null,
        receivedId: null,
        byOpenid: 'clerk',
        byName: '刘芳',
        at: AT,
      }))!
      const give = () =>
        current().cases.addOriginal(c.id, {
          kind: 'returned',
          name: '身份证',
          count: 1,
          note: null,
          receivedId: r.id,
          byOpenid: 'clerk',
          byName: '刘芳',
          at: AT,
        })
      const gives = await Promise.all([give(), give()])
      expect(gives.filter(Boolean)).toHaveLength(1)
      expect(await give()).toBeNull()
      expect((await current().cases.materials(c.id))[1].status).toBe('received')
    })
    it('lists for staff the cases whose rating (the ratings area’s) is a 差评', async () => {
      const c = await created()
      const good = await created()
      await current().ratings.rate(ratingRecord({ service: 'case', subjectId: c.id, level: 2 }))
      await current().ratings.rate(ratingRecord({ service: 'case', subjectId: good.id, level: 3 }))
      // Another service's 差评 with a case's id is not a case's.
      await current().ratings.rate(ratingRecord({ service: 'counter', subjectId: good.id, level: 1 }))
      const staff = (q: Partial<Parameters<Store['cases']['listForStaff']>[0]>) =>
        current().cases.listForStaff({ centerId: 'lsw', states: ['accepted'], limit: 10, ...q })
      expect((await staff({ lowRating: true })).map((x) => x.id)).toEqual([c.id])
      expect(await staff({})).toHaveLength(2)
      expect((await staff({ caseNo: c.caseNo })).map((x) => x.id)).toEqual([c.id])
      expect(await staff({ phoneTail: '5678' })).toHaveLength(2)
      expect(await staff({ assignee: null })).toHaveLength(2)
      expect(await staff({ centerId: 'yz' })).toEqual([])
    })
    it('keeps a resident to the most pending photos even when uploads race', async () => {
      const c = await created()
      const up = (i: number) =>
        current().cases.addPhoto(
          {
            id: `ph-${i}`,
            caseId: c.id,
            openid: 'resident-a',
            file: `cases/${c.id}/${String(i).repeat(32)}.jpg`,
            bytes: 1,
            eventSeq: null,
            createdAt: AT,
          },
          3,
        )
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => up(i)))
      expect(results.filter(Boolean).length).toBeLessThanOrEqual(3)
      expect(await current().cases.photo(c.id, 'nope')).toBeNull()
    })
    it('links a counter case to the one resident who claims its code first; the code is spent', async () => {
      const c = await created(newCase({ channel: 'counter', openid: null, createdBy: 'clerk' }))
      expect(await current().cases.setClaimCode(c.id, 'hash-1', '2026-11-27T00:00:00.000Z')).toBe(true)
      const claims = await Promise.all(
        ['r1', 'r2'].map((who) =>
          current().cases.claim('hash-1', who, AT, (x) => ({ ...event('claim', who), actorKind: 'resident', note: x.caseNo })),
        ),
      )
      expect(claims.map((r) => r.kind).sort()).toEqual(['claimed', 'used'])
      const winner = claims.find((r) => r.kind === 'claimed')!
      const who = winner.kind === 'claimed' ? winner.case.openid! : ''
      expect(await current().cases.claim('hash-1', who, AT, () => event('claim'))).toMatchObject({ kind: 'claimed' })
      expect(await current().cases.claim('nope', who, AT, () => event('claim'))).toEqual({ kind: 'unknown' })
      expect(await current().cases.setClaimCode(c.id, 'hash-2', '2026-11-27T00:00:00.000Z')).toBe(false)
      expect((await current().cases.timeline(c.id)).map((e) => e.kind)).toEqual(['accept', 'claim'])
    })
    it('counts a caller’s failed claims since an instant', async () => {
      await current().cases.recordClaimFailure('r1', '2026-11-26T01:00:00.000Z')
      await current().cases.recordClaimFailure('r1', '2026-11-26T02:00:00.000Z')
      await current().cases.recordClaimFailure('r2', '2026-11-26T02:00:00.000Z')
      expect(await current().cases.claimFailuresSince('r1', '2026-11-26T01:30:00.000Z')).toBe(1)
      expect(await current().cases.claimFailuresSince('r1', '2026-11-26T00:00:00.000Z')).toBe(2)
    })
    it('lists the center’s clerks with their roles', async () => {
      const clerks = await current().cases.clerks('lsw')
      expect(clerks.find((c) => c.openid === 'dev-clerk-liu')).toMatchObject({ name: '刘芳', roles: ['counter'] })
      expect(clerks.find((c) => c.openid === 'dev-admin-sun')!.roles).toContain('admin')
      expect(clerks.some((c) => c.openid === 'dev-grid-chen')).toBe(false)
    })
  })
}
