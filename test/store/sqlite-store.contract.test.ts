/**
 * The store port's contract on the SQLite adapter (a real, migrated and seeded file per case): the sections that go
 * through no Beijing date or clock reading. The others run in every time zone: sqlite-store-dated.contract.test.ts.
 */
import { sqliteStoreUnderTest } from './adapters-under-test'
import { describeStoreContract } from './store-contract'

describeStoreContract('sqlite', sqliteStoreUnderTest, 'undated')
