/** @timezone */
import {
  bookingDayRows,
  caseDayRows,
  daySettled,
  minuteBucket,
  percentileMinutes,
  queueDayRows,
  sumRows,
  waitlistDayRows,
} from '@/core/statistics'
import { workingCalendar } from '@/core/working-calendar'

describe('minuteBucket', () => {
  it('rounds up to the minute and caps at 240', () => {
    expect([0, 1, 60, 61, 90, 20_000].map(minuteBucket)).toEqual(['000', '001', '001', '002', '002', '240'])
  })
})

describe('percentileMinutes', () => {
  describe('when 90 % fall at or below a bucket', () => {
    it('returns that bucket (nearest rank)', () => {
      expect(
        percentileMinutes(
          [
            { k2: '003', n: 9 },
            { k2: '010', n: 1 },
          ],
          0.9,
        ),
      ).toBe(3)
    })
  })
  describe('when the 90th value lies in the last bucket', () => {
    it('returns the last bucket', () => {
      expect(
        percentileMinutes(
          [
            { k2: '003', n: 8 },
            { k2: '010', n: 2 },
          ],
          0.9,
        ),
      ).toBe(10)
    })
  })
  it('returns null for no values and sorts buckets itself', () => {
    expect(percentileMinutes([], 0.9)).toBeNull()
    expect(
      percentileMinutes(
        [
          { k2: '020', n: 1 },
          { k2: '002', n: 1 },
        ],
        0.5,
      ),
    ).toBe(2)
  })
})

describe('bookingDayRows', () => {
  it('counts every appointment as booked, and who came, missed or cancelled', () => {
    const rows = bookingDayRows([
      { serviceId: 's', status: 'completed' },
      { serviceId: 's', status: 'checked_in' },
      { serviceId: 's', status: 'no_show' },
      { serviceId: 's', status: 'cancelled' },
      { serviceId: 's', status: 'booked' },
    ])
    const n = (k2: string) => rows.find((r) => r.k2 === k2)?.n
    expect([n('booked'), n('checked_in'), n('no_show'), n('cancelled')]).toEqual([5, 2, 1, 1])
  })
})

describe('queueDayRows', () => {
  it('measures the wait from arrival to the first call, by the Beijing hour of arrival', () => {
    const rows = queueDayRows([
      {
        queue: 'medical',
        serviceId: 's',
        kind: 'walk_in',
        arrivedAt: '2026-11-26T00:59:00Z',
        calledAt: '2026-11-26T01:09:00Z',
        startedAt: null,
        completedAt: null,
        window: null,
        clerkOpenid: null,
        clerkName: null,
      },
    ])
    expect(rows.find((r) => r.metric === 'wait')).toMatchObject({ k1: 'medical', n: 1, total: 600 })
    expect(rows.find((r) => r.metric === 'wait_hour')).toMatchObject({ k1: '08', n: 1 })
    expect(rows.find((r) => r.metric === 'walk_in')).toMatchObject({ k1: 'medical', k2: 's', n: 1 })
  })
})

describe('sumRows', () => {
  it('adds rows with the same keys', () => {
    expect(
      sumRows([
        { metric: 'm', k1: 'a', k2: '', n: 1, total: 2 },
        { metric: 'm', k1: 'a', k2: '', n: 3, total: 4 },
      ]),
    ).toEqual([{ metric: 'm', k1: 'a', k2: '', n: 4, total: 6 }])
  })
})

describe('daySettled', () => {
  describe('when the day is an appointment day', () => {
    it('settles two days after it (no-shows are marked after the slot and grace)', () => {
      expect(daySettled('bookings', '2026-11-25', '2026-11-26', 0)).toBe(false)
      expect(daySettled('bookings', '2026-11-24', '2026-11-26', 0)).toBe(true)
    })
  })
  describe('when requests of the day are still open', () => {
    it('does not settle', () => {
      expect(daySettled('homecert', '2026-11-01', '2026-11-26', 1)).toBe(false)
      expect(daySettled('homecert', '2026-11-01', '2026-11-26', 0)).toBe(true)
      expect(daySettled('queue', '2026-11-26', '2026-11-26', 0)).toBe(false)
    })
  })
})

describe('caseDayRows', () => {
  describe('when an online request still waits to be accepted long after it was sent', () => {
    it('counts it by state and never as overdue (nothing is promised yet)', () => {
      const sent = { acceptedAt: '2026-11-02T02:00:00.000Z', processingDays: 1, pauses: [], stoppedAt: null }
      const rows = caseDayRows(
        [
          { ...sent, state: 'applied' },
          { ...sent, state: 'processing' },
        ],
        new Date('2026-11-26T02:00:00.000Z'),
        workingCalendar(),
      )
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ metric: 'case_state', k1: 'applied', n: 1 }),
          expect.objectContaining({ metric: 'case_overdue', n: 1 }),
        ]),
      )
    })
  })
})

describe('waitlistDayRows', () => {
  it('counts joins, offers, accepts and expiries per service', () => {
    const rows = waitlistDayRows([
      { serviceId: 's1', status: 'accepted', offered: true },
      { serviceId: 's1', status: 'expired', offered: true },
      { serviceId: 's1', status: 'waiting', offered: false },
      { serviceId: 's2', status: 'left', offered: false },
    ])
    const n = (k1: string, k2: string) => rows.find((r) => r.metric === 'waitlist' && r.k1 === k1 && r.k2 === k2)?.n ?? 0
    expect([n('s1', 'joined'), n('s1', 'offered'), n('s1', 'accepted'), n('s1', 'expired'), n('s2', 'joined'), n('s2', 'offered')]).toEqual(
      [3, 2, 1, 1, 1, 0],
    )
  })
})
