import { createPersonalData, type PersonalData } from '@cloud/runtime/personal-data'

/** Fixed test keys: tests must not depend on a key file. Every test store is opened with them. */
export const TEST_PII: PersonalData = createPersonalData({ encKey: Buffer.alloc(32, 1), hashKey: Buffer.alloc(32, 2) })

/** The same keys as a server process takes them from its environment. */
export const TEST_KEY_ENV = { PII_ENC_KEY: Buffer.alloc(32, 1).toString('base64'), PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64') }
