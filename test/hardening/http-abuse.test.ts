/**
 * The real server process under bad HTTP: malformed JSON, huge bodies, wrong
 * content types, unknown functions and actions, hostile headers, interleaved
 * with good requests. Every answer is the envelope, none is INTERNAL, and the
 * good requests keep being served.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BODY_LIMIT_BYTES } from '@cloud/server/http-app'
import { createInput } from '../support/booking-harness'
import { freePort, postOverLimit, startServer, type ServerProcess } from '../support/server-process'

let server: ServerProcess
let dataDir: string

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-abuse-'))
  server = await startServer({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    STATIC_DIR: dataDir,
    APP_NOW: '2026-11-26T09:00:00+08:00',
  })
}, 30_000)
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Abuse {
  name: string
  path?: string
  body: string
  headers?: Record<string, string>
  status: number[]
}

const huge = (bytes: number) => JSON.stringify({ action: 'getInfo', centerId: 'lsw', pad: 'x'.repeat(bytes) })
const ABUSES: Abuse[] = [
  { name: 'truncated JSON', body: '{"action":"getInfo","centerId":', status: [400] },
  { name: 'not JSON at all', body: 'DROP TABLE bookings;', status: [400] },
  { name: 'JSON array', body: '[1,2,3]', status: [400] },
  { name: 'JSON string', body: '"getInfo"', status: [400] },
  { name: 'JSON null', body: 'null', status: [400] },
  { name: 'empty body', body: '', status: [400] },
  { name: 'BOM and NUL', body: '\uFEFF{"action":"getInfo\u0000","centerId":"lsw"}', status: [400] },
  { name: 'lone surrogate', body: '{"action":"getInfo","centerId":"\\ud800"}', status: [400] },
  { name: '__proto__ key', body: '{"action":"getInfo","centerId":"lsw","__proto__":{"admin":true}}', status: [400] },
  {
    name: 'constructor.prototype',
    body: '{"action":"getInfo","centerId":"lsw","constructor":{"prototype":{"admin":true}}}',
    status: [400],
  },
  { name: 'deeply nested', body: '['.repeat(100_000) + ']'.repeat(100_000), status: [400, 413] },
  { name: 'body over the limit (1 MB)', body: huge(1024 * 1024), status: [413] },
  { name: 'body just over 64 KB', body: huge(64 * 1024), status: [413] },
  { name: 'wrong content type', body: 'action=getInfo', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: [400] },
  { name: 'text/plain JSON', body: '{"action":"getInfo","centerId":"lsw"}', headers: { 'content-type': 'text/plain' }, status: [400] },
  { name: 'unknown function', path: '/api/nope', body: '{"action":"x"}', status: [404] },
  { name: 'prototype function name', path: '/api/__proto__', body: '{"action":"x"}', status: [404] },
  { name: 'constructor function name', path: '/api/constructor', body: '{"action":"x"}', status: [404] },
  { name: 'unknown action', body: '{"action":"dropAll","centerId":"lsw"}', status: [400] },
  { name: 'action toString', body: '{"action":"toString"}', status: [400] },
  {
    name: 'hostile openid header',
    body: '{"action":"me","centerId":"lsw"}',
    headers: { 'x-openid': "dev-admin-sun' OR '1'='1" },
    status: [401],
  },
  { name: 'very long openid header', body: '{"action":"me","centerId":"lsw"}', headers: { 'x-openid': 'a'.repeat(4000) }, status: [401] },
  {
    name: 'unicode openid header',
    body: '{"action":"me","centerId":"lsw"}',
    headers: { 'x-openid': encodeURIComponent('王\u202E') },
    status: [401],
  },
]

/** Sends one request as given; a body over the server's limit is declared (Content-Length) and not sent (see postOverLimit). */
async function raw(abuse: Abuse): Promise<{ status: number; body: any }> {
  const url = `${server.base}${abuse.path ?? '/api/center'}`
  const bytes = Buffer.byteLength(abuse.body)
  if (bytes > BODY_LIMIT_BYTES) {
    const res = await postOverLimit(url, bytes, abuse.headers)
    return { status: res.status, body: JSON.parse(res.text) }
  }
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(abuse.headers ?? {}) },
    body: abuse.body,
  })
  const text = await res.text()
  return { status: res.status, body: JSON.parse(text) }
}

it('answers every abusive request with the envelope (never INTERNAL) and keeps serving the good ones in between', async () => {
  let good = 0
  let bad = 0
  let booked = 0
  for (let round = 0; round < 3; round++) {
    for (const abuse of ABUSES) {
      const res = await raw(abuse)
      bad++
      expect({ name: abuse.name, ok: res.body.ok }).toEqual({ name: abuse.name, ok: false })
      expect(res.body.error.code).not.toBe('INTERNAL')
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(JSON.stringify(res.body)).not.toMatch(/Error|\bat |node_modules|SQLITE/)
      expect({ name: abuse.name, status: abuse.status.includes(res.status) }).toEqual({ name: abuse.name, status: true })
      // A good request right after each bad one.
      const info = await raw({ name: 'good', body: '{"action":"getInfo","centerId":"lsw"}', status: [200] })
      expect(info.status).toBe(200)
      expect(info.body.ok).toBe(true)
      good++
    }
    const create = await fetch(`${server.base}/api/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': `abuse-resident-${round}` },
      body: JSON.stringify({ action: 'create', ...createInput(9000 + round, { date: '2026-11-27', start: '10:00' }) }),
    })
    expect(create.status).toBe(200)
    booked++
  }
  // Concurrently: a flood of oversized and malformed bodies alongside good reads.
  const flood = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? raw({ name: 'good', body: '{"action":"listCenters"}', status: [200] })
        : raw({ name: 'flood', body: i % 3 === 1 ? huge(200 * 1024) : '{"action":', status: [400, 413] }),
    ),
  )
  for (const [i, res] of flood.entries()) expect(res.status).toBe(i % 3 === 0 ? 200 : i % 3 === 1 ? 413 : 400)
  const health = await fetch(`${server.base}/healthz`)
  expect(health.status).toBe(200)
  expect(server.child.exitCode).toBeNull()
  console.log(`http abuse: ${bad} abusive requests, ${good + 20} good reads and ${booked} bookings served in between; still serving`)
}, 60_000)
