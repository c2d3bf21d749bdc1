/**
 * The store port's contract on the CloudBase adapter: the sections that go through Beijing dates (DATED_SECTIONS of
 * store-contract.ts), in every time zone.
 * @timezone
 */
import { cloudbaseStoreUnderTest } from './adapters-under-test'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', cloudbaseStoreUnderTest, 'dated')
