/**
 * The opening rush's invariant (issue 21, point 4), small and fast: on the CloudBase adapter (the real SDK on the
 * double, every request answered after a delay, conflicts injected into transactions' writes as the real service sends
 * them, which a create, running no transaction, never meets) far
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
      // A create runs no transaction (its code, seat, hold and booking are single-document writes, each compared with a
      // constant where it must be): the conflicts injected into transactions' writes meet none of the rush.
      expect(r.injected).toBe(16)
      expect(r.attempts.reduce((n, a) => n + a.conflicts, 0)).toBe(0)
    }, 60_000)
  })
})
