import { addDays, type IsoDate } from './beijing-time'
import { lunarYearDates } from './lunar-dates'

/**
 * The statutory holidays of the 全国年节及纪念日放假办法 for any year, computed —
 * the lunar ones and the 清明 solar term from `./lunar-dates` (the `tyme4ts` library;
 * why this library: README, "The lunar library"). These days are closed in every year,
 * whether or not the year's arrangement (放假调休) is known; an arrangement may add
 * days off around them but never make one of them a working day.
 *
 * The rules in force for the year:
 * - from 2025 (the 2024 revision): 元旦 1; 春节 4 (除夕–正月初三); 清明 1; 劳动节 2 (5月1–2日); 端午 1; 中秋 1; 国庆 3 (10月1–3日);
 * - 2014–2024 (the 2013 revision): 春节 3 (正月初一–初三), 劳动节 1, the rest the same;
 * - 2008–2013 (the 2007 revision): 春节 3 (除夕–正月初二), 劳动节 1, the rest the same.
 * Years before 2008 take the 2007 rules (this app holds no working days that old; the
 * holiday package's data covers them anyway).
 */

export type StatutoryName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节'

/** 春节 days as offsets from 正月初一 (−1 = 除夕, the last day of the 12th month — 腊月廿九 in some years), and 劳动节's days in May. */
function rulesOf(year: number): { spring: number[]; labour: number[] } {
  if (year >= 2025) return { spring: [-1, 0, 1, 2], labour: [1, 2] }
  if (year >= 2014) return { spring: [0, 1, 2], labour: [1] }
  return { spring: [-1, 0, 1], labour: [1] }
}

/** 除夕 before the lunar new year that starts in Gregorian `year`: the last day of the 12th month. @example chuxi(2028) // '2028-01-25' (腊月廿九) */
export function chuxi(year: number): IsoDate {
  return addDays(lunarYearDates(year).newYear, -1)
}

const remembered = new Map<number, ReadonlyMap<IsoDate, string>>()

/**
 * Every statutory holiday of a Gregorian year, date → name (two on one day: both names, e.g. 2031-10-01 国庆节、中秋节).
 * @example statutoryHolidays(2027).get('2027-02-05') // '春节' (除夕)
 */
export function statutoryHolidays(year: number): ReadonlyMap<IsoDate, string> {
  const known = remembered.get(year)
  if (known) return known
  const days = new Map<IsoDate, string>()
  const add = (date: IsoDate, name: StatutoryName) => days.set(date, days.has(date) ? `${days.get(date)}、${name}` : name)
  const { spring, labour } = rulesOf(year)
  add(`${year}-01-01`, '元旦')
  const lunar = lunarYearDates(year)
  for (const offset of spring) add(addDays(lunar.newYear, offset), '春节')
  add(lunar.qingming, '清明节')
  for (const day of labour) add(`${year}-05-0${day}`, '劳动节')
  add(lunar.duanwu, '端午节')
  add(lunar.zhongqiu, '中秋节')
  for (const day of [1, 2, 3]) add(`${year}-10-0${day}`, '国庆节')
  // 除夕 of a lunar year that begins in early January would sit in the year before; keep only this year's dates.
  for (const date of [...days.keys()]) if (!date.startsWith(`${year}-`)) days.delete(date)
  // Bounded: a process asks about a handful of years.
  if (remembered.size >= 200) remembered.clear()
  remembered.set(year, days)
  return days
}

/** The statutory holiday on a date, or undefined. @example statutoryHoliday('2027-01-01') // '元旦' */
export function statutoryHoliday(date: IsoDate): string | undefined {
  return statutoryHolidays(Number(date.slice(0, 4))).get(date)
}
