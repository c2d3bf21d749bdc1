/**
 * The store port's contract on the SQLite adapter: a real, migrated and seeded file per case.
 * @timezone
 */
import { createTempStore } from '../support/temp-store'
import { describeStoreContract } from './store-contract'

describeStoreContract('sqlite', async () => {
  const temp = createTempStore()
  return { store: temp, dispose: () => temp.dispose() }
})
