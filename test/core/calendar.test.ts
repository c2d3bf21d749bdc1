import { addWorkingDays, dayStatus, describeHours, openStateAt, sessionsOn, describeOpenState, workingDaysBetween, type OpeningHours } from '../../src/core/calendar'

const HOURS: OpeningHours = { sessions: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }] }

describe('dayStatus', () => {
  describe('when the date is a statutory holiday', () => {
    it('returns closed with the holiday name', () => {
      expect(dayStatus('2026-10-01')).toEqual({ date: '2026-10-01', open: false, kind: 'holiday', reason: '国庆节' })
    })
    it('returns closed for a holiday that falls on a weekday (Spring Festival Monday)', () => {
      expect(dayStatus('2026-02-16')).toMatchObject({ open: false, kind: 'holiday', reason: '春节' })
    })
  })
  describe('when the date is a 调休 Saturday', () => {
    it('returns open as an adjusted workday', () => {
      expect(dayStatus('2026-10-10')).toMatchObject({ open: true, kind: 'adjusted_workday', reason: '国庆节调休上班' })
    })
  })
  describe('when the date is the day after a holiday', () => {
    it('returns an ordinary workday', () => {
      expect(dayStatus('2026-10-08')).toEqual({ date: '2026-10-08', open: true, kind: 'workday' })
    })
  })
  describe('when the date is an ordinary weekend', () => {
    it('returns closed for the weekend', () => {
      expect(dayStatus('2026-11-28')).toMatchObject({ open: false, kind: 'weekend' })
      expect(dayStatus('2026-11-29')).toMatchObject({ open: false, kind: 'weekend' })
    })
  })
  describe('when the center has its own decisions', () => {
    it('closes a workday the center closed, with its reason', () => {
      expect(dayStatus('2026-11-30', { closed: { '2026-11-30': '系统升级' }, open: {} })).toMatchObject({ open: false, kind: 'center_closed', reason: '系统升级' })
    })
    it('opens a Sunday the center opened, even over the weekend rule', () => {
      expect(dayStatus('2026-11-29', { closed: {}, open: { '2026-11-29': '集中认证日' } })).toMatchObject({ open: true, kind: 'center_open' })
    })
    it('lets a center closure win over a 调休 workday', () => {
      expect(dayStatus('2026-10-10', { closed: { '2026-10-10': '停电' }, open: {} }).open).toBe(false)
    })
  })
})

describe('sessionsOn', () => {
  it('returns no sessions on a closed day', () => {
    expect(sessionsOn('2026-10-01', HOURS)).toEqual([])
  })
  it('gives a 调休 Saturday the ordinary sessions', () => {
    expect(sessionsOn('2026-10-10', { ...HOURS, byWeekday: { '5': [{ start: '09:00', end: '12:00' }] } })).toEqual(HOURS.sessions)
  })
  it('uses the weekday exception on that weekday', () => {
    expect(sessionsOn('2026-11-27', { ...HOURS, byWeekday: { '5': [{ start: '09:00', end: '12:00' }] } })).toEqual([{ start: '09:00', end: '12:00' }])
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
    expect(openStateAt('2026-11-26', time, HOURS)).toEqual(expected)
  })
  it('returns closed_today with the reason on a holiday', () => {
    const s = openStateAt('2026-10-01', '10:00', HOURS)
    expect(s).toEqual({ state: 'closed_today', reason: '国庆节' })
    expect(describeOpenState(s)).toBe('今日休息（国庆节）')
  })
})

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

describe('addWorkingDays', () => {
  it('returns the date itself for 0', () => {
    expect(addWorkingDays('2026-10-01', 0)).toBe('2026-10-01')
  })
  describe('when the span crosses 国庆', () => {
    it('skips the whole holiday', () => {
      expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08')
    })
  })
  describe('when the next day is a 调休 Saturday', () => {
    it('counts the Saturday as a working day', () => {
      expect(addWorkingDays('2026-10-09', 1)).toBe('2026-10-10')
    })
  })
  describe('when the center closed a day', () => {
    it('skips it', () => {
      expect(addWorkingDays('2026-11-26', 1, { closed: { '2026-11-27': '停电' }, open: {} })).toBe('2026-11-30')
    })
  })
  it('skips an ordinary weekend', () => {
    expect(addWorkingDays('2026-11-27', 3)).toBe('2026-12-02')
  })
})

describe('workingDaysBetween', () => {
  it('returns 0 for the same day and for an earlier day', () => {
    expect(workingDaysBetween('2026-11-26', '2026-11-26')).toBe(0)
    expect(workingDaysBetween('2026-11-26', '2026-11-20')).toBe(0)
  })
  it('counts only open days after the start, the end included', () => {
    expect(workingDaysBetween('2026-11-26', '2026-11-30')).toBe(2) // Fri 27, Mon 30
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3) // 8th, 9th, 调休 10th
  })
  it('is the inverse of addWorkingDays', () => {
    for (const n of [1, 2, 5, 10]) expect(workingDaysBetween('2026-09-25', addWorkingDays('2026-09-25', n))).toBe(n)
  })
})
