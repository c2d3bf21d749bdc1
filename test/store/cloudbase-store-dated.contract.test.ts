/**
 * The store port's contract on the CloudBase adapter: the sections that go through Beijing dates (DATED_SECTIONS of
 * store-contract.ts), in every time zone.
 * @timezone
 *
 * @slow (a whole suite in a small file: test/support/test-order.js starts it early)
 */
import { cloudbaseStoreUnderTest } from './adapters-under-test'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', cloudbaseStoreUnderTest, 'dated')
