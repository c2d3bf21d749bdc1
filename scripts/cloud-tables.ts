/**
 * Build-time tables for the cloud function bundles. The calendar asks two libraries only
 * for fixed answers: `tyme4ts` (214 KB minified) for four lunar dates a year, and
 * `chinese-days` (43 KB) for its table of announced arrangements. A bundle gets those
 * answers instead, made by the same libraries when `npm run build:cloud` runs, so a cold
 * start loads a few KB rather than a quarter of a megabyte. The rule stays computed, never
 * hand-typed: the lunar table is the library's output for a span of years around the build
 * date (test/scripts/cloud-tables.test.ts proves it equal for every year of the span), and a
 * year outside the span fails loudly (`LunarTableOutOfRange`) instead of answering a wrong day.
 * The holiday table keeps every year the package holds, so nothing changes for an old year.
 * Local runs and tests keep using the libraries themselves.
 */
import path from 'node:path'
import type { Plugin } from 'esbuild'
import holidayData from 'chinese-days/dist/chinese-days.json'
import { lunarYearDates } from '@/core/lunar-dates'

/**
 * Years of lunar dates a bundle carries: 25 back (past records, statistics; the holiday
 * package starts in 2004) and 30 ahead (a deployment may run for decades unrebuilt; every
 * rebuild moves the span). 56 years are under 1 KB.
 */
export const LUNAR_YEARS_BACK = 25
export const LUNAR_YEARS_AHEAD = 30

/** The first and last year of the lunar table built in `buildYear`. @example lunarTableSpan(2026) // { first: 2001, last: 2056 } */
export function lunarTableSpan(buildYear: number): { first: number; last: number } {
  return { first: buildYear - LUNAR_YEARS_BACK, last: buildYear + LUNAR_YEARS_AHEAD }
}

const LUNAR_FIELDS = ['newYear', 'qingming', 'duanwu', 'zhongqiu'] as const

/**
 * Source of the module that stands in for src/core/lunar-dates.ts in a bundle: the same
 * `lunarYearDates(year)`, read from the library's answers for `first`…`last` (each year
 * four MMDD, 16 characters).
 */
export function lunarTableModule(first: number, last: number): string {
  let table = ''
  for (let year = first; year <= last; year++) {
    const dates = lunarYearDates(year)
    for (const field of LUNAR_FIELDS) {
      if (!dates[field].startsWith(`${year}-`)) throw new Error(`${field} of ${year} is ${dates[field]}, outside the year`)
      table += dates[field].slice(5).replace('-', '')
    }
  }
  return `const FIRST = ${first}, LAST = ${last}, TABLE = ${JSON.stringify(table)}
export function lunarYearDates(year) {
  if (!(year >= FIRST && year <= LAST)) {
    const error = new RangeError('This bundle holds the lunar dates of ' + FIRST + '-' + LAST + ', not ' + year + ': rebuild it (npm run build:cloud) to move the span')
    error.name = 'LunarTableOutOfRange'
    throw error
  }
  const row = TABLE.slice((year - FIRST) * 16, (year - FIRST + 1) * 16)
  const at = (i) => year + '-' + row.slice(i, i + 2) + '-' + row.slice(i + 2, i + 4)
  return { ${LUNAR_FIELDS.map((f, i) => `${f}: at(${i * 4})`).join(', ')} }
}
`
}

type DateTable = Record<string, string>

/**
 * Source of the module that stands in for chinese-days' JSON in a bundle: its `holidays`
 * and `workdays` tables (what src/core/year-arrangement.ts reads), each packed as
 * `YYYY` + (MMDD + the entry's index in a list of distinct entries) per year.
 */
export function holidayTableModule(data: { holidays: DateTable; workdays: DateTable }): string {
  const entries = [...new Set([...Object.values(data.holidays), ...Object.values(data.workdays)])]
  if (entries.length > 36) throw new Error(`${entries.length} distinct holiday entries: one base-36 digit no longer indexes them`)
  const pack = (table: DateTable) => {
    const years = new Map<string, string>()
    for (const [date, entry] of Object.entries(table)) {
      const year = date.slice(0, 4)
      years.set(year, (years.get(year) ?? year) + date.slice(5, 7) + date.slice(8, 10) + entries.indexOf(entry).toString(36))
    }
    return JSON.stringify([...years.values()].join('|'))
  }
  return `const ENTRIES = ${JSON.stringify(entries)}
function unpack(packed) {
  const table = {}
  for (const year of packed.split('|'))
    for (let i = 4; i < year.length; i += 5)
      table[year.slice(0, 4) + '-' + year.slice(i, i + 2) + '-' + year.slice(i + 2, i + 4)] = ENTRIES[parseInt(year[i + 4], 36)]
  return table
}
export default { holidays: unpack(${pack(data.holidays)}), workdays: unpack(${pack(data.workdays)}) }
`
}

const sep = `[\\\\/]`
const LUNAR_DATES_FILE = new RegExp(`${sep}src${sep}core${sep}lunar-dates\\.ts$`)
const HOLIDAY_JSON_FILE = new RegExp(`${sep}chinese-days${sep}dist${sep}chinese-days\\.json$`)

/**
 * The esbuild plugin of build:cloud: src/core/lunar-dates.ts and chinese-days' JSON become
 * the tables above; any other import of either library fails the build (it would bring the
 * library back).
 */
export function calendarTables(buildYear: number): Plugin {
  const span = lunarTableSpan(buildYear)
  return {
    name: 'calendar-tables',
    setup(b) {
      b.onResolve({ filter: /^(tyme4ts|chinese-days)(\/|$)/ }, (args) =>
        (args.path === 'tyme4ts' && LUNAR_DATES_FILE.test(args.importer)) || args.path === 'chinese-days/dist/chinese-days.json'
          ? undefined
          : {
              errors: [
                {
                  text: `${args.path} is replaced by a build-time table in cloud bundles (scripts/cloud-tables.ts); import it only through src/core/lunar-dates.ts or chinese-days/dist/chinese-days.json (imported by ${args.importer})`,
                },
              ],
            },
      )
      b.onLoad({ filter: LUNAR_DATES_FILE }, (args) => ({
        contents: lunarTableModule(span.first, span.last),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }))
      b.onLoad({ filter: HOLIDAY_JSON_FILE }, (args) => ({
        contents: holidayTableModule(holidayData),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }))
    },
  }
}
