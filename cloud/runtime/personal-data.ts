import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pooledRandomBytes } from './random-bytes'

/**
 * Personal data at rest: ID numbers are stored encrypted (AES-256-GCM: random
 * IV, authenticated, so a tampered value fails to decrypt rather than decrypting
 * to garbage) and found by a keyed hash (HMAC-SHA256), so the database alone
 * never reveals who booked, and an attacker cannot hash the ~10^10 plausible ID
 * numbers to reverse the lookup key without the hash key.
 */
export interface PersonalData {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encrypt(plain: string): string
  decrypt(sealed: string): string
  /** Hex HMAC-SHA256: equal inputs give equal hashes, for lookups and unique keys. */
  hash(value: string): string
  /**
   * Names the key set (32 hex digits of a SHA-256 over both keys): stored in the database on first
   * open, so a server started with other keys refuses to start instead of sealing with two key sets.
   */
  readonly fingerprint: string
}

export interface PiiKeys {
  encKey: Buffer
  hashKey: Buffer
}

const VERSION = 'v1'
const IV_BYTES = 12

export function createPersonalData(keys: PiiKeys): PersonalData {
  if (keys.encKey.length !== 32 || keys.hashKey.length !== 32) throw new Error('PII keys must be 32 bytes each')
  if (keys.encKey.equals(keys.hashKey)) throw new Error('PII_ENC_KEY and PII_HASH_KEY must differ')
  return {
    fingerprint: keyFingerprint(keys),
    encrypt(plain) {
      const iv = pooledRandomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', keys.encKey, iv)
      // GCM is a stream mode: `update` answers the whole ciphertext and `final` none (it makes the tag), so nothing is
      // concatenated on the usual path; three of these run on every booking (~1 µs saved each, docs/benchmarks.md).
      const head = cipher.update(plain, 'utf8')
      const tail = cipher.final()
      const body = tail.length === 0 ? head : Buffer.concat([head, tail])
      return `${VERSION}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed value')
      const decipher = createDecipheriv('aes-256-gcm', keys.encKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    },
    hash(value) {
      return createHmac('sha256', keys.hashKey).update(value, 'utf8').digest('hex')
    },
  }
}

/** @example keyFingerprint(keys) // 'k1-3f9a…' (32 hex digits): equal for equal keys, reveals nothing of them */
export function keyFingerprint(keys: PiiKeys): string {
  const digest = createHash('sha256').update('bianmin personal-data key set v1\0').update(keys.encKey).update(keys.hashKey).digest('hex')
  return `k1-${digest.slice(0, 32)}`
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64')
  if (key.length !== 32)
    throw new Error(`${name} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${key.length} bytes`)
  return key
}

export const DEV_KEY_FILE = 'dev-pii-keys.json'

export interface LoadKeysOptions {
  production: boolean
  /** Dev mode: where the generated key file lives. */
  dataDir: string
  /**
   * Dev mode: whether the database already holds data sealed with some keys (or their fingerprint).
   * A missing key file is then an accident to report, never a reason to generate new keys over it.
   */
  databaseHoldsData?: () => boolean
}

/**
 * The keys from `PII_ENC_KEY` and `PII_HASH_KEY` (base64, 32 bytes each). In
 * production both are required and the server refuses to start without them.
 * In dev mode, missing keys come from a key file under the data dir, generated
 * on the first start of an empty database only (never over sealed data); two processes starting together end up with the same keys
 * (the file is written whole under a private name and then linked into place,
 * which fails with EEXIST for the loser, who reads the winner's file).
 */
export function loadPiiKeys(env: NodeJS.ProcessEnv, options: LoadKeysOptions): PiiKeys {
  if (env.PII_ENC_KEY && env.PII_HASH_KEY)
    return { encKey: decodeKey('PII_ENC_KEY', env.PII_ENC_KEY), hashKey: decodeKey('PII_HASH_KEY', env.PII_HASH_KEY) }
  if (options.production) throw new Error('NODE_ENV=production requires PII_ENC_KEY and PII_HASH_KEY (32 random bytes each, base64)')
  if (env.PII_ENC_KEY || env.PII_HASH_KEY)
    throw new Error('set both PII_ENC_KEY and PII_HASH_KEY, or neither (dev mode then keeps a key file)')
  return devKeys(options.dataDir, options.databaseHoldsData ?? (() => false))
}

function devKeys(dataDir: string, databaseHoldsData: () => boolean): PiiKeys {
  const file = path.join(dataDir, DEV_KEY_FILE)
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  if (!fs.existsSync(file)) {
    // Re-checked after the question: another process starting on the same empty folder may have just made both.
    if (databaseHoldsData() && !fs.existsSync(file))
      throw new Error(
        `the dev key file ${file} is missing, but the database in ${dataDir} holds data sealed with it: refusing to generate new keys over it. ` +
          'Put the key file back (or set PII_ENC_KEY and PII_HASH_KEY to its keys), or move the database away to start with an empty one.',
      )
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const content = JSON.stringify({
      note: 'Dev-mode keys for personal data. Never use in production.',
      encKey: randomBytes(32).toString('base64'),
      hashKey: randomBytes(32).toString('base64'),
    })
    fs.writeFileSync(tmp, content, { flag: 'wx', mode: 0o600 })
    try {
      fs.linkSync(tmp, file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      fs.unlinkSync(tmp)
    }
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { encKey: string; hashKey: string }
  return { encKey: decodeKey(`${file} encKey`, parsed.encKey), hashKey: decodeKey(`${file} hashKey`, parsed.hashKey) }
}
