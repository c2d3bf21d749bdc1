import { startJobTimer } from '@cloud/server/job-timer'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until `done()` holds (real timers: on a busy machine ticks come late, so wait for what happened, not for a fixed time). */
async function until(done: () => boolean, what: string, limitMs = 10_000) {
  const end = Date.now() + limitMs
  while (!done()) {
    if (Date.now() > end) throw new Error(`not within ${limitMs} ms: ${what}`)
    await sleep(5)
  }
}

describe('startJobTimer', () => {
  it('runs the job on every tick until stopped', async () => {
    let runs = 0
    const timer = startJobTimer(
      async () => void runs++,
      10,
      () => undefined,
    )
    await until(() => runs >= 3, 'three ticks')
    await timer.stop()
    const atStop = runs
    expect(atStop).toBeGreaterThanOrEqual(3)
    await sleep(50)
    expect(runs).toBe(atStop)
  })
  describe('when a run takes longer than the interval', () => {
    it('skips ticks instead of overlapping runs, and stop waits for the running one', async () => {
      let active = 0
      let maxActive = 0
      let finished = 0
      const timer = startJobTimer(
        async () => {
          active++
          maxActive = Math.max(maxActive, active)
          await sleep(35)
          active--
          finished++
        },
        5,
        () => undefined,
      )
      // Two runs of 35 ms with a tick every 5 ms: at least six ticks came while one ran.
      await until(() => finished >= 2, 'two runs finished')
      await timer.stop()
      expect(maxActive).toBe(1)
      expect(active).toBe(0)
      expect(finished).toBeGreaterThanOrEqual(2)
    })
  })
  describe('when a run fails', () => {
    it('reports the error and keeps ticking', async () => {
      const errors: unknown[] = []
      let runs = 0
      const timer = startJobTimer(
        async () => {
          runs++
          throw new Error('boom')
        },
        10,
        (err) => errors.push(err),
      )
      await until(() => runs >= 2, 'a tick after the failing one')
      await timer.stop()
      expect(runs).toBeGreaterThanOrEqual(2)
      expect(errors).toHaveLength(runs)
    })
  })
})
