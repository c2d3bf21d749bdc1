/**
 * The CloudBase entry of one cloud function: `exports.main = cloudbaseMain(fn)`
 * (what npm run build:cloud bundles). The same `dispatch` as the local server:
 * route on `action`, validate, run, answer the envelope. Only the host differs:
 * the caller is `cloud.getWXContext().OPENID` — never anything in the event —
 * and the store is the CloudBase adapter.
 */
import { randomUUID } from 'node:crypto'
import type { FunctionName } from '@/contract'
import type { Envelope } from '@/contract/envelope'
import { dispatch, type FunctionDef } from '../runtime/dispatch'
import { cloudbaseHost, type CloudbaseHost } from './cloudbase-host'
import type { WxFunctionContext } from './wx-server-sdk'

/**
 * The call's data without what the platform adds: WeChat puts `userInfo`
 * (appId, openId) into the event of a callFunction; it is not a parameter and
 * is never trusted as identity.
 */
export function callData(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const { userInfo: _platform, ...data } = event as Record<string, unknown>
  return data
}

/** Builds `exports.main` of one function. The host is built here, on the container's cold start: missing keys stop the start. */
export function cloudbaseMain<F extends FunctionName>(
  fn: FunctionDef<F>,
  host: () => CloudbaseHost = cloudbaseHost,
): (event: unknown, context?: WxFunctionContext) => Promise<Envelope<unknown>> {
  const h = host()
  return async (event, context) => {
    // Keys that are not the database's: the call fails (logged by the platform), nothing is read or written.
    await h.keysChecked
    const openid = h.sdk.getWXContext().OPENID || null
    return dispatch(
      fn,
      callData(event),
      {
        openid,
        store: h.store,
        now: () => new Date(),
        requestId: context?.request_id ?? randomUUID(),
        pii: h.pii,
        settings: h.settings,
        verifier: h.verifier,
      },
      h.log,
    )
  }
}
