/**
 * An in-memory double of the `wx-server-sdk` database subset in db-api.ts.
 *
 * THIS IS NOT CLOUDBASE. It is written from the documentation and from reading wx-server-sdk
 * 4.0.2's source, so the adapter's tests exercise the same calls and the same failure shapes
 * the real database gives. Where behaviour could not be read or is ambiguous, the double picks
 * the stricter side and says so below; only a real environment confirms the rest.
 *
 * What it does, as CloudBase documents it:
 * - `get()` returns at most `maxGet` documents (1000 in a cloud function; 100 from the
 *   mini-program) whatever `limit` asks for: callers page with `skip/limit`.
 * - `where` with equality, nested objects read as dotted paths, arrays matching a contained
 *   value, `null` matching missing fields, and the commands eq/neq/gt/gte/lt/lte/in/nin/exists,
 *   `and`/`or` at field and top level. Comparisons only between values of the same type.
 * - `orderBy` (several chain), `skip`, `limit`, `count`.
 * - Updates: dotted paths, plain objects merged field by field, `_.inc` (atomic; a missing
 *   field counts as 0), `_.set` (replace a value whole), `_.remove`. `updated` counts the
 *   documents actually changed (MongoDB's nModified).
 * - `add` without `_id` picks one; with an existing `_id` (or breaking a declared unique index)
 *   it rejects with a duplicate-key error (-502001, E11000). `doc(id).get()` on a missing
 *   document rejects; `doc(id).update` on one answers `updated: 0`; `set` upserts.
 * - `runTransaction(run, retries = 3)`: single-document operations only; optimistic. Writes are
 *   buffered and applied at commit; a transaction whose document was written by anyone else
 *   after the transaction began conflicts, is rolled back, and `run` is called again, up to
 *   `retries` more times; then the conflict error is thrown.
 * - Every call yields to the event loop first, so concurrent callers interleave.
 *
 * Where it differs (stricter or simpler):
 * - Values must be JSON (no Date, serverDate, RegExp, Geo). `undefined` fields are dropped.
 * - Reading, inside a transaction, a document changed after the transaction began is a
 *   conflict (MongoDB would serve the snapshot and conflict only on a write).
 * - Conflicts are found at commit (first committer wins); MongoDB finds them at the second
 *   write (first writer wins). Either way the loser's callback runs again.
 * - `limit` above `maxGet` is capped silently; no latency, no rate limits, no timeouts.
 */
import type {
  CollectionRef,
  DbApi,
  DbCommand,
  DocRef,
  QueryCommand,
  QueryRef,
  StoredDoc,
  TransactionApi,
  UpdateCommand,
  UpdateData,
  Where,
} from './db-api'

export interface MemoryDbOptions {
  /** The most documents one `get()` returns (CloudBase: 1000 in a cloud function). */
  maxGet?: number
}

class DbError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
    readonly code?: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`)
  }
}

const duplicateKey = (api: string, collection: string, index: string, key: string) =>
  new DbError(
    -502001,
    `${api}:fail -502001 database request fail. E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  )
const notFound = (id: string) => new DbError(-1, `document.get:fail document with _id ${id} does not exist`)
const conflict = () => new DbError(-501001, 'database transaction conflict', 'DATABASE_TRANSACTION_CONFLICT')
const invalid = (api: string, msg: string) => new DbError(-501007, `${api}:fail ${msg}`)

// ---- commands ----

type QueryOpKind = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists'

class FieldOp implements QueryCommand {
  constructor(
    readonly kind: QueryOpKind,
    readonly arg: unknown,
  ) {}
  and(...ops: QueryCommand[]): QueryCommand {
    return new LogicOp('and', [this, ...ops])
  }
  or(...ops: QueryCommand[]): QueryCommand {
    return new LogicOp('or', [this, ...ops])
  }
}

/** `and`/`or`: of field ops when used as a field's value, of conditions at top level. */
class LogicOp implements QueryCommand {
  constructor(
    readonly kind: 'and' | 'or',
    readonly operands: unknown[],
  ) {}
  and(...ops: QueryCommand[]): QueryCommand {
    return new LogicOp('and', [this, ...ops])
  }
  or(...ops: QueryCommand[]): QueryCommand {
    return new LogicOp('or', [this, ...ops])
  }
}

class UpdateOp implements UpdateCommand {
  readonly __update = true as const
  constructor(
    readonly kind: 'inc' | 'set' | 'remove',
    readonly arg?: unknown,
  ) {}
}

const logic = (kind: 'and' | 'or', args: unknown[]) => new LogicOp(kind, args.length === 1 && Array.isArray(args[0]) ? args[0] : args)

export const memoryCommand: DbCommand = {
  eq: (v) => new FieldOp('eq', v),
  neq: (v) => new FieldOp('neq', v),
  gt: (v) => new FieldOp('gt', v),
  gte: (v) => new FieldOp('gte', v),
  lt: (v) => new FieldOp('lt', v),
  lte: (v) => new FieldOp('lte', v),
  in: (v) => new FieldOp('in', v),
  nin: (v) => new FieldOp('nin', v),
  exists: (v) => new FieldOp('exists', v),
  and: (...c) => logic('and', c),
  or: (...c) => logic('or', c),
  inc: (n) => new UpdateOp('inc', n),
  set: (v) => new UpdateOp('set', v),
  remove: () => new UpdateOp('remove'),
}

// ---- values ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = Record<string, unknown>

/** A plain object (its prototype a root prototype, so objects from another realm count too). */
function isPlain(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as object | null
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** Deep copy of a JSON value, dropping `undefined` fields; anything else is refused. */
function toJson(v: unknown, api: string): Json {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(api, 'numbers must be finite')
    return v
  }
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toJson(x, api)))
  if (isPlain(v)) {
    const out: { [k: string]: Json } = {}
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJson(x, api)
    return out
  }
  throw invalid(api, `memory-db stores JSON values only, got ${Object.prototype.toString.call(v)}`)
}

/** Stored values are JSON already; copies keep callers from changing the store. */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T
  return v
}

function getPath(doc: Obj, path: string): unknown {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)]
    else if (isPlain(cur)) cur = cur[part]
    else return undefined
  }
  return cur
}

function setPath(doc: Obj, path: string, value: Json | undefined): void {
  const parts = path.split('.')
  let cur: Obj = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlain(cur[part])) cur[part] = {}
    cur = cur[part] as Obj
  }
  const last = parts[parts.length - 1]
  if (value === undefined) delete cur[last]
  else cur[last] = value
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]))
  }
  return false
}

/** MongoDB's order of types: missing/null < numbers < strings < objects < arrays < booleans. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return 1
  if (typeof v === 'string') return 2
  if (Array.isArray(v)) return 4
  if (typeof v === 'object') return 3
  return 5
}

function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0
}

// ---- matching ----

/** Nested plain objects in a condition or in update data are dotted paths. */
function flatten(obj: Obj, prefix = '', out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue
    const path = prefix ? `${prefix}.${k}` : k
    if (isPlain(v) && Object.keys(v).length > 0) flatten(v, path, out)
    else out.push([path, v])
  }
  return out
}

function equalsField(value: unknown, wanted: unknown): boolean {
  if (wanted === null) return value === null || value === undefined
  if (deepEqual(value, wanted)) return true
  return Array.isArray(value) && value.some((x) => deepEqual(x, wanted))
}

function comparable(value: unknown, arg: unknown): boolean {
  return value !== undefined && value !== null && typeRank(value) === typeRank(arg)
}

function testField(value: unknown, op: unknown): boolean {
  if (op instanceof LogicOp) {
    return op.kind === 'and' ? op.operands.every((o) => testField(value, o)) : op.operands.some((o) => testField(value, o))
  }
  if (!(op instanceof FieldOp)) return equalsField(value, op)
  const { kind, arg } = op
  const values = Array.isArray(value) ? value : [value]
  switch (kind) {
    case 'eq':
      return equalsField(value, arg)
    case 'neq':
      return !equalsField(value, arg)
    case 'in':
      return (arg as unknown[]).some((a) => equalsField(value, a))
    case 'nin':
      return !(arg as unknown[]).some((a) => equalsField(value, a))
    case 'exists':
      return (value !== undefined) === Boolean(arg)
    case 'gt':
      return values.some((v) => comparable(v, arg) && compare(v, arg) > 0)
    case 'gte':
      return values.some((v) => comparable(v, arg) && compare(v, arg) >= 0)
    case 'lt':
      return values.some((v) => comparable(v, arg) && compare(v, arg) < 0)
    case 'lte':
      return values.some((v) => comparable(v, arg) && compare(v, arg) <= 0)
  }
}

function matches(doc: Obj, condition: unknown): boolean {
  if (condition instanceof LogicOp) {
    return condition.kind === 'and' ? condition.operands.every((c) => matches(doc, c)) : condition.operands.some((c) => matches(doc, c))
  }
  if (!isPlain(condition)) throw invalid('collection.where', 'a condition is an object or _.and/_.or')
  return flatten(condition).every(([path, op]) => testField(getPath(doc, path), op))
}

// ---- updates ----

function applyUpdate(doc: Obj, data: UpdateData, api: string): Obj {
  if (!isPlain(data) || Object.keys(data).length === 0) throw invalid(api, 'options.data must be a non-empty object')
  if ('_id' in data) throw invalid(api, '不能更新_id的值')
  const next = clone(doc)
  for (const [path, v] of flatten(data)) {
    if (v instanceof UpdateOp) {
      if (v.kind === 'remove') setPath(next, path, undefined)
      else if (v.kind === 'set') setPath(next, path, toJson(v.arg, api))
      else {
        const cur = getPath(next, path)
        if (cur !== undefined && typeof cur !== 'number')
          throw new DbError(-502001, `${api}:fail Cannot apply $inc to a value of non-numeric type`)
        setPath(next, path, ((cur as number | undefined) ?? 0) + (v.arg as number))
      }
    } else {
      setPath(next, path, toJson(v, api))
    }
  }
  return next
}

function refuseCommands(data: unknown, api: string): void {
  if (data instanceof UpdateOp || data instanceof FieldOp || data instanceof LogicOp)
    throw new DbError(-502001, `${api}:fail update operator complicit`)
  if (isPlain(data)) Object.values(data).forEach((v) => refuseCommands(v, api))
  if (Array.isArray(data)) data.forEach((v) => refuseCommands(v, api))
}

// ---- the store ----

interface Slot {
  doc: Obj
}
type Collection = Map<string, Slot>

let idSeq = 0
const newId = () => `${Date.now().toString(16)}${(++idSeq).toString(16).padStart(8, '0')}`

export class MemoryDb implements DbApi {
  readonly command = memoryCommand
  readonly maxGet: number
  private readonly data = new Map<string, Collection>()
  private readonly unique = new Map<string, string[][]>()
  /** Commit clock: every write gets the next tick; per document, the tick of its last write. */
  private clock = 0
  private readonly lastWrite = new Map<string, number>()

  constructor(options: MemoryDbOptions = {}) {
    this.maxGet = options.maxGet ?? 1000
  }

  /** Mirrors a unique index of the indexes file (missing fields count as null, as in MongoDB). */
  declareUniqueIndex(collection: string, fields: string[]): this {
    this.unique.set(collection, [...(this.unique.get(collection) ?? []), fields])
    return this
  }

  collection<T extends StoredDoc = StoredDoc>(name: string): CollectionRef<T> {
    return new MemoryCollection<T>(this, name, {})
  }

  async runTransaction<R>(run: (transaction: TransactionApi) => Promise<R>, retries = 3): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      await tick()
      const tx = new MemoryTransaction(this, this.clock)
      try {
        const result = await run(tx)
        await tick()
        this.commit(tx)
        return result
      } catch (e) {
        // Anything thrown rolls back (the buffered writes are dropped); only a conflict retries.
        if ((e as DbError).code !== 'DATABASE_TRANSACTION_CONFLICT' || attempt >= retries) throw e
      }
    }
  }

  /** A copy of every document of a collection, for tests. */
  dump(collection: string): StoredDoc[] {
    return [...this.coll(collection).values()].map((s) => clone(s.doc) as StoredDoc)
  }

  // -- internals used by the references below --

  coll(name: string): Collection {
    let c = this.data.get(name)
    if (!c) this.data.set(name, (c = new Map()))
    return c
  }

  changedSince(collection: string, id: string, since: number): boolean {
    return (this.lastWrite.get(`${collection}\u0000${id}`) ?? 0) > since
  }

  /** Writes `doc` (or removes it when null) after checking `_id` and the unique indexes. */
  write(collection: string, id: string, doc: Obj | null, api: string): void {
    const c = this.coll(collection)
    if (doc) this.checkUnique(collection, id, doc, api)
    if (doc) c.set(id, { doc: { ...doc, _id: id } })
    else c.delete(id)
    this.lastWrite.set(`${collection}\u0000${id}`, ++this.clock)
  }

  private checkUnique(collection: string, id: string, doc: Obj, api: string): void {
    for (const fields of this.unique.get(collection) ?? []) {
      const key = fields.map((f) => getPath(doc, f) ?? null)
      for (const [otherId, slot] of this.coll(collection)) {
        if (otherId !== id && fields.every((f, i) => deepEqual(getPath(slot.doc, f) ?? null, key[i]))) {
          throw duplicateKey(api, collection, fields.join('_1_') + '_1', JSON.stringify(key))
        }
      }
    }
  }

  private commit(tx: MemoryTransaction): void {
    for (const key of tx.touched) {
      const [collection, id] = key.split('\u0000')
      if (this.changedSince(collection, id, tx.start)) throw conflict()
    }
    // Check every write before applying any, so a failing unique index leaves nothing behind.
    for (const [key, doc] of tx.writes) {
      const [collection, id] = key.split('\u0000')
      if (doc) this.checkUnique(collection, id, doc, 'transaction.commit')
    }
    for (const [key, doc] of tx.writes) {
      const [collection, id] = key.split('\u0000')
      this.write(collection, id, doc, 'transaction.commit')
    }
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

interface QueryState {
  where?: unknown[]
  order?: Array<[string, 'asc' | 'desc']>
  skip?: number
  limit?: number
}

class MemoryCollection<T extends StoredDoc> implements CollectionRef<T> {
  constructor(
    private readonly db: MemoryDb,
    private readonly name: string,
    private readonly q: QueryState,
  ) {}

  private with(patch: QueryState): MemoryCollection<T> {
    return new MemoryCollection<T>(this.db, this.name, { ...this.q, ...patch })
  }

  where(condition: Where): QueryRef<T> {
    return this.with({ where: [...(this.q.where ?? []), condition] })
  }

  orderBy(field: string, order: 'asc' | 'desc'): QueryRef<T> {
    return this.with({ order: [...(this.q.order ?? []), [field, order]] })
  }

  skip(offset: number): QueryRef<T> {
    return this.with({ skip: offset })
  }

  limit(max: number): QueryRef<T> {
    if (!Number.isInteger(max) || max <= 0) throw invalid('collection.limit', 'limit must be a positive integer')
    return this.with({ limit: max })
  }

  private matching(): Obj[] {
    const all = [...this.db.coll(this.name).values()].map((s) => s.doc)
    return all.filter((d) => (this.q.where ?? []).every((c) => matches(d, c)))
  }

  async get(): Promise<{ data: T[] }> {
    await tick()
    const found = this.matching()
    const order = this.q.order ?? []
    if (order.length) {
      found.sort((a, b) => {
        for (const [field, dir] of order) {
          const c = compare(getPath(a, field), getPath(b, field))
          if (c) return dir === 'desc' ? -c : c
        }
        return 0
      })
    }
    const from = this.q.skip ?? 0
    const take = Math.min(this.q.limit ?? this.db.maxGet, this.db.maxGet)
    return { data: found.slice(from, from + take).map((d) => clone(d) as T) }
  }

  async count(): Promise<{ total: number }> {
    await tick()
    return { total: this.matching().length }
  }

  async update(options: { data: UpdateData }): Promise<{ stats: { updated: number } }> {
    await tick()
    const changes: Array<[string, Obj]> = []
    for (const doc of this.matching()) {
      const next = applyUpdate(doc, options.data, 'collection.update')
      if (!deepEqual(next, doc)) changes.push([doc._id as string, next])
    }
    // MongoDB applies a multi-document update one document at a time; a unique-index failure
    // stops it part way. Here the updates before the failing one stay, as there.
    for (const [id, next] of changes) this.db.write(this.name, id, next, 'collection.update')
    return { stats: { updated: changes.length } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await tick()
    const gone = this.matching()
    for (const doc of gone) this.db.write(this.name, doc._id as string, null, 'collection.remove')
    return { stats: { removed: gone.length } }
  }

  doc(id: string): DocRef<T> {
    return new MemoryDoc<T>(this.db, this.name, id)
  }

  async add(options: { data: Omit<T, '_id'> & { _id?: string } }): Promise<{ _id: string }> {
    await tick()
    refuseCommands(options.data, 'collection.add')
    const doc = toJson(options.data, 'collection.add') as Obj
    const id = typeof doc._id === 'string' ? doc._id : newId()
    if (this.db.coll(this.name).has(id)) throw duplicateKey('collection.add', this.name, '_id_', `{ _id: "${id}" }`)
    this.db.write(this.name, id, doc, 'collection.add')
    return { _id: id }
  }
}

class MemoryDoc<T extends StoredDoc> implements DocRef<T> {
  constructor(
    private readonly db: MemoryDb,
    private readonly name: string,
    private readonly id: string,
  ) {}

  private current(): Obj | undefined {
    return this.db.coll(this.name).get(this.id)?.doc
  }

  async get(): Promise<{ data: T }> {
    await tick()
    const doc = this.current()
    if (!doc) throw notFound(this.id)
    return { data: clone(doc) as T }
  }

  async set(options: { data: Omit<T, '_id'> }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    await tick()
    const doc = checkedSet(options.data)
    const existed = this.current()
    this.db.write(this.name, this.id, doc, 'document.set')
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
  }

  async update(options: { data: UpdateData }): Promise<{ stats: { updated: number } }> {
    await tick()
    const doc = this.current()
    if (!doc) return { stats: { updated: 0 } }
    const next = applyUpdate(doc, options.data, 'document.update')
    if (deepEqual(next, doc)) return { stats: { updated: 0 } }
    this.db.write(this.name, this.id, next, 'document.update')
    return { stats: { updated: 1 } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await tick()
    if (!this.current()) return { stats: { removed: 0 } }
    this.db.write(this.name, this.id, null, 'document.remove')
    return { stats: { removed: 1 } }
  }
}

function checkedSet(data: unknown): Obj {
  if (!isPlain(data) || Object.keys(data).length === 0) throw invalid('document.set', 'options.data must be a non-empty object')
  if ('_id' in data) throw invalid('document.set', '不能更新_id的值')
  refuseCommands(data, 'document.set')
  return toJson(data, 'document.set') as Obj
}

class MemoryTransaction implements TransactionApi {
  /** Buffered writes (null = removed), applied at commit; reads see them. */
  readonly writes = new Map<string, Obj | null>()
  readonly touched = new Set<string>()

  constructor(
    private readonly db: MemoryDb,
    readonly start: number,
  ) {}

  collection<T extends StoredDoc = StoredDoc>(name: string): { doc(id: string): DocRef<T> } {
    return { doc: (id: string) => new TransactionDoc<T>(this, this.db, name, id) }
  }
}

class TransactionDoc<T extends StoredDoc> implements DocRef<T> {
  private readonly key: string
  constructor(
    private readonly tx: MemoryTransaction,
    private readonly db: MemoryDb,
    private readonly name: string,
    private readonly id: string,
  ) {
    this.key = `${name}\u0000${id}`
  }

  /** The document as this transaction sees it; a change by anyone else since it began is a conflict. */
  private async view(): Promise<Obj | null> {
    await tick()
    this.tx.touched.add(this.key)
    if (this.tx.writes.has(this.key)) return this.tx.writes.get(this.key) ?? null
    if (this.db.changedSince(this.name, this.id, this.tx.start)) throw conflict()
    const doc = this.db.coll(this.name).get(this.id)?.doc
    return doc ? clone(doc) : null
  }

  async get(): Promise<{ data: T }> {
    const doc = await this.view()
    if (!doc) throw notFound(this.id)
    return { data: clone(doc) as T }
  }

  async set(options: { data: Omit<T, '_id'> }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    const doc = checkedSet(options.data)
    const existed = await this.view()
    this.tx.writes.set(this.key, { ...doc, _id: this.id })
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
  }

  async update(options: { data: UpdateData }): Promise<{ stats: { updated: number } }> {
    const doc = await this.view()
    if (!doc) return { stats: { updated: 0 } }
    const next = applyUpdate(doc, options.data, 'document.update')
    if (deepEqual(next, doc)) return { stats: { updated: 0 } }
    this.tx.writes.set(this.key, next)
    return { stats: { updated: 1 } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    const doc = await this.view()
    if (!doc) return { stats: { removed: 0 } }
    this.tx.writes.set(this.key, null)
    return { stats: { removed: 1 } }
  }
}
