/** @timezone */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MIGRATIONS } from '@cloud/store/sqlite/migrations'
import { seedDatabase } from '@cloud/store/sqlite/seed-database'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from '@test/support/test-keys'

const NOW = '2026-11-26T02:00:00.000Z'
let dir: string
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-mig19-'))))
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A database as the server left it before migration 19: two delegated cases, each rated by the delegation's own stars. */
function databaseAtVersion18(file: string) {
  const db = new Database(file)
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= 18)) {
    db.exec(m.sql)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, NOW)
  }
  seedDatabase(db)
  const insertCase = db.prepare(
    `INSERT INTO cases (id, case_no, center_id, service_id, service_name, processing_days, state, channel, openid, created_by, request_id,
      applicant_name, for_self, phone, phone_tail, description, handover, assignee_openid, assignee_name, accepted_at, updated_at)
     VALUES (?, ?, 'lsw', 'lsw-pension-claim', '养老待遇', 5, 'concluded', 'online', 'resident-a', 'resident-a', ?, 'x', 1, 'x', 'x', 'x', 'window',
      'dev-clerk-liu', '刘芳', ?, ?)`,
  )
  insertCase.run('c-old-1', 'DB20261120-0001', 'r1', NOW, NOW)
  insertCase.run('c-old-2', 'DB20261120-0002', 'r2', NOW, NOW)
  const rate = db.prepare('INSERT INTO case_ratings (case_id, center_id, openid, stars, comment, flagged, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  rate.run('c-old-1', 'lsw', 'resident-a', 2, '太慢', 1, NOW)
  rate.run('c-old-2', 'lsw', 'resident-a', 3, null, 0, NOW)
  db.close()
}

describe('migration 019 (ratings of every service)', () => {
  it('folds the delegation’s ratings in: stars as the level, the case’s 事项 and clerk, no follow-up opened', async () => {
    const file = path.join(dir, 'db.sqlite')
    databaseAtVersion18(file)
    const store = createSqliteStore(file, { sealer: TEST_PII })
    try {
      expect(await store.ratings.get('case', 'c-old-1')).toEqual({
        id: 'case:c-old-1',
        centerId: 'lsw',
        service: 'case',
        subjectId: 'c-old-1',
        openid: 'resident-a',
        level: 2,
        reasons: [],
        comment: '太慢',
        at: NOW,
        serviceId: 'lsw-pension-claim',
        window: null,
        workerOpenid: 'dev-clerk-liu',
        workerName: '刘芳',
        followUp: null,
      })
      expect((await store.ratings.get('case', 'c-old-2'))?.level).toBe(3)
      expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'case_ratings'").get()).toBeUndefined()
      // The old 差评 still flags its case for the supervisor.
      const flagged = await store.cases.listForStaff({ centerId: 'lsw', states: ['concluded'], lowRating: true, limit: 10 })
      expect(flagged.map((c) => c.id)).toEqual(['c-old-1'])
    } finally {
      store.close()
    }
  })
})
