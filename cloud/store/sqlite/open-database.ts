import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { Sealer } from '../sealed-fields'
import { MIGRATIONS } from './migrations'
import { checkKeys, sealInPlace } from './sealing'
import { seedDatabase } from './seed-database'

export type Db = Database.Database

export interface OpenOptions {
  /** Seed the demo centers, services and personas into an empty database. */
  seed?: boolean
  /** With the seed: the demo personas and staff too (dev and tests, the default); production seeds the centers' configuration only. */
  demoStaff?: boolean
  /** `FULL` makes an acknowledged write survive power loss, at some cost; `NORMAL` survives a process crash. */
  synchronous?: 'NORMAL' | 'FULL'
  /**
   * The personal-data keys: checked against the database's fingerprint (a mismatch throws
   * KeyMismatchError before anything is written), and rows from before sealing sealed in place.
   */
  sealer?: Sealer
}

/** Owner read/write only: the database, its -wal and -shm hold personal data (sealed or not, nobody else's business). */
const PRIVATE_FILE = 0o600

/** Creates the file private before SQLite opens it (SQLite gives -wal and -shm the database file's mode), and makes an existing one private. */
function makePrivate(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE))
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, PRIVATE_FILE)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

/**
 * Opens (creating if needed) the SQLite file, migrates and seeds it. Safe when
 * several processes open the same file at once: migrations and the seed run in
 * one `BEGIN IMMEDIATE` transaction, so exactly one process applies each.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') makePrivate(file)
  const db = new Database(file)
  // Wait for the other process rather than failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 10000')
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
  // 64 MB of page cache instead of SQLite's 2 MB: the booking indexes have random keys (ids, codes, ID hashes),
  // so every insert touches a different leaf page; with the default cache most of them were re-read from the file.
  db.pragma('cache_size = -65536')
  // What an update or delete frees (a value sealed in place, a purged record) is overwritten, where that costs no extra I/O.
  db.pragma('secure_delete = FAST')
  // Savepoint journals in memory, not in temp files: group commit runs each create in a savepoint of the group's
  // transaction when one of the group throws, and SQLite copies every page a savepoint first touches into its journal. Past 64 KB (a few creates)
  // that journal spilled to a temp file, a write() per page (~24 µs of system CPU per create, bench/create-cpu.ts).
  // Also in memory: temp sorts and the statement journal of a multi-row write inside a transaction, the largest being
  // the daily retention purge's UPDATE (one day's finished records; a first purge over years of records would hold
  // their original pages in memory until its commit).
  db.pragma('temp_store = MEMORY')
  try {
    migrate(db, options.seed ?? true, options.demoStaff ?? true, options.sealer, file)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

function migrate(db: Db, seed: boolean, demoStaff: boolean, sealer: Sealer | undefined, file: string): void {
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
    let changed = false
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      )
      changed = true
    }
    const empty = (db.prepare('SELECT COUNT(*) AS n FROM centers').get() as { n: number }).n === 0
    if (seed && empty) {
      seedDatabase(db, { staff: demoStaff })
      changed = true
    }
    if (sealer) {
      checkKeys(db, sealer, file)
      sealInPlace(db, sealer)
    }
    // What the new schema (a rebuilt table, the seed) must satisfy, checked before anything is committed.
    // Only after a change: on a large database the check reads every row.
    if (changed) {
      const broken = db.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[]
      if (broken.length > 0)
        throw new Error(`migration left ${broken.length} broken references, e.g. ${broken[0].table} → ${broken[0].parent}`)
    }
  })
  // SQLite's way to rebuild a table that others reference (12 steps in "ALTER TABLE"): foreign keys off
  // around the transaction (the pragma is ignored inside one), `foreign_key_check` before the commit.
  db.pragma('foreign_keys = OFF')
  try {
    run.immediate()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}
