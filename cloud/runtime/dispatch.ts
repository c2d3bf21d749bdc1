import * as z from 'zod/mini'
import type { ActionName, FunctionName, Inputs, Output, ParsedInput } from '@/contract'
import type { Envelope } from '@/contract/envelope'
import { AppError } from './app-error'
import type { ActionContext } from './context'
import { storeFor, type AreaRepo } from './store-use'

/**
 * What a field without its own message says, for every kind of issue (so no zod locale is loaded: a cloud
 * bundle stays smaller). zod's Chinese locale named types and patterns in English (`期望 record`,
 * `正则表达式 /^…$/`) and echoed unknown keys back; a resident sees plain Chinese instead (found by
 * test/hardening/fuzz-actions).
 */
z.config({
  customError: (issue) => {
    const origin = (issue as { origin?: string }).origin
    switch (issue.code) {
      case 'too_big':
        return origin === 'array' || origin === 'set' ? '项目太多' : origin === 'string' ? '内容太长' : '数值太大'
      case 'too_small':
        return origin === 'array' || origin === 'set' ? '项目太少' : origin === 'string' ? '内容太短' : '数值太小'
      case 'invalid_value':
        return '不在可选范围内'
      case 'unrecognized_keys':
        return '包含不支持的内容'
      default:
        return '格式不正确'
    }
  },
})

/**
 * Who may call an action: anyone (the guide) or any identified caller. Staff roles are not an access level here:
 * a staff action checks them itself (runtime/staff.ts `requireStaff`), with the record it acts on.
 */
export type Access = 'anyone' | 'signed_in'

export interface ActionDef<F extends FunctionName, A extends ActionName<F>> {
  access: Access
  run(input: ParsedInput<F, A>, ctx: ActionContext): Promise<Output<F, A>>
  /**
   * How old the remembered configuration (and staff roles) may be for this action, in ms; unset: checked at every call.
   * Only for a read that is asked again every second and shows what the hall already shows (the hall board).
   */
  configMaxAgeMs?: number
}

/**
 * One action's handler, typed from the contract (input parsed by its schema, the output it must answer), so an area's
 * actions can be named functions in its resident.ts / staff.ts and its index.ts stays the action table:
 * `export const cancel: ActionRun<'homecert', 'cancel'> = async ({ centerId, id }, ctx) => …`
 */
export type ActionRun<F extends FunctionName, A extends ActionName<F>> = ActionDef<F, A>['run']

export type FunctionDef<F extends FunctionName> = {
  name: F
  inputs: Inputs[F]
  /** The area repos its actions use (store-use.ts): the others refuse, and stay out of its cloud bundle. */
  uses: readonly AreaRepo[]
  actions: { [A in ActionName<F>]: ActionDef<F, A> }
}

/**
 * Declares a cloud function: one handler per action of its contract, each validated with that action's one schema.
 * The function names its own area's schemas (not the contract's index of every area), so its cloud bundle carries
 * only them.
 */
export function defineFunction<F extends FunctionName>(
  name: F,
  inputs: Inputs[F],
  uses: readonly AreaRepo[],
  actions: FunctionDef<F>['actions'],
): FunctionDef<F> {
  return { name, inputs, uses, actions }
}

/** Turns a zod failure into per-field Chinese messages, keyed by path. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    if (!fields[key]) fields[key] = issue.message
  }
  return fields
}

export interface Logger {
  error(obj: object, msg?: string): void
}

/**
 * Runs one call of a cloud function: route on `action`, validate with the
 * action's schema, check access, run, and wrap the answer in the envelope.
 * The one place where errors become wire errors; a bug answers INTERNAL
 * without its stack or message.
 */
export async function dispatch<F extends FunctionName>(
  fn: FunctionDef<F>,
  data: unknown,
  ctx: ActionContext,
  log?: Logger,
): Promise<Envelope<unknown>> {
  try {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new AppError('INVALID_INPUT', '请求格式不正确')
    }
    const { action, ...params } = data as Record<string, unknown>
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(fn.actions, action)) {
      throw new AppError('INVALID_INPUT', '不支持的操作', { action: '不支持的操作' })
    }
    const name = action as ActionName<F>
    const def = fn.actions[name] as ActionDef<F, ActionName<F>>
    if (def.access === 'signed_in' && !ctx.openid) throw new AppError('UNAUTHENTICATED')
    const schema = (fn.inputs as Record<string, z.ZodMiniType>)[name]
    const parsed = schema.safeParse(params)
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', undefined, fieldErrors(parsed.error))
    }
    const store = storeFor(ctx.store, fn.name, fn.uses)
    const run = () => def.run(parsed.data as ParsedInput<F, ActionName<F>>, { ...ctx, store })
    const result = await (store.inCall ? store.inCall(run, { configMaxAgeMs: def.configMaxAgeMs }) : run())
    return { ok: true, data: result }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toWire() }
    // A bug: log what we can without personal data (no input, no message text that may echo it). The stack's
    // first line(s) repeat the message, so only its frames are logged; a thrown non-Error is logged by type only.
    const frames =
      err instanceof Error
        ? (err.stack ?? '')
            .split('\n')
            .filter((line) => /^\s+at /.test(line))
            .join('\n')
        : undefined
    log?.error(
      { requestId: ctx.requestId, fn: fn.name, err: err instanceof Error ? { name: err.name, stack: frames } : { thrown: typeof err } },
      'action failed',
    )
    return { ok: false, error: new AppError('INTERNAL').toWire() }
  }
}
