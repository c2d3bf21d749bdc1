/**
 * The double's request counter, latency and injected conflicts: what issue 21's request counts
 * per action and opening-rush simulation stand on.
 */
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createInput, TEST_PII, WORKDAY_MORNING } from '@test/support/booking-harness'
import { createCloudbaseDouble } from '.'

describe('the CloudBase double’s request counter', () => {
  describe('when actions run concurrently, each inside during()', () => {
    it('counts each action’s reads, writes and transactions apart, and the total', async () => {
      const double = createCloudbaseDouble()
      await seedCloudbase(double.db)
      double.requests.reset()
      const store = createCloudbaseStore(double.db, TEST_PII)
      const ctx = (n: number): ActionContext => ({
        openid: `resident-${n}`,
        store,
        now: () => WORKDAY_MORNING,
        requestId: `r${n}`,
        pii: TEST_PII,
        settings: DEFAULT_SETTINGS,
      })
      const create = (n: number) =>
        double.requests.during(`booking.create ${n}`, () =>
          dispatch(FUNCTIONS.booking as never, { action: 'create', ...createInput(n, { date: '2026-11-27', start: '09:00' }) }, ctx(n)),
        )
      const listMine = () =>
        double.requests.during('booking.listMine', () =>
          dispatch(FUNCTIONS.booking as never, { action: 'listMine', centerId: 'lsw' }, ctx(1)),
        )

      const [a, b] = await Promise.all([create(1), create(2)])
      expect([a.ok, b.ok]).toEqual([true, true])
      expect((await listMine()).ok).toBe(true)

      const calls = double.requests.perCall()
      expect(calls.map((c) => c.label)).toEqual(['booking.create 1', 'booking.create 2', 'booking.listMine'])
      for (const c of calls.slice(0, 2)) {
        expect(c.counts.reads).toBeGreaterThan(0)
        expect(c.counts.writes).toBeGreaterThan(0)
      }
      expect(calls[2].counts).toMatchObject({ writes: 0, starts: 0, commits: 0, aborts: 0 })
      expect(calls[2].counts.reads).toBeGreaterThan(0)
      const sum = (k: keyof (typeof calls)[0]['counts']) => calls.reduce((n, c) => n + c.counts[k], 0)
      expect(double.requests.total()).toEqual({
        reads: sum('reads'),
        writes: sum('writes'),
        starts: sum('starts'),
        commits: sum('commits'),
        aborts: sum('aborts'),
        conflicts: sum('conflicts'),
      })
    })
  })

  describe('when a transaction conflicts', () => {
    it('counts each conflict answered, for the call that met it', async () => {
      const double = createCloudbaseDouble()
      await double.db.collection('c').add({ data: { _id: 'x', n: 0 } })
      double.injectConflict({ at: 'commit', times: 2 })
      await double.requests.during('bump', () =>
        double.db.runTransaction(async (tx) => {
          await tx
            .collection('c')
            .doc('x')
            .update({ data: { n: 1 } })
        }, 3),
      )
      expect(double.requests.perCall()[0].counts).toMatchObject({ starts: 3, commits: 3, conflicts: 2 })
      expect(double.requests.total().conflicts).toBe(2)
    })
  })

  describe('when latency is given', () => {
    it('waits that long before answering each request', async () => {
      const double = createCloudbaseDouble({ latency: (r) => (r.action === 'database.getDocument' ? 30 : 0) })
      await double.db.collection('c').add({ data: { _id: 'x' } })
      const started = Date.now()
      await double.db.collection('c').doc('x').get()
      await double.db.collection('c').doc('x').get()
      expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    })
  })
})
