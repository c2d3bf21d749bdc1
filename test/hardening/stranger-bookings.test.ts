/**
 * "A stranger's bookings in your name never block you", through the real local server (a real process on a real
 * SQLite file): with nothing but a person's ID number, a stranger books for them as often as the limits allow; the
 * person still books for themself, the stranger's no-shows never block them, and no refusal tells the stranger
 * whether an ID number has bookings. Issue 17, point 2; the rule is src/core/booking-rules.ts `limitHolder`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInput } from '@test/support/booking-harness'
import { nthIdNumber } from '@test/support/id-numbers'
import { freePort, post, startServer, type ServerProcess } from '@test/support/server-process'

const VICTIM_ID = nthIdNumber(4711)
const STRANGER = 'stranger-with-an-id-number'
const VICTIM = 'dev-resident-wang'

let server: ServerProcess
let dataDir: string
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-stranger-'))
  server = await startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, APP_NOW: '2026-11-26T09:00:00+08:00' })
}, 30_000)
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

let requests = 0
const book = (openid: string, idNumber: string, date: string, start = '09:00') =>
  post(
    server.base,
    'booking',
    {
      action: 'create',
      ...createInput(0, { date, start, forSelf: false, relation: 'parent', requestId: `stranger-test-${++requests}` }),
      person: { name: '王建国', idNumber, phone: '13812345678' },
    },
    openid,
  )

describe('a stranger’s bookings in your name', () => {
  it('never block you: the stranger fills only their own places', async () => {
    for (const date of ['2026-11-27', '2026-11-30', '2026-12-01']) expect((await book(STRANGER, VICTIM_ID, date)).body.ok).toBe(true)
    const fourth = await book(STRANGER, VICTIM_ID, '2026-12-02')
    expect(fourth).toMatchObject({ status: 409, body: { ok: false, error: { code: 'LIMIT_REACHED' } } })

    // The person books for themself: the same service on the same day as the stranger's first, and more.
    const own = await book(VICTIM, VICTIM_ID, '2026-11-27', '10:00')
    expect(own).toMatchObject({ status: 200, body: { ok: true } })
    expect((await book(VICTIM, VICTIM_ID, '2026-11-30', '10:00')).body.ok).toBe(true)
  })

  it('tell the stranger nothing: a refusal reads the same for an ID number with bookings and one without', async () => {
    const withBookings = await book(STRANGER, VICTIM_ID, '2026-12-03')
    const without = await book(STRANGER, nthIdNumber(4712), '2026-12-03')
    expect(withBookings.body.ok).toBe(false)
    expect(withBookings).toEqual(without)
  })
})
