/**
 * The part of `wx-server-sdk` the CloudBase host uses, typed narrowly (the
 * database part is db-api.ts). The bundles `require('wx-server-sdk')` at run
 * time; tests replace the module with a double of this shape, never the real
 * SDK (outside WeChat's cloud every call of it rejects).
 */
import type { CloudStorageApi } from '../store/cloudbase/cloud-files'
import type { DbApi } from '../store/cloudbase/db-api'

/** `cloud.getWXContext()`: filled by the platform for a call from the mini-program; empty for a timer or a console test. */
export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  ENV?: string
}

/** The second argument of `exports.main` (SCF's context); only the request id is read. */
export interface WxFunctionContext {
  request_id?: string
  function_name?: string
}

export interface SubscribeSendParams {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN'
}

/** Resolves `{ errCode: 0 }`; a refusal either resolves with a non-zero errCode or rejects with an error carrying it. */
export interface SubscribeMessageApi {
  send(params: SubscribeSendParams): Promise<{ errCode?: number; errMsg?: string }>
}

/** The SDK: its database, the caller's identity, subscribe messages, and cloud storage for photos (cloud-files.ts). */
export interface WxServerSdk extends CloudStorageApi {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: string }): void
  database(): unknown
  getWXContext(): WxContext
  openapi: { subscribeMessage: SubscribeMessageApi }
}

/** The SDK's database, as the adapter's narrow interface (the SDK's own types are callback-style; see db-api.ts). */
export const databaseOf = (sdk: WxServerSdk): DbApi => sdk.database() as DbApi

/** Loads the SDK at run time (external to the bundle; installed by the cloud from package.json). */
export function loadWxServerSdk(): WxServerSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('wx-server-sdk') as WxServerSdk
}
