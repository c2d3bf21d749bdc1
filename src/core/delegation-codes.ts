import { addDays, atBeijing, beijingDate, type IsoDate } from './beijing-time'
import { BOOKING_CODE_ALPHABET } from './booking-code'

/**
 * The codes around a delegated case: its readable number (案件编号), the claim
 * code that links a counter case to the resident's WeChat, and the pickup code
 * the resident shows to collect the result.
 */

const CASE_NO_RE = /^DB(\d{8})-(\d{4,})$/

/**
 * The readable number of the `seq`-th case opened on a Beijing date.
 * @example caseNumber('2026-11-26', 7) // 'DB20261126-0007'
 */
export function caseNumber(date: IsoDate, seq: number): string {
  return `DB${date.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`
}

/**
 * What a clerk typed into the search box, as a full case number when it is one
 * (any case, spaces, a missing dash or leading zeros are forgiven), else null.
 * @example caseNumberOf(' db20261126 7 ') // 'DB20261126-0007'
 */
export function caseNumberOf(query: string): string | null {
  const m = /^DB(\d{8})[-\s]*(\d{1,6})$/.exec(query.trim().toUpperCase().replace(/\s+/g, ' '))
  if (!m) return null
  return `DB${m[1]}-${m[2].padStart(4, '0')}`
}

/** True for a number written as `caseNumber` writes it. */
export function isCaseNumber(value: string): boolean {
  return CASE_NO_RE.test(value)
}

/** How long a claim code may be used after it is issued. */
export const CLAIM_CODE_DAYS = 7
export const CLAIM_CODE_LENGTH = 8
export const PICKUP_CODE_LENGTH = 6

/**
 * The instant a claim code issued at `issuedAt` stops working: the end of the
 * 7th day in Beijing (a code handed out on Thursday afternoon still works all next Thursday).
 * @example claimCodeExpiry(new Date('2026-11-26T07:00:00Z')).toISOString() // '2026-12-03T16:00:00.000Z'
 */
export function claimCodeExpiry(issuedAt: Date): Date {
  return atBeijing(addDays(beijingDate(issuedAt), CLAIM_CODE_DAYS + 1))
}

/** Upper-case, without the spaces and dashes people type. @example normalizeCode(' k7m4-qp2x ') // 'K7M4QP2X' */
export function normalizeCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase()
}

/** True for a code of `length` characters of the unambiguous alphabet. */
export function isCode(value: string, length: number): boolean {
  const code = normalizeCode(value)
  return code.length === length && [...code].every((c) => BOOKING_CODE_ALPHABET.includes(c))
}

/** A code shown in groups of four, easier to read aloud. @example groupCode('K7M4QP2X') // 'K7M4 QP2X' */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
