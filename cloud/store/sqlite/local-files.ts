/**
 * The local file store (the FileStore port, cloud/store/port/files.ts): a `files` folder under
 * DATA_DIR, beside the SQLite file. Files are 0600 in 0700 folders, named by 128 random bits.
 *
 * Reading goes through the local HTTP server only (`GET /files/<key>?e=<expiry>&s=<signature>`,
 * cloud/server/file-route.ts): the URL is signed with an HMAC key kept in the folder (`.url-key`,
 * 0600, made once, so several servers sharing DATA_DIR accept each other's URLs) and refused after
 * its expiry — the same contract as CloudBase's `getTempFileURL`, so actions hand out a URL on
 * both sides after deciding who may see the photo.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FileStore, StoredFileKind } from '../port/files'

/** Where the local server serves stored files. */
export const LOCAL_FILES_PATH = '/files/'

const EXTENSION: Record<StoredFileKind, string> = { jpeg: 'jpg', png: 'png' }
const CONTENT_TYPE: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png' }
/** A folder (`cases/<id>`) and a key (`cases/<id>/<32 hex>.jpg`): no dots, no climbing out of the folder. */
const FOLDER_RE = /^[a-z]+(\/[A-Za-z0-9_-]{1,64})*$/
const KEY_RE = /^([a-z]+(?:\/[A-Za-z0-9_-]{1,64})*)\/[0-9a-f]{32}\.(jpg|png)$/

export interface LocalFile {
  bytes: Buffer
  contentType: string
}

export interface LocalFileStore extends FileStore {
  /** The file of a signed URL's key, or why not: a bad signature or unknown file is `missing`. */
  readSigned(key: string, expires: string, signature: string): LocalFile | 'missing' | 'expired'
  /** Where the files are (tests look at their modes). */
  readonly dir: string
}

export interface LocalFileOptions {
  /** Milliseconds since the epoch; URLs expire by it (default: the wall clock, whatever APP_NOW says). */
  now?: () => number
}

export function localFileStore(dir: string, options: LocalFileOptions = {}): LocalFileStore {
  const now = options.now ?? Date.now
  let urlKey: Buffer | null = null

  const ensureDir = (folder: string) => fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  const fileOf = (key: string) => (KEY_RE.test(key) ? path.join(dir, ...key.split('/')) : null)

  /** The signing key: made by the first server that needs it; a second one racing it reads the first's. */
  function signingKey(): Buffer {
    if (urlKey) return urlKey
    ensureDir(dir)
    const file = path.join(dir, '.url-key')
    try {
      fs.writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    urlKey = fs.readFileSync(file)
    if (urlKey.length !== 32) throw new Error(`${file} is not a 32-byte key`)
    return urlKey
  }
  const sign = (key: string, expires: string) => createHmac('sha256', signingKey()).update(`${key}\n${expires}`).digest('base64url')

  return {
    dir,
    async put(folder, bytes, kind) {
      if (!FOLDER_RE.test(folder)) throw new Error(`not a file folder: ${folder}`)
      const key = `${folder}/${randomBytes(16).toString('hex')}.${EXTENSION[kind]}`
      const file = fileOf(key)!
      ensureDir(path.dirname(file))
      fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' })
      return key
    },
    async url(key, seconds) {
      const file = fileOf(key)
      if (!file || !fs.existsSync(file)) return null
      const expiresAt = new Date(now() + seconds * 1000)
      const expires = String(Math.floor(expiresAt.getTime() / 1000))
      return { url: `${LOCAL_FILES_PATH}${key}?e=${expires}&s=${sign(key, expires)}`, expiresAt: expiresAt.toISOString() }
    },
    async remove(keys) {
      for (const key of keys) {
        const file = fileOf(key)
        if (file) fs.rmSync(file, { force: true })
      }
    },
    readSigned(key, expires, signature) {
      const file = fileOf(key)
      if (!file || !/^\d{1,12}$/.test(expires)) return 'missing'
      const expected = Buffer.from(sign(key, expires))
      const given = Buffer.from(signature)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'missing'
      if (Number(expires) * 1000 < now()) return 'expired'
      try {
        return { bytes: fs.readFileSync(file), contentType: CONTENT_TYPE[path.extname(file).slice(1)] }
      } catch {
        return 'missing'
      }
    },
  }
}

/**
 * The key, expiry and signature of a local file URL (`readSigned`'s arguments); empty strings for a URL that is not one.
 * @example signedParts('/files/cases/c1/ab….jpg?e=1796400000&s=x') // ['cases/c1/ab….jpg', '1796400000', 'x']
 */
export function signedParts(url: string): [key: string, expires: string, signature: string] {
  const parsed = new URL(url, 'http://local')
  const key = parsed.pathname.startsWith(LOCAL_FILES_PATH) ? decodeURIComponent(parsed.pathname.slice(LOCAL_FILES_PATH.length)) : ''
  return [key, parsed.searchParams.get('e') ?? '', parsed.searchParams.get('s') ?? '']
}
