/**
 * The two adapters the store port's contract runs on (test/store/store-contract.ts), each a fresh seeded store per case:
 * SQLite on a real, migrated and seeded file, and CloudBase over the real wx-server-sdk database with its requests
 * answered by the fake server of test/support/cloudbase-double (not CloudBase itself: see its header for what only a
 * real environment shows).
 */
import fs from 'node:fs'
import indexes from '../../cloudbase/indexes.json'
import type { Store } from '@cloud/store/port'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { signedParts } from '@cloud/store/sqlite/local-files'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { cloudbaseFileStore } from '@cloud/store/cloudbase/cloud-files'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { checkCloudbaseKeys } from '@cloud/store/cloudbase/key-check'
import { slotId } from '@cloud/store/cloudbase/slot-id'
import { createCloudbaseDouble, type CloudbaseSnapshot } from '@test/support/cloudbase-double'
import { createTempStore } from '@test/support/temp-store'
import { TEST_PII } from '@test/support/test-keys'
import type { MakeStore } from './store-contract'

export const sqliteStoreUnderTest: MakeStore = async () => {
  const temp = createTempStore()
  const reopened: Store[] = []
  return {
    store: temp,
    dispose: () => {
      for (const s of reopened) s.close()
      temp.dispose()
    },
    // The bytes of the file and its write-ahead log, as anyone who copies them reads them.
    stored: async () =>
      [temp.file, `${temp.file}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('utf8'))
        .join('\n'),
    reopen: async (sealer) => {
      const s = createSqliteStore(temp.file, { sealer })
      reopened.push(s)
      return s
    },
    // As the local server serves it (cloud/server/file-route.ts): the signed key, then the file.
    fetchFile: async (url) => {
      const file = temp.files.readSigned(...signedParts(url))
      return typeof file === 'string' ? null : file.bytes
    },
    strandSeat: async (serviceId, date, start) => {
      const taken = temp.db
        .prepare('UPDATE booking_slots SET booked = booked + 1 WHERE service_id = ? AND date = ? AND start = ? AND booked < capacity')
        .run(serviceId, date, start)
      if (taken.changes !== 1) throw new Error(`no seat to strand in ${serviceId} ${date} ${start}`)
    },
  }
}

/**
 * The seeded database every case starts from, made once per test file through the real SDK, as the SQLite side
 * copies one seeded file (test/support/temp-store.ts). Seeding it for each case instead: the two CloudBase
 * contract files took 6.7 CPU s, not 5.9.
 */
let seeded: Promise<CloudbaseSnapshot> | undefined
async function seededSnapshot(): Promise<CloudbaseSnapshot> {
  // With the unique indexes of cloudbase/indexes.json, as a deployed environment has them.
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  // As a container starts: the key check first (it records the fingerprint in an empty database).
  await checkCloudbaseKeys(double.db, TEST_PII)
  return double.snapshot()
}

export const cloudbaseStoreUnderTest: MakeStore = async () => {
  const { db, cloud, storage } = createCloudbaseDouble({ from: await (seeded ??= seededSnapshot()) })
  const files = cloudbaseFileStore(cloud)
  // The key check as each container runs it when it starts (the fingerprint is there: it compares).
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
    // No `takenAt` stamped: a seat taken long ago.
    strandSeat: async (serviceId, date, start) => {
      const _ = db.command
      const taken = await db
        .collection('booking_slots')
        .where({ _id: slotId(serviceId, date, start), remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), booked: _.inc(1) } })
      if (taken.stats.updated !== 1) throw new Error(`no seat to strand in ${serviceId} ${date} ${start}`)
    },
  }
}
