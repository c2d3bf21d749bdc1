/**
 * The store port's contract on the CloudBase adapter, over the real wx-server-sdk database with
 * its requests answered by the fake server of test/support/cloudbase-double (not CloudBase itself:
 * see its header for what only a real environment shows).
 *
 * @timezone
 */
import indexes from '../../cloudbase/indexes.json'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { cloudbaseFileStore } from '@cloud/store/cloudbase/cloud-files'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { checkCloudbaseKeys } from '@cloud/store/cloudbase/key-check'
import { TEST_PII } from '@test/support/test-keys'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', async () => {
  // With the unique indexes of cloudbase/indexes.json, as a deployed environment has them.
  const { db, cloud, storage } = createCloudbaseDouble()
  const files = cloudbaseFileStore(cloud)
  await seedCloudbase(db)
  // As a container starts: the key check first (it records the fingerprint in an empty database).
  await checkCloudbaseKeys(db, TEST_PII)
  return {
    store: createCloudbaseStore(db, TEST_PII, files),
    dispose: () => {},
    // Every document of every collection cloudbase/indexes.json names, as the database API answers them.
    stored: async () => {
      const all = await Promise.all(Object.keys(indexes.collections).map((c) => db.collection(c).limit(1000).get()))
      return JSON.stringify(all.map((r) => r.data))
    },
    reopen: async (sealer) => {
      await checkCloudbaseKeys(db, sealer)
      return createCloudbaseStore(db, sealer, files)
    },
    // The fake cloud storage answers a temp URL as COS does: the bytes while the link lives.
    fetchFile: async (url) => storage.fetch(url),
  }
})
