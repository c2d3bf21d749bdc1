/**
 * Personal fields sealed at rest by both adapters: phones, names, addresses (and the 消息 bodies that
 * quote them) are written AES-256-GCM encrypted with the same keys as ID numbers, and opened again when
 * a record is read, so the records of the port stay plain and no use case changes. ID numbers are sealed
 * earlier, by the functions (they also need the hash for the per-person rules); these fields only need
 * to be unreadable in the database file and its backups.
 *
 * A value that is not a sealed value is read as it is: the retention purge writes placeholders
 * (`已清除`, `''`) in SQL, and a database from before sealing is sealed in place when first opened with keys.
 */

/** What a store needs of the personal-data keys (cloud/runtime/personal-data.ts's `PersonalData` is one). */
export interface Sealer {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  hash(value: string): string
  /** Names the key set without revealing it: stored in the database, so a server with other keys refuses to start. */
  readonly fingerprint: string
}

/** Every sealed value starts so (`v1.<iv>.<tag>.<ciphertext>`). */
export const SEALED_PREFIX = 'v1.'

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX)

/** The sealed fields of each record the port stores, by the record's (camelCase) field names. */
export const SEALED_FIELDS = {
  booking: ['personName', 'phone'],
  ticket: ['personName'],
  homecert: ['elderName', 'elderPhone', 'elderAddress', 'requesterName', 'requesterPhone'],
  case: ['applicantName', 'phone', 'address'],
  message: ['body'],
} as const

type Fields = readonly string[]

/** A copy with each listed field that holds a string (empty ones too) sealed; nulls stay null. */
export function sealFields<T extends object>(sealer: Sealer, record: T, fields: Fields): T {
  const out = { ...record } as Record<string, unknown>
  for (const f of fields) {
    const v = out[f]
    if (typeof v === 'string' && !isSealed(v)) out[f] = sealer.encrypt(v)
  }
  return out as T
}

/** A copy with each listed sealed field opened (anything else, e.g. a purge placeholder, as it is). */
export function openFields<T extends object>(sealer: Sealer, record: T, fields: Fields): T {
  const out = { ...record } as Record<string, unknown>
  for (const f of fields) {
    const v = out[f]
    if (isSealed(v)) out[f] = sealer.decrypt(v)
  }
  return out as T
}

/**
 * The keyed hash staff search by: the last 4 digits of a phone (帮办代办's list finds a case by them).
 * Domain-separated from the ID hash; without the hash key nobody can list which cases end in 1234.
 * @example phoneTailKey(sealer, '13800001234') === phoneTailKey(sealer, '1234')
 */
export function phoneTailKey(sealer: Sealer, phoneOrTail: string): string {
  return sealer.hash(`phone-tail:${phoneOrTail.slice(-4)}`)
}

/** Thrown when the database's key fingerprint is not the keys' one: the server must not start on it. */
export class KeyMismatchError extends Error {
  constructor(where: string, stored: string, given: string) {
    super(
      `the personal-data keys do not match ${where}: it was sealed with the key set ${stored}, these keys are ${given}. ` +
        'Refusing to start (nothing was read or written). Start with the keys this database was created with ' +
        '(PII_ENC_KEY / PII_HASH_KEY, or the dev key file in DATA_DIR), or with an empty DATA_DIR for a new database.',
    )
    this.name = 'KeyMismatchError'
  }
}

/** For tools that write configuration only (scripts/seed-cloud.ts): any personal field reaching it is a bug, so it throws. */
export const NO_PERSONAL_DATA: Sealer = {
  fingerprint: 'none',
  encrypt: () => {
    throw new Error('this store was opened without personal-data keys: it may not write personal data')
  },
  decrypt: () => {
    throw new Error('this store was opened without personal-data keys: it may not read personal data')
  },
  hash: () => {
    throw new Error('this store was opened without personal-data keys')
  },
}
