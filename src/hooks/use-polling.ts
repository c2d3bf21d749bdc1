import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { beijingDate } from '../core/beijing-time'
import { useCallback, useEffect, useRef, useState } from 'react'
import { call, failureOf, type Failure } from '../api/client'
import type { ActionName, FunctionName, Input, Output } from '../contract'

export interface PollState<T> {
  data: T | null
  /** The last failure; the last good data stays on screen meanwhile. */
  error: Failure | null
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
 *
 * `initial`: an answer the page was handed (src/api/handed-over.ts), shown at once; asking starts one interval later.
 *
 * `watchBoardOf` (a center id): in WeChat, listen to that center's queue board
 * document of today (collection `queue_boards`, the one collection clients may
 * read) and ask again the moment it changes; the timer then only backs the
 * listener up (every `WATCHED_INTERVAL_MS`), so a waiting resident does not cost
 * one cloud-function call a second.
 */
export function usePolling<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: Input<F, A> | null,
  intervalMs: number,
  options: { watchBoardOf?: string; initial?: Output<F, A> | null } = {},
): PollState<Output<F, A>> {
  const [data, setData] = useState<Output<F, A> | null>(options.initial ?? null)
  const [error, setError] = useState<Failure | null>(null)
  const [loading, setLoading] = useState(params !== null && !options.initial)
  // An answer the page was handed (the check-in's ticket) is the first screen: the first tick waits its interval.
  const startLater = useRef(!!options.initial)
  const [visible, setVisible] = useState(true)
  const [nonce, setNonce] = useState(0)
  const key = params === null ? null : JSON.stringify(params)
  const shownKey = useRef(key)

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  const watching = useBoardWatch(options.watchBoardOf ?? null, visible, () => setNonce((n) => n + 1))
  const every = watching ? Math.max(intervalMs, WATCHED_INTERVAL_MS) : intervalMs

  useEffect(() => {
    if (key === null || !visible) return
    // Other params (another window, another ticket): the old answer is not theirs.
    if (shownKey.current !== key) {
      shownKey.current = key
      setData(null)
      setLoading(true)
    }
    // Set by the cleanup: an answer that arrives after it (other params, page hidden) is not shown.
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      call(fn, action, JSON.parse(key))
        .then((d) => {
          if (stopped) return
          setData(d)
          setError(null)
        })
        .catch((e: unknown) => {
          if (stopped) return
          setError(failureOf(e))
        })
        .finally(() => {
          if (stopped) return
          setLoading(false)
          timer = setTimeout(tick, every)
        })
    }
    if (startLater.current) {
      startLater.current = false
      timer = setTimeout(tick, every)
    } else tick()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [fn, action, key, every, visible, nonce])

  const refresh = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, refresh }
}

/** With a working board listener the timer is only a safety net. */
const WATCHED_INTERVAL_MS = 10_000

/** WeChat only: calls `onChange` whenever today's board of the center changes; true while the listener is alive. */
function useBoardWatch(centerId: string | null, visible: boolean, onChange: () => void): boolean {
  const [alive, setAlive] = useState(false)
  const latest = useRef(onChange)
  latest.current = onChange
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !centerId || !visible) return
    let watcher: { close(): Promise<unknown> } | null = null
    try {
      watcher = Taro.cloud
        .database()
        .collection('queue_boards')
        .where({ _id: `${centerId}_${beijingDate()}` })
        .watch({
          onChange: () => {
            setAlive(true)
            latest.current()
          },
          // A broken listener falls back to the one-second timer.
          onError: () => setAlive(false),
        })
    } catch {
      setAlive(false)
    }
    return () => {
      setAlive(false)
      watcher?.close().catch(() => undefined)
    }
  }, [centerId, visible])
  return alive
}
