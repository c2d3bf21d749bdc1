/**
 * The key check on CloudBase (the SQLite adapter's is in ../sqlite/sealing.ts): one `store_meta`
 * document holds the fingerprint of the personal-data key set the database is sealed with. The
 * first container to start with keys writes it; a container with other keys refuses every call.
 */
import { KeyMismatchError, type Sealer } from '../sealed-fields'
import type { DbApi } from './db-api'
import { getOrNull, insertOnce } from './doc-helpers'
import { SHARED } from './shared-collections'

export const META_COLLECTIONS = { meta: 'store_meta' } as const
const FINGERPRINT_ID = 'pii_key_fingerprint'
type MetaDoc = { _id: string; value: string }

/** Throws KeyMismatchError when the keys are not the database's (by its fingerprint, or before one: by a sealed ID number that does not open). */
export async function checkCloudbaseKeys(db: DbApi, sealer: Sealer): Promise<void> {
  const stored = await getOrNull(db.collection<MetaDoc>(META_COLLECTIONS.meta).doc(FINGERPRINT_ID))
  if (stored) {
    if (stored.value !== sealer.fingerprint) throw new KeyMismatchError('the CloudBase database', stored.value, sealer.fingerprint)
    return
  }
  const { data } = await db.collection<{ _id: string; idSealed?: string }>(SHARED.bookings).limit(5).get()
  for (const b of data) {
    if (!b.idSealed) continue
    try {
      sealer.decrypt(b.idSealed)
    } catch {
      throw new KeyMismatchError('the CloudBase database', 'an unrecorded one (a sealed ID number does not open)', sealer.fingerprint)
    }
  }
  // Two containers starting together: the second finds the first's document and compares with it.
  if ((await insertOnce(db, META_COLLECTIONS.meta, { _id: FINGERPRINT_ID, value: sealer.fingerprint })) === 'exists')
    await checkCloudbaseKeys(db, sealer)
}
