/**
 * Rate limits on the local server: writes per signed-in caller and per address, anonymous callers in
 * a budget of their own, reads limited too; RATE_LIMITED (429) with a Chinese message and
 * `retry-after`; a burst from one caller does not starve another, an anonymous flood never throttles a
 * signed-in resident; memory bounded at flat cost per call; the trusted-proxy list decides the address.
 */
import type { FastifyInstance } from 'fastify'
import { buildHttpApp } from '@cloud/server/http-app'
import { performance } from 'node:perf_hooks'
import { createRateLimiter, DEFAULT_RATE_LIMIT, LIMITED_ACTIONS, loadRateLimit, type RateLimitConfig } from '@cloud/server/rate-limit'
import { createInput, TEST_PII } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { createTempStore, type TempStore } from '../support/temp-store'

/** Wide budgets: each case narrows the one it is about. */
const WIDE: RateLimitConfig = {
  openid: { burst: 100, perSecond: 10 },
  ip: { burst: 100, perSecond: 10 },
  anonymous: { burst: 100, perSecond: 10 },
  read: { burst: 100, perSecond: 10 },
}

describe('the token buckets', () => {
  it('lets a burst through, refuses the rest with how long to wait, and refills with time', () => {
    let now = 0
    const limiter = createRateLimiter({ ...WIDE, openid: { burst: 3, perSecond: 0.5 } }, () => now)
    expect([1, 2, 3].map(() => limiter.take('write', 'a', '1.1.1.1').ok)).toEqual([true, true, true])
    expect(limiter.take('write', 'a', '1.1.1.1')).toEqual({ ok: false, retryAfter: 2 })
    expect(limiter.take('write', 'b', '1.1.1.1').ok).toBe(true)
    now = 2000
    expect(limiter.take('write', 'a', '1.1.1.1').ok).toBe(true)
    expect(limiter.take('write', 'a', '1.1.1.1').ok).toBe(false)
  })

  it('refuses by address when many callers come from one address, and a refused call spends nothing', () => {
    const limiter = createRateLimiter({ ...WIDE, ip: { burst: 5, perSecond: 1 } }, () => 0)
    const answers = Array.from({ length: 8 }, (_, i) => limiter.take('write', `caller-${i}`, '2.2.2.2').ok)
    expect(answers).toEqual([true, true, true, true, true, false, false, false])
    expect(limiter.take('write', 'caller-1', '3.3.3.3').ok).toBe(true)
  })

  it('keeps anonymous callers in a budget of their own: their flood leaves the signed-in callers of that address whole', () => {
    const limiter = createRateLimiter({ ...WIDE, anonymous: { burst: 5, perSecond: 0.1 }, read: { burst: 5, perSecond: 0.1 } }, () => 0)
    const flood = Array.from({ length: 50 }, () => limiter.take('write', null, '4.4.4.4').ok)
    expect(flood.filter(Boolean)).toHaveLength(5)
    const readFlood = Array.from({ length: 50 }, () => limiter.take('read', null, '4.4.4.4').ok)
    expect(readFlood.filter(Boolean)).toHaveLength(5)
    expect(limiter.take('write', 'resident', '4.4.4.4').ok).toBe(true)
    expect(limiter.take('read', 'resident', '4.4.4.4').ok).toBe(true)
  })

  it('limits reads too, per caller, in a budget apart from writes', () => {
    const limiter = createRateLimiter({ ...WIDE, read: { burst: 3, perSecond: 0.1 } }, () => 0)
    expect(Array.from({ length: 5 }, () => limiter.take('read', 'reader', '5.5.5.5').ok)).toEqual([true, true, true, false, false])
    expect(limiter.take('write', 'reader', '5.5.5.5').ok).toBe(true)
    expect(limiter.take('read', 'other-reader', '5.5.5.5').ok).toBe(true)
  })

  it('remembers at most maxKeys buckets: one in use stays drained, one left alone is forgotten (and comes back full)', () => {
    const limiter = createRateLimiter({ ...WIDE, read: { burst: 1, perSecond: 0.0001 }, maxKeys: 10 }, () => 0)
    expect(limiter.take('read', 'busy', '6.6.6.6').ok).toBe(true)
    expect(limiter.take('read', 'idle', '6.6.6.6').ok).toBe(true)
    for (let i = 0; i < 100; i++) {
      limiter.take('read', `newcomer-${i}`, '6.6.6.6')
      expect(limiter.take('read', 'busy', '6.6.6.6').ok).toBe(false)
      expect(limiter.size()).toBeLessThanOrEqual(10)
    }
    expect(limiter.take('read', 'idle', '6.6.6.6').ok).toBe(true)
  })

  it('costs the same per call at 100 000 keys as at 1 000 (LRU eviction, no scan): a ratio measured in this run', () => {
    const limiter = createRateLimiter({ ...DEFAULT_RATE_LIMIT, maxKeys: 100_000 })
    const perCall = (from: number, count: number) => {
      const began = performance.now()
      for (let i = from; i < from + count; i++) limiter.take('write', `caller-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)
      return (performance.now() - began) / count
    }
    perCall(0, 2_000) // warm up
    const small = perCall(2_000, 20_000) // from ~2 000 to ~22 000 keys
    perCall(22_000, 120_000) // fill past 100 000 keys: new callers now push old ones out
    expect(limiter.size()).toBeGreaterThanOrEqual(50_000)
    expect(limiter.size()).toBeLessThanOrEqual(100_000)
    const full = perCall(142_000, 20_000)
    console.log(
      `rate limiter: ${(small * 1e3).toFixed(2)} µs per call at a few thousand keys, ${(full * 1e3).toFixed(2)} µs at 100 000 (ratio ${(full / small).toFixed(2)})`,
    )
    expect(full / small).toBeLessThan(3)
  })

  it('reads its settings from the environment', () => {
    expect(loadRateLimit({})).toEqual(DEFAULT_RATE_LIMIT)
    expect(loadRateLimit({ RATE_LIMIT: 'off' })).toBeNull()
    expect(
      loadRateLimit({ RATE_LIMIT_OPENID: '5/0.5', RATE_LIMIT_IP: '50/5', RATE_LIMIT_ANONYMOUS: '7/1', RATE_LIMIT_READ: '9/3' }),
    ).toEqual({
      openid: { burst: 5, perSecond: 0.5 },
      ip: { burst: 50, perSecond: 5 },
      anonymous: { burst: 7, perSecond: 1 },
      read: { burst: 9, perSecond: 3 },
    })
    expect(() => loadRateLimit({ RATE_LIMIT_IP: 'lots' })).toThrow(/RATE_LIMIT_IP/)
  })
})

describe('the local server', () => {
  let store: TempStore
  let app: FastifyInstance
  const start = async (rateLimit: RateLimitConfig, trustedProxies?: string[]) => {
    store = createTempStore()
    const now = new Date('2026-11-26T09:00:00+08:00')
    app = await buildHttpApp({ store, now: () => now, production: false, pii: TEST_PII, rateLimit, trustedProxies })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  }
  let base: string
  afterEach(async () => {
    await app.close()
    store.dispose()
  })
  let n = 30_000
  /** A booking.create as `openid`; the answer's status, retry-after and body. */
  const book = async (openid: string, start = '10:00') => {
    ++n
    const res = await fetch(`${base}/api/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({
        action: 'create',
        ...createInput(n, { date: '2026-11-27', start, person: { name: '王建国', idNumber: nthIdNumber(n), phone: '13812345678' } }),
      }),
    })
    return { statusCode: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() }
  }

  it('answers RATE_LIMITED with retry-after once one caller has spent their burst, while another caller from the same address is still served', async () => {
    await start({ ...WIDE, openid: { burst: 5, perSecond: 0.2 } })
    const burst = []
    for (let i = 0; i < 20; i++) burst.push(await book('greedy-caller'))
    const limited = burst.filter((r) => r.statusCode === 429)
    expect(burst.slice(0, 5).every((r) => r.statusCode !== 429)).toBe(true)
    expect(limited).toHaveLength(15)
    // 5 s for a token at 0.2/s, less by what the burst's own requests took (seconds on a loaded machine): the header and
    // the words say the same wait.
    const wait = Number(limited[0].retryAfter)
    expect(wait).toBeGreaterThanOrEqual(1)
    expect(wait).toBeLessThanOrEqual(5)
    expect(limited[0].body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: `操作太频繁，请 ${wait} 秒后再试` } })
    // The other caller books normally.
    const other = await book('patient-caller', '14:00')
    expect(other.statusCode).toBe(200)
    expect(other.body.ok).toBe(true)
    // Reads have a budget of their own.
    const read = await fetch(`${base}/api/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'greedy-caller' },
      body: JSON.stringify({ action: 'listMine', centerId: 'lsw' }),
    })
    expect(read.status).toBe(200)
    console.log(
      `rate limits: one caller's burst of 20 creates → ${20 - limited.length} served, ${limited.length} RATE_LIMITED (retry-after ${limited[0].retryAfter} s); the other caller was served`,
    )
  })

  it('limits by address across callers (the other-address case is in the bucket tests above)', async () => {
    await start({ ...WIDE, ip: { burst: 4, perSecond: 0.1 } })
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await book(`caller-${i}`)).statusCode)
    expect(codes).toEqual([200, 200, 200, 200, 429, 429])
  })

  /** A read of the guide, anonymous or as `openid`, optionally through a proxy naming `forwardedFor`. */
  const guide = async (openid?: string, forwardedFor?: string) =>
    (
      await fetch(`${base}/api/center`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(openid ? { 'x-openid': openid } : {}),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        body: JSON.stringify({ action: 'listServices', centerId: 'lsw' }),
      })
    ).status

  it('serves a signed-in resident through an anonymous flood from the same address, reads and writes', async () => {
    await start({ ...WIDE, anonymous: { burst: 3, perSecond: 0.1 }, read: { burst: 10, perSecond: 0.1 } })
    const flood = []
    for (let i = 0; i < 30; i++) flood.push(await guide())
    expect(flood.filter((s) => s === 429)).toHaveLength(20)
    expect(await guide('dev-resident-wang')).toBe(200)
    const booked = await book('dev-resident-wang')
    expect([booked.statusCode, booked.body.ok]).toEqual([200, true])
    console.log(
      `rate limits: anonymous flood of 30 reads → ${flood.filter((s) => s === 200).length} served, 20 RATE_LIMITED; the signed-in resident was served`,
    )
  })

  it('keys on the peer address, ignoring X-Forwarded-For, unless the peer is a trusted proxy', async () => {
    await start({ ...WIDE, read: { burst: 2, perSecond: 0.01 } })
    // Untrusted: a new X-Forwarded-For per call does not buy a new bucket.
    expect([await guide(undefined, '1.1.1.1'), await guide(undefined, '2.2.2.2'), await guide(undefined, '3.3.3.3')]).toEqual([
      200, 200, 429,
    ])
    await app.close()
    store.dispose()
    await start({ ...WIDE, read: { burst: 2, perSecond: 0.01 } }, ['127.0.0.1'])
    // Trusted: the proxy's header names the client, and each client has its own bucket.
    expect([await guide(undefined, '1.1.1.1'), await guide(undefined, '1.1.1.1'), await guide(undefined, '1.1.1.1')]).toEqual([
      200, 200, 429,
    ])
    expect(await guide(undefined, '2.2.2.2')).toBe(200)
  })

  it('limits the create-type actions of every area', () => {
    for (const a of [
      'booking.create',
      'homecert.submit',
      'delegation.create',
      'delegation.intake',
      'queue.issueWalkIn',
      'staff.createInvite',
      'staff.redeemInvite',
    ])
      expect(LIMITED_ACTIONS.has(a)).toBe(true)
  })
})
