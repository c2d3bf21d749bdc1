import { useCallback, useRef, useState } from 'react'
import { call, failureOf, type Failure } from '../api/client'
import { newRequestId } from '../api/request-id'
import type { ActionName, FunctionName, Input, Output } from '../contract'

/** The actions whose input carries the client's request id: the creates, where a retry must meet its first result. */
type CreateName<F extends FunctionName> = { [A in ActionName<F>]: HasRequestId<Input<F, A>> extends true ? A : never }[ActionName<F>]
// (An empty input is an index signature with every key: it names no request id.)
type HasRequestId<T> = string extends keyof T ? false : 'requestId' extends keyof T ? true : false

/**
 * Every create of the contract, and only those (the type lists them: a create
 * added to the contract and missing here fails the type check). useAction
 * supplies their request id; the page never sees it.
 */
const CREATES: { [F in FunctionName as CreateName<F> extends never ? never : F]: { [A in CreateName<F>]: true } } = {
  booking: { create: true, joinWaitlist: true, acceptOffer: true },
  homecert: { submit: true },
  delegation: { create: true, intake: true },
  queue: { issueWalkIn: true },
}

const isCreate = (fn: string, action: string) => (CREATES as Record<string, Record<string, true> | undefined>)[fn]?.[action] === true

/** What a page sends for an action: its input, less the request id of a create. */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = WithoutRequestId<Input<F, A>>
// Distributes over unions, so an action whose input is a union of steps keeps each step's shape.
type WithoutRequestId<T> = T extends unknown ? (HasRequestId<T> extends true ? Omit<T, 'requestId'> : T) : never

export interface ActionOptions {
  /** Server field paths → the form's own field names (`{ 'person.name': 'name' }`); paths not listed keep their name. */
  fields?: Record<string, string>
  /** The page has no fields to put a problem beside: the first field problem is said as the failure's message. */
  fieldsInMessage?: boolean
}

/** What every action hook shows: whether it is on its way, and what went wrong, in words. */
export interface ActionState {
  /** True while an action is on its way; a tap meanwhile does nothing. */
  busy: boolean
  /** The last refusal or failure, for the resident; null after a success. */
  failure: Failure | null
  /** Field problems by field (the server's, renamed by `fields`, or the page's own check's). */
  fieldErrors: Record<string, string>
  /**
   * The page's own check before sending: shows its problems beside their fields (and
   * `message`, when given, as the failure). True when there is something to fix.
   */
  invalid(problems: Record<string, string | undefined>, message?: string): boolean
  /** A failure that is not the server's (nothing chosen, a photo that would not open), shown where the action's are. */
  fail(message: string): void
  /** The person changed these fields: their problems go (with "please fix these" once none is left). */
  edited(...fields: string[]): void
  /** Forget the failure and the field problems (a panel closed, a step cancelled). */
  reset(): void
}

/**
 * One action: `run(input)` answers the action's output, or undefined when it failed (the failure is
 * shown). A run asked while another is on its way does nothing at all: its promise never settles, so
 * nothing the page does after it (a redirect, a reload) happens twice.
 */
export interface ActionRunner<I, O> extends ActionState {
  run(input: I): Promise<O | undefined>
}

export type Action<F extends FunctionName, A extends ActionName<F>> = ActionRunner<ActionInput<F, A>, Output<F, A>>

/** Several actions of one function sharing one busy flag and one failure (a console, a settings page). */
export interface Actions<F extends FunctionName> extends ActionState {
  run<A extends ActionName<F>>(action: A, input: ActionInput<F, A>): Promise<Output<F, A> | undefined>
}

interface Shown {
  failure: Failure | null
  fieldErrors: Record<string, string>
}

const NOTHING: Shown = { failure: null, fieldErrors: {} }

/** A field's problems, and its parts' (`windows` covers `windows.0`). */
const covers = (field: string, key: string) => key === field || key.startsWith(`${field}.`)

/**
 * The one way a page runs an action from a tap (a submit, a cancel, a staff step):
 * - busy: a second tap while the first is on its way sends nothing;
 * - failure: the refusal in the resident's words (the network's too), cleared by the next success;
 * - fieldErrors: the server's field problems, keyed for the form's fields;
 * - a create's request id (booking.create, homecert.submit, …): one per submission, kept
 *   while the same input is retried (a lost answer, a double tap) and renewed after a
 *   success or when the input changes, so a retried submit never makes a second record.
 *
 * `useAction('booking', 'create')` runs one action (`run(input)`); `useAction('config')`
 * runs any action of the function (`run('setDay', input)`), one at a time.
 * @example
 * const create = useAction('booking', 'create', { fields: { 'person.name': 'name' } })
 * const booking = await create.run({ centerId, serviceId, date, start, person, forSelf: true, consent: true })
 * if (booking) Taro.redirectTo({ url: `/pages/booking/detail/index?id=${booking.id}` })
 */
export function useAction<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, options?: ActionOptions): Action<F, A>
export function useAction<F extends FunctionName>(fn: F, options?: ActionOptions): Actions<F>
export function useAction(
  fn: FunctionName,
  actionOrOptions?: string | ActionOptions,
  lastOptions?: ActionOptions,
): ActionState & { run: (...args: never[]) => Promise<unknown> } {
  const bound = typeof actionOrOptions === 'string' ? actionOrOptions : null
  const options = (typeof actionOrOptions === 'object' ? actionOrOptions : lastOptions) ?? {}
  const latestOptions = useRef(options)
  latestOptions.current = options

  const [busy, setBusy] = useState(false)
  const [shown, setShown] = useState<Shown>(NOTHING)
  // State updates land after the render; a second tap in the same moment must see the first at once.
  const running = useRef(false)
  // Per create action: the input last sent and its request id.
  const submissions = useRef(new Map<string, { input: string; requestId: string }>())

  const send = useCallback(
    async (action: string, input: object): Promise<unknown> => {
      if (running.current) return new Promise<never>(() => undefined)
      running.current = true
      setBusy(true)
      setShown(NOTHING)
      let data: Record<string, unknown> = { ...input }
      const create = isCreate(fn, action)
      if (create) {
        const sent = JSON.stringify(input)
        let submission = submissions.current.get(action)
        if (submission?.input !== sent) {
          submission = { input: sent, requestId: newRequestId() }
          submissions.current.set(action, submission)
        }
        data = { ...data, requestId: submission.requestId }
      }
      try {
        const output = await call(fn, action as never, data as never)
        // Done: the next submission is a new one.
        if (create) submissions.current.delete(action)
        return output
      } catch (e) {
        const error = failureOf(e)
        const { fields: renamed = {}, fieldsInMessage = false } = latestOptions.current
        const fieldErrors = Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [renamed[path] ?? path, message]))
        const message = (fieldsInMessage && Object.values(error.fields)[0]) || error.message
        setShown({ failure: { code: error.code, message }, fieldErrors })
        return undefined
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [fn],
  )

  const run = useCallback(
    (...args: unknown[]) => (bound === null ? send(args[0] as string, args[1] as object) : send(bound, args[0] as object)),
    [bound, send],
  )

  const invalid = useCallback((problems: Record<string, string | undefined>, message?: string) => {
    const fieldErrors = Object.fromEntries(Object.entries(problems).filter((e): e is [string, string] => !!e[1]))
    const any = Object.keys(fieldErrors).length > 0
    setShown({ failure: any && message ? { code: 'INVALID_INPUT', message } : null, fieldErrors })
    return any
  }, [])

  const fail = useCallback((message: string) => setShown((s) => ({ ...s, failure: { code: 'INVALID_INPUT', message } })), [])

  const edited = useCallback(
    (...fields: string[]) =>
      setShown((s) => {
        const fieldErrors = Object.fromEntries(Object.entries(s.fieldErrors).filter(([key]) => !fields.some((f) => covers(f, key))))
        if (Object.keys(fieldErrors).length === Object.keys(s.fieldErrors).length) return s
        const settled = Object.keys(fieldErrors).length === 0 && s.failure?.code === 'INVALID_INPUT'
        return { failure: settled ? null : s.failure, fieldErrors }
      }),
    [],
  )

  const reset = useCallback(() => setShown(NOTHING), [])

  return { run, busy, failure: shown.failure, fieldErrors: shown.fieldErrors, invalid, fail, edited, reset }
}
