/**
 * The stores the tests run on (test/support/temp-store.ts) are copies of one migrated and seeded file: each copy
 * must be what migrating and seeding a new file makes, and a file of its own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { createTempStore, type TempStore } from '@test/support/temp-store'
import { TEST_PII } from '@test/support/test-keys'

type Db = TempStore['db']

/** Every table, index and trigger as SQLite holds it, with each table's row count. */
function contents(db: Db): { schema: string[]; rows: Record<string, number> } {
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string
    name: string
    sql: string | null
  }[]
  const rows: Record<string, number> = {}
  for (const o of objects.filter((o) => o.type === 'table'))
    rows[o.name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${o.name}"`).get() as { n: number }).n
  return { schema: objects.map((o) => `${o.type} ${o.name}: ${o.sql}`), rows }
}

describe('createTempStore', () => {
  const open: TempStore[] = []
  afterEach(() => open.splice(0).forEach((s) => s.dispose()))
  const temp = () => {
    const s = createTempStore()
    open.push(s)
    return s
  }

  describe('when compared with a database migrated and seeded from nothing', () => {
    it('holds the same tables, indexes and rows', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-fresh-'))
      const fresh = createSqliteStore(path.join(dir, 'fresh.sqlite'), { sealer: TEST_PII })
      try {
        const expected = contents(fresh.db)
        expect(expected.rows.centers).toBeGreaterThan(0)
        expect(contents(temp().db)).toEqual(expected)
      } finally {
        fresh.close()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  })

  describe('when two tests each take one', () => {
    it('gives each its own file: what one writes the other never sees', () => {
      const a = temp()
      const b = temp()
      expect(a.file).not.toBe(b.file)
      a.db.prepare("UPDATE centers SET name = '改过的名字'").run()
      expect(b.db.prepare("SELECT COUNT(*) AS n FROM centers WHERE name = '改过的名字'").get()).toEqual({ n: 0 })
      expect(temp().db.prepare("SELECT COUNT(*) AS n FROM centers WHERE name = '改过的名字'").get()).toEqual({ n: 0 })
    })
  })
})
