/**
 * Runs a job every `intervalMs` in the local server (in CloudBase a timer
 * trigger does this). A tick is skipped while the previous one still runs; a
 * failing tick is logged and the timer goes on. The timer does not keep the
 * process alive on its own.
 */
export interface JobTimer {
  stop(): Promise<void>
}

export function startJobTimer(run: () => Promise<unknown>, intervalMs: number, onError: (err: unknown) => void): JobTimer {
  let running: Promise<void> | null = null
  const tick = () => {
    if (running) return
    running = run()
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
