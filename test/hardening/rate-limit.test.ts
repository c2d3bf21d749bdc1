/**
 * Rate limits on the local server for create-type actions: a token bucket per
 * caller (openid) and one per address; RATE_LIMITED (429) with a Chinese
 * message and `retry-after`; a burst from one caller does not starve another.
 */
import type { FastifyInstance } from 'fastify'
import { buildHttpApp } from '@cloud/server/http-app'
import { createRateLimiter, DEFAULT_RATE_LIMIT, LIMITED_ACTIONS, loadRateLimit, type RateLimitConfig } from '@cloud/server/rate-limit'
import { createInput, TEST_PII } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { createTempStore, type TempStore } from '../support/temp-store'

describe('the token buckets', () => {
  it('lets a burst through, refuses the rest with how long to wait, and refills with time', () => {
    let now = 0
    const limiter = createRateLimiter({ openid: { burst: 3, perSecond: 0.5 }, ip: { burst: 100, perSecond: 10 } }, () => now)
    expect([1, 2, 3].map(() => limiter.take('a', '1.1.1.1').ok)).toEqual([true, true, true])
    expect(limiter.take('a', '1.1.1.1')).toEqual({ ok: false, retryAfter: 2 })
    expect(limiter.take('b', '1.1.1.1').ok).toBe(true)
    now = 2000
    expect(limiter.take('a', '1.1.1.1').ok).toBe(true)
    expect(limiter.take('a', '1.1.1.1').ok).toBe(false)
  })

  it('refuses by address when many callers come from one address, and a refused call spends nothing', () => {
    const limiter = createRateLimiter({ openid: { burst: 100, perSecond: 1 }, ip: { burst: 5, perSecond: 1 } }, () => 0)
    const answers = Array.from({ length: 8 }, (_, i) => limiter.take(`caller-${i}`, '2.2.2.2').ok)
    expect(answers).toEqual([true, true, true, true, true, false, false, false])
    expect(limiter.take('caller-1', '3.3.3.3').ok).toBe(true)
  })

  it('reads its settings from the environment', () => {
    expect(loadRateLimit({})).toEqual(DEFAULT_RATE_LIMIT)
    expect(loadRateLimit({ RATE_LIMIT: 'off' })).toBeNull()
    expect(loadRateLimit({ RATE_LIMIT_OPENID: '5/0.5', RATE_LIMIT_IP: '50/5' })).toEqual({
      openid: { burst: 5, perSecond: 0.5 },
      ip: { burst: 50, perSecond: 5 },
    })
    expect(() => loadRateLimit({ RATE_LIMIT_IP: 'lots' })).toThrow(/RATE_LIMIT_IP/)
  })
})

describe('the local server', () => {
  let store: TempStore
  let app: FastifyInstance
  const start = async (rateLimit: RateLimitConfig) => {
    store = createTempStore()
    const now = new Date('2026-11-26T09:00:00+08:00')
    app = await buildHttpApp({ store, now: () => now, production: false, pii: TEST_PII, rateLimit })
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
    await start({ openid: { burst: 5, perSecond: 0.2 }, ip: { burst: 1000, perSecond: 100 } })
    const burst = []
    for (let i = 0; i < 20; i++) burst.push(await book('greedy-caller'))
    const limited = burst.filter((r) => r.statusCode === 429)
    expect(burst.slice(0, 5).every((r) => r.statusCode !== 429)).toBe(true)
    expect(limited).toHaveLength(15)
    expect(limited[0].retryAfter).toBe('5')
    expect(limited[0].body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 5 秒后再试' } })
    // The other caller books normally.
    const other = await book('patient-caller', '14:00')
    expect(other.statusCode).toBe(200)
    expect(other.body.ok).toBe(true)
    // Reads are never limited.
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
    await start({ openid: { burst: 100, perSecond: 1 }, ip: { burst: 4, perSecond: 0.1 } })
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await book(`caller-${i}`)).statusCode)
    expect(codes).toEqual([200, 200, 200, 200, 429, 429])
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
