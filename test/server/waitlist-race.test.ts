/**
 * 候补 under races (issue 20's "done when"): 100 seats freed one after another with 500 residents in line, on
 * two processes sharing one SQLite file and on two store instances sharing one CloudBase double. Each seat is
 * booked once, in line order, and none is lost when an offer expires (test/support/waitlist-race.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import type { Store } from '@cloud/store/port'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { checkCloudbaseKeys } from '@cloud/store/cloudbase/key-check'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { createTempStore, type TempStore } from '@test/support/temp-store'
import { TEST_PII } from '@test/support/test-keys'
import { entry, LINE, runWaitlistRace, SEATS, SERVICE, SLOT, storeSide, type RaceOutcome, type RaceSide } from '@test/support/waitlist-race'
import { REPO_ROOT } from '@test/support/server-process'

jest.setTimeout(180_000)

/** A side of the race in its own process, on the SQLite file `file`. */
function processSide(file: string, tag: string): Promise<RaceSide & { child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/waitlist-race-worker.ts'), file, tag], {
    cwd: REPO_ROOT,
  })
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let ids = 0
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`race worker exited with ${code}\n${stderr}`)))
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line)
      if (msg.ready) {
        const call =
          (op: keyof RaceSide) =>
          (...args: unknown[]) =>
            new Promise<any>((res, rej) => {
              const id = ++ids
              waiting.set(id, { resolve: res, reject: rej })
              child.stdin.write(JSON.stringify({ id, op, args }) + '\n')
            })
        return resolve({
          child,
          create: call('create'),
          join: call('join'),
          cancel: call('cancel'),
          accept: call('accept'),
          expireDue: call('expireDue'),
        })
      }
      const w = waiting.get(msg.id)!
      waiting.delete(msg.id)
      if (msg.error) w.reject(new Error(msg.error))
      else w.resolve(msg.result)
    })
  })
}

/** What every run must show, read through the port of the shared database. */
async function expectEachSeatOnceInLineOrder(reader: Store, outcome: RaceOutcome) {
  expect(outcome.joins).toEqual({ joined: LINE })
  const entries = (await Promise.all(Array.from({ length: LINE }, (_, n) => reader.waitlist.get(entry(n).id)))).map((e) => e!)
  // The line order: join order (`seq`), the id between two of one instant.
  const inOrder = [...entries].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1))
  expect(new Set(inOrder.map((e) => e.id)).size).toBe(LINE)
  const accepted = inOrder.filter((e) => e.status === 'accepted')
  const expired = inOrder.filter((e) => e.status === 'expired')
  // Every seat booked once …
  expect(accepted).toHaveLength(SEATS)
  expect(new Set(accepted.map((e) => e.bookingId)).size).toBe(SEATS)
  for (const kinds of outcome.acceptKinds) expect([...kinds].sort()).toEqual(['accepted', 'duplicate'])
  expect(await reader.bookings.slotCounts(SERVICE, SLOT.date, SLOT.date)).toEqual([
    { date: SLOT.date, start: SLOT.start, capacity: SEATS, booked: SEATS },
  ])
  for (const e of accepted)
    expect(await reader.bookings.get(e.bookingId!)).toMatchObject({ status: 'booked', openid: e.openid, start: SLOT.start })
  // … in line order: those done with are exactly the first in line, and only the offers left to run out expired …
  const done = SEATS + outcome.letExpire.length
  expect(inOrder.slice(0, done).every((e) => e.status === 'accepted' || e.status === 'expired')).toBe(true)
  expect(inOrder.slice(done).every((e) => e.status === 'waiting')).toBe(true)
  expect(expired.map((e) => e.id).sort()).toEqual([...outcome.letExpire].sort())
  // … and each expired offer's seat went to the very next in line.
  for (const chain of outcome.offers.filter((c) => c.length === 2)) {
    const [gone, taker] = chain.map((id) => inOrder.findIndex((e) => e.id === id))
    expect(taker).toBe(gone + 1)
  }
  expect((await reader.waitlist.line(SERVICE, SLOT.date)).length).toBe(LINE - done)
}

describe('候补 race', () => {
  describe('on two processes sharing one SQLite file', () => {
    let temp: TempStore
    let sides: Awaited<ReturnType<typeof processSide>>[]
    beforeAll(async () => {
      temp = createTempStore()
      sides = await Promise.all([processSide(temp.file, 'A'), processSide(temp.file, 'B')])
    })
    afterAll(async () => {
      for (const s of sides ?? []) {
        s.child.removeAllListeners('exit')
        s.child.stdin.end()
      }
      temp?.dispose()
    })

    it(`books each of ${SEATS} freed seats once, in line order, with ${LINE} in line, losing none when an offer expires`, async () => {
      const outcome = await runWaitlistRace([sides[0], sides[1]], temp)
      await expectEachSeatOnceInLineOrder(temp, outcome)
    })
  })

  describe('on two store instances sharing one CloudBase double', () => {
    it(`books each of ${SEATS} freed seats once, in line order, with ${LINE} in line, losing none when an offer expires`, async () => {
      const { db } = createCloudbaseDouble()
      await seedCloudbase(db)
      await checkCloudbaseKeys(db, TEST_PII)
      const [one, two] = [createCloudbaseStore(db, TEST_PII), createCloudbaseStore(db, TEST_PII)]
      const outcome = await runWaitlistRace([storeSide(one, 'A'), storeSide(two, 'B')], one)
      await expectEachSeatOnceInLineOrder(one, outcome)
    })
  })
})
