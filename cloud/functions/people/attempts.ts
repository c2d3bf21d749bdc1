/**
 * Attempt limits of the people area: a consent code is 8 characters, so guessing one is a matter of tries — every
 * refused try is counted per caller (and per person the code is for), and a key with too many in the window is
 * refused before the code is looked at, even a right code. Counted in the store, not the HTTP host's token buckets:
 * those live in one process's memory, which CloudBase does not share between function instances, and they refill
 * in seconds where this lock must hold 15 minutes.
 */
import { attemptWindowStart, lockedText, type AttemptLimit } from '@/core/people'
import type { ErrorCode } from '@/contract/envelope'
import { AppError } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'

/**
 * Runs `attempt` unless one of `keys` is locked; a refusal whose code is in `counts` is recorded under every key.
 * `what` names the thing typed wrong in the locked refusal (确认码).
 */
export async function limitedAttempt<T>(
  ctx: ActionContext,
  rule: { keys: readonly string[]; limit: AttemptLimit; what: string; counts: readonly ErrorCode[] },
  attempt: () => Promise<T>,
): Promise<T> {
  const since = attemptWindowStart(ctx.now(), rule.limit).toISOString()
  const counts = await Promise.all(rule.keys.map((key) => ctx.store.people.failuresSince(key, since)))
  if (counts.some((n) => n >= rule.limit.max)) throw new AppError('RATE_LIMITED', lockedText(rule.limit, rule.what))
  try {
    return await attempt()
  } catch (e) {
    if (e instanceof AppError && rule.counts.includes(e.code)) await ctx.store.people.recordFailure(rule.keys, ctx.now().toISOString())
    throw e
  }
}
