import { useCallback, useEffect, useRef, useState } from 'react'
import { call, failureOf, type Failure } from '../api/client'
import type { ActionName, FunctionName, Input, Output } from '../contract'

export interface CallState<T> {
  data: T | null
  error: Failure | null
  loading: boolean
  reload: () => void
}

/**
 * Loads an action's data for a page (the reads), with loading and error states.
 * `params` null means "not ready yet" (e.g. no center chosen): nothing is called.
 * Reloads when the params change (compared as JSON). Actions run from a tap use
 * useAction; answers kept fresh on screen, usePolling.
 */
export function useCall<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: Input<F, A> | null,
): CallState<Output<F, A>> {
  const [data, setData] = useState<Output<F, A> | null>(null)
  const [error, setError] = useState<Failure | null>(null)
  const [loading, setLoading] = useState(params !== null)
  const [nonce, setNonce] = useState(0)
  const key = params === null ? null : JSON.stringify(params)
  const latest = useRef(0)

  useEffect(() => {
    if (key === null) return
    const ticket = ++latest.current
    setLoading(true)
    setError(null)
    call(fn, action, JSON.parse(key))
      .then((d) => ticket === latest.current && setData(d))
      .catch((e: unknown) => ticket === latest.current && setError(failureOf(e)))
      .finally(() => ticket === latest.current && setLoading(false))
  }, [fn, action, key, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, reload }
}
