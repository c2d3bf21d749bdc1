/**
 * The store port's contract on the CloudBase adapter, over the in-memory double of the
 * wx-server-sdk database (memory-db.ts: not CloudBase; see its header for what it leaves out).
 *
 * @timezone
 */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { MemoryDb } from '@cloud/store/cloudbase/memory-db'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { declareUniqueIndexes } from '../support/cloudbase-indexes'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', async () => {
  // With the unique indexes of cloudbase/indexes.json, as a deployed environment has them.
  const db = declareUniqueIndexes(new MemoryDb())
  await seedCloudbase(db)
  return { store: createCloudbaseStore(db), dispose: () => {} }
})
