import { addDays, atBeijing, beijingDate } from './beijing-time'

/**
 * 我的身份 and 亲友: a resident's own identity and the relatives they act for. Who a person is decides
 * whose limits a booking counts against (booking-rules.ts `limitHolder`), so the states are few and explicit.
 */

/** How sure we are the account belongs to the recorded person: typed in, or checked (face verification). */
export type IdentityStatus = 'self_declared' | 'verified'

/** How a resident proves who they are here: WeChat face verification, or (local dev) the demo personas' verifier. */
export type VerifyMethod = 'face' | 'dev'

export const IDENTITY_STATUS_TEXT: Record<IdentityStatus, string> = {
  self_declared: '自行填报',
  verified: '已实名核验',
}

/** Whether the relative agreed to this account acting for them, and how that was recorded. */
export type ConsentState = 'pending' | 'confirmed_by_elder' | 'confirmed_at_counter'

export const CONSENT_TEXT: Record<ConsentState, string> = {
  pending: '待本人确认',
  confirmed_by_elder: '本人已在微信确认',
  confirmed_at_counter: '已在窗口确认',
}

/** A relative whose consent is recorded: their bookings by this account count against them, not the account. */
export function hasConsented(state: ConsentState): boolean {
  return state !== 'pending'
}

/** How many relatives one account may keep (a family, not a directory of strangers). */
export const MAX_RELATIVES = 10
export const CONSENT_CODE_LENGTH = 8
export const CONSENT_CODE_DAYS = 7

/**
 * When a consent code issued at `issuedAt` stops working: the end of the 7th day after, Beijing time.
 * @example consentCodeExpiry(new Date('2026-11-26T07:00:00Z')).toISOString() // '2026-12-03T16:00:00.000Z'
 */
export function consentCodeExpiry(issuedAt: Date): Date {
  return atBeijing(addDays(beijingDate(issuedAt), CONSENT_CODE_DAYS + 1))
}

/**
 * A name shown to anyone but the one who typed it: the family name and a mark per other character.
 * @example maskPersonName('王建国') // '王**'
 */
export function maskPersonName(name: string): string {
  const chars = [...name]
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1)
}

/** Failed attempts allowed within the window before the action is refused for the rest of it (a consent code is never guessed). */
export interface AttemptLimit {
  max: number
  minutes: number
}

/** Wrong consent codes, by the elder from WeChat or by a clerk at the counter: 5 in 15 minutes locks for 15 minutes. */
export const CODE_ATTEMPTS: AttemptLimit = { max: 5, minutes: 15 }
/** Refused additions to 亲友 (an impossible ID number, the list full): 5 in 15 minutes locks for 15 minutes. */
export const ADD_RELATIVE_ATTEMPTS: AttemptLimit = { max: 5, minutes: 15 }

/**
 * The start of the window failures are counted in, at `now`.
 * @example attemptWindowStart(new Date('2026-11-26T01:15:00Z'), CODE_ATTEMPTS).toISOString() // '2026-11-26T01:00:00.000Z'
 */
export function attemptWindowStart(now: Date, limit: AttemptLimit): Date {
  return new Date(now.getTime() - limit.minutes * 60_000)
}

/**
 * The refusal while locked, in words: what happened, how long, and the way that needs no code.
 * @example lockedText(CODE_ATTEMPTS, '确认码') // '确认码输错次数太多，请 15 分钟后再试；也可以带身份证到服务中心窗口办理。'
 */
export function lockedText(limit: AttemptLimit, what: string): string {
  return `${what}输错次数太多，请 ${limit.minutes} 分钟后再试；也可以带身份证到服务中心窗口办理。`
}
