import { requestNumber } from '@/core/home-certification'
import type { HomecertTransition, NewHomecert } from '@cloud/store/port'
import { AT, message, newRequest, step } from '@test/store/contract/homecert'
import { createTempStore, type TempStore } from '@test/support/temp-store'

let store: TempStore
beforeEach(() => (store = createTempStore()))
afterEach(() => store.dispose())

const create = (n: number, overrides: Partial<NewHomecert> = {}, date = '2026-11-26') =>
  store.homecert.create(newRequest(n, overrides), date, requestNumber, step(`family-${n}`), (r) => message(`m-${r.id}`, r.requesterOpenid))

describe('sqliteHomecertRepo', () => {
  it('is migrated and seeded: communities with their responsible workers, grid workers with phones', async () => {
    expect((await store.homecert.communities('lsw')).map((c) => [c.name, c.responsibleOpenid])).toEqual([
      ['灵山卫社区', 'dev-grid-chen'],
      ['城东社区', 'dev-grid-chen'],
      ['南门外村', 'dev-grid-ma'],
      ['北门外村', 'dev-grid-ma'],
      ['东风村', 'dev-grid-ma'],
    ])
    expect(await store.homecert.gridWorkers('lsw')).toEqual([
      { openid: 'dev-grid-chen', name: '陈志强', communities: ['灵山卫社区', '城东社区'], phone: '13905320101' },
      { openid: 'dev-grid-ma', name: '马海燕', communities: ['南门外村', '北门外村', '东风村'], phone: '13905320102' },
    ])
    expect(await store.homecert.gridWorkers('yz')).toEqual([])
    expect(await store.homecert.rules('lsw')).toEqual({})
  })

  // Numbering and the answer to a repeated request id are cases of the store contract (test/store/contract/homecert.ts),
  // which runs on this adapter too; here what only SQLite shows.
  describe('create', () => {
    it('answers the request in progress for the same elder, and writes nothing', async () => {
      await create(1)
      expect(await create(2)).toMatchObject({ kind: 'active_exists', request: { id: 'hc-test-1' } })
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM homecert_requests').get()).toEqual({ n: 1 })
      expect(store.db.prepare('SELECT last FROM homecert_numbers').get()).toEqual({ last: 1 })
    })
    it('writes the first timeline step and the 消息 with the request', async () => {
      await create(1)
      expect(await store.homecert.timeline('hc-test-1')).toEqual([
        expect.objectContaining({ seq: 1, action: 'submit', fromStatus: null, toStatus: 'submitted', actorRole: 'family' }),
      ])
      expect(await store.messages.listFor('lsw', 'family-1', 5)).toHaveLength(1)
    })
  })

  describe('the one-active-request index', () => {
    it('refuses a second row in progress for the same elder even when the check is bypassed', async () => {
      await create(1)
      const insert = () =>
        store.db
          .prepare(
            `INSERT INTO homecert_requests (id, number, center_id, community_id, status, version, requester_openid, request_id, elder_name, elder_id_sealed, elder_id_hash,
             elder_id_masked, elder_birth_date, elder_address, category, requester_self, requester_name, requester_phone, windows_json, waiting_since, created_at, updated_at)
             VALUES ('raw', 'x', 'lsw', 'lsw-c-lingshanwei', 'assigned', 1, 'o', 'r', 'n', 's', 'hash-of-elder', 'm', '1941-05-01', 'a', 'elderly', 0, 'n', 'p', '[]', '2026-11-26', ?, ?)`,
          )
          .run(AT, AT)
      expect(insert).toThrow(/UNIQUE constraint failed: homecert_requests.elder_id_hash/)
      store.db.prepare("UPDATE homecert_requests SET status = 'cancelled' WHERE id = 'hc-test-1'").run()
      expect(insert).not.toThrow()
    })
  })

  describe('transition', () => {
    const assign = (version: number): HomecertTransition => ({
      from: { status: 'submitted', version },
      to: 'assigned',
      changes: { workerOpenid: 'dev-grid-chen', workerName: '陈志强' },
      step: {
        action: 'assign',
        at: AT,
        actorRole: 'supervisor',
        actorOpenid: 'sup',
        actorName: '周敏',
        detail: '派给网格员 陈志强',
        note: null,
      },
      messages: [message('m-assign')],
    })

    it('moves the request, bumps its version and writes the step and 消息 in one unit', async () => {
      await create(1)
      const moved = await store.homecert.transition('hc-test-1', assign(1))
      expect(moved).toMatchObject({ status: 'assigned', version: 2, workerName: '陈志强' })
      expect((await store.homecert.timeline('hc-test-1')).map((s) => [s.seq, s.fromStatus, s.toStatus, s.detail])).toEqual([
        [1, null, 'submitted', null],
        [2, 'submitted', 'assigned', '派给网格员 陈志强'],
      ])
    })
    it('returns null and writes nothing when the status or version read is stale', async () => {
      await create(1)
      await store.homecert.transition('hc-test-1', assign(1))
      expect(await store.homecert.transition('hc-test-1', assign(1))).toBeNull()
      expect(await store.homecert.transition('hc-test-1', { ...assign(2), from: { status: 'submitted', version: 2 } })).toBeNull()
      expect(await store.homecert.timeline('hc-test-1')).toHaveLength(2)
      expect(store.db.prepare("SELECT COUNT(*) AS n FROM messages WHERE id = 'm-assign'").get()).toEqual({ n: 1 })
    })
  })

  describe('listForStaff', () => {
    it('filters by status, community and worker, oldest or newest first', async () => {
      await create(1)
      await create(2, { elderIdHash: 'b', communityId: 'lsw-c-dongfeng', createdAt: '2026-11-26T02:00:00.000Z' })
      await store.homecert.transition('hc-test-2', {
        from: { status: 'submitted', version: 1 },
        to: 'assigned',
        changes: { workerOpenid: 'dev-grid-ma', workerName: '马海燕' },
        step: { action: 'assign', at: AT, actorRole: 'supervisor', actorOpenid: 's', actorName: 's', detail: null, note: null },
        messages: [],
      })
      const ids = async (q: Partial<Parameters<typeof store.homecert.listForStaff>[0]>) =>
        (await store.homecert.listForStaff({ centerId: 'lsw', statuses: ['submitted', 'assigned'], order: 'oldest', limit: 10, ...q })).map(
          (r) => r.id,
        )
      expect(await ids({})).toEqual(['hc-test-1', 'hc-test-2'])
      expect(await ids({ order: 'newest' })).toEqual(['hc-test-2', 'hc-test-1'])
      expect(await ids({ statuses: ['assigned'] })).toEqual(['hc-test-2'])
      expect(await ids({ communityIds: ['lsw-c-lingshanwei'] })).toEqual(['hc-test-1'])
      expect(await ids({ communityIds: [] })).toEqual([])
      expect(await ids({ workerOpenid: 'dev-grid-ma' })).toEqual(['hc-test-2'])
      expect(await ids({ centerId: 'yz' })).toEqual([])
    })
  })
})
