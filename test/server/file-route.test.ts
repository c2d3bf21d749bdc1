/**
 * Photos over the local HTTP server (cloud/server/file-route.ts): an action that decided the caller may see a photo
 * answers a signed URL; GET on it serves the bytes until it expires; nothing else does — another resident, staff of
 * another center, a changed URL, an expired one, a photo purged by retention.
 * @timezone
 */
import type { FastifyInstance } from 'fastify'
import { buildHttpApp } from '@cloud/server/http-app'
import { requestForLog } from '@cloud/server/file-route'
import { Writable } from 'node:stream'
import { purgePersonalData } from '@cloud/functions/jobs/retention'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { localFileStore, signedParts } from '@cloud/store/sqlite/local-files'
import { CLERK, delegationHarness, RESIDENT, YZ_CLERK, type DelegationHarness } from '@test/support/delegation-harness'
import { homecertDriver, FAMILY, SUPERVISOR, WORKER } from '@test/support/homecert'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1500, 9)])
const dataUrl = `data:image/jpeg;base64,${JPEG.toString('base64')}`
const OTHER_RESIDENT = 'resident-b'

let h: DelegationHarness
let app: FastifyInstance
let base: string
beforeEach(async () => {
  h = delegationHarness()
  app = await buildHttpApp({ store: h.store, now: h.now, production: false, files: h.store.files })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterEach(async () => {
  await app.close()
  h.close()
})

/** A call through the server, as the H5 app makes it. */
async function post(fn: string, body: Record<string, unknown>, openid: string) {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(body),
  })
  return (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
}
const get = (url: string) => fetch(new URL(url, base))

/** A case waiting for a supplement, answered by the resident with one photo; the photo's id. */
async function sentPhoto(): Promise<{ caseId: string; photoId: string }> {
  const c = await h.create()
  for (const step of ['accept', 'start', 'ask_supplement'] as const) await h.advance(c.id, step)
  const up = await post('delegation', { action: 'uploadPhoto', centerId: 'lsw', id: c.id, dataUrl }, RESIDENT)
  expect(up).toMatchObject({ ok: true })
  const photoId = up.data.photoId as string
  expect(
    await post('delegation', { action: 'reply', centerId: 'lsw', id: c.id, text: '见照片', photoIds: [photoId] }, RESIDENT),
  ).toMatchObject({
    ok: true,
  })
  return { caseId: c.id, photoId }
}

describe('GET /files/…', () => {
  describe('when the caller may see the photo', () => {
    it('serves the bytes to the case’s resident and its center’s staff, as a private image', async () => {
      const { caseId, photoId } = await sentPhoto()
      for (const who of [RESIDENT, CLERK]) {
        const link = await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, who)
        expect(link).toMatchObject({ ok: true, data: { url: expect.stringMatching(/^\/files\/cases\//) } })
        const res = await get(link.data.url)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('image/jpeg')
        expect(res.headers.get('cache-control')).toBe('private, max-age=300')
        expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG)
      }
    })
  })

  describe('when someone else asks', () => {
    it('gives another resident and another center’s staff no URL: NOT_FOUND or FORBIDDEN', async () => {
      const { caseId, photoId } = await sentPhoto()
      expect(await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, OTHER_RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      const yz = await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, YZ_CLERK)
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(yz.error?.code)
      expect(await post('delegation', { action: 'getPhoto', centerId: 'yz', id: caseId, photoId }, YZ_CLERK)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })

    it('refuses a URL without its signature, with another photo’s signature, or with a later expiry: NOT_FOUND', async () => {
      const first = await sentPhoto()
      const firstUrl = (await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: first.caseId, photoId: first.photoId }, CLERK))
        .data.url as string
      const second = await h.store.files.put(`cases/${first.caseId}`, JPEG, 'jpeg')
      const [key, expires, signature] = signedParts(firstUrl)
      for (const url of [
        `/files/${key}`,
        `/files/${second}?e=${expires}&s=${signature}`,
        `/files/${key}?e=${Number(expires) + 86400}&s=${signature}`,
        `/files/${key.replace(/\/[0-9a-f]{32}/, '/../..')}?e=${expires}&s=${signature}`,
      ]) {
        const res = await get(url)
        expect(res.status).toBe(404)
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      }
    })

    it('answers FORBIDDEN, saying to open the photo again, once the URL has expired', async () => {
      const { caseId, photoId } = await sentPhoto()
      const url = (await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, CLERK)).data.url as string
      // The same folder, read by a server whose clock is 11 minutes on.
      const later = await buildHttpApp({
        store: h.store,
        now: h.now,
        production: false,
        files: localFileStore(h.store.files.dir, { now: () => Date.now() + 11 * 60_000 }),
      })
      try {
        const res = await fetch(new URL(url, await later.listen({ port: 0, host: '127.0.0.1' })))
        expect(res.status).toBe(403)
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '照片链接已过期，请返回后重新打开照片' } })
      } finally {
        await later.close()
      }
    })
  })

  describe('when the server logs requests', () => {
    it('logs a photo URL without its key and signature', async () => {
      const { caseId, photoId } = await sentPhoto()
      const url = (await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, CLERK)).data.url as string
      const lines: string[] = []
      const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
      // As cloud/server/main.ts configures it (info is the production level).
      const logged = await buildHttpApp({
        store: h.store,
        now: h.now,
        production: false,
        files: h.store.files,
        logger: { level: 'info', stream, serializers: { req: requestForLog } },
      })
      try {
        expect((await fetch(new URL(url, await logged.listen({ port: 0, host: '127.0.0.1' })))).status).toBe(200)
      } finally {
        await logged.close()
      }
      const [key, , signature] = signedParts(url)
      expect(lines.join('')).toContain('/files/[redacted]')
      expect(lines.join('')).not.toContain(signature)
      expect(lines.join('')).not.toContain(key)
    })
  })

  describe('when retention purges the case', () => {
    it('deletes the photo file: a URL handed out before answers NOT_FOUND', async () => {
      const { caseId, photoId } = await sentPhoto()
      const url = (await post('delegation', { action: 'getPhoto', centerId: 'lsw', id: caseId, photoId }, CLERK)).data.url as string
      await h.drive(caseId, ['conclude', 'deliver'])
      const later = new Date(h.now().getTime() + 200 * 86400_000)
      expect(await purgePersonalData({ store: h.store, now: () => later, settings: DEFAULT_SETTINGS })).toMatchObject({ cases: 1 })
      expect((await get(url)).status).toBe(404)
    })
  })

  describe('when a home certification kept an evidence photo', () => {
    it('serves it to the center’s staff through the detail’s URL; the family gets none', async () => {
      const d = homecertDriver({ ...h, call: h.callFunction })
      const r = await d.submit()
      await d.assign(r.id)
      await d.schedule(r.id, '2026-11-26', 'am', WORKER, '电话约定今天上午')
      const done = await d.ok('recordOutcome', { id: r.id, outcome: 'certified', method: 'onsite', evidencePhoto: dataUrl }, WORKER)
      const staffView = await post('homecert', { action: 'staffGet', centerId: 'lsw', id: r.id }, SUPERVISOR)
      for (const url of [done.outcome!.evidencePhotoUrl!, staffView.data.outcome.evidencePhotoUrl as string]) {
        const res = await get(url)
        expect(res.status).toBe(200)
        expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG)
      }
      expect((await post('homecert', { action: 'get', centerId: 'lsw', id: r.id }, FAMILY)).data.outcome).toMatchObject({
        hasPhoto: true,
        evidencePhotoUrl: null,
      })
    })
  })
})
