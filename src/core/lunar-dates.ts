import { LunarDay, SolarTerm } from 'tyme4ts'
import type { IsoDate } from './beijing-time'

/**
 * The lunar dates the statutory holidays need, from `tyme4ts` (astronomical, no date
 * tables; why this library: README, "The lunar library"). The only file that imports
 * the library: a cloud function bundle replaces this module with a table of these
 * same answers for a span of years, made by the library at bundle time
 * (scripts/cloud-tables.ts), so the 214 KB library stays out of every cold start.
 */

/** The days of a Gregorian year that hang on the lunar calendar or a solar term. */
export interface LunarYearDates {
  /** 正月初一 of the lunar year that begins in this Gregorian year (除夕 is the day before). */
  newYear: IsoDate
  /** 清明, the solar term. */
  qingming: IsoDate
  /** 端午, 五月初五. */
  duanwu: IsoDate
  /** 中秋, 八月十五. */
  zhongqiu: IsoDate
}

const iso = (d: { getYear(): number; getMonth(): number; getDay(): number }): IsoDate =>
  `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`

/** The Gregorian date of a day of the lunar year `year` (month 1 = 正月). @example lunarToSolar(2027, 8, 15) // '2027-09-15' (中秋) */
export function lunarToSolar(year: number, month: number, day: number): IsoDate {
  return iso(LunarDay.fromYmd(year, month, day).getSolarDay())
}

/** The day of 清明 (the solar term) in a Gregorian year. @example qingming(2027) // '2027-04-05' */
export function qingming(year: number): IsoDate {
  return iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay())
}

/** @example lunarYearDates(2027) // { newYear: '2027-02-06', qingming: '2027-04-05', duanwu: '2027-06-09', zhongqiu: '2027-09-15' } */
export function lunarYearDates(year: number): LunarYearDates {
  return {
    newYear: lunarToSolar(year, 1, 1),
    qingming: qingming(year),
    duanwu: lunarToSolar(year, 5, 5),
    zhongqiu: lunarToSolar(year, 8, 15),
  }
}
