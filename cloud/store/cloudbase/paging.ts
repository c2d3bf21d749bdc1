/**
 * Reading more documents than one `get()` returns (1000 in a cloud function): the first `max` of an ordered query by
 * skip/limit, or every one by `_id` after `_id` (`readAllByKey`).
 */
import { MAX_GET, type DbApi, type QueryRef, type StoredDoc } from './db-api'

/** The first `max` documents of an ordered query, by skip/limit. */
export async function readUpTo<T extends StoredDoc>(query: QueryRef<T>, max: number, pageSize = MAX_GET): Promise<T[]> {
  const out: T[] = []
  while (out.length < max) {
    const take = Math.min(pageSize, max - out.length)
    const { data } = await query.skip(out.length).limit(take).get()
    out.push(...data)
    if (data.length < take) break
  }
  return out
}

/**
 * Every document of `collection` matching `where` (a plain condition without `_id`), page after page from the last
 * `_id` read, not by skip: a document that leaves the result while it is read shifts no other one out of sight.
 */
export async function readAllByKey<T extends StoredDoc>(
  db: DbApi,
  collection: string,
  where: Record<string, unknown>,
  pageSize = MAX_GET,
): Promise<T[]> {
  const out: T[] = []
  for (;;) {
    const after = out.length ? { _id: db.command.gt(out[out.length - 1]._id) } : {}
    const { data } = await db
      .collection<T>(collection)
      .where({ ...where, ...after })
      .orderBy('_id', 'asc')
      .limit(pageSize)
      .get()
    out.push(...data)
    if (data.length < pageSize) return out
  }
}
