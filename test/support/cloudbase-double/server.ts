/**
 * The fake CloudBase database server: answers the requests the real SDK builds (see sdk.ts),
 * one handler per action, with the documents of documents.ts.
 *
 * Transactions are optimistic, as MongoDB's: a transaction reads the committed documents and its
 * own writes; it may not read a document that anyone else wrote after it began, nor write one
 * that another open transaction has written (both answer a conflict at once, inside the callback);
 * its writes are buffered and applied at commit, which fails with a conflict when a document it
 * touched was written by anyone else meanwhile (first committer wins). A query (`where`) inside a
 * transaction is refused: CloudBase transactions take single-document operations only.
 */
import { applied, copy, decode, Documents, encode, requestFailed, ServerError, type Doc } from './documents'
import type { RequestCounter } from './requests'
import type { SdkRequest } from './sdk'

/** `get()` sends 100 when no limit is given; the server never answers more than 1000. */
export const MAX_LIMIT = 1000

export interface InjectedConflict {
  /** `commit`: the next commits fail (the SDK retries them itself); `write`: the next writes inside a transaction fail. */
  at: 'commit' | 'write'
  /** How many requests in a row answer the conflict (default 1). */
  times?: number
  /** The server's text (default: the fake server's own, which never says "conflict"). */
  message?: string
}

interface Transaction {
  id: string
  start: number
  /** Buffered writes by `collection\0id` (null = removed). */
  writes: Map<string, { collection: string; doc: Doc | null }>
  touched: Set<string>
}

type Params = Record<string, unknown>
type Answer = Record<string, unknown>

const key = (collection: string, id: string) => `${collection}\u0000${id}`

let seq = 0
const newId = () => `fake${Date.now().toString(16)}${(++seq).toString(16).padStart(8, '0')}`

export class FakeServer {
  private readonly open = new Map<string, Transaction>()
  /** Which open transaction has a buffered write on a document. */
  private readonly writer = new Map<string, string>()
  private readonly injected: Array<Required<InjectedConflict>> = []

  constructor(
    readonly documents: Documents,
    private readonly counter: RequestCounter,
    private readonly latency: (request: SdkRequest) => number,
  ) {}

  injectConflict(conflict: InjectedConflict): void {
    this.injected.push({ times: 1, message: 'transaction aborted (injected)', ...conflict })
  }

  /** The request handler given to the SDK: never rejects for a refusal, answers `{ code, message }` as the server does. */
  readonly handle = async (request: SdkRequest): Promise<Answer> => {
    this.counter.record(request.action)
    const wait = this.latency(request)
    await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)))
    const requestId = `fake-${++seq}`
    try {
      return { ...this.answer(request.action, request.params), requestId }
    } catch (err) {
      if (err instanceof ServerError) {
        if (err.code === 'DATABASE_TRANSACTION_CONFLICT') this.counter.recordConflict()
        return { code: err.code, message: err.message, requestId }
      }
      throw err
    }
  }

  private answer(action: string, p: Params): Answer {
    switch (action) {
      case 'database.getDocument':
        return { data: { list: this.getDocument(p).map(encode) } }
      case 'database.calculateDocument':
        return { data: { total: this.documents.count(String(p.collectionName), this.condition(p)) } }
      case 'database.modifyDocument':
        return { data: this.modifyDocument(p) }
      case 'database.insertDocument':
        return { data: { insertedIds: (p.data as string[]).map((d) => this.insert(String(p.collectionName), decode<Doc>(d), this.tx(p))) } }
      case 'database.removeDocument':
        return { data: { deleted: this.removeDocument(p) } }
      case 'database.startTransaction': {
        const id = `fake-tx-${++seq}`
        this.open.set(id, { id, start: this.documents.now(), writes: new Map(), touched: new Set() })
        return { transactionId: id }
      }
      case 'database.commitTransaction':
        this.commit(this.tx(p, true)!)
        return {}
      case 'database.abortTransaction':
        this.close(this.tx(p, true)!)
        return {}
      default:
        throw requestFailed(`the fake server does not answer ${action}`)
    }
  }

  // ---- reading ----

  private condition(p: Params): object {
    return p.query ? decode<object>(p.query) : {}
  }

  private docId(p: Params): string {
    return String(decode<{ _id: unknown }>(p.query)._id)
  }

  private getDocument(p: Params): Doc[] {
    const collection = String(p.collectionName)
    const tx = this.tx(p)
    if (p.queryType === 'DOC') {
      const doc = tx ? this.view(tx, collection, this.docId(p)) : this.documents.get(collection, this.docId(p))
      return doc ? [doc] : []
    }
    if (tx) throw requestFailed('a transaction takes single-document operations only (doc(id).get/set/update/remove)')
    const limit = Math.min(Number(p.limit ?? 100), MAX_LIMIT)
    const order = p.order ? decode<Record<string, 1 | -1>>(p.order) : undefined
    return this.documents.query(collection, this.condition(p), order, Number(p.offset ?? 0), limit)
  }

  // ---- writing outside transactions ----

  private modifyDocument(p: Params): { updated: number; upsert_id: string | null } {
    const collection = String(p.collectionName)
    const data = decode<Record<string, unknown>>(p.data)
    const merge = Boolean(p.merge)
    const tx = this.tx(p)
    if (p.queryType === 'DOC') {
      const id = this.docId(p)
      if (tx)
        return this.txWrite(tx, collection, id, (current) =>
          current ? applied(current, data, merge) : p.upsert ? copy({ ...data, _id: id } as Doc) : null,
        )
      const current = this.documents.get(collection, id)
      if (!current) {
        if (!p.upsert) return { updated: 0, upsert_id: null }
        this.documents.write(collection, id, { ...data, _id: id } as Doc)
        return { updated: 0, upsert_id: id }
      }
      const next = applied(current, data, merge)
      if (next) this.documents.write(collection, id, next)
      return { updated: next ? 1 : 0, upsert_id: null }
    }
    if (tx) throw requestFailed('a transaction takes single-document operations only')
    let updated = 0
    // One document at a time, as MongoDB: a unique-index failure part way keeps the ones before it.
    for (const doc of this.documents.query(collection, this.condition(p))) {
      const next = applied(doc, data, merge)
      if (next) {
        this.documents.write(collection, doc._id, next)
        updated++
      }
      if (p.multi === false) break
    }
    return { updated, upsert_id: null }
  }

  private insert(collection: string, doc: Doc, tx: Transaction | null): string {
    const id = typeof doc._id === 'string' ? doc._id : newId()
    const full = { ...doc, _id: id }
    const duplicate = () => requestFailed(`E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`)
    if (tx) {
      this.txWrite(tx, collection, id, (current) => {
        if (current) throw duplicate()
        return full
      })
      return id
    }
    if (this.documents.get(collection, id)) throw duplicate()
    this.documents.write(collection, id, full)
    return id
  }

  private removeDocument(p: Params): number {
    const collection = String(p.collectionName)
    const tx = this.tx(p)
    if (p.queryType === 'DOC') {
      const id = this.docId(p)
      if (tx) return this.txWrite(tx, collection, id, () => null, true).updated
      if (!this.documents.get(collection, id)) return 0
      this.documents.write(collection, id, null)
      return 1
    }
    if (tx) throw requestFailed('a transaction takes single-document operations only')
    const gone = this.documents.query(collection, this.condition(p))
    for (const doc of gone.slice(0, p.multi === false ? 1 : undefined)) this.documents.write(collection, doc._id, null)
    return p.multi === false ? Math.min(1, gone.length) : gone.length
  }

  // ---- transactions ----

  private tx(p: Params, required = false): Transaction | null {
    if (!p.transactionId) {
      if (required) throw requestFailed('transactionId is required')
      return null
    }
    const tx = this.open.get(String(p.transactionId))
    if (!tx) throw requestFailed(`transaction ${String(p.transactionId)} is not open (committed, aborted or unknown)`)
    return tx
  }

  /**
   * The real server's text is not documented; these texts avoid the word "conflict" on purpose, so the
   * adapter is tested on the code and errCode alone (`isTransactionConflict`).
   */
  private conflict(message = 'transaction aborted: a document it touched was written meanwhile (fake server)'): ServerError {
    return new ServerError('DATABASE_TRANSACTION_CONFLICT', message)
  }

  private takeInjected(at: InjectedConflict['at']): ServerError | null {
    const found = this.injected.find((c) => c.at === at)
    if (!found) return null
    if (--found.times <= 0) this.injected.splice(this.injected.indexOf(found), 1)
    return this.conflict(found.message)
  }

  /** The document as the transaction sees it: its own write, else the committed one unless changed since it began. */
  private view(tx: Transaction, collection: string, id: string): Doc | null {
    const k = key(collection, id)
    tx.touched.add(k)
    const own = tx.writes.get(k)
    if (own) return own.doc ? copy(own.doc) : null
    if (this.documents.changedSince(collection, id, tx.start))
      throw this.conflict(`transaction aborted: ${collection}/${id} was written after it began (fake server)`)
    return this.documents.get(collection, id)
  }

  /** A buffered write: `next` gets the current view and returns the new document (null removes). */
  private txWrite(tx: Transaction, collection: string, id: string, next: (current: Doc | null) => Doc | null, removing = false) {
    const injected = this.takeInjected('write')
    if (injected) throw injected
    const k = key(collection, id)
    const holder = this.writer.get(k)
    if (holder && holder !== tx.id)
      throw this.conflict(`transaction aborted: ${collection}/${id} is being written by another transaction (fake server)`)
    const current = this.view(tx, collection, id)
    const doc = next(current)
    if (!doc && !removing) return { updated: 0, upsert_id: null }
    if (doc) this.documents.checkUnique(collection, doc, this.pendingIn(tx, collection, id))
    tx.writes.set(k, { collection, doc })
    this.writer.set(k, tx.id)
    return { updated: current ? 1 : 0, upsert_id: current ? null : id }
  }

  private pendingIn(tx: Transaction, collection: string, except: string): Doc[] {
    return [...tx.writes.values()].filter((w) => w.collection === collection && w.doc && w.doc._id !== except).map((w) => w.doc!)
  }

  private commit(tx: Transaction): void {
    const injected = this.takeInjected('commit')
    const changed = [...tx.touched].find((k) => {
      const [collection, id] = k.split('\u0000')
      return this.documents.changedSince(collection, id, tx.start)
    })
    if (injected || changed) {
      this.close(tx)
      throw injected ?? this.conflict()
    }
    try {
      // Every write checked before any is applied: a failing unique index leaves nothing behind.
      for (const { collection, doc } of tx.writes.values())
        if (doc) this.documents.checkUnique(collection, doc, this.pendingIn(tx, collection, doc._id))
      for (const [k, { collection, doc }] of tx.writes) this.documents.write(collection, k.split('\u0000')[1], doc)
    } finally {
      this.close(tx)
    }
  }

  private close(tx: Transaction): void {
    for (const k of tx.writes.keys()) if (this.writer.get(k) === tx.id) this.writer.delete(k)
    this.open.delete(tx.id)
  }
}
