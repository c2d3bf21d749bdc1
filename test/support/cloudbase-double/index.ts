/**
 * The CloudBase database double: the REAL `wx-server-sdk` 4.0.2 database (`cloud.database()`: its
 * query builder, EJSON serialization, transaction runner and error wrapping) with its request class
 * intercepted (sdk.ts), answered in process by a fake server (server.ts) that evaluates queries and
 * updates with `mingo` (documents.ts). Test code only: it is never bundled into a cloud function.
 *
 *   const double = createCloudbaseDouble()            // unique indexes of cloudbase/indexes.json
 *   await seedCloudbase(double.db)                    // double.db is the adapter's DbApi
 *   const store = createCloudbaseStore(double.db, TEST_PII)
 *
 * What the server does, as CloudBase does (facts found with the real SDK; see TOOLCHAIN-NOTES.md):
 * - `get()` answers at most `limit` documents; the SDK sends 100 when none is given and at most
 *   1000; the server caps at 1000 too. Callers page with skip/limit (doc-helpers.ts `readAll`).
 * - MongoDB's query and update language (nested `where` objects arrive as dotted paths, `_.inc` is
 *   atomic, `set` replaces and upserts); `updated` counts documents actually changed.
 * - Unique indexes (cloudbase/indexes.json) and `_id`: a duplicate answers E11000, which the SDK
 *   turns into errCode -502001 with the server's text.
 * - Transactions: optimistic, single-document operations only (server.ts says exactly how). A
 *   conflict at commit reaches the SDK as `code: 'DATABASE_TRANSACTION_CONFLICT'` and the SDK
 *   retries the whole callback itself (`runTransaction(run, retries)`), then throws that code; a
 *   conflict on a read or write inside the callback reaches the adapter as errCode -501001 without
 *   `code` (wx-server-sdk has no errCode for it), and the SDK rolls the transaction back.
 * - `where().update()`, `where().count()` (and `remove`) on a collection taken from a transaction
 *   are sent WITHOUT the transaction id by the SDK: they run outside it. The adapter's
 *   `TransactionApi` type offers `doc(id)` only, so that cannot be written.
 * - Every request yields to the event loop (or waits `latency` ms), so concurrent callers interleave.
 *
 * API for tests (issue 21 counts requests per action and simulates an opening rush with it):
 * - `double.db`: the database, as the adapter's `DbApi`.
 * - `double.requests.during(label, run)`: runs one call (an action, a job); `requests.perCall()`
 *   lists each call's `{ reads, writes, starts, commits, aborts, conflicts }` (conflicts answered); `requests.total()`, `reset()`.
 * - `createCloudbaseDouble({ latency })`: milliseconds to wait before answering each request (a
 *   number, or a function of the request `{ action, params }`).
 * - `double.injectConflict({ at: 'commit' | 'write', times, message })`: the next commits, or the
 *   next writes inside a transaction, answer a transaction conflict.
 * - `double.dump(collection)`: a copy of every stored document; `double.snapshot()` all of them, and
 *   `createCloudbaseDouble({ from: snapshot })` a double that starts with a copy of them.
 * - `double.cloud`: the real SDK's storage calls; `double.storage`: the fake cloud storage that answers
 *   them (storage.ts: the getUploadMetadata call, the PUT to COS, getTempFileURL, deleteFile).
 *
 * Not modelled (only a real environment shows them): rate limits, timeouts, the 512 KB document
 * limit, watch(), aggregate(), Geo and RegExp values, security rules (they do not apply to functions).
 */
import indexes from '../../../cloudbase/indexes.json'
import type { DbApi } from '@cloud/store/cloudbase/db-api'
import { Documents, type Doc, type UniqueIndex } from './documents'
import { RequestCounter } from './requests'
import { realSdkDatabase, type SdkRequest } from './sdk'
import { FakeServer, type InjectedConflict } from './server'
import { newFakeStorage, realSdkStorage, type FakeStorage } from './storage'
import type { CloudStorageApi } from '@cloud/store/cloudbase/cloud-files'

export type { RequestCounts, CountedCall } from './requests'
export type { InjectedConflict } from './server'
export type { SdkRequest } from './sdk'
export type { FakeStorage, StorageRequest } from './storage'

export interface CloudbaseDoubleOptions {
  /** Declare the unique indexes of cloudbase/indexes.json, as a deployed environment has them (default true). */
  uniqueIndexes?: boolean
  /** Milliseconds before each answer (default: none, one turn of the event loop). */
  latency?: number | ((request: SdkRequest) => number)
  /** Sees every request the SDK sends, before it is answered (for tests of what the SDK sends). */
  onRequest?: (request: SdkRequest) => void
  /** Start from a copy of what another double stores (`snapshot()`), e.g. one seeded once per test file. */
  from?: CloudbaseSnapshot
}

/** What a double stored when `snapshot()` was called: a starting point for other doubles. */
export interface CloudbaseSnapshot {
  readonly documents: Documents
}

export interface CloudbaseDouble {
  db: DbApi
  requests: RequestCounter
  injectConflict(conflict: InjectedConflict): void
  dump(collection: string): Doc[]
  /** A copy of every stored document (with the write clock), for `createCloudbaseDouble({ from })`. */
  snapshot(): CloudbaseSnapshot
  /** The real SDK's storage calls (`cloud.uploadFile`, …), answered by `storage`. */
  cloud: CloudStorageApi
  /** The fake cloud storage: what is stored, what each temp URL answers, the requests it saw. */
  storage: FakeStorage
}

/** Every unique index of cloudbase/indexes.json. */
export function declaredUniqueIndexes(): UniqueIndex[] {
  return Object.entries(indexes.collections).flatMap(([collection, list]) =>
    list.filter((i) => i.unique).map((i) => ({ collection, name: i.name, fields: i.keys.map((k) => k.field) })),
  )
}

export function createCloudbaseDouble(options: CloudbaseDoubleOptions = {}): CloudbaseDouble {
  const documents = options.from
    ? Documents.copyOf(options.from.documents)
    : new Documents(options.uniqueIndexes === false ? [] : declaredUniqueIndexes())
  const requests = new RequestCounter()
  const latency = options.latency
  const server = new FakeServer(documents, requests, typeof latency === 'function' ? latency : () => latency ?? 0)
  const db = realSdkDatabase((request) => {
    options.onRequest?.(request)
    return server.handle(request)
  }) as DbApi
  return {
    db,
    requests,
    injectConflict: (conflict) => server.injectConflict(conflict),
    dump: (collection) => documents.dump(collection),
    snapshot: () => ({ documents: Documents.copyOf(documents) }),
    cloud: realSdkStorage,
    storage: newFakeStorage('test-env'),
  }
}
