/** @timezone */
import {
  arrangementDays,
  arrangementProblems,
  packageArrangementDays,
  packageHasYear,
  PACKAGE_YEARS,
  yearsAwaitingArrangement,
  type ArrangementLine,
} from '@/core/year-arrangement'

const line = (name: string, from: string, to: string, workdays: string[] = []): ArrangementLine => ({ name, from, to, workdays })
/** Made up for the tests (not the State Council's 2027 notice). */
const GOOD = [
  line('元旦', '2027-01-01', '2027-01-03'),
  line('春节', '2027-02-05', '2027-02-11', ['2027-02-20']),
  line('国庆节', '2027-10-01', '2027-10-07', ['2027-09-26', '2027-10-09']),
]

describe('arrangementProblems', () => {
  describe('when the arrangement reads like a notice', () => {
    it('returns no problem', () => {
      expect(arrangementProblems({ year: 2027, lines: GOOD })).toEqual({})
    })
  })
  describe('when the package holds the year', () => {
    it('refuses to enter it', () => {
      expect(arrangementProblems({ year: 2026, lines: [line('元旦', '2026-01-01', '2026-01-01')] })).toEqual({
        year: '2026 年的放假安排系统已内置，无需录入',
      })
    })
  })
  describe('when a date is outside the year', () => {
    it('names the line', () => {
      expect(arrangementProblems({ year: 2027, lines: [line('元旦', '2026-12-31', '2027-01-02')] })).toEqual({
        'lines.0.from': '第 1 行（元旦）的开始日期不在 2027 年内',
      })
    })
  })
  describe('when a range ends before it starts or is too long', () => {
    it('names the line and the dates', () => {
      expect(arrangementProblems({ year: 2027, lines: [line('春节', '2027-02-11', '2027-02-05')] })).toEqual({
        'lines.0.to': '第 1 行（春节）的结束日期 2月5日 早于开始日期 2月11日',
      })
      expect(arrangementProblems({ year: 2027, lines: [line('春节', '2027-02-01', '2027-02-20')] })).toEqual({
        'lines.0.to': '第 1 行（春节）放假超过 15 天，请检查日期',
      })
    })
  })
  describe('when two ranges overlap', () => {
    it('names both lines', () => {
      expect(
        arrangementProblems({
          year: 2027,
          lines: [line('国庆节', '2027-10-01', '2027-10-07'), line('中秋节', '2027-10-07', '2027-10-08')],
        }),
      ).toEqual({
        'lines.1.from': '第 2 行（中秋节）的日期与第 1 行（国庆节）重叠',
      })
    })
  })
  describe('when a make-up day is a weekday', () => {
    it('names the line, the date and its weekday', () => {
      expect(arrangementProblems({ year: 2027, lines: [line('春节', '2027-02-05', '2027-02-11', ['2027-02-17'])] })).toEqual({
        'lines.0.workdays.0': '第 1 行（春节）的调休上班日 2月17日 是周三，调休上班日只能是周六或周日',
      })
    })
  })
  describe('when a make-up day is a statutory holiday', () => {
    it('refuses it with the holiday’s name', () => {
      // 2027-02-06 (初一) is a Saturday.
      expect(arrangementProblems({ year: 2027, lines: [line('元旦', '2027-01-01', '2027-01-01', ['2027-02-06'])] })).toEqual({
        'lines.0.workdays.0': '2月6日 是法定节假日（春节），不能调休上班',
      })
    })
  })
  describe('when a make-up day falls inside a range or is given twice', () => {
    it('refuses each', () => {
      expect(arrangementProblems({ year: 2027, lines: [line('国庆节', '2027-10-01', '2027-10-10', ['2027-10-09'])] })).toEqual({
        'lines.0.workdays.0': '第 1 行（国庆节）的调休上班日 10月9日 在第 1 行（国庆节）的放假期间内',
      })
      expect(
        arrangementProblems({
          year: 2027,
          lines: [line('春节', '2027-02-05', '2027-02-11', ['2027-02-20']), line('清明节', '2027-04-05', '2027-04-05', ['2027-02-20'])],
        }),
      ).toEqual({
        'lines.1.workdays.0': '第 2 行（清明节）的调休上班日 2月20日 重复填写了',
      })
    })
  })
})

describe('arrangementDays', () => {
  it('returns every day of each range and each make-up day with the line’s name', () => {
    const days = arrangementDays({ year: 2027, lines: GOOD })
    expect(days.off.size).toBe(3 + 7 + 7)
    expect(days.off.get('2027-02-11')).toBe('春节')
    expect([...days.work]).toEqual([
      ['2027-02-20', '春节'],
      ['2027-09-26', '国庆节'],
      ['2027-10-09', '国庆节'],
    ])
  })
})

describe('packageArrangementDays', () => {
  it('returns the package’s 2026 notice', () => {
    const days = packageArrangementDays(2026)!
    expect(days.off.get('2026-02-23')).toBe('春节')
    expect(days.work.get('2026-10-10')).toBe('国庆节')
  })
  it('returns null for a year the package lacks', () => {
    expect(PACKAGE_YEARS.last).toBe(2026)
    expect(packageHasYear(2027)).toBe(false)
    expect(packageArrangementDays(2027)).toBeNull()
  })
})

describe('yearsAwaitingArrangement', () => {
  const known = (y: number) => y <= 2026
  describe('before 1 November', () => {
    it('returns nothing while this year is known', () => expect(yearsAwaitingArrangement('2026-10-31', known)).toEqual([]))
  })
  describe('from 1 November', () => {
    it('returns next year while it is unknown', () => {
      expect(yearsAwaitingArrangement('2026-11-01', known)).toEqual([2027])
      expect(yearsAwaitingArrangement('2026-12-28', known)).toEqual([2027])
    })
    it('returns nothing once next year is entered', () => expect(yearsAwaitingArrangement('2026-12-28', (y) => y <= 2027)).toEqual([]))
  })
  describe('when the year itself is still unknown', () => {
    it('returns it all year', () => expect(yearsAwaitingArrangement('2027-03-01', known)).toEqual([2027]))
  })
})
