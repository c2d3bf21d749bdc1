/**
 * The store port's contract on the SQLite adapter: the sections that go through Beijing dates (DATED_SECTIONS of
 * store-contract.ts), in every time zone.
 * @timezone
 */
import { sqliteStoreUnderTest } from './adapters-under-test'
import { describeStoreContract } from './store-contract'

describeStoreContract('sqlite', sqliteStoreUnderTest, 'dated')
