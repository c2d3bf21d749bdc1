/**
 * The store port's contract on the CloudBase adapter (the real wx-server-sdk database over the fake server of
 * test/support/cloudbase-double): the sections that go through no Beijing date or clock reading. The others run in
 * every time zone: cloudbase-store-dated.contract.test.ts.
 */
import { cloudbaseStoreUnderTest } from './adapters-under-test'
import { describeStoreContract } from './store-contract'

describeStoreContract('cloudbase', cloudbaseStoreUnderTest, 'undated')
