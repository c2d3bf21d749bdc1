/**
 * The real server under load (booking creates and cancels, walk-ins, calls at a
 * window), killed with SIGKILL mid-stream, restarted on the same DATA_DIR:
 * every write it acknowledged (ok:true) is there, and no seat is
 * double-counted (booking_slots.booked = active bookings of the slot).
 *
 * The store runs WAL with synchronous=NORMAL: a transaction is in the WAL
 * before the answer leaves, so a *process* crash loses nothing acknowledged
 * (what this test proves). Only an OS crash or power loss can drop the last
 * commits under NORMAL; synchronous=FULL (an fsync per commit) covers that,
 * see docs/hardening.md.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInput } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { freePort, post, startServer, type ServerProcess } from '../support/server-process'

const ENV = { APP_NOW: '2026-11-26T09:00:00+08:00', RATE_LIMIT: 'off' }
const SERVICES = ['lsw-medical-remote', 'lsw-pension-enroll', 'lsw-senior-card', 'lsw-cert-counter']
const DATES = ['2026-11-27', '2026-11-30']
const STARTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00']

let dataDir: string
let server: ServerProcess | undefined
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-crash-'))
})
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

it('keeps every acknowledged write through a SIGKILL, and seat counters equal rows', async () => {
  const port = await freePort()
  server = await startServer({ ...ENV, PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: dataDir })
  const base = server.base
  const acked = { bookings: new Set<string>(), cancelled: new Set<string>(), walkIns: new Set<string>(), called: new Set<string>() }
  let sent = 0
  let n = 0
  let killed = false

  async function worker(w: number) {
    while (!killed) {
      const i = ++n
      sent++
      try {
        if (i % 5 === 0) {
          const r = await post(
            base,
            'queue',
            { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-senior-card', requestId: `crash-walk-${i}-0000`, source: 'clerk' },
            'dev-clerk-liu',
          )
          if (r.body.ok) acked.walkIns.add(r.body.data.ticket?.id ?? r.body.data.id)
        } else if (i % 7 === 0) {
          const r = await post(base, 'queue', { action: 'callNext', centerId: 'lsw', window: 1 }, 'dev-clerk-liu')
          if (r.body.ok && r.body.data.ticket) acked.called.add(r.body.data.ticket.id)
        } else {
          const openid = `crash-resident-${i}`
          const input = createInput(20_000 + i, {
            serviceId: SERVICES[i % SERVICES.length],
            date: DATES[i % DATES.length],
            start: STARTS[(i >> 2) % STARTS.length],
            person: { name: '王建国', idNumber: nthIdNumber(20_000 + i), phone: '13812345678' },
            requestId: `crash-${i}-0000`,
          })
          const r = await post(base, 'booking', { action: 'create', ...input }, openid)
          if (r.body.ok) {
            acked.bookings.add(r.body.data.id)
            if (i % 3 === 0) {
              sent++
              const c = await post(base, 'booking', { action: 'cancel', centerId: 'lsw', id: r.body.data.id }, openid)
              if (c.body.ok) acked.cancelled.add(r.body.data.id)
            }
          }
        }
      } catch {
        // The connection died with the server: not acknowledged.
      }
      void w
    }
  }

  const workers = Array.from({ length: 12 }, (_, w) => worker(w))
  // Kill mid-stream, once a good number of writes has been acknowledged.
  const t0 = Date.now()
  while (acked.bookings.size + acked.walkIns.size < 150 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20))
  server.child.kill('SIGKILL')
  killed = true
  await Promise.all(workers)
  await new Promise<void>((resolve) =>
    server!.child.exitCode !== null || server!.child.signalCode !== null ? resolve() : server!.child.once('exit', () => resolve()),
  )
  expect(server.child.signalCode).toBe('SIGKILL')

  // Restart on the same data directory: it opens, recovers the WAL and serves.
  server = await startServer({ ...ENV, PORT: String(await freePort()), DATA_DIR: dataDir, STATIC_DIR: dataDir })
  const health = await post(server.base, 'center', { action: 'getInfo', centerId: 'lsw' })
  expect(health.body.ok).toBe(true)

  const db = new Database(path.join(dataDir, 'bianmin.sqlite'), { readonly: true })
  try {
    const status = new Map(
      (db.prepare('SELECT id, status FROM bookings').all() as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    )
    const tickets = new Map(
      (db.prepare('SELECT id, status FROM queue_tickets').all() as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    )
    const missingBookings = [...acked.bookings].filter((id) => !status.has(id))
    const notCancelled = [...acked.cancelled].filter((id) => status.get(id) !== 'cancelled')
    const missingWalkIns = [...acked.walkIns].filter((id) => !tickets.has(id))
    const notCalled = [...acked.called].filter((id) => tickets.get(id) === 'waiting' || !tickets.has(id))
    const drift = db
      .prepare(
        `SELECT s.service_id, s.date, s.start, s.booked,
                (SELECT COUNT(*) FROM bookings b WHERE b.service_id = s.service_id AND b.date = s.date AND b.start = s.start AND b.status IN ('booked', 'checked_in')) AS active
         FROM booking_slots s`,
      )
      .all() as { booked: number; active: number }[]
    const wrongCounters = drift.filter((r) => r.booked !== r.active)
    const ackedTotal = acked.bookings.size + acked.cancelled.size + acked.walkIns.size + acked.called.size
    const found = ackedTotal - missingBookings.length - notCancelled.length - missingWalkIns.length - notCalled.length
    console.log(
      `crash safety: ${sent} requests sent, SIGKILL mid-stream; writes acknowledged ${ackedTotal} (${acked.bookings.size} bookings, ${acked.cancelled.size} cancellations, ${acked.walkIns.size} walk-ins, ${acked.called.size} calls), found after restart ${found}; ${drift.length} slot counters checked, ${wrongCounters.length} differ from their rows`,
    )
    expect({ missingBookings, notCancelled, missingWalkIns, notCalled, wrongCounters }).toEqual({
      missingBookings: [],
      notCancelled: [],
      missingWalkIns: [],
      notCalled: [],
      wrongCounters: [],
    })
    expect(acked.bookings.size).toBeGreaterThan(50)
  } finally {
    db.close()
  }
}, 90_000)
