/**
 * The subset of the `wx-server-sdk` database API the CloudBase adapter uses, typed narrowly.
 *
 * Both the real SDK (`cloud.database()`) and the in-memory double (memory-db.ts) have this
 * shape at run time. The SDK's own declarations give every call the callback-style return
 * `Promise<…> | void | string` and type commands as classes, so the production entry casts
 * once: `cloud.database() as unknown as DbApi`. Nothing else in the adapter touches the SDK.
 *
 * Shapes follow wx-server-sdk 4.0.2 (checked against its bundled source):
 * - `doc(id).get()` REJECTS when the document does not exist (`document with _id … does not
 *   exist`), in and out of a transaction; `where(…).get()` answers `{ data: [] }`.
 * - `add({ data })` answers `{ _id }`; an `_id` that exists already rejects (duplicate key).
 * - `doc(id).update` / `where(…).update` answer `{ stats: { updated } }`; a missing document
 *   is `updated: 0`, not an error. `set` replaces (upsert) and may not contain `_id` or commands.
 * - `get()` returns at most 1000 documents in a cloud function (default and maximum): callers
 *   page with `skip/limit` (see `MAX_GET`).
 * - `runTransaction(run, retries = 3)`: cloud functions only; inside, single-document
 *   operations only (`transaction.collection(c).doc(id).get/set/update/remove`), no queries.
 */

/** Every stored document carries a string `_id` (we never let CloudBase pick a number). */
export interface StoredDoc {
  _id: string
  [field: string]: unknown
}

/** A field-level comparison (`_.gt(0)`) that can be chained (`_.gt(0).and(_.lt(5))`). */
export interface QueryCommand {
  and(...ops: QueryCommand[]): QueryCommand
  or(...ops: QueryCommand[]): QueryCommand
}

/** An update operator (`_.inc(1)`, `_.set({...})`, `_.remove()`). */
export interface UpdateCommand {
  readonly __update?: true
}

/**
 * A `where` condition: field (or dotted path) → value or command; nested plain objects are
 * read as dotted paths (CloudBase flattens them); or a top-level `_.and/_.or` of conditions.
 */
export type Where = Record<string, unknown> | QueryCommand

/** Update data: field (or dotted path) → new value or update command; plain objects merge. */
export type UpdateData = Record<string, unknown>

export interface DbCommand {
  eq(value: unknown): QueryCommand
  neq(value: unknown): QueryCommand
  gt(value: unknown): QueryCommand
  gte(value: unknown): QueryCommand
  lt(value: unknown): QueryCommand
  lte(value: unknown): QueryCommand
  in(values: unknown[]): QueryCommand
  nin(values: unknown[]): QueryCommand
  exists(present: boolean): QueryCommand
  /** Top level: `_.or([{ a: 1 }, { b: 2 }])` or `_.or({ a: 1 }, { b: 2 })`; field level: `_.or(_.lt(1), _.gt(9))`. */
  and(...conditions: Array<Where | Where[]>): QueryCommand
  or(...conditions: Array<Where | Where[]>): QueryCommand
  inc(by: number): UpdateCommand
  set(value: unknown): UpdateCommand
  remove(): UpdateCommand
}

export interface QueryRef<T extends StoredDoc = StoredDoc> {
  where(condition: Where): QueryRef<T>
  orderBy(field: string, order: 'asc' | 'desc'): QueryRef<T>
  skip(offset: number): QueryRef<T>
  limit(max: number): QueryRef<T>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  /** Every matching document (no limit); `updated` counts the documents actually changed. */
  update(options: { data: UpdateData }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocRef<T extends StoredDoc = StoredDoc> {
  /** Rejects when the document does not exist. */
  get(): Promise<{ data: T }>
  /** Replaces the whole document (creates it when missing). */
  set(options: { data: Omit<T, '_id'> }): Promise<{ _id: string; stats: { updated: number; created: number } }>
  update(options: { data: UpdateData }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface CollectionRef<T extends StoredDoc = StoredDoc> extends QueryRef<T> {
  doc(id: string): DocRef<T>
  /** With `_id`: rejects if it exists (the idempotency key). Without: CloudBase picks one. */
  add(options: { data: Omit<T, '_id'> & { _id?: string } }): Promise<{ _id: string }>
}

/** Inside `runTransaction`: single documents only. */
export interface TransactionApi {
  collection<T extends StoredDoc = StoredDoc>(name: string): { doc(id: string): DocRef<T> }
}

export interface DbApi {
  readonly command: DbCommand
  collection<T extends StoredDoc = StoredDoc>(name: string): CollectionRef<T>
  /** Runs `run` in a transaction; on a write conflict the SDK rolls back and calls `run` again (up to `retries` more times). */
  runTransaction<R>(run: (transaction: TransactionApi) => Promise<R>, retries?: number): Promise<R>
}

/** The most documents one `get()` returns in a cloud function. */
export const MAX_GET = 1000

interface SdkError {
  errCode?: number
  errMsg?: string
  code?: string
  message?: string
}

function text(e: unknown): string {
  if (!e) return ''
  if (typeof e === 'string') return e
  const err = e as SdkError
  return `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`
}

/** `add` met an existing `_id` (or a unique index): MongoDB's E11000 under CloudBase's -502001. */
export function isDuplicateKey(e: unknown): boolean {
  return /E11000|duplicate key/i.test(text(e))
}

/** `doc(id).get()` found nothing. */
export function isNotFound(e: unknown): boolean {
  return /does not exist|not exist|cannot find document/i.test(text(e))
}

/** A transaction lost a write conflict (after the SDK's own retries, or raised inside the callback). */
export function isTransactionConflict(e: unknown): boolean {
  return /TRANSACTION_CONFLICT|transaction conflict|WriteConflict/i.test(text(e))
}
