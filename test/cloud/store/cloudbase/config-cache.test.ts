/**
 * What the CloudBase configuration cache does beyond the port contract (test/store/contract/config-cache.ts holds
 * "seen at the very next call" on both adapters): how many requests a call costs, and the one allowance it makes —
 * a call that accepts configuration checked recently (the hall board) reads no generation while the last check is
 * that recent, and sees a change once it is not.
 */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import type { Store } from '@cloud/store/port'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

async function fresh() {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  return { double, reader: createCloudbaseStore(double.db, TEST_PII), writer: createCloudbaseStore(double.db, TEST_PII) }
}

/** The requests one call of `run` on `store` sends, and its answer. */
async function counted<R>(double: ReturnType<typeof createCloudbaseDouble>, store: Store, run: () => Promise<R>, maxAge?: number) {
  double.requests.reset()
  const answer = await double.requests.during('call', () => store.inCall!(run, { configMaxAgeMs: maxAge }))
  const c = double.requests.perCall()[0].counts
  return { answer, requests: c.reads + c.writes + c.starts + c.commits + c.aborts }
}

const nowSpy = () => jest.spyOn(Date, 'now')

afterEach(() => jest.restoreAllMocks())

describe('configCache', () => {
  describe('in a warm instance', () => {
    it('reads the generation once per call, however many remembered reads the call makes', async () => {
      const { double, reader } = await fresh()
      const all = () => Promise.all([reader.centers.get('lsw'), reader.centers.windows('lsw'), reader.calendar.arrangements()])
      expect((await counted(double, reader, all)).requests).toBe(4)
      expect((await counted(double, reader, all)).requests).toBe(1)
    })
  })

  describe('when a call accepts configuration checked recently', () => {
    it('reads nothing while the last check is that recent, and sees a change once it is older', async () => {
      const { double, reader, writer } = await fresh()
      const now = nowSpy()
      let t = 1_000_000
      now.mockImplementation(() => t)
      const name = () => reader.centers.get('lsw').then((c) => c!.name)
      expect((await counted(double, reader, name)).requests).toBe(2)
      const center = (await writer.centers.get('lsw'))!
      await writer.config.updateCenter('lsw', { ...center, name: '灵山卫中心' })
      t += 5_000
      // Checked 5 s ago: taken as checked, the old name still.
      expect(await counted(double, reader, name, 10_000)).toEqual({ answer: '灵山卫街道公共服务中心', requests: 0 })
      // Any call that does not allow it checks, and sees the change.
      expect(await counted(double, reader, name)).toEqual({ answer: '灵山卫中心', requests: 2 })
      await writer.config.updateCenter('lsw', { ...center, name: '灵山卫二' })
      t += 10_001
      expect(await counted(double, reader, name, 10_000)).toEqual({ answer: '灵山卫二', requests: 2 })
    })
  })
})
