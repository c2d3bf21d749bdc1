/** @timezone */
import { loadCalendar } from '@cloud/runtime/working-calendar'
import { bookingHarness, type BookingHarness } from '@test/support/booking-harness'

describe('loadCalendar', () => {
  let h: BookingHarness
  beforeEach(() => {
    h = bookingHarness()
  })
  afterEach(() => h.close())

  describe('when the configuration has not changed between calls', () => {
    it('returns the calendar built on the first call, with the same day states', async () => {
      const first = await loadCalendar(h.store, 'lsw', '2026-11-26')
      const again = await loadCalendar(h.store, 'lsw', '2026-11-26')
      expect(again).toBe(first)
      expect(again.dayStatus('2026-10-01')).toEqual({ date: '2026-10-01', open: false, kind: 'holiday', reason: '国庆节' })
      expect(again.dayStatus('2026-10-01')).toBe(first.dayStatus('2026-10-01'))
    })
  })

  describe('when a closure is set between calls', () => {
    it('builds a new calendar that has it (nothing stale is reused)', async () => {
      const before = await loadCalendar(h.store, 'lsw', '2026-11-26')
      expect(before.dayStatus('2026-11-30').open).toBe(true)
      await h.store.config.setDay('lsw', '2026-11-30', false, '设备检修')
      const after = await loadCalendar(h.store, 'lsw', '2026-11-26')
      expect(after).not.toBe(before)
      expect(after.dayStatus('2026-11-30')).toEqual({ date: '2026-11-30', open: false, kind: 'center_closed', reason: '设备检修' })
    })
  })

  describe('for another center', () => {
    it('keeps each center its own calendar', async () => {
      await h.store.config.setDay('lsw', '2026-11-30', false, '设备检修')
      const lsw = await loadCalendar(h.store, 'lsw', '2026-11-26')
      const yz = await loadCalendar(h.store, 'yz', '2026-11-26')
      expect(lsw.dayStatus('2026-11-30').open).toBe(false)
      expect(yz.dayStatus('2026-11-30').open).toBe(true)
    })
  })
})
