import { useDidHide } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

/** How long a one-tap step can be taken back before it is sent. */
export const UNDO_SECONDS = 5

interface Pending<T> {
  value: T
  /** What the person sees while it waits, e.g. 已开始办理 */
  label: string
  secondsLeft: number
}

/**
 * A reversible step taken in one tap and sent only after a short pause in which 撤销 takes it back (a delayed
 * commit): until then nothing reaches the server, so an undone step leaves no timeline row, audit entry or
 * message to the resident behind. A second step, leaving the page or closing it sends the waiting one at once.
 */
export function useUndoable<T>(commit: (value: T) => unknown, seconds = UNDO_SECONDS) {
  const [pending, setPending] = useState<Pending<T> | null>(null)
  const waiting = useRef<Pending<T> | null>(null)
  const latestCommit = useRef(commit)
  latestCommit.current = commit
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null)

  const stop = () => {
    if (ticker.current) clearInterval(ticker.current)
    ticker.current = null
    waiting.current = null
    setPending(null)
  }
  /** Sends the waiting step now (if any). */
  const flush = useCallback(() => {
    const p = waiting.current
    stop()
    if (p) void latestCommit.current(p.value)
  }, [])
  /** Takes the step: shown at once, sent after `seconds` unless undone. */
  const take = useCallback(
    (value: T, label: string) => {
      flush()
      const p = { value, label, secondsLeft: seconds }
      waiting.current = p
      setPending(p)
      ticker.current = setInterval(() => {
        const left = (waiting.current?.secondsLeft ?? 1) - 1
        if (left <= 0) return flush()
        waiting.current = { ...waiting.current!, secondsLeft: left }
        setPending(waiting.current)
      }, 1000)
    },
    [flush, seconds],
  )
  /** 撤销: the step is forgotten, nothing was sent. */
  const undo = useCallback(() => stop(), [])

  useDidHide(flush)
  useEffect(() => flush, [flush])
  return { pending, take, undo, flush }
}
