/** @timezone */
import { jobsDueAt } from '@cloud/entry/cloudbase-jobs'

describe('jobsDueAt', () => {
  it('runs the booking and home-certification jobs on every tick', () => {
    expect(jobsDueAt(new Date('2026-11-26T02:05:00Z'))).toEqual(['bookings', 'homecert'])
    expect(jobsDueAt(new Date('2026-11-26T02:25:00Z'))).toEqual(['bookings', 'homecert'])
  })
  describe('when the tick is the first of a half hour (Beijing clock)', () => {
    it('runs the statistics too', () => {
      expect(jobsDueAt(new Date('2026-11-26T02:00:00Z'))).toEqual(['bookings', 'homecert', 'stats'])
      expect(jobsDueAt(new Date('2026-11-26T02:34:59Z'))).toEqual(['bookings', 'homecert', 'stats'])
    })
  })
})
