import Database from 'better-sqlite3'
import { post, serversOnOneFile, type ServerProcess } from '../support/server-process'

jest.setTimeout(120_000)

const TICKETS = 220
const CALLS = 240
// Thursday 09:00 in Beijing: an open working day.
const APP_NOW = '2026-11-26T09:00:00+08:00'
const SERVICES = ['lsw-pension-enroll', 'lsw-medical-enroll'] as const

let servers: ServerProcess[]
let dbFile: string
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ servers, dbFile, stop } = await serversOnOneFile(2, { APP_NOW }))
})

afterAll(() => stop?.())

const readDb = <T>(read: (db: Database.Database) => T): T => {
  const db = new Database(dbFile, { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** Server 0 is window 2 (刘芳), server 1 is window 3 (孙丽, admin): two windows, two processes, one file. */
const WINDOWS = [
  { window: 2, openid: 'dev-clerk-liu' },
  { window: 3, openid: 'dev-admin-sun' },
]

describe('the queue on two server processes sharing one database file', () => {
  let issued: { status: number; body: any }[]
  let calls: { status: number; body: any; side: number }[]
  let issueMs = 0
  let callMs = 0

  beforeAll(async () => {
    let t = Date.now()
    issued = await Promise.all(
      Array.from({ length: TICKETS }, (_, n) =>
        post(
          servers[n % 2].base,
          'queue',
          {
            action: 'issueWalkIn',
            centerId: 'lsw',
            serviceId: SERVICES[n % 4 < 2 ? 0 : 1],
            requestId: `concurrent-walk-in-${n}`,
            source: 'kiosk',
          },
          WINDOWS[n % 2].openid,
        ),
      ),
    )
    issueMs = Date.now() - t
    t = Date.now()
    calls = await Promise.all(
      Array.from({ length: CALLS }, async (_, n) => {
        const side = n % 2
        const res = await post(
          servers[side].base,
          'queue',
          { action: 'callNext', centerId: 'lsw', window: WINDOWS[side].window },
          WINDOWS[side].openid,
        )
        return { ...res, side }
      }),
    )
    callMs = Date.now() - t
    // For the report: how long each burst took through both processes.
    console.log(`queue concurrency: ${TICKETS} walk-ins in ${issueMs} ms, ${CALLS} callNext in ${callMs} ms`)
  })

  describe(`when ${TICKETS} walk-ins are taken at once through both servers`, () => {
    it('numbers every ticket once: each queue 001 up without a gap or a repeat', () => {
      expect(issued.every((r) => r.status === 200 && r.body.ok)).toBe(true)
      const labels = issued.map((r) => r.body.data.ticket.label as string)
      expect(new Set(labels).size).toBe(TICKETS)
      for (const letter of ['A', 'C']) {
        const numbers = labels
          .filter((l) => l.startsWith(letter))
          .map((l) => Number(l.slice(1)))
          .sort((a, b) => a - b)
        expect(numbers).toEqual(Array.from({ length: TICKETS / 2 }, (_, i) => i + 1))
      }
    })
  })

  describe(`when ${CALLS} callNext arrive at once from window 2 on one server and window 3 on the other`, () => {
    it('answers every call: a ticket, or "nobody waiting" once the queue is empty — never an error', () => {
      expect(calls.every((r) => r.status === 200 && r.body.ok)).toBe(true)
      expect(calls.filter((r) => r.body.data.ticket)).toHaveLength(TICKETS)
      expect(calls.filter((r) => !r.body.data.ticket)).toHaveLength(CALLS - TICKETS)
    })

    it('calls no ticket twice and loses none', () => {
      const called = calls.filter((r) => r.body.data.ticket).map((r) => r.body.data.ticket.id as string)
      expect(new Set(called).size).toBe(called.length)
      expect(new Set(called)).toEqual(new Set(issued.map((r) => r.body.data.ticket.id)))
    })

    it('records each ticket at the window that called it, with exactly one call on its timeline', () => {
      const byId = new Map(calls.filter((r) => r.body.data.ticket).map((r) => [r.body.data.ticket.id, WINDOWS[r.side].window]))
      const rows = readDb(
        (db) =>
          db.prepare('SELECT id, status, window_number AS window FROM queue_tickets').all() as {
            id: string
            status: string
            window: number
          }[],
      )
      expect(rows).toHaveLength(TICKETS)
      for (const row of rows) {
        expect(row.status).toBe('called')
        expect(row.window).toBe(byId.get(row.id))
      }
      const perTicket = readDb(
        (db) =>
          db.prepare("SELECT ticket_id, COUNT(*) AS n FROM queue_ticket_events WHERE action = 'call' GROUP BY ticket_id").all() as {
            n: number
          }[],
      )
      expect(perTicket).toHaveLength(TICKETS)
      expect(perTicket.every((r) => r.n === 1)).toBe(true)
      // Both windows took part.
      expect(new Set(rows.map((r) => r.window))).toEqual(new Set([2, 3]))
    })

    it('audits every call and leaves a board that agrees with the tickets', async () => {
      const audited = readDb(
        (db) => (db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'queue.callNext'").get() as { n: number }).n,
      )
      expect(audited).toBe(TICKETS)
      const display = await post(servers[0].base, 'queue', { action: 'display', centerId: 'lsw' }, 'dev-admin-sun')
      const board = display.body.data.board
      // One board version per write: every issue and every successful call.
      expect(board.version).toBe(TICKETS * 2)
      expect(board.queues.every((q: { waiting: number }) => q.waiting === 0)).toBe(true)
      expect(board.calls.map((c: { window: number }) => c.window)).toEqual([2, 3])
    })
  })
})
