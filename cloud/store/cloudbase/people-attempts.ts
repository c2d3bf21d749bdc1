/**
 * The people area's failed attempts on CloudBase (`people_attempt_failures`: `{ key, at }`, one per failed attempt,
 * pruned after a day). A file of its own: only the people function counts attempts, so the other bundles replace it
 * with refusing stubs (scripts/build-cloud.ts, the 150 KB limit).
 */
import type { PeopleRepo } from '../port'
import type { DbApi } from './db-api'

const DAY_MS = 24 * 3600_000

export function cloudbasePeopleAttempts(db: DbApi): Pick<PeopleRepo, 'failuresSince' | 'recordFailure'> {
  const failures = () => db.collection<{ _id: string; key: string; at: string }>('people_attempt_failures')
  const _ = db.command
  return {
    async failuresSince(key, since) {
      return (
        await failures()
          .where({ key, at: _.gt(since) })
          .count()
      ).total
    },
    async recordFailure(keys, at) {
      for (const key of keys) await failures().add({ data: { key, at } })
      // A day of history is enough for any attempt window.
      await failures()
        .where({ at: _.lt(new Date(new Date(at).getTime() - DAY_MS).toISOString()) })
        .remove()
    },
  }
}
