import { timingSafeEqual } from 'node:crypto'
import { codeBuckets, codeFromDigest, DEFAULT_QUEUE_RULES, type CodeBucket, type QueueRules } from '@/core/queue-check-in'
import type { PersonalData } from '@cloud/runtime/personal-data'

/**
 * The rotating on-site check-in code (签到码): derived, never stored — a keyed
 * hash of (center, Beijing date, 5-minute period) with the server's hash key,
 * so only the server (and the hall screen it shows it to) knows it, and anyone
 * who reads it off the screen is, or was a moment ago, in the hall. The input
 * is prefixed so it can never equal an ID number's hash.
 */
function codeFor(pii: PersonalData, centerId: string, bucket: CodeBucket): string {
  return codeFromDigest(pii.hash(`queue-check-in-code\n${centerId}\n${bucket.key}`))
}

/** The code the hall screen shows now, and when it changes. */
export function currentCheckInCode(
  pii: PersonalData,
  centerId: string,
  now: Date,
  rules: QueueRules = DEFAULT_QUEUE_RULES,
): { code: string; changesAt: Date } {
  const [current] = codeBuckets(now, rules.codeRotateMinutes)
  return { code: codeFor(pii, centerId, current), changesAt: current.endsAt }
}

/** True for the current code or the one just before it (read just before the screen changed). */
export function acceptsCheckInCode(
  pii: PersonalData,
  centerId: string,
  now: Date,
  code: string,
  rules: QueueRules = DEFAULT_QUEUE_RULES,
): boolean {
  const given = Buffer.from(code)
  return codeBuckets(now, rules.codeRotateMinutes).some((bucket) => {
    const expected = Buffer.from(codeFor(pii, centerId, bucket))
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
}
