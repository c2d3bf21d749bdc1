import holidayData from 'chinese-days/dist/chinese-days.json'
import { transformSync } from 'esbuild'
import { lunarYearDates, type LunarYearDates } from '@/core/lunar-dates'
import { holidayTableModule, lunarTableModule, lunarTableSpan } from '../../scripts/cloud-tables'

/** Loads a generated module the way a bundle would run it (ES module → CommonJS, evaluated). */
function load<T>(source: string): T {
  const module = { exports: {} as T }
  new Function('module', 'exports', transformSync(source, { format: 'cjs', loader: 'js' }).code)(module, module.exports)
  return module.exports
}

describe('the lunar table of a cloud bundle', () => {
  const span = lunarTableSpan(2026)
  const table = load<{ lunarYearDates(year: number): LunarYearDates }>(lunarTableModule(span.first, span.last))

  it('spans 25 years back and 30 ahead of the build year', () => {
    expect(span).toEqual({ first: 2001, last: 2056 })
  })

  it('answers what the library answers, for every year of the span', () => {
    for (let year = span.first; year <= span.last; year++) expect([year, table.lunarYearDates(year)]).toEqual([year, lunarYearDates(year)])
  })

  describe('when asked for a year outside the span', () => {
    it.each([span.first - 1, span.last + 1, NaN])('refuses %p by name, saying how to move the span', (year) => {
      expect(() => table.lunarYearDates(year)).toThrow(
        expect.objectContaining({ name: 'LunarTableOutOfRange', message: expect.stringMatching(/2001-2056.*npm run build:cloud/) }),
      )
    })
  })

  it('stays small: 56 years in under 1.5 KB', () => {
    expect(lunarTableModule(span.first, span.last).length).toBeLessThan(1536)
  })
})

describe('the holiday table of a cloud bundle', () => {
  const source = holidayTableModule(holidayData)
  const table = load<{ default: { holidays: Record<string, string>; workdays: Record<string, string> } }>(source).default

  it("holds exactly the package's arrangements and make-up days, every year", () => {
    expect(table.holidays).toEqual(holidayData.holidays)
    expect(table.workdays).toEqual(holidayData.workdays)
  })

  it('is a fraction of the JSON it replaces', () => {
    expect(source.length).toBeLessThan(JSON.stringify(holidayData).length / 4)
  })
})
