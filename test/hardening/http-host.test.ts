/**
 * The local HTTP host itself (issue 17, point 4): security headers on every answer, the envelope in
 * Chinese for fastify's and Node's own refusals, a slow-body connection cut at the request timeout,
 * and the connection cap. A real server on a real port, spoken to over raw sockets where a browser
 * or fetch would not misbehave the way an attacker does.
 */
import type { FastifyInstance } from 'fastify'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { buildHttpApp } from '@cloud/server/http-app'
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  DEFAULT_LIMITS,
  SECURITY_HEADERS,
  loadHostLimits,
  type HostLimits,
} from '@cloud/server/http-guards'
import { TEST_PII } from '@test/support/test-keys'
import { createTempStore, type TempStore } from '@test/support/temp-store'

/** An inline script of the page, as the H5 template has one (the root font size). */
const INLINE = 'document.documentElement.style.fontSize = "20px"'
const INLINE_HASH = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`

let store: TempStore
let app: FastifyInstance
let port: number
let staticDir: string

async function start(limits: HostLimits) {
  store = createTempStore()
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-static-'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><title>便民</title><script>${INLINE}</script>`)
  const now = new Date('2026-11-26T09:00:00+08:00')
  app = await buildHttpApp({ store, now: () => now, production: false, pii: TEST_PII, staticDir, limits })
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as net.AddressInfo).port
}

afterEach(async () => {
  await app.close()
  store.dispose()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

/** Writes `chunks` on a raw connection (`delayMs` apart) and collects what comes back until the server closes it. */
function raw(chunks: string[], delayMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const began = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    let text = ''
    let timer: NodeJS.Timeout | undefined
    socket.on('data', (c) => (text += c))
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ text, closedAfterMs: Date.now() - began })
    })
    let i = 0
    const next = () => {
      if (socket.destroyed || i >= chunks.length) return
      socket.write(chunks[i++])
      timer = setTimeout(next, delayMs)
    }
    socket.on('connect', next)
  })
}

const headersOf = (text: string) => {
  const [head] = text.split('\r\n\r\n')
  return Object.fromEntries(
    head
      .split('\r\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  )
}
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))

function expectSecurityHeaders(h: Record<string, string | null | undefined>) {
  expect(h['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'/)
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(h['x-content-type-options']).toBe('nosniff')
  expect(h['referrer-policy']).toBe('no-referrer')
  expect(h['x-frame-options']).toBe('DENY')
}

describe('every answer', () => {
  beforeEach(() => start(DEFAULT_LIMITS))

  it('carries the security headers: a function’s answer, its refusal, a static file, a missing page, a bad URL', async () => {
    const url = `http://127.0.0.1:${port}`
    const call = (body: unknown) =>
      fetch(`${url}/api/center`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const answers = [
      await call({ action: 'listCenters' }),
      await call({ action: 'nope' }),
      await fetch(`${url}/`),
      await fetch(`${url}/missing.js`),
      await fetch(`${url}/api/%E0%A4%A`, { method: 'POST' }),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 400, 200, 404, 400])
    // The page may run its own inline script (by hash) and nothing else inline; JSON answers no inline script at all.
    expect(answers[2].headers.get('content-security-policy')).toBe(contentSecurityPolicy([INLINE_HASH]))
    expect(answers[0].headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toContain('sha256')
    for (const r of answers) expectSecurityHeaders(Object.fromEntries(Object.keys(SECURITY_HEADERS).map((k) => [k, r.headers.get(k)])))
  })

  it('is the envelope in Chinese for fastify’s own refusals: a URL it cannot decode, a page that does not exist', async () => {
    const badUrl = await fetch(`http://127.0.0.1:${port}/api/%E0%A4%A`, { method: 'POST' })
    expect(await badUrl.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '网址格式不正确' } })
    const missing = await fetch(`http://127.0.0.1:${port}/nothing/here`)
    expect(await missing.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这个页面' } })
  })

  it('is the envelope, with the headers, for what Node’s parser refuses before fastify sees it', async () => {
    const garbage = await raw(['THIS IS NOT HTTP\r\n\r\n'])
    expect(garbage.text).toMatch(/^HTTP\/1\.1 400 /)
    expectSecurityHeaders(headersOf(garbage.text))
    expect(bodyOf(garbage.text)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } })
    const hugeHeader = await raw([`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])
    expect(hugeHeader.text).toMatch(/^HTTP\/1\.1 431 /)
    expect(bodyOf(hugeHeader.text).error.code).toBe('PAYLOAD_TOO_LARGE')
  })
})

describe('a connection that trickles its body', () => {
  it('is answered 408 in the envelope and closed within the request timeout (plus the once-a-second check), while others are served', async () => {
    await start({ ...DEFAULT_LIMITS, requestTimeoutMs: 1_000 })
    const body = JSON.stringify({ action: 'listCenters' })
    const head = `POST /api/center HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`
    // One byte every 200 ms: a connection the idle timeout alone would never close.
    const slow = raw([head, ...body.split('')], 200)
    const meanwhile = await fetch(`http://127.0.0.1:${port}/api/center`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    expect(meanwhile.status).toBe(200)
    const { text, closedAfterMs } = await slow
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_000)
    expect(closedAfterMs).toBeLessThan(1_000 + 1_000 + 1_500)
    expect(text).toMatch(/^HTTP\/1\.1 408 /)
    expect(bodyOf(text)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求超时：内容没有在规定时间内传完，请重新提交' } })
  })
})

describe('the connection cap', () => {
  it('closes connections beyond it on arrival, and serves again once one is free', async () => {
    await start({ ...DEFAULT_LIMITS, maxConnections: 2 })
    const open = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => resolve(s))
        s.on('error', reject)
      })
    const held = [await open(), await open()]
    const extra = await raw([`GET / HTTP/1.1\r\nHost: x\r\n\r\n`])
    expect(extra.text).toBe('')
    held[0].destroy()
    await new Promise((r) => setTimeout(r, 100))
    const served = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } })
    expect(await served.json()).toEqual({ ok: true })
    held[1].destroy()
  })
})

describe('loadHostLimits', () => {
  it('reads the limits from the environment and refuses nonsense', () => {
    expect(loadHostLimits({})).toEqual(DEFAULT_LIMITS)
    expect(loadHostLimits({ REQUEST_TIMEOUT_MS: '5000', MAX_CONNECTIONS: '10' })).toEqual({
      ...DEFAULT_LIMITS,
      requestTimeoutMs: 5000,
      maxConnections: 10,
    })
    expect(() => loadHostLimits({ IDLE_TIMEOUT_MS: 'soon' })).toThrow(/IDLE_TIMEOUT_MS/)
  })
})
