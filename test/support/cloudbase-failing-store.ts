/**
 * CloudBase stores over the double for the adapter's own tests: a fresh seeded one, and one on the same database whose
 * requests to one collection answer otherwise (a failing request), as a function sees a database that fails it.
 */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

export async function freshCloudbase() {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  return { db: double.db, double, store: createCloudbaseStore(double.db, TEST_PII) }
}

/** A store on the same database whose collection `name` answers with `overrides` (a failing request) instead. */
export function storeFailingOn(db: Awaited<ReturnType<typeof freshCloudbase>>['db'], name: string, overrides: object) {
  const failing: typeof db = Object.assign(Object.create(db), {
    collection: (n: string) => (n === name ? Object.assign(Object.create(db.collection(n)), overrides) : db.collection(n)),
  })
  return createCloudbaseStore(failing, TEST_PII)
}
