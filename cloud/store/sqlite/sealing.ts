/**
 * The SQLite side of sealing personal fields (cloud/store/sealed-fields.ts): the key check on open,
 * the one-time sealing in place of rows written before sealing existed, and the question the dev key
 * file asks before it is generated. All of it runs inside the open's migration transaction, so a
 * second process opening the same file waits, then finds it done.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import { isSealed, KeyMismatchError, phoneTailKey, SEALED_PREFIX, type Sealer } from '../sealed-fields'
import type { Db } from './open-database'

const FINGERPRINT = 'pii_key_fingerprint'
const SEALED_IN_PLACE = 'sealed_fields'

/** The sealed columns of each table (the SQLite names of SEALED_FIELDS). */
const SEALED_COLUMNS: Record<string, string[]> = {
  bookings: ['person_name', 'phone'],
  queue_tickets: ['person_name'],
  homecert_requests: ['elder_name', 'elder_phone', 'elder_address', 'requester_name', 'requester_phone'],
  cases: ['applicant_name', 'phone', 'address'],
  messages: ['body'],
}

/** Values sealed before this check existed: one that opens proves the keys (ID numbers were always sealed). */
const SAMPLES = [
  "SELECT id_sealed FROM bookings WHERE id_sealed <> '' LIMIT 1",
  "SELECT elder_id_sealed FROM homecert_requests WHERE elder_id_sealed <> '' LIMIT 1",
]

/**
 * Refuses keys that are not the database's: by the stored fingerprint, or, in a database from before
 * the fingerprint, by a sealed ID number that does not open. Then records the fingerprint.
 */
export function checkKeys(db: Db, sealer: Sealer, where: string): void {
  const stored = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(FINGERPRINT) as string | undefined
  if (stored !== undefined) {
    if (stored !== sealer.fingerprint) throw new KeyMismatchError(where, stored, sealer.fingerprint)
    return
  }
  for (const sql of SAMPLES) {
    const sample = db.prepare(sql).pluck().get() as string | undefined
    if (sample === undefined) continue
    try {
      sealer.decrypt(sample)
    } catch {
      throw new KeyMismatchError(where, 'an unrecorded one (a sealed ID number does not open)', sealer.fingerprint)
    }
  }
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(FINGERPRINT, sealer.fingerprint)
}

/**
 * Seals, once, the personal fields of rows written before they were sealed, and turns the cases' phone
 * tails into their keyed hash. Purged rows keep their placeholders.
 */
export function sealInPlace(db: Db, sealer: Sealer): void {
  if (db.prepare('SELECT 1 FROM store_meta WHERE key = ?').get(SEALED_IN_PLACE)) return
  db.function('seal_value', { deterministic: false }, (v: unknown) => (typeof v === 'string' && !isSealed(v) ? sealer.encrypt(v) : v))
  db.function('phone_tail_key', { deterministic: false }, (v: unknown) => (typeof v === 'string' ? phoneTailKey(sealer, v) : v))
  for (const [table, columns] of Object.entries(SEALED_COLUMNS)) {
    const live = table === 'messages' ? '' : ' AND purged_at IS NULL'
    for (const c of columns) {
      db.prepare(`UPDATE ${table} SET ${c} = seal_value(${c}) WHERE ${c} IS NOT NULL AND ${c} NOT LIKE '${SEALED_PREFIX}%'${live}`).run()
    }
  }
  db.prepare('UPDATE cases SET phone_tail = phone_tail_key(phone_tail) WHERE length(phone_tail) = 4 AND purged_at IS NULL').run()
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(SEALED_IN_PLACE, new Date().toISOString())
}

/**
 * Whether the database file already holds personal data or a key fingerprint — asked before a dev key
 * file is generated, so new keys are never made for a database sealed with lost ones.
 */
export function sqliteDatabaseHoldsData(file: string): boolean {
  if (!fs.existsSync(file)) return false
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const has = (table: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
    if (has('store_meta') && db.prepare('SELECT 1 FROM store_meta WHERE key = ?').get(FINGERPRINT)) return true
    return ['bookings', 'homecert_requests', 'cases'].some((t) => has(t) && !!db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get())
  } finally {
    db.close()
  }
}
