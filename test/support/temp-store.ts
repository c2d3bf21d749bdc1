import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ActionContext } from '@cloud/runtime/context'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from '@test/support/test-keys'

export type TempStore = ReturnType<typeof createSqliteStore> & { file: string; dir: string; dispose(): void }

/** A fresh, migrated and seeded SQLite file in its own temp dir; `dispose` closes it and removes the dir. */
export function createTempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-'))
  const file = path.join(dir, 'bianmin.sqlite')
  const store = createSqliteStore(file, { sealer: TEST_PII })
  return {
    ...store,
    file,
    dir,
    dispose() {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** An action context on a real store, with a fixed clock unless told otherwise. */
export function contextFor(store: ActionContext['store'], options: { openid?: string | null; now?: string } = {}): ActionContext {
  const now = new Date(options.now ?? '2026-11-26T10:00:00+08:00')
  return { openid: options.openid ?? null, store, now: () => now, requestId: 'test-request' }
}
