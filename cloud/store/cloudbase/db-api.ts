/**
 * The subset of the `wx-server-sdk` database API the CloudBase adapter uses, typed narrowly.
 *
 * The real SDK (`cloud.database()`) has this shape at run time; the tests use the real SDK too,
 * its requests answered by a fake server (test/support/cloudbase-double). The SDK's own
 * declarations give every call the callback-style return `Promise<…> | void | string` and type
 * commands as classes, so the production entry casts once: `cloud.database() as unknown as DbApi`
 * (tsconfig.cloudbase.json checks the adapter's calls against those declarations). Nothing else in
 * the adapter touches the SDK.
 *
 * Shapes follow wx-server-sdk 4.0.2 (its bundled source, and its requests captured offline):
 * - `doc(id).get()` REJECTS when the document does not exist (errCode -1, `document with _id …
 *   does not exist`), in and out of a transaction; `where(…).get()` answers `{ data: [] }`.
 * - `add({ data })` answers `{ _id }`; an `_id` that exists already, or a unique index broken,
 *   rejects with errCode -502001 and the server's E11000 text.
 * - `doc(id).update` / `where(…).update` answer `{ stats: { updated } }`; a missing document
 *   is `updated: 0`, not an error. `set` replaces (upsert) and may not contain `_id` or commands.
 * - `get()` without `limit()` answers at most 100 documents (`limit(0)` too); `limit` above 1000 is
 *   sent as 1000: every query states its limit, and callers page with `skip/limit` (`MAX_GET`).
 * - A second `where()` REPLACES the first (conditions are never merged); `where({ a: undefined })`
 *   (every value undefined) throws; nested objects in `where` become dotted paths.
 * - `runTransaction(run, retries = 3)`: cloud functions only; inside, single-document operations
 *   only (`transaction.collection(c).doc(id).get/set/update/remove`, which is all `TransactionApi`
 *   offers). On a collection taken from a transaction, `where().update()` and `count()` are sent
 *   WITHOUT the transaction id: they would run outside it, so the type does not offer them.
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

/** The most documents one `get()` returns in a cloud function (`limit(1000)`; without a limit: 100). */
export const MAX_GET = 1000

interface SdkError {
  errCode?: number
  errMsg?: string
  code?: string
  message?: string
}

/** wx-server-sdk's errCode for a server answer it has no code of its own for (`resource system error`). */
export const SDK_SYSTEM_ERROR = -501001

function text(e: unknown): string {
  if (!e) return ''
  if (typeof e === 'string') return e
  const err = e as SdkError
  return `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`
}

const errCode = (e: unknown): number | undefined => (e && typeof e === 'object' ? (e as SdkError).errCode : undefined)

/** `add` met an existing `_id` (or a unique index): MongoDB's E11000 inside wx-server-sdk's -502001. */
export function isDuplicateKey(e: unknown): boolean {
  return /E11000|duplicate key/i.test(text(e))
}

/** `doc(id).get()` found nothing: wx-server-sdk's errCode -1 `document with _id … does not exist`. */
export function isNotFound(e: unknown): boolean {
  return /does not exist|not exist|cannot find document/i.test(text(e))
}

/**
 * A transaction lost a conflict, for errors out of `runTransaction` only. At commit it arrives as
 * `code: 'DATABASE_TRANSACTION_CONFLICT'` (after the SDK's own retries); on a read or write inside
 * the callback wx-server-sdk rewraps it as errCode -501001 without `code`, and the server's text
 * is not documented, so -501001 counts whatever it says. Running the callback again is safe: the
 * SDK has rolled the transaction back before the error reaches us.
 */
export function isTransactionConflict(e: unknown): boolean {
  return errCode(e) === SDK_SYSTEM_ERROR || /TRANSACTION_CONFLICT|transaction conflict|WriteConflict/i.test(text(e))
}
