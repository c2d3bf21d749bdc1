import { describeHours, describeOpenState } from '@/core/opening-hours'

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
