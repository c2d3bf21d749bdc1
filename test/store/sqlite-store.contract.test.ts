/**
 * The store port's contract on the SQLite adapter: a real, migrated and seeded file per case.
 * @timezone
 */
import fs from 'node:fs'
import type { Store } from '@cloud/store/port'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { signedParts } from '@cloud/store/sqlite/local-files'
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
    // As the local server serves it (cloud/server/file-route.ts): the signed key, then the file.
    fetchFile: async (url) => {
      const file = temp.files.readSigned(...signedParts(url))
      return typeof file === 'string' ? null : file.bytes
    },
  }
})
