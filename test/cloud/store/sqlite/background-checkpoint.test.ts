import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startBackgroundCheckpoint } from '@cloud/store/sqlite/background-checkpoint'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from '@test/support/test-keys'

describe('startBackgroundCheckpoint', () => {
  describe('when the request connection writes', () => {
    it('copies the WAL into the database from another thread, and stops cleanly', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-ckpt-'))
      const store = createSqliteStore(path.join(dir, 'db.sqlite'), { sealer: TEST_PII })
      try {
        const checkpoint = startBackgroundCheckpoint(store.db, { intervalMs: 20 })
        expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000)
        store.db.exec('CREATE TABLE t (x TEXT)')
        const insert = store.db.prepare('INSERT INTO t VALUES (?)')
        for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000))
        // A PASSIVE checkpoint on our own connection reports how much of the WAL is already copied.
        let copied = false
        for (let i = 0; i < 50 && !copied; i++) {
          await new Promise((r) => setTimeout(r, 20))
          const [{ log, checkpointed }] = store.db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[]
          copied = log > 0 && checkpointed === log
        }
        expect(copied).toBe(true)
        await checkpoint.stop()
      } finally {
        store.close()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  })
  it('refuses an in-memory database', () => {
    const store = createSqliteStore(':memory:', { sealer: TEST_PII })
    expect(() => startBackgroundCheckpoint(store.db)).toThrow(/database file/)
    store.close()
  })
})
