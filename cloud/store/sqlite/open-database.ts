import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { MIGRATIONS } from './migrations'
import { seedDatabase } from './seed-database'

export type Db = Database.Database

export interface OpenOptions {
  /** Seed the demo centers, services and personas into an empty database. */
  seed?: boolean
  /** `FULL` makes an acknowledged write survive power loss, at some cost; `NORMAL` survives a process crash. */
  synchronous?: 'NORMAL' | 'FULL'
}

/**
 * Opens (creating if needed) the SQLite file, migrates and seeds it. Safe when
 * several processes open the same file at once: migrations and the seed run in
 * one `BEGIN IMMEDIATE` transaction, so exactly one process applies each.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  // Wait for the other process rather than failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 10000')
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  migrate(db, options.seed ?? true)
  return db
}

function migrate(db: Db, seed: boolean): void {
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    }
    const empty = (db.prepare('SELECT COUNT(*) AS n FROM centers').get() as { n: number }).n === 0
    if (seed && empty) seedDatabase(db)
  })
  run.immediate()
}
