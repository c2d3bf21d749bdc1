import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
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
    encrypt(plain) {
      const iv = pooledRandomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', keys.encKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
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
}

/**
 * The keys from `PII_ENC_KEY` and `PII_HASH_KEY` (base64, 32 bytes each). In
 * production both are required and the server refuses to start without them.
 * In dev mode, missing keys come from a key file under the data dir, generated
 * on first start; two processes starting together end up with the same keys
 * (the file is written whole under a private name and then linked into place,
 * which fails with EEXIST for the loser, who reads the winner's file).
 */
export function loadPiiKeys(env: NodeJS.ProcessEnv, options: LoadKeysOptions): PiiKeys {
  if (env.PII_ENC_KEY && env.PII_HASH_KEY)
    return { encKey: decodeKey('PII_ENC_KEY', env.PII_ENC_KEY), hashKey: decodeKey('PII_HASH_KEY', env.PII_HASH_KEY) }
  if (options.production) throw new Error('NODE_ENV=production requires PII_ENC_KEY and PII_HASH_KEY (32 random bytes each, base64)')
  if (env.PII_ENC_KEY || env.PII_HASH_KEY)
    throw new Error('set both PII_ENC_KEY and PII_HASH_KEY, or neither (dev mode then keeps a key file)')
  return devKeys(options.dataDir)
}

function devKeys(dataDir: string): PiiKeys {
  const file = path.join(dataDir, DEV_KEY_FILE)
  fs.mkdirSync(dataDir, { recursive: true })
  if (!fs.existsSync(file)) {
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
