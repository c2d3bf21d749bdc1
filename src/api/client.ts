import type { ActionName, FunctionName, Input, Output } from '../contract'
import { DEFAULT_MESSAGES, type ErrorCode, type WireError } from '../contract/envelope'
import { cloudTransport, httpTransport, type Transport } from './transport'

/** What a page shows of a failed call: the code to branch on and the sentence for the resident. */
export interface Failure {
  code: ErrorCode
  message: string
}

/** A failed call, carrying the wire error (with its field problems) for the page to show. */
export class ApiError extends Error implements Failure {
  readonly code: ErrorCode
  readonly fields: Record<string, string>

  constructor(error: WireError) {
    super(error.message || DEFAULT_MESSAGES[error.code])
    this.name = 'ApiError'
    this.code = error.code
    this.fields = error.fields ?? {}
  }
}

let transport: Transport = process.env.TARO_ENV === 'weapp' ? cloudTransport : httpTransport

/** Tests swap the transport (e.g. for the in-process dispatcher on a real SQLite file). */
export function useTransport(next: Transport): void {
  transport = next
}

/**
 * The one way to reach the backend: typed by the wire contract, one shape on
 * both platforms. Resolves with the action's data or rejects with an ApiError
 * (never anything else). Pages use it through the hooks: useCall and usePolling
 * to read, useAction to act.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, params: Input<F, A>): Promise<Output<F, A>> {
  const envelope = await transport(fn, { action, ...(params as object) }).catch(() => null)
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL })
  }
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data as Output<F, A>
}

/** Whatever a call rejected with, as the wire error it carries (anything else, a bug, is said as INTERNAL). */
export function failureOf(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL })
}
