import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../api/client'
import type { ActionName, FunctionName, Input, Output } from '../contract'

export interface PollState<T> {
  data: T | null
  /** The last failure; the last good data stays on screen meanwhile. */
  error: ApiError | null
  /** True until the first answer (or failure). */
  loading: boolean
  /** Ask again now (after an action), without waiting for the next tick. */
  refresh: () => void
}

/**
 * Keeps an action's answer fresh while the page is on screen: asks now, then
 * again `intervalMs` after each answer (never two at once), and stops while the
 * page is hidden. `params` null: not ready, nothing is asked. The queue pages
 * use it with one-second ticks, so a call shows within two seconds.
 */
export function usePolling<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, params: Input<F, A> | null, intervalMs: number): PollState<Output<F, A>> {
  const [data, setData] = useState<Output<F, A> | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(params !== null)
  const [visible, setVisible] = useState(true)
  const [nonce, setNonce] = useState(0)
  const key = params === null ? null : JSON.stringify(params)
  const generation = useRef(0)
  const shownKey = useRef(key)

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (key === null || !visible) return
    // Other params (another window, another ticket): the old answer is not theirs.
    if (shownKey.current !== key) {
      shownKey.current = key
      setData(null)
      setLoading(true)
    }
    const mine = ++generation.current
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      call(fn, action, JSON.parse(key))
        .then((d) => {
          if (mine !== generation.current) return
          setData(d)
          setError(null)
        })
        .catch((e: unknown) => {
          if (mine !== generation.current) return
          setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: '网络不通，正在重试…' }))
        })
        .finally(() => {
          if (mine !== generation.current) return
          setLoading(false)
          timer = setTimeout(tick, intervalMs)
        })
    }
    tick()
    return () => {
      generation.current++
      if (timer) clearTimeout(timer)
    }
  }, [fn, action, key, intervalMs, visible, nonce])

  const refresh = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, refresh }
}
