import { compactHours, describeHours, describeOpenState, halfDaysOf, sessionsOfHalfDays, weekOf } from '@/core/opening-hours'

const HOURS = {
  sessions: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:00' },
  ],
}

describe('describeHours', () => {
  it('returns the working-day sessions, weekday exceptions and the holiday rule', () => {
    expect(describeHours({ ...HOURS, byWeekday: { '5': [{ start: '09:00', end: '12:00' }], '3': [] } })).toEqual([
      '工作日 09:00–12:00、13:30–17:00',
      '周三 不对外办公',
      '周五 09:00–12:00',
      '法定节假日休息，调休上班日照常办公',
    ])
  })
})

describe('describeOpenState', () => {
  it.each([
    [{ state: 'open', until: '17:00' } as const, '办公中，17:00 下班'],
    [{ state: 'before_open', opensAt: '09:00' } as const, '尚未上班，09:00 开门'],
    [{ state: 'break', opensAt: '13:30' } as const, '午间休息，13:30 继续办公'],
    [{ state: 'after_close' } as const, '今日已下班'],
    [{ state: 'closed_today', reason: '元旦' } as const, '今日休息（元旦）'],
  ])('returns a sentence for %j', (state, text) => {
    expect(describeOpenState(state)).toBe(text)
  })
})

const AM = { start: '09:00', end: '12:00' }
const PM = { start: '13:30', end: '17:00' }

describe('weekOf', () => {
  it('returns every weekday with the usual sessions where it has none of its own', () => {
    const week = weekOf({ sessions: [AM, PM], byWeekday: { '5': [AM], '3': [] } })
    expect(week).toEqual({ '1': [AM, PM], '2': [AM, PM], '3': [], '4': [AM, PM], '5': [AM], '6': [AM, PM], '7': [AM, PM] })
  })
})

describe('compactHours', () => {
  const full = (days: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', (typeof AM)[]>>) => ({
    sessions: [],
    byWeekday: { '1': [AM, PM], '2': [AM, PM], '3': [AM, PM], '4': [AM, PM], '5': [AM, PM], '6': [AM, PM], '7': [AM, PM], ...days },
  })

  it('returns the usual day alone when every weekday has it', () => {
    expect(compactHours(full({}))).toEqual({ sessions: [AM, PM] })
  })

  it('keeps apart only the weekdays that differ from the usual day', () => {
    expect(compactHours(full({ '5': [AM], '6': [] }))).toEqual({ sessions: [AM, PM], byWeekday: { '5': [AM], '6': [] } })
  })

  it('takes the sessions most of Monday–Friday share as the usual day, even when Monday differs', () => {
    expect(compactHours(full({ '1': [] }))).toEqual({ sessions: [AM, PM], byWeekday: { '1': [] } })
    expect(compactHours(full({ '1': [AM], '2': [AM], '3': [AM] }))).toEqual({
      sessions: [AM],
      byWeekday: { '4': [AM, PM], '5': [AM, PM], '6': [AM, PM], '7': [AM, PM] },
    })
  })

  describe('when two sets of sessions are as common', () => {
    it("returns the earlier weekday's as the usual day", () => {
      expect(compactHours(full({ '1': [AM], '2': [AM], '5': [] })).sessions).toEqual([AM])
    })
  })

  it('returns stored hours unchanged (the shape on disk did not change)', () => {
    const stored = { sessions: [AM, PM], byWeekday: { '5': [{ start: '08:30', end: '12:00' }] } }
    expect(compactHours(stored)).toEqual(stored)
    expect(compactHours({ sessions: [AM, PM] })).toEqual({ sessions: [AM, PM] })
  })

  it('describes the same week before and after', () => {
    const week = full({ '5': [AM], '3': [] })
    expect(weekOf(compactHours(week))).toEqual(weekOf(week))
  })
})

describe('halfDaysOf', () => {
  it('returns a morning and an afternoon', () => {
    expect(halfDaysOf([AM, PM])).toEqual({ am: AM, pm: PM, extra: [] })
  })

  it('returns a session starting at noon or later as the afternoon', () => {
    expect(halfDaysOf([PM])).toEqual({ am: null, pm: PM, extra: [] })
    expect(halfDaysOf([{ start: '12:00', end: '14:00' }]).pm).toEqual({ start: '12:00', end: '14:00' })
  })

  it('returns a closed day as neither half', () => {
    expect(halfDaysOf([])).toEqual({ am: null, pm: null, extra: [] })
  })

  it('returns sessions past the second as extra, so none is lost on save', () => {
    const third = { start: '18:00', end: '20:00' }
    const halves = halfDaysOf([AM, PM, third])
    expect(halves.extra).toEqual([third])
    expect(sessionsOfHalfDays(halves)).toEqual([AM, PM, third])
  })
})
