import type { ActionName, FunctionName, Input, Output } from '../contract'
import { DEFAULT_MESSAGES, type ErrorCode, type WireError } from '../contract/envelope'
import { cloudTransport, httpTransport, type Transport } from './transport'

/** A failed call, carrying the wire error for the page to show. */
export class ApiError extends Error {
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
 * The one way pages reach the backend: typed by the wire contract, one shape on
 * both platforms. Resolves with the action's data or rejects with an ApiError.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, params: Input<F, A>): Promise<Output<F, A>> {
  const envelope = await transport(fn, { action, ...(params as object) })
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL })
  }
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data as Output<F, A>
}
