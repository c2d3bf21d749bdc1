import { affectedSlots, hoursProblems, sessionsProblem } from '@/core/config-impact'
import { workingCalendar } from '@/core/working-calendar'

const hours = { sessions: [{ start: '09:00', end: '12:00' }] }
const booked = (date: string, start: string, n: number, capacity = 4) => ({ date, start, booked: n, capacity })

describe('sessionsProblem', () => {
  it('refuses a reversed, overlapping or out-of-day session', () => {
    expect(sessionsProblem([{ start: '13:30', end: '12:00' }])).toBe('13:30–12:00：结束时间应晚于开始时间')
    expect(
      sessionsProblem([
        { start: '09:00', end: '12:00' },
        { start: '11:30', end: '13:00' },
      ]),
    ).toContain('重叠')
    expect(sessionsProblem([{ start: '05:30', end: '08:00' }])).toContain('06:00–22:00')
  })
  it('accepts sessions that touch', () => {
    expect(
      sessionsProblem([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '13:00' },
      ]),
    ).toBeNull()
  })
})

describe('hoursProblems', () => {
  it('needs a session on an ordinary day, but lets a weekday be closed', () => {
    expect(hoursProblems({ sessions: [] })).toEqual({ sessions: '周一至周五至少要有一天办公：请打开一天并选好上午或下午的时间' })
    expect(hoursProblems({ sessions: hours.sessions, byWeekday: { '5': [] } })).toEqual({})
  })

  describe('when every weekday is given on its own (the hours form)', () => {
    it('accepts an empty usual day while one of Monday–Friday opens', () => {
      const byWeekday = { '1': [], '2': [], '3': [], '4': [], '5': hours.sessions, '6': [], '7': [] }
      expect(hoursProblems({ sessions: [], byWeekday })).toEqual({})
    })

    it('refuses a week where only the weekend (调休 days) would open', () => {
      const byWeekday = { '1': [], '2': [], '3': [], '4': [], '5': [], '6': hours.sessions }
      expect(hoursProblems({ sessions: hours.sessions, byWeekday })).toEqual({
        sessions: '周一至周五至少要有一天办公：请打开一天并选好上午或下午的时间',
      })
    })

    it("keys a weekday's problem by that weekday", () => {
      expect(hoursProblems({ sessions: hours.sessions, byWeekday: { '3': [{ start: '12:00', end: '09:00' }] } })).toEqual({
        'byWeekday.3': '12:00–09:00：结束时间应晚于开始时间',
      })
    })
  })
})

describe('affectedSlots', () => {
  describe('when the capacity goes below what is booked', () => {
    it('returns the slot as over capacity, and not one with room', () => {
      expect(
        affectedSlots([booked('2026-11-27', '09:00', 3), booked('2026-11-27', '09:30', 2)], {
          hours,
          calendar: workingCalendar({ centerDays: { closed: {}, open: {} } }),
          slotMinutes: 30,
          capacity: 2,
        }),
      ).toEqual([{ ...booked('2026-11-27', '09:00', 3), reason: 'over_capacity' }])
    })
  })
  describe('when the day is now closed', () => {
    it('returns the slot as on a closed day', () => {
      expect(
        affectedSlots([booked('2026-11-30', '09:00', 1)], {
          hours,
          calendar: workingCalendar({ centerDays: { closed: { '2026-11-30': '系统升级' }, open: {} } }),
          slotMinutes: 30,
        })[0].reason,
      ).toBe('closed_day')
    })
  })
  describe('when the grid no longer has the start', () => {
    it('returns the slot as off the grid, and ignores empty counters', () => {
      const out = affectedSlots([booked('2026-11-27', '09:30', 1), booked('2026-11-27', '10:30', 0)], {
        hours,
        calendar: workingCalendar({ centerDays: { closed: {}, open: {} } }),
        slotMinutes: 60,
      })
      expect(out.map((a) => [a.start, a.reason])).toEqual([['09:30', 'off_grid']])
    })
  })
})
