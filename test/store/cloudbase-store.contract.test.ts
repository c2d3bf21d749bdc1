/**
 * The store port's contract on the CloudBase adapter, over the real wx-server-sdk database with
 * its requests answered by the fake server of test/support/cloudbase-double (not CloudBase itself:
 * see its header for what only a real environment shows).
 *
 * @timezone
 */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', async () => {
  // With the unique indexes of cloudbase/indexes.json, as a deployed environment has them.
  const { db } = createCloudbaseDouble()
  await seedCloudbase(db)
  return { store: createCloudbaseStore(db), dispose: () => {} }
})
