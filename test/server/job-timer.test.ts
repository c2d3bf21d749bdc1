import { startJobTimer } from '../../cloud/server/job-timer'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('startJobTimer', () => {
  it('runs the job on every tick until stopped', async () => {
    let runs = 0
    const timer = startJobTimer(async () => void runs++, 10, () => undefined)
    await sleep(55)
    await timer.stop()
    const atStop = runs
    expect(atStop).toBeGreaterThanOrEqual(3)
    await sleep(30)
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
      await sleep(60)
      await timer.stop()
      expect(maxActive).toBe(1)
      expect(active).toBe(0)
      expect(finished).toBeGreaterThanOrEqual(1)
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
      await sleep(45)
      await timer.stop()
      expect(runs).toBeGreaterThanOrEqual(2)
      expect(errors).toHaveLength(runs)
    })
  })
})
