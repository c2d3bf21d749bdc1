import holidayData from 'chinese-days/dist/chinese-days.json'
import { addDays, isoWeekday, isIsoDate, monthDay, weekdayName, type IsoDate } from './beijing-time'
import { statutoryHoliday } from './statutory-holidays'

/**
 * The official yearly arrangement (放假调休): the ranges off and the make-up working
 * days the State Council's notice announces for a year, on top of the statutory days.
 * It comes from the `chinese-days` package for the years that package has, and for a
 * later year from what the district entered (or the deployer imported), read the way
 * the notice reads: one line per holiday, its days off and its make-up Saturdays/Sundays.
 */

/** One line of the notice, e.g. 春节：2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班. */
export interface ArrangementLine {
  /** e.g. 春节 — what residents read on a closed day. */
  name: string
  from: IsoDate
  to: IsoDate
  /** Make-up working days (a Saturday or Sunday), e.g. ['2027-02-20']. */
  workdays: IsoDate[]
}

export interface YearArrangement {
  year: number
  lines: ArrangementLine[]
}

/** The days an arrangement changes: date → holiday name. */
export interface ArrangementDays {
  off: ReadonlyMap<IsoDate, string>
  work: ReadonlyMap<IsoDate, string>
}

/** Where a year's arrangement comes from. */
export type ArrangementSource = 'package' | 'entered' | 'unknown'

export const SOURCE_TEXT: Record<ArrangementSource, string> = { package: '系统内置', entered: '区里录入', unknown: '尚未录入' }

type PackageTable = Record<IsoDate, string>
const PACKAGE_OFF = (holidayData as { holidays: PackageTable }).holidays
const PACKAGE_WORK = (holidayData as { workdays: PackageTable }).workdays

/** The years the package holds; a later year's arrangement has to be entered. */
export const PACKAGE_YEARS = (() => {
  const years = Object.keys(PACKAGE_OFF).map((d) => Number(d.slice(0, 4)))
  return { first: Math.min(...years), last: Math.max(...years) }
})()

export function packageHasYear(year: number): boolean {
  return year >= PACKAGE_YEARS.first && year <= PACKAGE_YEARS.last
}

/** The Chinese name in a package entry such as "National Day,国庆节,3". */
const packageName = (entry: string) => entry.split(',')[1] ?? entry

const packageDays = new Map<number, ArrangementDays>()

/** The package's arrangement of a year, or null for a year it does not hold. @example packageArrangementDays(2026)?.work.get('2026-10-10') // '国庆节' */
export function packageArrangementDays(year: number): ArrangementDays | null {
  if (!packageHasYear(year)) return null
  let days = packageDays.get(year)
  if (!days) {
    const pick = (table: PackageTable) =>
      new Map(
        Object.entries(table)
          .filter(([d]) => d.startsWith(`${year}-`))
          .map(([d, e]) => [d, packageName(e)]),
      )
    days = { off: pick(PACKAGE_OFF), work: pick(PACKAGE_WORK) }
    packageDays.set(year, days)
  }
  return days
}

/** Every date of [from, to]. */
export function datesOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d)
  return out
}

/** The days an entered arrangement changes. @example arrangementDays({ year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }] }).off.size // 3 */
export function arrangementDays(a: YearArrangement): ArrangementDays {
  const off = new Map<IsoDate, string>()
  const work = new Map<IsoDate, string>()
  for (const line of a.lines) {
    for (const d of datesOf(line.from, line.to)) off.set(d, line.name)
    for (const d of line.workdays) work.set(d, line.name)
  }
  return { off, work }
}

/** The longest stretch one line may give off (the longest notices so far: 9 days of 春节 or 国庆). */
export const MAX_LINE_DAYS = 15

const lineLabel = (i: number, line: ArrangementLine) => `第 ${i + 1} 行（${line.name}）`

/**
 * Why an arrangement cannot be saved, as field errors naming the line or the date in
 * Chinese (keys are the input's paths, e.g. `lines.1.workdays.0`); empty when it is fine.
 * Checks: every date inside the year, a range that ends on or after its start and is not
 * longer than 15 days, ranges that do not overlap, make-up days on a Saturday or Sunday,
 * outside every range and given once, and no statutory holiday made a working day. A year
 * the package holds is not entered.
 * @example arrangementProblems({ year: 2027, lines: [{ name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: ['2027-02-17'] }] })
 * // { 'lines.0.workdays.0': '第 1 行（春节）的调休上班日 2月17日 是周三，调休上班日只能是周六或周日' }
 */
export function arrangementProblems(a: YearArrangement): Record<string, string> {
  const problems: Record<string, string> = {}
  const put = (key: string, message: string) => {
    if (!problems[key]) problems[key] = message
  }
  if (packageHasYear(a.year)) {
    put('year', `${a.year} 年的放假安排系统已内置，无需录入`)
    return problems
  }
  const inYear = (d: IsoDate) => isIsoDate(d) && d.startsWith(`${a.year}-`)
  const ranges: { i: number; from: IsoDate; to: IsoDate }[] = []
  a.lines.forEach((line, i) => {
    const label = lineLabel(i, line)
    if (!inYear(line.from)) put(`lines.${i}.from`, `${label}的开始日期不在 ${a.year} 年内`)
    if (!inYear(line.to)) put(`lines.${i}.to`, `${label}的结束日期不在 ${a.year} 年内`)
    if (problems[`lines.${i}.from`] || problems[`lines.${i}.to`]) return
    if (line.to < line.from) return put(`lines.${i}.to`, `${label}的结束日期 ${monthDay(line.to)} 早于开始日期 ${monthDay(line.from)}`)
    if (datesOf(line.from, line.to).length > MAX_LINE_DAYS) return put(`lines.${i}.to`, `${label}放假超过 ${MAX_LINE_DAYS} 天，请检查日期`)
    const other = ranges.find((r) => r.from <= line.to && line.from <= r.to)
    if (other) put(`lines.${i}.from`, `${label}的日期与${lineLabel(other.i, a.lines[other.i])}重叠`)
    else ranges.push({ i, from: line.from, to: line.to })
  })
  const seen = new Set<IsoDate>()
  a.lines.forEach((line, i) => {
    line.workdays.forEach((d, k) => {
      const key = `lines.${i}.workdays.${k}`
      const label = `${lineLabel(i, line)}的调休上班日`
      if (!inYear(d)) return put(key, `${label}不在 ${a.year} 年内`)
      const weekday = isoWeekday(d)
      if (weekday < 6) return put(key, `${label} ${monthDay(d)} 是${weekdayName(d)}，调休上班日只能是周六或周日`)
      const statutory = statutoryHoliday(d)
      if (statutory) return put(key, `${monthDay(d)} 是法定节假日（${statutory}），不能调休上班`)
      const inside = a.lines.findIndex((l) => l.from <= d && d <= l.to)
      if (inside >= 0) return put(key, `${label} ${monthDay(d)} 在${lineLabel(inside, a.lines[inside])}的放假期间内`)
      if (seen.has(d)) return put(key, `${label} ${monthDay(d)} 重复填写了`)
      seen.add(d)
    })
  })
  return problems
}

/**
 * Which years want their arrangement entered now: the current year while unknown, and
 * from 1 November on also the next one (the notice usually comes out in November).
 * @example yearsAwaitingArrangement('2026-11-01', (y) => y <= 2026) // [2027]
 * @example yearsAwaitingArrangement('2026-10-31', (y) => y <= 2026) // []
 */
export function yearsAwaitingArrangement(today: IsoDate, known: (year: number) => boolean): number[] {
  const year = Number(today.slice(0, 4))
  const years = today.slice(5) >= '11-01' ? [year, year + 1] : [year]
  return years.filter((y) => !known(y))
}
