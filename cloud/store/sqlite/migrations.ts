import fs from 'node:fs'
import path from 'node:path'

export interface Migration {
  version: number
  name: string
  sql: string
}

const DIR = path.join(__dirname, 'migrations')

/**
 * Versioned schema migrations: `migrations/NNN-name.sql`, applied in order of
 * NNN, each once. The first comment line names it. One file per migration so
 * that work on different areas never edits the same list. Never edit a
 * migration that has shipped: add the next one.
 */
export const MIGRATIONS: Migration[] = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
  .sort()
  .map((file) => {
    const sql = fs.readFileSync(path.join(DIR, file), 'utf8')
    const name = /^--\s*(.+)$/m.exec(sql)?.[1] ?? file
    return { version: Number(file.slice(0, 3)), name, sql }
  })

const versions = MIGRATIONS.map((m) => m.version)
if (new Set(versions).size !== versions.length) throw new Error(`two migrations share a version number: ${versions.join(', ')}`)
