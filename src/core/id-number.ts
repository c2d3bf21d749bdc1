import { addDays, isIsoDate, type IsoDate } from './beijing-time'

/**
 * Resident ID numbers (居民身份证号码), GB 11643-1999: 6 digits of region,
 * 8 of birth date, 3 of sequence, 1 check character (0-9 or X).
 * Only the 18-character form: first-generation 15-digit cards stopped being valid in 2013.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
const SHAPE_RE = /^\d{17}[\dX]$/

/** Why an ID number is wrong, most basic problem first. */
export type IdNumberProblem = 'format' | 'birth_date' | 'checksum'

/** Upper-cases a trailing x and drops spaces people type between groups. @example normalizeIdNumber('370211 19800101 123x') // '37021119800101123X' */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). @example idCheckChar('11010519491231002') // 'X' */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** The birth date written in an ID number, `YYYY-MM-DD` (not validated). @example birthDateOf('110105194912310021') // '1949-12-31' */
export function birthDateOf(idNumber: string): IsoDate {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
}

/**
 * What is wrong with an ID number, or null when it is valid: the shape, a real
 * birth date (a calendar date from 1900 on and, when `today` is given, not after it), and the checksum.
 * @example idNumberProblem('11010519491231002X') // null
 * @example idNumberProblem('110105194912310021') // 'checksum'
 */
export function idNumberProblem(value: string, today?: IsoDate): IdNumberProblem | null {
  const id = normalizeIdNumber(value)
  if (!SHAPE_RE.test(id)) return 'format'
  const birth = birthDateOf(id)
  if (!isIsoDate(birth) || birth < '1900-01-01' || (today !== undefined && birth > today)) return 'birth_date'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum'
  return null
}

/** True for a valid 18-character ID number. */
export function isValidIdNumber(value: string, today?: IsoDate): boolean {
  return idNumberProblem(value, today) === null
}

/** What a resident is told for each problem (the wording the form shows under the field). */
export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '请输入 18 位身份证号码',
  birth_date: '身份证号码中的出生日期不正确',
  checksum: '身份证号码不正确，请核对最后一位',
}

/**
 * Completed years of age on a Beijing date. Someone born on 29 February turns a
 * year older on 1 March in common years (the day after 28 February), as Chinese
 * civil practice counts it.
 * @example ageOn('1946-10-10', '2026-10-10') // 80
 * @example ageOn('1946-10-10', '2026-10-09') // 79
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = date.split('-').map(Number)
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age -= 1
  return age
}

/** The date someone turns `years` old. @example birthdayAt('1946-10-10', 80) // '2026-10-10' */
export function birthdayAt(birthDate: IsoDate, years: number): IsoDate {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const candidate = `${String(by + years).padStart(4, '0')}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`
  return isIsoDate(candidate) ? candidate : addDays(`${String(by + years).padStart(4, '0')}-02-28`, 1)
}

/** Keeps the first 4 and last 4 characters. @example maskIdNumber('37021119800101123X') // '3702**********123X' */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber)
  if (id.length <= 8) return '*'.repeat(id.length)
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

/**
 * Male or female by the 17th character of an ID number (odd for men), which its mask keeps; null when it is not a
 * digit (a number shorter than 18). @example sexOf('3702**********123X') // 'male'
 */
export function sexOf(idNumber: string): 'male' | 'female' | null {
  const digit = Number(idNumber.trim()[16])
  return idNumber.trim().length === 18 && Number.isInteger(digit) ? (digit % 2 === 1 ? 'male' : 'female') : null
}
