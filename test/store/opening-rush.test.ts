/**
 * The opening rush's invariant (issue 21, point 4), small and fast: on the CloudBase adapter (the real SDK on the
 * double, every request answered after a delay, some writes meeting a conflict shaped as the real service's) far
 * more residents than seats book at once → exactly as many bookings as seats, every slot's counter full, every other
 * attempt refused SLOT_FULL. The full rush (10 000 attempts over 60 s) is a benchmark: `npm run bench -- rush`. The
 * same invariant on SQLite through two processes: test/server/overbooking.test.ts.
 */
import { rushOnCloudbase } from '@test/support/opening-rush'

describe('the opening rush on the CloudBase adapter', () => {
  describe('when 160 residents try for 24 seats in 4 slots within 0.4 s', () => {
    it('books exactly 24 and refuses every other attempt SLOT_FULL', async () => {
      const r = await rushOnCloudbase({ attempts: 160, spreadMs: 400, slots: 4, seatsPerSlot: 6, latencyMs: 2, injectEvery: 10 })
      expect(r.stored).toBe(24)
      expect(r.booked).toEqual([6, 6, 6, 6])
      expect(r.attempts.filter((a) => a.ok)).toHaveLength(24)
      expect(new Set(r.attempts.filter((a) => !a.ok).map((a) => a.code))).toEqual(new Set(['SLOT_FULL']))
      // The rush is a race: the transactions met conflicts and came through them.
      expect(r.injected).toBe(16)
      expect(r.attempts.reduce((n, a) => n + a.conflicts, 0)).toBeGreaterThan(0)
    }, 60_000)
  })
})
