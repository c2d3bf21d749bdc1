/**
 * The identity verifier port: who confirms that the account typing a name and ID number is that person. In WeChat,
 * real-name face verification for government mini-programs (`wx.startFacialRecognitionVerify`, a 政务 category
 * capability) hands the page a `verifyResult` key that the server checks with WeChat (cloud/entry/face-verifier.ts);
 * locally the dev verifier confirms the demo personas (cloud/functions/people/verifier.ts). Which one runs is the
 * deployment's switch `IDENTITY_VERIFICATION`; with none (`off`) every identity is 自行填报 (self-declared), a
 * verification recorded earlier is not trusted, and staff see 自行填报 beside every person.
 */

import type { VerifyMethod } from '@/core/people'

export interface VerifyRequest {
  /** The caller, from the platform. */
  openid: string
  /** The recorded identity, unsealed (never logged). */
  name: string
  idNumber: string
  /** WeChat's `verifyResult` from `wx.startFacialRecognitionVerify`; null when the page had none. */
  verifyResult: string | null
}

/** `unavailable`: the check could not be made (WeChat unreachable): try again later, nothing is recorded. */
export type VerifyOutcome = 'verified' | 'refused' | 'unavailable'

export interface IdentityVerifier {
  readonly method: VerifyMethod
  /** Whether this caller can be verified here at all (the dev verifier knows only the demo personas). */
  canVerify(openid: string): boolean
  verify(request: VerifyRequest): Promise<VerifyOutcome>
}

/** The switch's values: `off`, the dev personas (local dev only), or WeChat face verification (CloudBase only). */
export type IdentityVerification = 'off' | 'dev' | 'wechat'

/**
 * Reads `IDENTITY_VERIFICATION`: unset means `fallback`; a value this host cannot run is refused at start, in words.
 * @example parseIdentityVerification(undefined, 'off', ['off', 'wechat']) // 'off'
 */
export function parseIdentityVerification(
  value: string | undefined,
  fallback: IdentityVerification,
  allowed: readonly IdentityVerification[],
): IdentityVerification {
  const v = (value ?? '').trim() || fallback
  if (!(allowed as readonly string[]).includes(v))
    throw new Error(`IDENTITY_VERIFICATION must be one of ${allowed.join(', ')} here, got ${value} (docs/hardening.md, 实名核验)`)
  return v as IdentityVerification
}
