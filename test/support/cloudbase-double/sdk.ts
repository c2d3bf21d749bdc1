/**
 * The real `wx-server-sdk` 4.0.2 with its network cut: the request class of `@cloudbase/database`
 * (where every database call ends as `send(action, params)`) is replaced for the whole test process
 * by one that hands each request to the fake server of the database it came from.
 *
 * Everything above `send` is the SDK's own code: the query builder, the EJSON serialization, the
 * transaction runner with its retries, wx-server-sdk's error wrapping (errCode, errMsg). Below it,
 * an answer carrying `code` is thrown exactly as @cloudbase/node-sdk's HTTP requester throws it
 * (its own `processReturn`), so errors reach the adapter in the shapes production gives them.
 *
 * The modules are resolved along the SDK's own dependency chain (wx-server-sdk → @cloudbase/node-sdk
 * → @cloudbase/database → bson) so the class replaced is the one the SDK uses, however npm hoists.
 */
import { createRequire } from 'node:module'

/** What @cloudbase/database hands its request class: one config object per `cloud.database()`. */
export type DbConfig = object

/** One request as the SDK would send it over HTTP; the bodies inside are EJSON strings. */
export interface SdkRequest {
  action: string
  params: Record<string, unknown>
}

/** The server side of one database: answers `{ data, requestId }` or `{ code, message }`. */
export type RequestHandler = (request: SdkRequest) => Promise<Record<string, unknown>>

interface WxServerSdkModule {
  init(options: { env: string }): void
  database(): { _db: { config: DbConfig } }
}

interface EjsonModule {
  EJSON: {
    parse(text: string, options?: { relaxed?: boolean }): unknown
    stringify(value: unknown, options?: { relaxed?: boolean }): string
  }
}

const fromSdk = createRequire(require.resolve('wx-server-sdk'))
const fromNodeSdk = createRequire(fromSdk.resolve('@cloudbase/node-sdk'))
const fromDatabase = createRequire(fromNodeSdk.resolve('@cloudbase/database'))

const cloud = fromSdk('wx-server-sdk') as WxServerSdkModule
const { Db } = fromNodeSdk('@cloudbase/database') as { Db: { reqClass: unknown } }
const { processReturn } = fromNodeSdk('@cloudbase/node-sdk/dist/utils/utils') as { processReturn(result: object): never }

/** The `bson` the SDK encodes and decodes with. */
export const { EJSON } = fromDatabase('bson') as EjsonModule

const handlers = new WeakMap<DbConfig, RequestHandler>()

class InterceptedRequest {
  constructor(private readonly config: DbConfig) {}

  async send(action: string, params?: Record<string, unknown>): Promise<unknown> {
    const handler = handlers.get(this.config)
    if (!handler) throw new Error(`no fake server for this database (${action}): build it with createCloudbaseDouble()`)
    const result = await handler({ action, params: params ?? {} })
    // @cloudbase/node-sdk's requester: an answer with a code is thrown as its TcbError.
    return result.code ? processReturn(result) : result
  }
}

// @cloudbase/node-sdk sets `Db.reqClass` to its HTTP requester on every `cloud.database()`; the
// setter is left as a no-op, so no database in this process can ever reach the network.
Object.defineProperty(Db, 'reqClass', { get: () => InterceptedRequest, set: () => {}, configurable: true })

/**
 * A database from the real SDK (`cloud.init()` + `cloud.database()`), its requests answered by `handle`.
 * Returned as `unknown`: the caller types it (the adapter's DbApi, or the SDK's own declarations).
 */
export function realSdkDatabase(handle: RequestHandler, env = 'test-env'): unknown {
  cloud.init({ env })
  const db = cloud.database()
  handlers.set(db._db.config, handle)
  return db
}
