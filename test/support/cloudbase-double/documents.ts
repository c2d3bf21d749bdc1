/**
 * The fake server's documents: collections of decoded BSON values (what `EJSON.parse` gives),
 * a write clock per document for the transaction checks, and the unique indexes of
 * cloudbase/indexes.json. Queries, sorting and update operators are MongoDB's language
 * evaluated by `mingo`; nothing here interprets a condition by hand.
 */
import { find, Query, update } from 'mingo'
import { EJSON } from './sdk'

export type Doc = Record<string, unknown> & { _id: string }

/** A server-side refusal, answered to the SDK as `{ code, message }`. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const requestFailed = (message: string) => new ServerError('DATABASE_REQUEST_FAILED', message)

/** Decodes an EJSON body of a request (numbers come back as numbers, dates as Dates). */
export const decode = <T>(text: unknown): T => EJSON.parse(String(text), { relaxed: true }) as T

/** Encodes a stored document as the server lists it (canonical EJSON, as the SDK sends). */
export const encode = (doc: Doc): string => EJSON.stringify(doc, { relaxed: false })

/** A deep copy, so nobody shares the server's objects (decoded values: plain data and Dates). */
export const copy = (doc: Doc): Doc => structuredClone(doc)

const sameContent = (a: Doc, b: Doc) => encode(a) === encode(b)

/** MongoDB refuses `$inc` on a value that is there and not a number (mingo would skip it silently). */
function checkInc(doc: Doc, modifier: Record<string, unknown>): void {
  const inc = modifier.$inc as Record<string, unknown> | undefined
  for (const path of Object.keys(inc ?? {})) {
    const value = field(doc, path)
    if (value !== undefined && typeof value !== 'number')
      throw requestFailed(
        `Cannot apply $inc to a value of non-numeric type. {_id: "${doc._id}"} has the field '${path}' of non-numeric type`,
      )
  }
}

/** Applies an update (operators when `merge`, a whole replacement otherwise) to a copy; null when nothing changes. */
export function applied(doc: Doc, data: Record<string, unknown>, merge: boolean): Doc | null {
  if (!merge) {
    const next = { ...copy({ ...data, _id: doc._id } as Doc) }
    return sameContent(doc, next) ? null : next
  }
  if (Object.keys(data).some((k) => !k.startsWith('$'))) throw requestFailed('an update with merge holds update operators only')
  checkInc(doc, data)
  const next = copy(doc)
  update(next, data, undefined, undefined, { cloneMode: 'deep' })
  return sameContent(doc, next) ? null : next
}

export interface UniqueIndex {
  collection: string
  name: string
  fields: string[]
}

export class Documents {
  private readonly collections = new Map<string, Map<string, Doc>>()
  /** Write clock: every write takes the next tick; per document, the tick of its last write. */
  private clock = 0
  private readonly lastWrite = new Map<string, number>()

  constructor(private readonly unique: UniqueIndex[]) {}

  /** Another server's documents, copied: what it stored, its write clock and its indexes. */
  static copyOf(other: Documents): Documents {
    const documents = new Documents(other.unique)
    for (const [name, docs] of other.collections) documents.collections.set(name, new Map([...docs].map(([id, d]) => [id, copy(d)])))
    documents.clock = other.clock
    for (const [key, tick] of other.lastWrite) documents.lastWrite.set(key, tick)
    return documents
  }

  now(): number {
    return this.clock
  }

  private coll(name: string): Map<string, Doc> {
    let c = this.collections.get(name)
    if (!c) this.collections.set(name, (c = new Map()))
    return c
  }

  get(collection: string, id: string): Doc | null {
    const doc = this.coll(collection).get(id)
    return doc ? copy(doc) : null
  }

  changedSince(collection: string, id: string, tick: number): boolean {
    return (this.lastWrite.get(`${collection}\u0000${id}`) ?? 0) > tick
  }

  /** Matching documents, ordered, skipped and limited as MongoDB would. */
  query(collection: string, condition: object, order?: Record<string, 1 | -1>, offset = 0, limit?: number): Doc[] {
    let cursor = find([...this.coll(collection).values()], condition)
    if (order && Object.keys(order).length) cursor = cursor.sort(order)
    if (offset) cursor = cursor.skip(offset)
    if (limit !== undefined) cursor = cursor.limit(limit)
    return (cursor.all() as Doc[]).map(copy)
  }

  count(collection: string, condition: object): number {
    const q = new Query(condition)
    let n = 0
    for (const doc of this.coll(collection).values()) if (q.test(doc)) n++
    return n
  }

  /** Writes (or removes, when null) one document after checking the unique indexes. */
  write(collection: string, id: string, doc: Doc | null): void {
    if (doc) this.checkUnique(collection, doc)
    if (doc) this.coll(collection).set(id, copy({ ...doc, _id: id }))
    else this.coll(collection).delete(id)
    this.lastWrite.set(`${collection}\u0000${id}`, ++this.clock)
  }

  /** E11000 when another document holds the same key of a unique index (a missing field counts as null). */
  checkUnique(collection: string, doc: Doc, pending: Iterable<Doc> = []): void {
    for (const index of this.unique) {
      if (index.collection !== collection) continue
      const key = (d: Doc) => JSON.stringify(index.fields.map((f) => field(d, f) ?? null))
      const mine = key(doc)
      for (const other of [...this.coll(collection).values(), ...pending]) {
        if (other._id !== doc._id && key(other) === mine)
          throw requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index.name} dup key: ${mine}`)
      }
    }
  }

  dump(collection: string): Doc[] {
    return [...this.coll(collection).values()].map(copy)
  }
}

/** The value at a dotted path, undefined when missing. */
function field(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc)
}
