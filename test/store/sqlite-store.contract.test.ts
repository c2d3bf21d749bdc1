/**
 * The store port's contract on the SQLite adapter: a real, migrated and seeded file per case.
 * @timezone
 */
import fs from 'node:fs'
import type { Store } from '@cloud/store/port'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { createTempStore } from '../support/temp-store'
import { describeStoreContract } from './store-contract'

describeStoreContract('sqlite', async () => {
  const temp = createTempStore()
  const reopened: Store[] = []
  return {
    store: temp,
    dispose: () => {
      for (const s of reopened) s.close()
      temp.dispose()
    },
    // The bytes of the file and its write-ahead log, as anyone who copies them reads them.
    stored: async () =>
      [temp.file, `${temp.file}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('utf8'))
        .join('\n'),
    reopen: async (sealer) => {
      const s = createSqliteStore(temp.file, { sealer })
      reopened.push(s)
      return s
    },
  }
})
