import type { NewTicket } from '@cloud/store/port'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { AT, event, issueTicket, project, ticket } from '@test/store/contract/queue'
import { createTempStore, type TempStore } from '@test/support/temp-store'
import { TEST_PII } from '@test/support/test-keys'

let store: TempStore
beforeEach(() => (store = createTempStore()))
afterEach(() => store.dispose())

const issue = (t: NewTicket, checkIn = false) => issueTicket(store, t, checkIn)

describe('sqliteQueueRepo', () => {
  it('is created by migration 4', () => {
    expect(store.db.prepare('SELECT name FROM schema_migrations WHERE version = 4').get()).toEqual({
      name: 'queue: tickets and their timeline, per-day numbering counters, per-day board',
    })
  })

  describe('issue', () => {
    it('numbers per center, date and queue from the counter, and answers the first ticket for a repeated id', async () => {
      const a = await issue(ticket('t1'))
      const b = await issue(ticket('t2'))
      const other = await issue(ticket('t3', { date: '2026-11-27' }))
      const again = await issue(ticket('t1'))
      expect([a, b, other].map((r) => r.kind === 'issued' && r.ticket.label)).toEqual(['A001', 'A002', 'A001'])
      expect(again).toMatchObject({ kind: 'existing', ticket: { id: 't1', label: 'A001' } })
      expect(await store.queue.counters('lsw', '2026-11-26')).toEqual([{ queue: 'pension', lastNumber: 2, served: 0, serviceSeconds: 0 }])
    })

    it('rebuilds the day’s board in the same unit, one version per write', async () => {
      await issue(ticket('t1'))
      await issue(ticket('t2'))
      const board = await store.queue.board('lsw', '2026-11-26')
      expect(board).toMatchObject({ version: 2, queues: [{ queue: 'pension', waiting: 2, order: ['A001', 'A002'] }] })
      expect(await store.queue.board('lsw', '2026-11-27')).toBeNull()
    })

    describe('when asked to check in a booking that is no longer booked', () => {
      it('writes nothing: no ticket, no number taken', async () => {
        await issue(ticket('t1'))
        // No booking with this id is `booked` (none exists at all).
        const refused = await issue(ticket('t2', { bookingId: 'bk-missing' }), true)
        expect(refused).toEqual({ kind: 'booking_not_booked' })
        expect(await store.queue.get('t2')).toBeNull()
        expect((await store.queue.counters('lsw', '2026-11-26'))[0].lastNumber).toBe(1)
      })
    })
  })

  describe('change', () => {
    it('applies a patch only at the version read, with its event', async () => {
      await issue(ticket('t1'))
      const t = (await store.queue.get('t1'))!
      const changed = await store.queue.change(
        't1',
        t.version,
        { status: 'called', window: 2, calledAt: AT },
        { event: { ...event, action: 'call', window: 2 }, board: project },
      )
      expect(changed).toMatchObject({ status: 'called', window: 2, version: t.version + 1 })
      // A second writer that read the old version loses and writes nothing.
      const stale = await store.queue.change(
        't1',
        t.version,
        { status: 'skipped' },
        { event: { ...event, action: 'skip' }, board: project },
      )
      expect(stale).toBeNull()
      expect((await store.queue.get('t1'))!.status).toBe('called')
      expect((await store.queue.events('t1')).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
        ['issue', null, 'waiting'],
        ['call', 'waiting', 'called'],
      ])
    })

    it('adds the service time to the queue’s counter when told', async () => {
      await issue(ticket('t1'))
      const t = (await store.queue.get('t1'))!
      await store.queue.change(
        't1',
        t.version,
        { status: 'completed' },
        { event, board: project, served: { queue: 'pension', seconds: 300 } },
      )
      expect((await store.queue.counters('lsw', '2026-11-26'))[0]).toMatchObject({ served: 1, serviceSeconds: 300 })
    })
  })

  describe('callNext', () => {
    it('calls the ticket `pick` chooses among the window’s services, or answers null', async () => {
      await issue(ticket('t1'))
      await issue(ticket('t2', { serviceId: 'lsw-dibao', queue: 'civil_affairs' }))
      const query = {
        centerId: 'lsw',
        date: '2026-11-26',
        window: 4,
        serviceIds: ['lsw-dibao'],
        at: AT,
        actor: { openid: 'dev-clerk-ma', name: '马丽' },
      }
      const seen: string[][] = []
      const called = await store.queue.callNext(query, (waiting) => (seen.push(waiting.map((t) => t.id)), waiting[0]), {
        note: () => null,
        board: project,
      })
      expect(seen).toEqual([['t2']])
      expect(called).toMatchObject({ id: 't2', status: 'called', window: 4, calledBy: 'dev-clerk-ma' })
      expect(await store.queue.callNext(query, (waiting) => waiting[0], { note: () => null, board: project })).toBeNull()
    })

    it('never hands one ticket to two connections on the same file', async () => {
      await issue(ticket('t1'))
      const second = createSqliteStore(store.file, { sealer: TEST_PII })
      try {
        const query = (window: number) => ({
          centerId: 'lsw',
          date: '2026-11-26',
          window,
          serviceIds: ['lsw-pension-enroll'],
          at: AT,
          actor: { openid: 'dev-clerk-liu', name: '刘芳' },
        })
        const a = await store.queue.callNext(query(2), (w) => w[0], { note: () => null, board: project })
        const b = await second.queue.callNext(query(3), (w) => w[0], { note: () => null, board: project })
        expect(a?.id).toBe('t1')
        expect(b).toBeNull()
      } finally {
        second.close()
      }
    })
  })
})
