/** @timezone */
import { execFileSync } from 'node:child_process'
import { getLunarDate } from 'chinese-days'
import holidayData from 'chinese-days/dist/chinese-days.json'
import { lunarToSolar, qingming } from '@/core/lunar-dates'
import { chuxi, statutoryHolidays } from '@/core/statutory-holidays'

/**
 * 除夕, 清明, 端午 and 中秋 of 2025–2035 as the almanacs print them (万年历; 2025 and 2026 also
 * as the State Council's notices set them). Checked by hand against two more sources: the
 * `lunar-javascript` library and the lunar table of `chinese-days` (below, in the test itself).
 * 2033 is the year of the "2033 problem" (闰十一月): 中秋 falls on 9月8日, not 10月7日 as
 * one library (`date-chinese`) computes; 2028's 除夕 is 腊月廿九; 2031's 中秋 is 国庆 day one.
 */
const ALMANAC: [year: number, chuxi: string, qingming: string, duanwu: string, zhongqiu: string][] = [
  [2025, '2025-01-28', '2025-04-04', '2025-05-31', '2025-10-06'],
  [2026, '2026-02-16', '2026-04-05', '2026-06-19', '2026-09-25'],
  [2027, '2027-02-05', '2027-04-05', '2027-06-09', '2027-09-15'],
  [2028, '2028-01-25', '2028-04-04', '2028-05-28', '2028-10-03'],
  [2029, '2029-02-12', '2029-04-04', '2029-06-16', '2029-09-22'],
  [2030, '2030-02-02', '2030-04-05', '2030-06-05', '2030-09-12'],
  [2031, '2031-01-22', '2031-04-05', '2031-06-24', '2031-10-01'],
  [2032, '2032-02-10', '2032-04-04', '2032-06-12', '2032-09-19'],
  [2033, '2033-01-30', '2033-04-04', '2033-06-01', '2033-09-08'],
  [2034, '2034-02-18', '2034-04-05', '2034-06-20', '2034-09-27'],
  [2035, '2035-02-07', '2035-04-05', '2035-06-10', '2035-09-16'],
]

/**
 * 清明 of each year as chinese-days computes it. It computes in the host's time zone (a day early in
 * New York, where the suite also runs), so it is asked in a child process set to Beijing time.
 */
const PACKAGE_QINGMING: Record<string, string> = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '-e',
      "const { getSolarTerms } = require('chinese-days'); const out = {}; for (let y = 2025; y <= 2035; y++) out[y] = getSolarTerms(y + '-04-01', y + '-04-10').find((t) => t.name === '清明').date; process.stdout.write(JSON.stringify(out))",
    ],
    { env: { ...process.env, TZ: 'Asia/Shanghai' }, encoding: 'utf8' },
  ),
)

const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

describe('statutory holidays', () => {
  describe.each(ALMANAC)('in %i', (year, eve, tomb, dragon, moon) => {
    it(`returns 除夕 ${eve}, 清明 ${tomb}, 端午 ${dragon}, 中秋 ${moon}`, () => {
      expect([chuxi(year), qingming(year), lunarToSolar(year, 5, 5), lunarToSolar(year, 8, 15)]).toEqual([eve, tomb, dragon, moon])
    })
    it('agrees with the lunar table of chinese-days (除夕 the last day of the 12th month, 五月初五, 八月十五, the 清明 term)', () => {
      const lastMonthDay = getLunarDate(eve)
      expect([lastMonthDay.lunarMon, getLunarDate(plus(eve, 1)).lunarMon, getLunarDate(plus(eve, 1)).lunarDay]).toEqual([12, 1, 1])
      expect([getLunarDate(dragon).lunarMon, getLunarDate(dragon).lunarDay, getLunarDate(dragon).isLeap]).toEqual([5, 5, false])
      expect([getLunarDate(moon).lunarMon, getLunarDate(moon).lunarDay, getLunarDate(moon).isLeap]).toEqual([8, 15, false])
      expect(PACKAGE_QINGMING[year]).toBe(tomb)
    })
    it('closes 11 days: 元旦 1, 春节 4 (除夕–初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3', () => {
      const days = statutoryHolidays(year)
      const expected = [
        `${year}-01-01`,
        eve,
        plus(eve, 1),
        plus(eve, 2),
        plus(eve, 3),
        tomb,
        `${year}-05-01`,
        `${year}-05-02`,
        dragon,
        moon,
        `${year}-10-01`,
        `${year}-10-02`,
        `${year}-10-03`,
      ]
      expect([...days.keys()].sort()).toEqual([...new Set(expected)].sort())
      expect(days.get(eve)).toBe('春节')
      expect(days.get(tomb)).toBe('清明节')
    })
  })

  describe('when 中秋 falls on 国庆 (2031)', () => {
    it('returns one day with both names', () => {
      expect(statutoryHolidays(2031).get('2031-10-01')).toBe('中秋节、国庆节')
      expect(statutoryHolidays(2031).size).toBe(12)
    })
  })

  describe('when the year is before the 2024 revision', () => {
    it('returns 春节 初一–初三 and one day of 劳动节 for 2024 (the 2013 rules)', () => {
      const days = statutoryHolidays(2024)
      expect(days.has('2024-02-09')).toBe(false) // 除夕 was a working day then
      expect(['2024-02-10', '2024-02-11', '2024-02-12'].every((d) => days.get(d) === '春节')).toBe(true)
      expect(days.has('2024-05-02')).toBe(false)
    })
    it('returns 除夕–初二 for 2010 (the 2007 rules)', () => {
      expect(['2010-02-13', '2010-02-14', '2010-02-15'].map((d) => statutoryHolidays(2010).get(d))).toEqual(['春节', '春节', '春节'])
    })
  })

  describe('against every arrangement the package holds (2008–2026, from the State Council notices)', () => {
    const off = (holidayData as { holidays: Record<string, string> }).holidays
    it('finds each statutory day off in the notice of its year', () => {
      const missing: string[] = []
      for (let year = 2008; year <= 2026; year++) for (const date of statutoryHolidays(year).keys()) if (!off[date]) missing.push(date)
      // The package's only gap: 2012's 端午 was 6月22日–24日 off, and it lists the 22nd and 24th but not the 23rd (a Saturday).
      expect(missing).toEqual(['2012-06-23'])
    })
  })
})
