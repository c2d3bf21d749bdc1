/**
 * The adapter's narrow database types (db-api.ts) checked against wx-server-sdk 4.0.2's own
 * declarations: types only, compiled by tsconfig.cloudbase.json (`npm test`'s "CloudBase types"
 * stage); nothing imports it.
 *
 * The SDK declares every call in its callback style (`Promise<R> | void | string`); called with
 * options and no callbacks, as the adapter always does, it answers the promise. `Promised` keeps
 * that branch, through every builder step (`where()`, `orderBy()`, `doc()`…). Checking the result
 * against the adapter's interfaces fails to compile when the adapter names a method the SDK lacks,
 * passes an option it does not take, or expects a result field it does not declare.
 *
 * One narrowing is the adapter's own and is declared here: the SDK types an `_id` as (optional)
 * `string | number`; the adapter stores string ids only (`StoredDoc`), so a result's `_id` is read
 * as a string and its `data` as `StoredDoc` (one) or `StoredDoc[]` (a list): the shape, one or
 * many, still has to match. The adapter's `collection<T>()` is checked at `T = StoredDoc`.
 */
import type { database, deleteFile, getTempFileURL, uploadFile } from 'wx-server-sdk'
import type { CloudStorageApi } from './cloud-files'
import type { CollectionRef, DbApi, DbCommand, DocRef, QueryRef, StoredDoc } from './db-api'

type StringIds<P> = P extends { _id: unknown } ? Omit<P, '_id'> & { _id: string } : P
type Documents<P> = StringIds<P extends { data: infer D } ? Omit<P, 'data'> & { data: D extends unknown[] ? StoredDoc[] : StoredDoc } : P>

type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Extract<R, Promise<unknown>> extends never ? Promised<R> : Promise<Documents<Awaited<Extract<R, Promise<unknown>>>>>
    : T[K]
}

type SdkDatabase = Promised<ReturnType<typeof database>>
/** The storage calls photos use (cloud-files.ts), promise branch only, as the adapter calls them. */
type SdkStorage = Promised<{ uploadFile: typeof uploadFile; getTempFileURL: typeof getTempFileURL; deleteFile: typeof deleteFile }>
type SdkCollection = ReturnType<SdkDatabase['collection']>

/** Compiles only when `Sdk` can stand where the adapter expects `Adapter`. */
type Fits<Sdk extends Adapter, Adapter> = [Sdk, Adapter]

export type Checks = [
  Fits<SdkDatabase, { command: DbCommand; collection(name: string): CollectionRef }>,
  Fits<SdkDatabase['command'], DbCommand>,
  Fits<SdkCollection, CollectionRef>,
  Fits<ReturnType<SdkCollection['where']>, QueryRef>,
  Fits<ReturnType<SdkCollection['doc']>, DocRef>,
  Fits<SdkDatabase['runTransaction'], DbApi['runTransaction']>,
  Fits<SdkStorage, CloudStorageApi>,
]
