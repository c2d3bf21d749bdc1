import type { ActionName, FunctionName, Output } from '@/contract'
import type { Envelope } from '@/contract/envelope'

/** What a test sends to `<fn>.<action>`: the action, and any fields (a test may send wrong ones on purpose). */
export type CallData<A extends string = string> = { action: A } & Record<string, unknown>

/** The envelope `<fn>.<action>` answers, typed by the contract's output. */
export type Answer<F extends FunctionName, A extends ActionName<F>> = Envelope<Output<F, A>>

/**
 * The answer's data, after asserting the action succeeded: the one way a test unwraps an envelope.
 * A refusal fails the test with its code and message (which `expect(res.ok).toBe(true)` would hide).
 *
 * @example
 *   const booking = expectOk(await h.call('booking', { action: 'create', ...input }))
 *   expect(booking.code).toMatch(/^\d{6}$/)
 */
export function expectOk<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(`Expected the action to succeed; it answered ${JSON.stringify(res.error)}`)
  return res.data
}
