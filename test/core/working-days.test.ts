/** @timezone */
import type { OpeningHours } from '@/core/opening-hours'
import { describeOpenState } from '@/core/opening-hours'
import { workingCalendar } from '@/core/working-calendar'
import { addWorkingDays, firstWorkingDay, openStateAt, sessionsOn, workingDaysBetween, workingDaysIn } from '@/core/working-days'

const HOURS: OpeningHours = {
  sessions: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:00' },
  ],
}
/** The national calendar alone (2026 from the package; no center days). */
const calendar = workingCalendar()
const closing = (date: string, reason: string) => workingCalendar({ centerDays: { closed: { [date]: reason }, open: {} } })

describe('sessionsOn', () => {
  it('returns no sessions on a closed day', () => {
    expect(sessionsOn('2026-10-01', HOURS, calendar)).toEqual([])
  })
  it('gives a 调休 Saturday the ordinary sessions', () => {
    expect(sessionsOn('2026-10-10', { ...HOURS, byWeekday: { '5': [{ start: '09:00', end: '12:00' }] } }, calendar)).toEqual(HOURS.sessions)
  })
  it('uses the weekday exception on that weekday', () => {
    expect(sessionsOn('2026-11-27', { ...HOURS, byWeekday: { '5': [{ start: '09:00', end: '12:00' }] } }, calendar)).toEqual([
      { start: '09:00', end: '12:00' },
    ])
  })
})

describe('openStateAt', () => {
  it.each([
    ['08:59', { state: 'before_open', opensAt: '09:00' }],
    ['09:00', { state: 'open', until: '12:00' }],
    ['11:59', { state: 'open', until: '12:00' }],
    ['12:00', { state: 'break', opensAt: '13:30' }],
    ['13:30', { state: 'open', until: '17:00' }],
    ['17:00', { state: 'after_close' }],
  ])('at %s on a workday returns %j', (time, expected) => {
    expect(openStateAt('2026-11-26', time, HOURS, calendar)).toEqual(expected)
  })
  it('returns closed_today with the reason on a holiday', () => {
    const s = openStateAt('2026-10-01', '10:00', HOURS, calendar)
    expect(s).toEqual({ state: 'closed_today', reason: '国庆节' })
    expect(describeOpenState(s)).toBe('今日休息（国庆节）')
  })
})

describe('addWorkingDays', () => {
  it('returns the date itself for 0', () => {
    expect(addWorkingDays('2026-10-01', 0, calendar)).toBe('2026-10-01')
  })
  describe('when the span crosses 国庆', () => {
    it('skips the whole holiday', () => {
      expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08')
    })
  })
  describe('when the next day is a 调休 Saturday', () => {
    it('counts the Saturday as a working day', () => {
      expect(addWorkingDays('2026-10-09', 1, calendar)).toBe('2026-10-10')
    })
  })
  describe('when the center closed a day', () => {
    it('skips it', () => {
      expect(addWorkingDays('2026-11-26', 1, closing('2026-11-27', '停电'))).toBe('2026-11-30')
    })
  })
  it('skips an ordinary weekend', () => {
    expect(addWorkingDays('2026-11-27', 3, calendar)).toBe('2026-12-02')
  })
})

describe('workingDaysBetween', () => {
  it('returns 0 for the same day and for an earlier day', () => {
    expect(workingDaysBetween('2026-11-26', '2026-11-26', calendar)).toBe(0)
    expect(workingDaysBetween('2026-11-26', '2026-11-20', calendar)).toBe(0)
  })
  it('counts only open days after the start, the end included', () => {
    expect(workingDaysBetween('2026-11-26', '2026-11-30', calendar)).toBe(2) // Fri 27, Mon 30
    expect(workingDaysBetween('2026-09-30', '2026-10-10', calendar)).toBe(3) // 8th, 9th, 调休 10th
  })
  it('is the inverse of addWorkingDays', () => {
    for (const n of [1, 2, 5, 10]) expect(workingDaysBetween('2026-09-25', addWorkingDays('2026-09-25', n, calendar), calendar)).toBe(n)
  })
})

describe('workingDaysIn', () => {
  it('counts both ends: November 2026 has 21 working days', () => {
    expect(workingDaysIn('2026-11-01', '2026-11-30', calendar)).toBe(21)
  })
  it('returns 0 for a range that ends before it starts', () => {
    expect(workingDaysIn('2026-11-30', '2026-11-01', calendar)).toBe(0)
  })
})

describe('firstWorkingDay', () => {
  describe('when the date is a working day', () => {
    it('returns the date itself', () => expect(firstWorkingDay('2026-11-26', calendar)).toBe('2026-11-26'))
  })
  describe('when the date is in 国庆', () => {
    it('returns the first day after the holiday', () => expect(firstWorkingDay('2026-10-03', calendar)).toBe('2026-10-08'))
  })
  describe('when the date is a 调休 Sunday', () => {
    it('returns the date itself (the center works that day)', () => expect(firstWorkingDay('2026-09-20', calendar)).toBe('2026-09-20'))
  })
})
