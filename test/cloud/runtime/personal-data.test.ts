import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPersonalData, DEV_KEY_FILE, loadPiiKeys } from '@cloud/runtime/personal-data'

const ID = '11010519491231002X'
const keys = () => ({ encKey: Buffer.alloc(32, 7), hashKey: Buffer.alloc(32, 9) })
const b64 = (fill: number) => Buffer.alloc(32, fill).toString('base64')

const dirs: string[] = []
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-pii-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

describe('createPersonalData', () => {
  const pii = createPersonalData(keys())

  describe('when sealing an ID number', () => {
    it('returns a value without the plain text that opens to it', () => {
      const sealed = pii.encrypt(ID)
      expect(sealed).not.toContain(ID)
      expect(sealed).not.toContain(ID.slice(6, 14))
      expect(pii.decrypt(sealed)).toBe(ID)
    })
    it('returns a different value each time (random IV)', () => {
      expect(pii.encrypt(ID)).not.toBe(pii.encrypt(ID))
    })
  })
  describe('when a sealed value was tampered with', () => {
    it('refuses to open it', () => {
      const [v, iv, tag, body] = pii.encrypt(ID).split('.')
      const flipped = Buffer.from(body, 'base64url')
      flipped[0] ^= 1
      expect(() => pii.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow()
      expect(() => pii.decrypt('garbage')).toThrow()
    })
  })
  describe('when opened with another key', () => {
    it('refuses', () => {
      const other = createPersonalData({ encKey: Buffer.alloc(32, 8), hashKey: Buffer.alloc(32, 9) })
      expect(() => other.decrypt(pii.encrypt(ID))).toThrow()
    })
  })
  describe('when hashing', () => {
    it('returns the same hash for the same value and key, another for another key', () => {
      expect(pii.hash(ID)).toBe(pii.hash(ID))
      expect(pii.hash(ID)).toMatch(/^[0-9a-f]{64}$/)
      expect(createPersonalData({ encKey: Buffer.alloc(32, 7), hashKey: Buffer.alloc(32, 10) }).hash(ID)).not.toBe(pii.hash(ID))
    })
  })
  it('refuses short keys and one key used for both', () => {
    expect(() => createPersonalData({ encKey: Buffer.alloc(16), hashKey: Buffer.alloc(32, 1) })).toThrow(/32 bytes/)
    expect(() => createPersonalData({ encKey: Buffer.alloc(32, 1), hashKey: Buffer.alloc(32, 1) })).toThrow(/differ/)
  })
})

describe('loadPiiKeys', () => {
  describe('when both keys are in the environment', () => {
    it('returns them', () => {
      const k = loadPiiKeys({ PII_ENC_KEY: b64(1), PII_HASH_KEY: b64(2) }, { production: true, dataDir: '/nonexistent' })
      expect(k.encKey.equals(Buffer.alloc(32, 1))).toBe(true)
    })
    it('refuses a key that is not 32 bytes', () => {
      expect(() =>
        loadPiiKeys({ PII_ENC_KEY: Buffer.alloc(31).toString('base64'), PII_HASH_KEY: b64(2) }, { production: true, dataDir: '/x' }),
      ).toThrow(/32 random bytes/)
    })
  })
  describe('when production has no keys', () => {
    it('refuses', () => {
      expect(() => loadPiiKeys({}, { production: true, dataDir: tempDir() })).toThrow(/PII_ENC_KEY and PII_HASH_KEY/)
    })
  })
  describe('when dev mode has no keys', () => {
    it('generates a key file once and reads it back after', () => {
      const dir = tempDir()
      const first = loadPiiKeys({}, { production: false, dataDir: dir })
      const second = loadPiiKeys({}, { production: false, dataDir: dir })
      expect(first.encKey.equals(second.encKey)).toBe(true)
      expect(first.encKey.equals(first.hashKey)).toBe(false)
      expect(fs.readdirSync(dir)).toEqual([DEV_KEY_FILE])
    })
    it('refuses only one of the two keys', () => {
      expect(() => loadPiiKeys({ PII_ENC_KEY: b64(1) }, { production: false, dataDir: tempDir() })).toThrow(/both/)
    })
  })
  describe('when several processes start together on an empty data dir', () => {
    it('gives them all the same keys', async () => {
      const dir = tempDir()
      // Every process waits for the same instant, so they reach the key file together rather than in boot order: asleep
      // until 20 ms before it, then spinning (six processes spinning from their start to the 2.5 s mark: up to 12 CPU s on an idle machine).
      const startAt = Date.now() + 2500
      const script = `
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ${startAt} - 20 - Date.now()));
        while (Date.now() < ${startAt});
        const { loadPiiKeys } = require(${JSON.stringify(path.resolve(__dirname, '../../../cloud/runtime/personal-data.ts'))});
        const k = loadPiiKeys({}, { production: false, dataDir: ${JSON.stringify(dir)} });
        process.stdout.write(k.encKey.toString('hex') + k.hashKey.toString('hex'));`
      const run = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.resolve(__dirname, '../../..') })
          let out = ''
          child.stdout.on('data', (c) => (out += c))
          child.on('error', reject)
          child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))))
        })
      const results = await Promise.all(Array.from({ length: 6 }, run))
      expect(new Set(results).size).toBe(1)
      expect(results[0]).toHaveLength(128)
      expect(fs.readdirSync(dir)).toEqual([DEV_KEY_FILE])
    }, 30_000)
  })
})
