/** @timezone */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listByOwnerSql } from '@cloud/store/sqlite/booking-repo'
import { MIGRATIONS } from '@cloud/store/sqlite/migrations'
import { seedDatabase } from '@cloud/store/sqlite/seed-database'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { booking, GUARD, NOW, nextCode, slot } from '@test/store/contract/fixtures'
import { TEST_PII } from '@test/support/test-keys'

const dirs: string[] = []
function openStore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-repo-'))
  dirs.push(dir)
  const file = path.join(dir, 'db.sqlite')
  return { file, store: createSqliteStore(file, { sealer: TEST_PII }) }
}
const opened: { close(): void }[] = []
afterEach(() => opened.splice(0).forEach((s) => s.close()))
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function fresh() {
  const s = openStore()
  opened.push(s.store)
  return s
}

const seats = (db: ReturnType<typeof createSqliteStore>['db'], date = '2026-11-27', start = '09:00') =>
  db
    .prepare('SELECT capacity, booked FROM booking_slots WHERE service_id = ? AND date = ? AND start = ?')
    .get('lsw-medical-remote', date, start) as { capacity: number; booked: number } | undefined
const rows = (db: ReturnType<typeof createSqliteStore>['db']) => (db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number }).n

describe('sqliteBookingRepo', () => {
  describe('create', () => {
    it('answers the booking exactly as stored (it is not read back)', async () => {
      const { store } = fresh()
      const made = await store.bookings.create(
        booking(1, { forSelf: false, relation: 'parent', note: '行动不便' }),
        slot(),
        GUARD,
        nextCode,
      )
      expect(made.kind).toBe('created')
      expect(made.kind === 'created' && made.booking).toEqual(await store.bookings.get('b1'))
    })
    describe('when the slot has one seat left', () => {
      it('gives it to the first and answers slot_full to the next, with the counter equal to the rows', async () => {
        const { store } = fresh()
        expect((await store.bookings.create(booking(1), slot(), GUARD, nextCode)).kind).toBe('created')
        expect((await store.bookings.create(booking(2), slot(), GUARD, nextCode)).kind).toBe('created')
        expect(await store.bookings.create(booking(3), slot(), GUARD, nextCode)).toEqual({ kind: 'slot_full' })
        expect(seats(store.db)).toEqual({ capacity: 2, booked: 2 })
        expect(rows(store.db)).toBe(2)
      })
    })
    describe('when the same caller sends the same request id again', () => {
      it('answers the first booking, even for another slot', async () => {
        const { store } = fresh()
        const first = await store.bookings.create(booking(1), slot(), GUARD, nextCode)
        const again = await store.bookings.create(booking(1), slot('10:00'), GUARD, nextCode)
        expect(again.kind).toBe('duplicate')
        expect(again.kind === 'duplicate' && again.booking).toEqual(first.kind === 'created' && first.booking)
        expect(seats(store.db)?.booked).toBe(1)
        expect(seats(store.db, '2026-11-27', '10:00')).toBeUndefined()
      })
    })
    describe('when retries of one request race on two connections to the same file', () => {
      it('stores exactly one booking and answers it to every retry', async () => {
        const { file, store } = fresh()
        const other = createSqliteStore(file, { sealer: TEST_PII })
        opened.push(other)
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).bookings.create(booking(1), slot(), GUARD, nextCode)),
        )
        expect(results.filter((r) => r.kind === 'created')).toHaveLength(1)
        expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(19)
        expect(new Set(results.map((r) => (r.kind === 'created' || r.kind === 'duplicate' ? r.booking.code : null))).size).toBe(1)
        expect(rows(store.db)).toBe(1)
        expect(seats(store.db)?.booked).toBe(1)
      })
    })
    describe('when the person already has an active booking for the service that day', () => {
      it('answers person_day_taken and takes no seat', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1), slot(), GUARD, nextCode)
        expect(await store.bookings.create(booking(2, { idHash: 'hash-1' }), slot('10:00'), GUARD, nextCode)).toEqual({
          kind: 'person_day_taken',
        })
        expect(seats(store.db, '2026-11-27', '10:00')?.booked ?? 0).toBe(0)
      })
      it('is kept by the partial unique index even when the check is bypassed', () => {
        const { store } = fresh()
        const insert =
          store.db.prepare(`INSERT INTO bookings (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
          person_name, id_sealed, id_hash, id_masked, limit_key, phone, for_self, created_at, updated_at)
          VALUES (?, ?, 'lsw', 'lsw-medical-remote', '2026-11-27', '09:00', '09:30', 'x', 'x', 'x', ?, ?, ?, 'n', 's', 'same-person', 'm', 'person_same-person', 'p', 1, 'x', 'x')`)
        insert.run('a', 'CODE01', 'booked', 'o1', 'r1')
        expect(() => insert.run('b', 'CODE02', 'booked', 'o2', 'r2')).toThrow(/UNIQUE/)
        // Cancelled and no-show bookings do not count as active.
        expect(() => insert.run('c', 'CODE03', 'cancelled', 'o3', 'r3')).not.toThrow()
      })
    })
    describe('when the person already holds the maximum of active bookings', () => {
      it('answers too_many_active; bookings past their check-in deadline do not count', async () => {
        const { store } = fresh()
        for (const [n, date] of [
          [1, '2026-11-27'],
          [2, '2026-11-30'],
          [3, '2026-12-01'],
        ] as const) {
          expect((await store.bookings.create(booking(n, { idHash: 'p' }), slot('09:00', date), GUARD, nextCode)).kind).toBe('created')
        }
        expect(await store.bookings.create(booking(4, { idHash: 'p' }), slot('09:00', '2026-12-02'), GUARD, nextCode)).toEqual({
          kind: 'too_many_active',
        })
        // A day later the first is past its deadline (a no-show in waiting): it no longer counts.
        const later = { maxActive: 3, now: '2026-11-28T00:00:00.000Z' }
        expect((await store.bookings.create(booking(4, { idHash: 'p' }), slot('09:00', '2026-12-02'), later, nextCode)).kind).toBe(
          'created',
        )
      })
    })
    describe('when a drawn code is already in use', () => {
      it('draws another', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1), slot(), GUARD, () => 'SAME01')
        const draws = ['SAME01', 'OTHER2']
        const second = await store.bookings.create(booking(2), slot(), GUARD, () => draws.shift()!)
        expect(second.kind === 'created' && second.booking.code).toBe('OTHER2')
      })
    })
  })

  describe('cancel', () => {
    it('frees the seat and answers the cancelled booking; a second cancel answers null and frees nothing', async () => {
      const { store } = fresh()
      await store.bookings.create(booking(1), slot(), GUARD, nextCode)
      await store.bookings.create(booking(2), slot(), GUARD, nextCode)
      const cancelled = await store.bookings.cancel('b1', NOW, '临时有事')
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: NOW, cancelReason: '临时有事' })
      expect(seats(store.db)?.booked).toBe(1)
      expect(await store.bookings.cancel('b1', NOW, null)).toBeNull()
      expect(seats(store.db)?.booked).toBe(1)
      expect((await store.bookings.create(booking(3), slot(), GUARD, nextCode)).kind).toBe('created')
    })
  })

  describe('reschedule', () => {
    describe('when the new slot has a seat', () => {
      it('takes it, moves the booking and frees the old seat', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1), slot(), GUARD, nextCode)
        const result = await store.bookings.reschedule('b1', slot('10:00'), NOW)
        expect(result.kind === 'moved' && result.booking).toMatchObject({ start: '10:00', status: 'booked', code: expect.any(String) })
        expect(seats(store.db)?.booked).toBe(0)
        expect(seats(store.db, '2026-11-27', '10:00')?.booked).toBe(1)
      })
    })
    describe('when the new slot is full', () => {
      it('answers slot_full and leaves the booking and both counters untouched', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1), slot(), GUARD, nextCode)
        await store.bookings.create(booking(2), slot('10:00', '2026-11-27', 1), GUARD, nextCode)
        const before = await store.bookings.get('b1')
        expect(await store.bookings.reschedule('b1', slot('10:00', '2026-11-27', 1), NOW)).toEqual({ kind: 'slot_full' })
        expect(await store.bookings.get('b1')).toEqual(before)
        expect(seats(store.db)?.booked).toBe(1)
        expect(seats(store.db, '2026-11-27', '10:00')?.booked).toBe(1)
      })
    })
    describe('when the person already has the service on the new day', () => {
      it('answers person_day_taken and changes nothing', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1, { idHash: 'p' }), slot(), GUARD, nextCode)
        await store.bookings.create(booking(2, { idHash: 'p' }), slot('09:00', '2026-11-30'), GUARD, nextCode)
        expect(await store.bookings.reschedule('b1', slot('10:00', '2026-11-30'), NOW)).toEqual({ kind: 'person_day_taken' })
        expect((await store.bookings.get('b1'))?.date).toBe('2026-11-27')
      })
    })
    describe('when the booking is no longer booked', () => {
      it('answers not_booked and takes no seat', async () => {
        const { store } = fresh()
        await store.bookings.create(booking(1), slot(), GUARD, nextCode)
        await store.bookings.cancel('b1', NOW, null)
        expect((await store.bookings.reschedule('b1', slot('10:00'), NOW)).kind).toBe('not_booked')
        expect(seats(store.db, '2026-11-27', '10:00')?.booked ?? 0).toBe(0)
        expect((await store.bookings.reschedule('nope', slot('10:00'), NOW)).kind).toBe('not_found')
      })
    })
  })

  describe('slotCounts', () => {
    it('reads the counters of the date range through the primary key, not the bookings', async () => {
      const { store } = fresh()
      await store.bookings.create(booking(1), slot(), GUARD, nextCode)
      expect(await store.bookings.slotCounts('lsw-medical-remote', '2026-11-27', '2026-11-27')).toEqual([
        { date: '2026-11-27', start: '09:00', capacity: 2, booked: 1 },
      ])
      const plan = store.db
        .prepare('EXPLAIN QUERY PLAN SELECT date, start, capacity, booked FROM booking_slots WHERE service_id = ? AND date BETWEEN ? AND ?')
        .all('s', 'a', 'b') as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH booking_slots USING PRIMARY KEY/)
    })
  })

  describe('the queries the jobs and lists run', () => {
    it.each([
      ["SELECT * FROM bookings WHERE status = 'booked' AND date <= ? AND check_in_by <= ? ORDER BY check_in_by", 'bookings_booked_by_date'],
      ["SELECT * FROM bookings WHERE center_id = ? AND date = ? AND status = 'booked' AND reminded_at IS NULL", 'bookings_by_day'],
      ["SELECT check_in_by FROM bookings WHERE limit_key = ? AND status = 'no_show' AND check_in_by > ?", 'bookings_no_shows'],
      [
        "SELECT * FROM bookings WHERE openid = ? AND center_id = ? AND status IN ('booked', 'checked_in') ORDER BY starts_at",
        'bookings_by_owner',
      ],
    ])('%s uses %s', (sql, index) => {
      const { store } = fresh()
      const params = (sql.match(/\?/g) ?? []).map(() => 'x')
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toContain(index)
    })

    it.each([false, true])(
      "a verified person's list (theirs and those in their name, after a cursor: %s) looks both up by index, never the whole center",
      (after) => {
        const { store } = fresh()
        const params = {
          openid: 'o',
          centerId: 'lsw',
          personHash: 'h',
          s0: 'booked',
          s1: 'checked_in',
          limit: 21,
          afterStartsAt: 'a',
          afterId: 'b',
        }
        const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${listByOwnerSql(2, 'asc', after, true)}`).all(params) as { detail: string }[])
          .map((p) => p.detail)
          .join(' | ')
        expect(plan).toContain('SEARCH bookings USING INDEX bookings_by_owner (openid=? AND center_id=? AND status=?')
        expect(plan).toContain('SEARCH bookings USING INDEX bookings_by_person (id_hash=? AND center_id=? AND status=?')
        expect(plan).not.toContain('bookings_by_day')
      },
    )
  })
})

describe('migration 2', () => {
  it('keeps the seeded centers and services and defaults the new columns', () => {
    const { store } = fresh()
    const service = store.db.prepare("SELECT slot_capacity FROM services WHERE id = 'lsw-medical-remote'").get() as {
      slot_capacity: number | null
    }
    expect(service.slot_capacity).toBeNull()
    const center = store.db.prepare("SELECT booking_rules_json FROM centers WHERE id = 'lsw'").get() as { booking_rules_json: string }
    expect(JSON.parse(center.booking_rules_json)).toEqual({})
    expect((store.db.prepare('SELECT version FROM schema_migrations WHERE version = 2').get() as { version: number }).version).toBe(2)
  })
  it('refuses a counter above its capacity even if a write went around the conditional update', () => {
    const { store } = fresh()
    store.db
      .prepare(
        "INSERT INTO booking_slots (service_id, date, start, center_id, capacity, booked) VALUES ('lsw-medical-remote', '2026-11-27', '09:00', 'lsw', 1, 1)",
      )
      .run()
    expect(() => store.db.prepare('UPDATE booking_slots SET booked = booked + 1').run()).toThrow(/CHECK/)
  })
})

describe('migration 9 (bookings rebuilt without the redundant indexes)', () => {
  /** A database as the server left it before migration 9: migrations 1–8, the seed, one booking with its ticket and message. */
  function databaseAtVersion8(file: string) {
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const m of MIGRATIONS.filter((m) => m.version <= 8)) {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, NOW)
    }
    seedDatabase(db)
    db.prepare(
      `INSERT INTO bookings (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
      person_name, id_sealed, id_hash, id_masked, phone, for_self, relation, note, created_at, updated_at, reminded_at)
      VALUES ('bk-old', 'K7M4QP', 'lsw', 'lsw-medical-remote', '2026-11-27', '09:00', '09:30', 'a', 'b', 'c', 'no_show', 'openid-old', 'request-old',
      '王建国', '${TEST_PII.encrypt('370202195001010000')}', 'hash-old', '3702**********0000', '13812345678', 0, 'parent', '行动不便', 'x', 'y', 'z')`,
    ).run()
    db.prepare(
      `INSERT INTO queue_tickets (id, center_id, date, queue, number, label, service_id, kind, source, booking_id, arrived_at, status, created_at, updated_at)
      VALUES ('t1', 'lsw', '2026-11-27', 'A', 1, 'A001', 'lsw-medical-remote', 'appointment', 'resident', 'bk-old', 'x', 'waiting', 'x', 'x')`,
    ).run()
    db.prepare(
      `INSERT INTO messages (id, center_id, openid, booking_id, kind, title, body, created_at) VALUES ('m1', 'lsw', 'openid-old', 'bk-old', 'no_show', 't', 'b', 'x')`,
    ).run()
    db.close()
  }

  it('keeps every booking and the rows that point to it, and still enforces those references', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-mig9-'))
    dirs.push(dir)
    const file = path.join(dir, 'db.sqlite')
    databaseAtVersion8(file)
    const store = createSqliteStore(file, { sealer: TEST_PII })
    opened.push(store)
    expect(await store.bookings.get('bk-old')).toMatchObject({
      code: 'K7M4QP',
      status: 'no_show',
      forSelf: false,
      relation: 'parent',
      note: '行动不便',
      remindedAt: 'z',
    })
    expect(store.db.prepare("SELECT booking_id FROM queue_tickets WHERE id = 't1'").get()).toEqual({ booking_id: 'bk-old' })
    // Written before sealing existed: sealed in place on this first open with keys, read back whole.
    expect(await store.bookings.get('bk-old')).toMatchObject({ personName: '王建国', phone: '13812345678' })
    const raw = store.db.prepare("SELECT person_name, phone FROM bookings WHERE id = 'bk-old'").get() as Record<string, string>
    expect(raw.person_name).toMatch(/^v1\./)
    expect(raw.phone).toMatch(/^v1\./)
    expect(store.db.prepare("SELECT booking_id FROM messages WHERE id = 'm1'").get()).toEqual({ booking_id: 'bk-old' })
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO queue_tickets (id, center_id, date, queue, number, label, service_id, kind, source, booking_id, arrived_at, status, created_at, updated_at)
        VALUES ('t2', 'lsw', '2026-11-27', 'A', 2, 'A002', 'lsw-medical-remote', 'appointment', 'resident', 'bk-missing', 'x', 'waiting', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    // The no-show is found through its partial index (since migration 12 under the account that made it).
    expect(await store.bookings.noShowsSince('account_openid-old', 'a')).toHaveLength(1)
    const indexes = (
      store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings' ORDER BY name").all() as {
        name: string
      }[]
    ).map((r) => r.name)
    expect(indexes).toEqual([
      'bookings_booked_by_date',
      'bookings_by_day',
      'bookings_by_owner',
      'bookings_by_person',
      'bookings_no_shows',
      'bookings_one_active_per_holder_day',
      'bookings_purge_due',
      'sqlite_autoindex_bookings_1',
      'sqlite_autoindex_bookings_2',
    ])
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
  })
})
