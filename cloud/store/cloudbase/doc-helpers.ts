/**
 * Small document-database idioms the CloudBase repos share: reading past the
 * 1000-document limit, a document or null, insert-once by `_id`, and a counter
 * document advanced in a transaction. No business rule here.
 */
import {
  isDuplicateKey,
  isNotFound,
  isTransactionConflict,
  MAX_GET,
  type DbApi,
  type DocRef,
  type QueryRef,
  type StoredDoc,
  type TransactionApi,
} from './db-api'

/** Every document of a query, page by page (`get()` stops at 1000): the query must be ordered for stable pages. */
export async function readAll<T extends StoredDoc>(query: QueryRef<T>, pageSize = MAX_GET): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += pageSize) {
    const { data } = await (skip ? query.skip(skip) : query).limit(pageSize).get()
    out.push(...data)
    if (data.length < pageSize) return out
  }
}

/** The document, or null when it does not exist (`doc().get()` rejects then). */
export async function getOrNull<T extends StoredDoc>(ref: DocRef<T>): Promise<T | null> {
  try {
    return (await ref.get()).data
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
}

/** Inserts with a chosen `_id`; 'exists' when that `_id` (or a unique index) is taken. */
export async function insertOnce(db: DbApi, collection: string, doc: StoredDoc): Promise<'inserted' | 'exists'> {
  try {
    await db.collection(collection).add({ data: doc })
    return 'inserted'
  } catch (err) {
    if (isDuplicateKey(err)) return 'exists'
    throw err
  }
}

/** `{ ...record }` without `id`, plus `_id` = the id: how a record becomes a document. */
export function toDoc<R extends { id: string }>(record: R): Omit<R, 'id'> & { _id: string } {
  const { id, ...rest } = record
  return { _id: id, ...rest }
}

/**
 * Runs a transaction, and again while it loses write conflicts: the SDK retries
 * only a few times, and a counter shared by a whole hall sees dozens of writers
 * at once. Backs off a little more on each round, with jitter.
 */
export async function inTransaction<R>(db: DbApi, run: (tx: TransactionApi) => Promise<R>, rounds = 60): Promise<R> {
  for (let round = 0; ; round++) {
    try {
      return await db.runTransaction(run, 3)
    } catch (err) {
      if (!isTransactionConflict(err) || round >= rounds) throw err
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 + round * 3)))
    }
  }
}

/**
 * The next value of a counter document's `field` (1 for a new document), in a
 * transaction on that one document: two callers never draw the same value.
 * `base` fills a new document's other fields.
 */
export async function drawNext(db: DbApi, collection: string, id: string, field: string, base: Record<string, unknown>): Promise<number> {
  return inTransaction(db, async (tx) => {
    const ref = tx.collection(collection).doc(id)
    const current = await getOrNull(ref)
    const n = ((current?.[field] as number | undefined) ?? 0) + 1
    const { _id: _ignored, ...rest } = current ?? { _id: id, ...base }
    await ref.set({ data: { ...rest, [field]: n } })
    return n
  })
}

/** Splits a list for `_.in` queries (kept well under CloudBase's condition size limits). */
export function chunks<T>(list: readonly T[], size = 100): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
