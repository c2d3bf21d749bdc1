/**
 * 即将到号 through the real local server: the notice is in the resident's outbox (the 消息 page, booking.listMessages)
 * within 2 s of the call that moved the queue, with no job run (the server starts with its jobs off).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInput } from '@test/support/booking-harness'
import { idNumberFor } from '@test/support/id-numbers'
import { freePort, post, serversOnOneFile, startServer, type ServerProcess } from '@test/support/server-process'

jest.setTimeout(120_000)

let server: ServerProcess
let stopAll: () => Promise<void>
let bookingId: string
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-static-soon-'))

beforeAll(async () => {
  // Booked at 09:00 for the 10:00 slot, then the server runs again at 09:40 (its clock is fixed), when check-in is open.
  const first = await serversOnOneFile(1, { APP_NOW: '2026-11-26T09:00:00+08:00' })
  stopAll = first.stop
  const booking = await post(
    first.servers[0].base,
    'booking',
    {
      action: 'create',
      ...createInput(7, {
        date: '2026-11-26',
        start: '10:00',
        // Born 1980: not in the green channel by age, so the green walk-ins go ahead of her.
        person: { name: '王建国', idNumber: idNumberFor('1980-05-05', 7), phone: '13812345678' },
      }),
    },
    'resident-soon',
  )
  bookingId = ok(booking).id
  await first.servers[0].stop()
  server = await startServer({
    PORT: String(await freePort()),
    DATA_DIR: first.dataDir,
    STATIC_DIR: staticDir,
    APP_NOW: '2026-11-26T09:40:00+08:00',
  })
})
afterAll(async () => {
  await server?.stop()
  await stopAll?.()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

function ok(res: { status: number; body: any }) {
  if (!res.body?.ok) throw new Error(`expected ok, got ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.data
}

const soonInOutbox = async () =>
  (
    ok(await post(server.base, 'booking', { action: 'listMessages', centerId: 'lsw' }, 'resident-soon')).items as { title: string }[]
  ).filter((m) => m.title === '即将到号')

it('puts the 即将到号 notice in the outbox within 2 s of the call that leaves 3 ahead', async () => {
  const code = ok(await post(server.base, 'queue', { action: 'display', centerId: 'lsw' }, 'dev-admin-sun')).checkIn.code
  const ticket = ok(
    await post(server.base, 'queue', { action: 'checkIn', centerId: 'lsw', bookingId, code, notifySoon: true }, 'resident-soon'),
  )
  // Four green-channel walk-ins go ahead of her: one call leaves exactly 3 ahead.
  for (let i = 0; i < 4; i++) {
    ok(
      await post(
        server.base,
        'queue',
        {
          action: 'issueWalkIn',
          centerId: 'lsw',
          serviceId: 'lsw-medical-enroll',
          requestId: `soon-walk-in-000${i}`,
          source: 'clerk',
          green: 'clerk',
        },
        'dev-clerk-liu',
      ),
    )
  }
  expect(ok(await post(server.base, 'queue', { action: 'myTicket', centerId: 'lsw', id: ticket.id }, 'resident-soon')).ahead).toBe(4)
  expect(await soonInOutbox()).toEqual([])

  const calledAt = performance.now()
  ok(await post(server.base, 'queue', { action: 'callNext', centerId: 'lsw', window: 2 }, 'dev-clerk-liu'))
  let found: { title: string }[] = []
  while (found.length === 0 && performance.now() - calledAt < 5000) found = await soonInOutbox()
  const elapsedMs = performance.now() - calledAt
  console.log(`即将到号 in the outbox ${elapsedMs.toFixed(0)} ms after the call`)
  expect(found).toEqual([expect.objectContaining({ body: expect.stringContaining('前面还有 3 人') })])
  expect(elapsedMs).toBeLessThan(2000)
})
