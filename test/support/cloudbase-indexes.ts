import indexes from '../../cloudbase/indexes.json'
import type { MemoryDb } from '@cloud/store/cloudbase/memory-db'

/** Declares on the memory double every unique index of cloudbase/indexes.json, as a deployed environment has them. */
export function declareUniqueIndexes(db: MemoryDb): MemoryDb {
  for (const [collection, list] of Object.entries(indexes.collections)) {
    for (const index of list)
      if (index.unique)
        db.declareUniqueIndex(
          collection,
          index.keys.map((k) => k.field),
        )
  }
  return db
}
