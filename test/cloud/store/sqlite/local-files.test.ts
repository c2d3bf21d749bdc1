import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { localFileStore, signedParts } from '@cloud/store/sqlite/local-files'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)])

describe('localFileStore', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-files-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  describe('when a photo is stored', () => {
    it('writes it 0600 inside 0700 folders, with a 0600 signing key beside', async () => {
      const files = localFileStore(path.join(dir, 'files'))
      const key = await files.put('cases/c1', JPEG, 'jpeg')
      await files.url(key, 60)
      const mode = (p: string) => fs.statSync(p).mode & 0o777
      expect(mode(path.join(dir, 'files', key))).toBe(0o600)
      expect(mode(path.join(dir, 'files'))).toBe(0o700)
      expect(mode(path.join(dir, 'files', 'cases', 'c1'))).toBe(0o700)
      expect(mode(path.join(dir, 'files', '.url-key'))).toBe(0o600)
    })

    it('refuses a folder that could climb out of the files folder', async () => {
      const files = localFileStore(dir)
      await expect(files.put('cases/../../etc', JPEG, 'jpeg')).rejects.toThrow(/not a file folder/)
      await expect(files.put('/abs', JPEG, 'jpeg')).rejects.toThrow(/not a file folder/)
    })
  })

  describe('when a signed URL is read', () => {
    it('serves the bytes and the content type while the URL lives, then says it expired', async () => {
      let now = Date.parse('2026-12-04T10:00:00Z')
      const files = localFileStore(dir, { now: () => now })
      const key = await files.put('homecert/h1', JPEG, 'jpeg')
      const link = (await files.url(key, 600))!
      expect(link.expiresAt).toBe('2026-12-04T10:10:00.000Z')
      expect(files.readSigned(...signedParts(link.url))).toEqual({ bytes: JPEG, contentType: 'image/jpeg' })
      now += 601_000
      expect(files.readSigned(...signedParts(link.url))).toBe('expired')
    })

    it('refuses a changed expiry, another key under the same signature, or a made-up key', async () => {
      const files = localFileStore(dir)
      const a = await files.put('cases/c1', JPEG, 'jpeg')
      const b = await files.put('cases/c1', JPEG, 'jpeg')
      const [key, expires, signature] = signedParts((await files.url(a, 60))!.url)
      expect(files.readSigned(key, String(Number(expires) + 3600), signature)).toBe('missing')
      expect(files.readSigned(b, expires, signature)).toBe('missing')
      expect(files.readSigned('cases/c1/../../.url-key', expires, signature)).toBe('missing')
      expect(files.readSigned(key, expires, '')).toBe('missing')
    })

    it('accepts a URL another server on the same DATA_DIR signed (one key in the folder)', async () => {
      const first = localFileStore(dir)
      const key = await first.put('cases/c1', JPEG, 'jpeg')
      const link = (await first.url(key, 60))!
      expect(localFileStore(dir).readSigned(...signedParts(link.url))).toMatchObject({ bytes: JPEG })
    })
  })
})
