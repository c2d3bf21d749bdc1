/**
 * Token buckets on the local server. Two kinds of caller with separate budgets, so a flood of
 * anonymous calls from an address never throttles a signed-in resident there (or behind the same NAT):
 * - a signed-in caller (openid) spends from their own bucket and from the address's signed-in bucket;
 * - an anonymous caller spends from the address's anonymous bucket only.
 * Create-type actions ("writes") spend from those; every other action is a read and spends from a
 * larger read bucket, kept per openid or per anonymous address the same way (a read flood took a
 * neighbour's getInfo from 9 ms to 1.4 s). In CloudBase the platform's own quotas apply.
 *
 * Memory is bounded: at most `maxKeys` buckets, the least recently used forgotten first (two
 * generations of maps), in constant time per call whatever the number of keys. A forgotten
 * bucket comes back full: to lift someone's limit that way an attacker must make `maxKeys` fresh
 * callers in between, and the address buckets still hold them.
 */

/** Actions that create something (or guess a code): the ones a flood would hurt most. */
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

export type ActionWeight = 'write' | 'read'

/** `write` for the create-type actions, `read` for every other (availability, the hall board, the guide…). */
export const weightOf = (fn: string, action: string): ActionWeight => (LIMITED_ACTIONS.has(`${fn}.${action}`) ? 'write' : 'read')

export interface Bucket {
  /** Tokens a caller may spend at once. */
  burst: number
  /** Tokens added back per second. */
  perSecond: number
}

export interface RateLimitConfig {
  /** Writes of one signed-in caller. */
  openid: Bucket
  /** Writes of all signed-in callers from one address. */
  ip: Bucket
  /** Writes of all anonymous callers from one address. */
  anonymous: Bucket
  /** Reads of one signed-in caller, or of the anonymous callers of one address (two separate buckets). */
  read: Bucket
  /** Most buckets remembered at once (least recently used forgotten first). */
  maxKeys?: number
}

/** High enough that one person (or a test suite) clicking by hand never meets it; a script hammering does. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  openid: { burst: 60, perSecond: 1 },
  ip: { burst: 600, perSecond: 20 },
  anonymous: { burst: 120, perSecond: 5 },
  read: { burst: 600, perSecond: 50 },
}

export const DEFAULT_MAX_KEYS = 100_000

/**
 * `RATE_LIMIT=off` turns it off; `RATE_LIMIT_OPENID`, `RATE_LIMIT_IP`, `RATE_LIMIT_ANONYMOUS`, `RATE_LIMIT_READ` = `burst/perSecond`.
 * @example loadRateLimit({ RATE_LIMIT_OPENID: '5/0.5' }) // { ...DEFAULT_RATE_LIMIT, openid: { burst: 5, perSecond: 0.5 } }
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
  return {
    openid: parse('RATE_LIMIT_OPENID', DEFAULT_RATE_LIMIT.openid),
    ip: parse('RATE_LIMIT_IP', DEFAULT_RATE_LIMIT.ip),
    anonymous: parse('RATE_LIMIT_ANONYMOUS', DEFAULT_RATE_LIMIT.anonymous),
    read: parse('RATE_LIMIT_READ', DEFAULT_RATE_LIMIT.read),
  }
}

interface State {
  tokens: number
  at: number
}

export function createRateLimiter(config: RateLimitConfig, clock: () => number = () => Date.now()) {
  // Two generations instead of a strict LRU list: a bucket used lately is in `recent` (or moved there from
  // `older` on use); when `recent` holds half the allowance, `older` is dropped whole and `recent` takes its
  // place. Constant time per call, never more than `maxKeys` buckets, and what goes is what was not used in
  // the last half-allowance of callers.
  const half = Math.max(1, Math.floor((config.maxKeys ?? DEFAULT_MAX_KEYS) / 2))
  let recent = new Map<string, State>()
  let older = new Map<string, State>()

  function lookup(key: string): State | undefined {
    const s = recent.get(key)
    if (s) return s
    const old = older.get(key)
    if (old) older.delete(key)
    return old
  }

  function remember(key: string, s: State) {
    if (recent.has(key)) return
    if (recent.size >= half) {
      older = recent
      recent = new Map()
    }
    recent.set(key, s)
  }

  function refill(key: string, b: Bucket, now: number): State {
    const s = lookup(key) ?? { tokens: b.burst, at: now }
    s.tokens = Math.min(b.burst, s.tokens + ((now - s.at) / 1000) * b.perSecond)
    s.at = now
    return s
  }

  function bucketsOf(weight: ActionWeight, openid: string | null, ip: string): [string, Bucket][] {
    if (weight === 'read') return [[openid ? `read:openid:${openid}` : `read:anon:${ip}`, config.read]]
    if (!openid) return [[`anon:${ip}`, config.anonymous]]
    return [
      [`ip:${ip}`, config.ip],
      [`openid:${openid}`, config.openid],
    ]
  }

  /** Spends one token from each bucket that applies; when one is empty, spends none and says how long to wait (whole seconds). */
  function take(weight: ActionWeight, openid: string | null, ip: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = clock()
    const states = bucketsOf(weight, openid, ip).map(([k, b]) => [k, b, refill(k, b, now)] as const)
    let wait = 0
    for (const [, b, s] of states) if (s.tokens < 1) wait = Math.max(wait, (1 - s.tokens) / b.perSecond)
    if (wait === 0) for (const [, , s] of states) s.tokens -= 1
    for (const [k, , s] of states) remember(k, s)
    return wait > 0 ? { ok: false, retryAfter: Math.max(1, Math.ceil(wait)) } : { ok: true }
  }

  return { take, size: () => recent.size + older.size }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
