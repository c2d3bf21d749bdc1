/**
 * Reading the first `max` documents of a query when `max` may exceed what one `get()`
 * returns (1000 in a cloud function): page with skip/limit. The query must be ordered.
 */
import { MAX_GET, type QueryRef, type StoredDoc } from './db-api'

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
