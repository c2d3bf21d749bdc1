/** @timezone */
import {
  checkSlot,
  horizonEnd,
  leadTimeWords,
  planDays,
  slotCapacity,
  slotAt,
  slotNote,
  slotsOfDay,
  startsAfterLead,
  type SlotQuery,
} from '@/core/slots'
import type { OpeningHours } from '@/core/opening-hours'
import { workingCalendar } from '@/core/working-calendar'

const HOURS: OpeningHours = {
  sessions: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:00' },
  ],
}
const calendar = workingCalendar()

describe('slotsOfDay', () => {
  it('cuts each session into slots from its start', () => {
    const slots = slotsOfDay(HOURS.sessions, 30)
    expect(slots).toHaveLength(6 + 7)
    expect(slots[0]).toEqual({ start: '09:00', end: '09:30' })
    expect(slots[5]).toEqual({ start: '11:30', end: '12:00' })
    expect(slots[6]).toEqual({ start: '13:30', end: '14:00' })
    expect(slots[12]).toEqual({ start: '16:30', end: '17:00' })
  })
  describe('when a slot would run past closing', () => {
    it('leaves the remainder out', () => {
      expect(slotsOfDay([{ start: '09:00', end: '10:00' }], 25)).toEqual([
        { start: '09:00', end: '09:25' },
        { start: '09:25', end: '09:50' },
      ])
    })
  })
  it('returns no slots for no sessions', () => {
    expect(slotsOfDay([], 30)).toEqual([])
  })
  it('refuses a non-positive slot length', () => {
    expect(() => slotsOfDay(HOURS.sessions, 0)).toThrow()
  })
})

describe('slotAt', () => {
  it('returns the slot of the grid that starts there', () => {
    expect(slotAt(HOURS.sessions, 30, '09:00')).toEqual({ start: '09:00', end: '09:30' })
    expect(slotAt(HOURS.sessions, 30, '13:30')).toEqual({ start: '13:30', end: '14:00' })
    expect(slotAt(HOURS.sessions, 30, '16:30')).toEqual({ start: '16:30', end: '17:00' })
  })
  describe('when the start is off the grid, in the break, or at closing', () => {
    it('returns undefined', () => {
      for (const start of ['09:15', '12:00', '12:30', '13:00', '17:00', '08:30', '00:00'])
        expect(slotAt(HOURS.sessions, 30, start)).toBeUndefined()
    })
  })
  describe('when a slot would run past closing', () => {
    it('returns undefined for the remainder', () => {
      expect(slotAt([{ start: '09:00', end: '10:00' }], 25, '09:25')).toEqual({ start: '09:25', end: '09:50' })
      expect(slotAt([{ start: '09:00', end: '10:00' }], 25, '09:50')).toBeUndefined()
    })
  })
  describe('when the start is not written HH:mm', () => {
    it('returns undefined, as the grid lists no such start', () => {
      for (const start of ['9:00', '09:00:00', '0900', '', 'nine']) expect(slotAt(HOURS.sessions, 30, start)).toBeUndefined()
    })
  })
  it('finds exactly the slots slotsOfDay lists, for every start of the day and several slot lengths', () => {
    const sessions = [
      { start: '08:45', end: '11:50' },
      { start: '13:00', end: '17:30' },
      { start: '18:00', end: '18:10' },
    ]
    for (const minutes of [15, 20, 25, 30, 45, 60]) {
      const grid = slotsOfDay(sessions, minutes)
      for (let t = 0; t < 24 * 60; t += 5) {
        const start = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`
        expect(slotAt(sessions, minutes, start)).toEqual(grid.find((s) => s.start === start))
      }
    }
  })
  it('refuses a non-positive slot length', () => {
    expect(() => slotAt(HOURS.sessions, 0, '09:00')).toThrow()
  })
})

describe('slotCapacity', () => {
  it('returns windows × seats per window by default', () => {
    expect(slotCapacity({ windowIds: ['w2', 'w3'], perWindowCapacity: 2 })).toBe(4)
  })
  it('returns the service figure when set', () => {
    expect(slotCapacity({ windowIds: ['w2', 'w3'], perWindowCapacity: 2, slotCapacity: 5 })).toBe(5)
  })
  it('counts at least one window', () => {
    expect(slotCapacity({ windowIds: [], perWindowCapacity: 3 })).toBe(3)
  })
})

describe('horizonEnd', () => {
  describe('when the horizon runs over 国庆 and its 调休 Saturday', () => {
    it('skips the holiday and counts the 调休 Saturday', () => {
      expect(horizonEnd('2026-09-29', 7, calendar)).toBe('2026-10-14')
    })
  })
  describe('when today is a Thursday in an ordinary week', () => {
    it('skips the weekend', () => {
      expect(horizonEnd('2026-11-26', 7, calendar)).toBe('2026-12-07')
    })
  })
  describe('when the center closes a day in the horizon', () => {
    it('skips it too', () => {
      expect(horizonEnd('2026-11-26', 7, workingCalendar({ centerDays: { closed: { '2026-12-01': '系统升级' }, open: {} } }))).toBe(
        '2026-12-08',
      )
    })
  })
  describe('when today is a holiday', () => {
    it('counts from the next working day', () => {
      expect(horizonEnd('2026-10-01', 1, calendar)).toBe('2026-10-08')
    })
  })
})

describe('startsAfterLead', () => {
  const now = new Date('2026-11-26T09:00:00+08:00')
  it('offers the slot that starts exactly at the lead time', () => {
    expect(startsAfterLead('2026-11-26', '09:30', now, 30)).toBe(true)
  })
  it('refuses one that starts a minute sooner', () => {
    expect(startsAfterLead('2026-11-26', '09:29', now, 30)).toBe(false)
  })
  it('measures in Beijing time whatever the host TZ', () => {
    // 23:50 UTC on the 25th is 07:50 on the 26th in Beijing.
    expect(startsAfterLead('2026-11-26', '08:20', new Date('2026-11-25T23:50:00Z'), 30)).toBe(true)
    expect(startsAfterLead('2026-11-26', '08:19', new Date('2026-11-25T23:50:00Z'), 30)).toBe(false)
  })
})

describe('checkSlot', () => {
  const base: SlotQuery = {
    date: '2026-10-10',
    start: '09:00',
    now: new Date('2026-09-29T10:00:00+08:00'),
    today: '2026-09-29',
    lastDate: '2026-10-14',
    hours: HOURS,
    calendar,
    slotMinutes: 30,
    leadMinutes: 30,
  }
  it('accepts a slot on the 调休 Saturday', () => {
    expect(checkSlot(base)).toMatchObject({ ok: true, slot: { start: '09:00', end: '09:30' }, status: { kind: 'adjusted_workday' } })
  })
  it('refuses a holiday with its name', () => {
    expect(checkSlot({ ...base, date: '2026-10-01' })).toEqual({ ok: false, refusal: { code: 'closed', reason: '国庆节' } })
  })
  it('accepts the day after the holiday', () => {
    expect(checkSlot({ ...base, date: '2026-10-08' }).ok).toBe(true)
  })
  it('refuses an ordinary Sunday', () => {
    expect(checkSlot({ ...base, date: '2026-10-11' })).toEqual({ ok: false, refusal: { code: 'closed', reason: '周末休息' } })
  })
  it('refuses a center closure with its reason', () => {
    expect(
      checkSlot({
        ...base,
        date: '2026-10-09',
        calendar: workingCalendar({ centerDays: { closed: { '2026-10-09': '系统升级' }, open: {} } }),
      }),
    ).toEqual({ ok: false, refusal: { code: 'closed', reason: '系统升级' } })
  })
  it('refuses a date past the horizon', () => {
    expect(checkSlot({ ...base, date: '2026-10-15' })).toEqual({ ok: false, refusal: { code: 'beyond_horizon', lastDate: '2026-10-14' } })
  })
  it('refuses a date before today', () => {
    expect(checkSlot({ ...base, date: '2026-09-28' })).toEqual({ ok: false, refusal: { code: 'past_date' } })
  })
  it('refuses a time that is not a slot start', () => {
    expect(checkSlot({ ...base, start: '09:10' })).toEqual({ ok: false, refusal: { code: 'no_such_slot' } })
    expect(checkSlot({ ...base, start: '12:30' })).toEqual({ ok: false, refusal: { code: 'no_such_slot' } })
  })
  it('refuses a slot today within the lead time, accepts the one at it', () => {
    expect(checkSlot({ ...base, date: '2026-09-29', start: '10:00' })).toEqual({ ok: false, refusal: { code: 'too_soon' } })
    expect(checkSlot({ ...base, date: '2026-09-29', start: '10:30' }).ok).toBe(true)
  })
})

describe('planDays', () => {
  const now = new Date('2026-09-30T11:00:00+08:00')
  const days = planDays('2026-09-30', '2026-10-10', now, HOURS, calendar, 60, 30)
  it('lists every date with its status', () => {
    expect(days.map((d) => d.date)).toHaveLength(11)
    expect(days.find((d) => d.date === '2026-10-03')).toMatchObject({ status: { open: false, reason: '国庆节' }, slots: [] })
    expect(days.find((d) => d.date === '2026-10-10')?.status.kind).toBe('adjusted_workday')
  })
  it('marks today’s slots within the lead time as too soon', () => {
    const today = days[0].slots
    expect(today.filter((s) => s.tooSoon).map((s) => s.start)).toEqual(['09:00', '10:00', '11:00'])
    expect(today.find((s) => s.start === '13:30')?.tooSoon).toBe(false)
  })
  it('marks a slot started when its start is not after now (the 11:00 slot at 11:00)', () => {
    const today = days[0].slots
    expect(today.filter((s) => s.started).map((s) => s.start)).toEqual(['09:00', '10:00', '11:00'])
    expect(days[1].slots.some((s) => s.started)).toBe(false)
  })
})

describe('leadTimeWords', () => {
  it('says minutes', () => {
    expect(leadTimeWords(30)).toBe('30 分钟')
    expect(leadTimeWords(0)).toBe('0 分钟')
  })
  describe('when the lead time is whole hours', () => {
    it('says hours', () => {
      expect(leadTimeWords(120)).toBe('2 小时')
      expect(leadTimeWords(1440)).toBe('24 小时')
    })
  })
  it('keeps minutes for 90', () => {
    expect(leadTimeWords(90)).toBe('90 分钟')
  })
})

describe('slotNote', () => {
  describe('when the slot starts within the lead time', () => {
    it('states the center’s rule instead of a bare too-late', () => {
      expect(slotNote({ started: false, tooSoon: true }, 4, 30)).toBe('需提前 30 分钟预约')
      expect(slotNote({ started: false, tooSoon: true }, 4, 60)).toBe('需提前 1 小时预约')
    })
    it('states the rule even when it is full too (it cannot be waited for either)', () => {
      expect(slotNote({ started: false, tooSoon: true }, 0, 30)).toBe('需提前 30 分钟预约')
    })
  })
  describe('when the slot has started', () => {
    it('says the time has passed', () => {
      expect(slotNote({ started: true, tooSoon: true }, 4, 30)).toBe('时间已过')
    })
  })
  it('says 已约满 for a full slot in time', () => {
    expect(slotNote({ started: false, tooSoon: false }, 0, 30)).toBe('已约满')
  })
  it('returns nothing for a slot that can be booked', () => {
    expect(slotNote({ started: false, tooSoon: false }, 1, 30)).toBeUndefined()
  })
})
