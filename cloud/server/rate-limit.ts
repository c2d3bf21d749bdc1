/**
 * Token buckets for create-type actions on the local server: one bucket per
 * caller (openid) and one per client address, so a burst from one caller runs
 * out of its own tokens without starving others. In CloudBase the platform's
 * own quotas apply; this guards the local/self-hosted server.
 */

/** Actions that create something (or guess a code): the ones a flood would hurt. */
export const LIMITED_ACTIONS = new Set([
  'booking.create',
  'booking.reschedule',
  'homecert.submit',
  'delegation.create',
  'delegation.intake',
  'delegation.uploadPhoto',
  'delegation.claim',
  'queue.checkIn',
  'queue.issueWalkIn',
  'staff.createInvite',
  'staff.redeemInvite',
  'staff.previewInvite',
])

export interface Bucket {
  /** Tokens a caller may spend at once. */
  burst: number
  /** Tokens added back per second. */
  perSecond: number
}

export interface RateLimitConfig {
  openid: Bucket
  ip: Bucket
}

/** High enough that one person (or a test suite) booking by hand never meets it; a script hammering does. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { openid: { burst: 60, perSecond: 1 }, ip: { burst: 600, perSecond: 20 } }

/**
 * `RATE_LIMIT=off` turns it off; `RATE_LIMIT_OPENID` / `RATE_LIMIT_IP` = `burst/perSecond` (e.g. `60/1`).
 * @example loadRateLimit({ RATE_LIMIT_OPENID: '5/0.5' }) // { openid: { burst: 5, perSecond: 0.5 }, ip: default }
 */
export function loadRateLimit(env: NodeJS.ProcessEnv): RateLimitConfig | null {
  if (env.RATE_LIMIT === 'off') return null
  const parse = (name: string, fallback: Bucket): Bucket => {
    const raw = env[name]
    if (!raw) return fallback
    const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim())
    if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`${name} must be burst/perSecond such as 60/1, got ${raw}`)
    return { burst: Number(m[1]), perSecond: Number(m[2]) }
  }
  return { openid: parse('RATE_LIMIT_OPENID', DEFAULT_RATE_LIMIT.openid), ip: parse('RATE_LIMIT_IP', DEFAULT_RATE_LIMIT.ip) }
}

interface State {
  tokens: number
  at: number
}

const MAX_KEYS = 50_000

export function createRateLimiter(config: RateLimitConfig, clock: () => number = () => Date.now()) {
  const buckets = new Map<string, State>()

  function refill(key: string, b: Bucket, now: number): State {
    const s = buckets.get(key) ?? { tokens: b.burst, at: now }
    s.tokens = Math.min(b.burst, s.tokens + ((now - s.at) / 1000) * b.perSecond)
    s.at = now
    return s
  }

  function prune(now: number) {
    if (buckets.size < MAX_KEYS) return
    // Forget callers whose bucket has filled up again (they lose nothing).
    const longest = Math.max(config.openid.burst / config.openid.perSecond, config.ip.burst / config.ip.perSecond) * 1000
    for (const [k, s] of buckets) if (now - s.at > longest) buckets.delete(k)
  }

  /** Spends one token from each bucket that applies; when one is empty, spends none and says how long to wait (whole seconds). */
  function take(openid: string | null, ip: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = clock()
    prune(now)
    const parts: [string, Bucket][] = [[`ip:${ip}`, config.ip]]
    if (openid) parts.push([`openid:${openid}`, config.openid])
    const states = parts.map(([k, b]) => [k, b, refill(k, b, now)] as const)
    let wait = 0
    for (const [, b, s] of states) if (s.tokens < 1) wait = Math.max(wait, (1 - s.tokens) / b.perSecond)
    for (const [k, , s] of states) buckets.set(k, s)
    if (wait > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(wait)) }
    for (const [, , s] of states) s.tokens -= 1
    return { ok: true }
  }

  return { take }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
