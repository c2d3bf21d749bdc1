/** buildHttpApp over real HTTP on a real store (the server clock's day, in every time zone: http-app-clock.test.ts). */
import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { BODY_LIMIT_BYTES, buildHttpApp } from '@cloud/server/http-app'
import { PERSONAS } from '@cloud/seed/personas'
import { DEFAULT_MESSAGES } from '@/contract/envelope'
import { postOverLimit } from '../support/server-process'
import { createTempStore, type TempStore } from '../support/temp-store'

interface Server {
  store: TempStore
  app: FastifyInstance
  base: string
}

const servers: Server[] = []

async function startServer(options: { production?: boolean; staticDir?: string } = {}): Promise<Server> {
  const store = createTempStore()
  const now = new Date('2026-11-26T10:00:00+08:00')
  const app = await buildHttpApp({ store, now: () => now, production: options.production ?? false, staticDir: options.staticDir })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const server = { store, app, base: address }
  servers.push(server)
  return server
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    await s.app.close()
    s.store.dispose()
  }
})

/** POST /api/<fn> with a JSON body (or a raw string body and its content type). */
async function post(server: Server, fn: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === 'string'
  const res = await fetch(`${server.base}/api/${fn}`, {
    method: 'POST',
    headers: { ...(raw ? {} : { 'content-type': 'application/json' }), ...headers },
    body: raw ? body : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: JSON.parse(text), text }
}

async function expectStillServing(server: Server) {
  const res = await post(server, 'center', { action: 'listServices', centerId: 'lsw' })
  expect(res.status).toBe(200)
  expect(res.body.ok).toBe(true)
}

/** POST /api/<fn> with a JSON body over the 64 KB limit, declared and not sent (see postOverLimit). */
async function postTooLarge(server: Server, fn: string, body: unknown) {
  const res = await postOverLimit(`${server.base}/api/${fn}`, Buffer.byteLength(JSON.stringify(body)))
  return { status: res.status, body: JSON.parse(res.text) }
}

/** GET with exactly these request headers (node:http adds none about caching), answered as status and body. */
function getWithHeaders(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

const serviceCount = (server: Server) => (server.store.db.prepare('SELECT COUNT(*) AS n FROM services').get() as { n: number }).n

/** A stand-in H5 build with these files, in the temp folder of a first server's store (removed with it). */
async function h5Build(files: Record<string, string>): Promise<string> {
  const staticDir = path.join((await startServer()).store.dir, 'h5')
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(staticDir, name)), { recursive: true })
    fs.writeFileSync(path.join(staticDir, name), text)
  }
  return staticDir
}

describe('buildHttpApp', () => {
  describe('when a valid call is posted', () => {
    it('returns 200 with the ok envelope as JSON', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'listServices', centerId: 'lsw', q: '养老 登记' })
      expect(res.status).toBe(200)
      expect(res.contentType).toMatch(/^application\/json/)
      expect(res.body).toEqual({
        ok: true,
        data: {
          categories: [{ key: 'pension', name: '社保养老', count: 2 }],
          services: [expect.objectContaining({ id: 'lsw-pension-enroll' }), expect.objectContaining({ id: 'lsw-flexible-enroll' })],
        },
      })
    })
  })

  describe('when the body is malformed JSON', () => {
    it('refuses with 400 and the INVALID_INPUT envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', '{"action": "listServices", "centerId": ', { 'content-type': 'application/json' })
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } })
      await expectStillServing(server)
    })
  })

  describe('when the JSON body is empty', () => {
    it('refuses with 400 and the INVALID_INPUT envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', '', { 'content-type': 'application/json' })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      await expectStillServing(server)
    })
  })

  describe('when the body is larger than 64 KB', () => {
    it('refuses with 413 and the PAYLOAD_TOO_LARGE envelope', async () => {
      const server = await startServer()
      const res = await postTooLarge(server, 'center', { action: 'listServices', centerId: 'lsw', q: 'x'.repeat(BODY_LIMIT_BYTES) })
      expect(BODY_LIMIT_BYTES).toBe(64 * 1024)
      expect(res.status).toBe(413)
      expect(res.body).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: DEFAULT_MESSAGES.PAYLOAD_TOO_LARGE } })
      await expectStillServing(server)
    })
  })

  describe('when the body is not sent as JSON', () => {
    it('refuses text/plain, even carrying a valid call, with 400 and the envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', JSON.stringify({ action: 'listServices', centerId: 'lsw' }), {
        'content-type': 'text/plain',
      })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      await expectStillServing(server)
    })
    it('refuses an unsupported content type with 400 and the envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', '<call action="listServices"/>', { 'content-type': 'application/xml' })
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请以 JSON 格式提交' } })
      await expectStillServing(server)
    })
  })

  describe('when the body tries prototype poisoning', () => {
    it('refuses with 400 and the envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', '{"action":"listCenters","__proto__":{"admin":true}}', {
        'content-type': 'application/json',
      })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(({} as Record<string, unknown>).admin).toBeUndefined()
      await expectStillServing(server)
    })
  })

  describe('when the function does not exist', () => {
    it.each(['nope', 'constructor', 'toString', '__proto__'])('refuses /api/%s with 404 NOT_FOUND', async (fn) => {
      const server = await startServer()
      const res = await post(server, fn, { action: 'listCenters' })
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有这个功能' } })
      await expectStillServing(server)
    })
    it('refuses a GET of a function with 404 NOT_FOUND', async () => {
      const server = await startServer()
      const res = await fetch(`${server.base}/api/center`)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('when the action does not exist', () => {
    it('refuses with 400 INVALID_INPUT on the action field', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'dropTables' })
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '不支持的操作', fields: { action: '不支持的操作' } } })
      await expectStillServing(server)
    })
  })

  describe('when no body is sent at all', () => {
    it('refuses with 400 for the missing action', async () => {
      const server = await startServer()
      const res = await fetch(`${server.base}/api/center`, { method: 'POST' })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { action: '不支持的操作' } } })
    })
  })

  describe('when the action answers an expected error', () => {
    it('returns its HTTP status with the envelope', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'getService', centerId: 'lsw', serviceId: 'yz-dibao' })
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关事项' } })
    })
  })

  describe('when the action hits a bug', () => {
    it('returns 500 INTERNAL without a stack or the error text', async () => {
      const server = await startServer()
      server.store.close()
      const res = await post(server, 'center', { action: 'listCenters' })
      expect(res.status).toBe(500)
      expect(res.body).toEqual({ ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } })
      expect(res.text).not.toMatch(/database|sqlite|stack|at /i)
    })
  })

  describe('when bad requests come in', () => {
    it('writes nothing to the database', async () => {
      const server = await startServer()
      const before = serviceCount(server)
      await post(server, 'center', '{"action":', { 'content-type': 'application/json' })
      await postTooLarge(server, 'center', { action: 'listServices', centerId: 'lsw', q: 'x'.repeat(BODY_LIMIT_BYTES) })
      await post(server, 'center', '{"action":"listServices"}', { 'content-type': 'text/plain' })
      await post(server, 'center', { action: 'dropTables' })
      await post(server, 'center', { action: 'getService', centerId: "lsw'; DELETE FROM services; --", serviceId: 'x' })
      await post(server, 'center', { action: 'me', centerId: 'lsw' }, { 'x-openid': 'not valid!' })
      expect(before).toBeGreaterThan(0)
      expect(serviceCount(server)).toBe(before)
      await expectStillServing(server)
    })
  })

  describe('when the server runs in dev mode', () => {
    it('returns the X-Openid caller from me', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw' }, { 'x-openid': 'dev-clerk-liu' })
      expect(res.status).toBe(200)
      expect(res.body.data).toEqual({
        openid: 'dev-clerk-liu',
        roles: [{ role: 'counter', windows: [1, 2, 3] }],
        staffName: '刘芳',
        // No 我的身份 on file: 我的 names the clerk by her staff name, masked.
        name: '刘*',
        district: false,
      })
    })
    it('returns an anonymous caller without the header', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw' })
      expect(res.body.data).toEqual({ openid: null, roles: [], staffName: null, name: null, district: false })
    })
    it('ignores an openid sent in the body', async () => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw', openid: 'dev-admin-sun' })
      expect(res.body.data.openid).toBeNull()
    })
    it.each([['dev clerk'], ['<script>'], ['x'.repeat(65)], ['']])('refuses X-Openid %j with 401 UNAUTHENTICATED', async (openid) => {
      const server = await startServer()
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw' }, { 'x-openid': openid })
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '身份标识格式不正确' } })
      await expectStillServing(server)
    })
    it('returns the personas for the identity page', async () => {
      const server = await startServer()
      const res = await fetch(`${server.base}/api/_dev/personas`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true, data: PERSONAS })
    })
  })

  describe('when the server runs in production mode', () => {
    it('refuses an X-Openid header with 401 UNAUTHENTICATED', async () => {
      const server = await startServer({ production: true })
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw' }, { 'x-openid': 'dev-clerk-liu' })
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '不接受客户端提供的身份' } })
      await expectStillServing(server)
    })
    it('returns an anonymous caller without the header', async () => {
      const server = await startServer({ production: true })
      const res = await post(server, 'center', { action: 'me', centerId: 'lsw' })
      expect(res.status).toBe(200)
      expect(res.body.data.openid).toBeNull()
    })
    it('refuses the dev personas with 404', async () => {
      const server = await startServer({ production: true })
      const res = await fetch(`${server.base}/api/_dev/personas`)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('when asked for its health', () => {
    it('returns ok', async () => {
      const server = await startServer()
      const res = await fetch(`${server.base}/healthz`)
      expect([res.status, await res.json()]).toEqual([200, { ok: true }])
    })
  })

  describe('when the H5 build exists', () => {
    it('returns its index.html at / and the NOT_FOUND envelope for a missing page', async () => {
      const server = await startServer({ staticDir: await h5Build({ 'index.html': '<!doctype html><title>便民服务中心</title>' }) })
      const index = await fetch(`${server.base}/`)
      expect(index.status).toBe(200)
      expect(await index.text()).toContain('便民服务中心')
      const missing = await fetch(`${server.base}/nope.html`)
      expect(missing.status).toBe(404)
      expect(await missing.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这个页面' } })
    })
  })

  describe('when a phone’s camera opens a QR link (QR_LINK_BASE)', () => {
    it('hands the hall’s check-in link and an invite link to their H5 pages, and refuses anything else as a missing page', async () => {
      const server = await startServer({ staticDir: await h5Build({ 'index.html': '<!doctype html><title>便民服务中心</title>' }) })
      const go = (p: string) => fetch(`${server.base}${p}`, { redirect: 'manual' })
      const checkIn = await go('/c/lsw/042917')
      expect([checkIn.status, checkIn.headers.get('location')]).toEqual([302, '/#/pages/queue/check-in/index?center=lsw&code=042917'])
      const invite = await go('/j/K7M4QP2X')
      expect([invite.status, invite.headers.get('location')]).toEqual([302, '/#/staff/pages/join/index?code=K7M4QP2X'])
      for (const bad of ['/c/lsw/04291', '/c/l%22sw/042917', '/c/lsw/042917/x', '/j/K7M4%3CQP'])
        expect([bad, (await go(bad)).status]).toEqual([bad, 404])
    })
  })

  describe('when the browser asks for the H5 build again', () => {
    it('keeps the content-named scripts and styles a year without asking, and always revalidates index.html', async () => {
      const server = await startServer({
        staticDir: await h5Build({
          'index.html': '<!doctype html><script src="/js/app.616e4514.js"></script>',
          'js/app.616e4514.js': 'console.log(1)',
          'css/app.bd1b1a5e6a2c3e2c0f1f.css': 'body{}',
        }),
      })
      for (const file of ['js/app.616e4514.js', 'css/app.bd1b1a5e6a2c3e2c0f1f.css']) {
        const res = await fetch(`${server.base}/${file}`)
        expect({ file, status: res.status, cache: res.headers.get('cache-control') }).toEqual({
          file,
          status: 200,
          cache: 'public, max-age=31536000, immutable',
        })
      }
      for (const page of ['/', '/index.html']) {
        const res = await fetch(`${server.base}${page}`)
        expect({ page, status: res.status, cache: res.headers.get('cache-control') }).toEqual({ page, status: 200, cache: 'no-cache' })
        // Revalidating an unchanged index.html costs a 304 without its body (through node:http: fetch sends
        // `Cache-Control: no-cache` with a conditional request, which asks for the whole file again).
        const again = await getWithHeaders(`${server.base}${page}`, { 'if-none-match': res.headers.get('etag')! })
        expect({ page, ...again }).toEqual({ page, status: 304, body: '' })
      }
    })
  })

  describe('when the H5 build is missing', () => {
    it('returns a hint to build it at /', async () => {
      const server = await startServer()
      const res = await fetch(`${server.base}/`)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('npm run build:h5')
    })
  })
})
