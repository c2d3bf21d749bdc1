import path from 'node:path'
import { createPersonalData, loadPiiKeys, type PersonalData } from '../runtime/personal-data'
import { sqliteDatabaseHoldsData } from '../store/sqlite/sealing'
import { createSqliteStore } from '../store/sqlite/sqlite-store'
import type { ServerConfig } from './config'

export const DATABASE_FILE = 'bianmin.sqlite'

/**
 * The local server's (and the scripts') store: the personal-data keys first (production: from the
 * environment or no start; dev: the key file, generated only while the database is empty), then the
 * SQLite file in `DATA_DIR`, which refuses keys that are not its own.
 */
export function openLocalStore(config: Pick<ServerConfig, 'dataDir' | 'production'>, env: NodeJS.ProcessEnv = process.env) {
  const file = path.join(config.dataDir, DATABASE_FILE)
  const pii: PersonalData = createPersonalData(
    loadPiiKeys(env, { production: config.production, dataDir: config.dataDir, databaseHoldsData: () => sqliteDatabaseHoldsData(file) }),
  )
  // Demo personas and staff in dev only: production starts with the centers' configuration (npm run admin:bootstrap).
  const store = createSqliteStore(file, { sealer: pii, demoStaff: !config.production })
  return { pii, store }
}
