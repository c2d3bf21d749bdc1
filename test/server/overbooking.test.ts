import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { createPersonalData, DEV_KEY_FILE } from '@cloud/runtime/personal-data'
import { nthIdNumber } from '../support/id-numbers'
import { post, serversOnOneFile, type ServerProcess } from '../support/server-process'

jest.setTimeout(90_000)

const CALLERS = 240
const SEATS = 5
const SERVICE = 'lsw-medical-remote'
const SLOT = { date: '2026-11-27', start: '10:00' }
// Thursday 09:00 in Beijing: the slot is tomorrow, inside the horizon and past the lead time.
const APP_NOW = '2026-11-26T09:00:00+08:00'

let servers: ServerProcess[]
let dataDir: string
let dbFile: string
let stop: () => Promise<void>

beforeAll(async () => {
  // Both start together on a data dir without a key file: they must settle on one dev key.
  // The slot's service gets exactly 5 seats per slot before they start.
  ;({ servers, dataDir, dbFile, stop } = await serversOnOneFile(2, { APP_NOW }, (db) =>
    db.prepare('UPDATE services SET slot_capacity = ? WHERE id = ?').run(SEATS, SERVICE),
  ))
})

afterAll(() => stop?.())

const createBody = (n: number, requestId = `overbook-${n}-request`) => ({
  action: 'create',
  centerId: 'lsw',
  serviceId: SERVICE,
  ...SLOT,
  person: { name: '王建国', idNumber: nthIdNumber(n), phone: '13812345678' },
  forSelf: true,
  consent: true,
  requestId,
})

describe('two server processes on one database file', () => {
  describe(`when ${CALLERS} residents book the same 5-seat slot at once`, () => {
    let results: { status: number; body: any }[]

    beforeAll(async () => {
      results = await Promise.all(
        Array.from({ length: CALLERS }, (_, n) => post(servers[n % 2].base, 'booking', createBody(n), `caller-${n}`)),
      )
    })

    it('gives exactly 5 bookings and answers SLOT_FULL to everyone else', () => {
      const ok = results.filter((r) => r.body.ok)
      const full = results.filter((r) => !r.body.ok && r.body.error.code === 'SLOT_FULL')
      expect(ok).toHaveLength(SEATS)
      expect(full).toHaveLength(CALLERS - SEATS)
      expect(full.every((r) => r.status === 409)).toBe(true)
      expect(new Set(ok.map((r) => r.body.data.code)).size).toBe(SEATS)
    })

    it('answers every caller on both processes with a booking or SLOT_FULL, never a lock error', () => {
      for (const side of [0, 1]) {
        const mine = results.filter((_, n) => n % 2 === side)
        expect(mine).toHaveLength(CALLERS / 2)
        expect(mine.every((r) => r.body.ok || r.body.error.code === 'SLOT_FULL')).toBe(true)
      }
    })

    it('stores 5 rows and a counter equal to the rows', () => {
      const db = new Database(dbFile, { readonly: true })
      try {
        const rows = db
          .prepare('SELECT COUNT(*) AS n FROM bookings WHERE service_id = ? AND date = ? AND start = ?')
          .get(SERVICE, SLOT.date, SLOT.start) as { n: number }
        const counter = db
          .prepare('SELECT capacity, booked FROM booking_slots WHERE service_id = ? AND date = ? AND start = ?')
          .get(SERVICE, SLOT.date, SLOT.start)
        expect(rows.n).toBe(SEATS)
        expect(counter).toEqual({ capacity: SEATS, booked: SEATS })
        expect(db.prepare('SELECT COUNT(*) AS n FROM bookings').get()).toEqual({ n: SEATS })
      } finally {
        db.close()
      }
    })

    it('sealed every ID number with the one dev key both processes share', () => {
      const keys = JSON.parse(fs.readFileSync(path.join(dataDir, DEV_KEY_FILE), 'utf8'))
      const pii = createPersonalData({ encKey: Buffer.from(keys.encKey, 'base64'), hashKey: Buffer.from(keys.hashKey, 'base64') })
      const db = new Database(dbFile, { readonly: true })
      try {
        for (const row of db.prepare('SELECT openid, id_sealed, id_hash FROM bookings').all() as {
          openid: string
          id_sealed: string
          id_hash: string
        }[]) {
          const n = Number(row.openid.replace('caller-', ''))
          expect(pii.decrypt(row.id_sealed)).toBe(nthIdNumber(n))
          expect(row.id_hash).toBe(pii.hash(nthIdNumber(n)))
        }
      } finally {
        db.close()
      }
    })

    describe('and a winner’s submit is retried 40 times at once through both servers', () => {
      it('answers the same booking every time and stores nothing new', async () => {
        const winner = results.findIndex((r) => r.body.ok)
        const retries = await Promise.all(
          Array.from({ length: 40 }, (_, i) => post(servers[i % 2].base, 'booking', createBody(winner), `caller-${winner}`)),
        )
        expect(retries.every((r) => r.body.ok && r.body.data.id === results[winner].body.data.id)).toBe(true)
        const db = new Database(dbFile, { readonly: true })
        try {
          expect(db.prepare('SELECT COUNT(*) AS n FROM bookings').get()).toEqual({ n: SEATS })
          expect(
            db
              .prepare('SELECT booked FROM booking_slots WHERE service_id = ? AND date = ? AND start = ?')
              .get(SERVICE, SLOT.date, SLOT.start),
          ).toEqual({ booked: SEATS })
        } finally {
          db.close()
        }
      })
    })

    describe('and one winner cancels', () => {
      it('frees exactly one seat, which exactly one of many new callers gets', async () => {
        const winner = results.findIndex((r) => r.body.ok)
        const cancel = await post(
          servers[1].base,
          'booking',
          { action: 'cancel', centerId: 'lsw', id: results[winner].body.data.id },
          `caller-${winner}`,
        )
        expect(cancel.body).toMatchObject({ ok: true, data: { status: 'cancelled' } })
        const late = await Promise.all(
          Array.from({ length: 60 }, (_, i) => post(servers[i % 2].base, 'booking', createBody(1000 + i), `late-${i}`)),
        )
        expect(late.filter((r) => r.body.ok)).toHaveLength(1)
        const availability = await post(servers[0].base, 'center', {
          action: 'getAvailability',
          centerId: 'lsw',
          serviceId: SERVICE,
          from: SLOT.date,
          days: 1,
        })
        const slot = availability.body.data.days[0].slots.find((s: { start: string }) => s.start === SLOT.start)
        expect(slot).toMatchObject({ capacity: SEATS, remaining: 0, available: false, note: '已约满' })
      })
    })
  })
})
