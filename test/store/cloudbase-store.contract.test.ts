/**
 * The store port's contract on the CloudBase adapter, over the in-memory double of the
 * wx-server-sdk database (memory-db.ts: not CloudBase; see its header for what it leaves out).
 */
import { createCloudbaseStore } from '../../cloud/store/cloudbase/cloudbase-store'
import { MemoryDb } from '../../cloud/store/cloudbase/memory-db'
import { seedCloudbase } from '../../cloud/store/cloudbase/seed-cloudbase'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', async () => {
  const db = new MemoryDb()
  await seedCloudbase(db)
  return { store: createCloudbaseStore(db), dispose: () => {} }
})
