/**
 * The availability phase of `npm run bench` (`npm run bench -- availability` alone): center.getAvailability (default
 * range: today + 7 working days, 8 open days × 13 slots) through the dispatcher, validation included, on a database
 * with 1 000 and one with BENCH_BIG (default 1 000 000) past bookings: a resident's slot list must not slow down as the
 * years of bookings grow.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../cloud/functions'
import { dispatch } from '../cloud/runtime/dispatch'
import { createPersonalData } from '../cloud/runtime/personal-data'
import { createSqliteStore } from '../cloud/store/sqlite/sqlite-store'
import { BOOKING_CODE_ALPHABET } from '../src/core/booking-code'
import { APP_NOW, BENCH_SERVICE as SERVICE, BENCH_STARTS as STARTS } from './bench-load'
import { fmt, tempDir, type Target } from './report'

const BIG = Number(process.env.BENCH_BIG ?? 1_000_000)
const SMALL = 1_000
const PII = createPersonalData({ encKey: Buffer.alloc(32, 11), hashKey: Buffer.alloc(32, 12) })

/** A booking code for row i, distinct for every i below 29^6 (row i written in base 29). */
function codeFor(i: number): string {
  let s = ''
  for (let k = 0; k < 6; k++) {
    s = BOOKING_CODE_ALPHABET[i % BOOKING_CODE_ALPHABET.length] + s
    i = Math.floor(i / BOOKING_CODE_ALPHABET.length)
  }
  return s
}

/** A database with `count` past bookings (and their seat counters) of the service, over the two years before APP_NOW. */
function pastDatabase(count: number): string {
  const file = path.join(tempDir(), 'bianmin.sqlite')
  const store = createSqliteStore(file, { sealer: PII })
  const db = store.db
  const insertBooking =
    db.prepare(`INSERT INTO bookings (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
    person_name, id_sealed, id_hash, id_masked, phone, for_self, created_at, updated_at) VALUES (?, ?, 'lsw', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '王建国', 'v1.x.x.x', ?, '3702**********0000', '13812345678', 1, ?, ?)`)
  const upsertSlot =
    db.prepare(`INSERT INTO booking_slots (service_id, date, start, center_id, capacity, booked) VALUES (?, ?, ?, 'lsw', 1000000, 1)
    ON CONFLICT (service_id, date, start) DO UPDATE SET booked = booked + 1`)
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'no_show'] as const
  const dayMs = 86_400_000
  const end = Date.parse('2026-11-25T00:00:00Z')
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const date = new Date(end - (i % 730) * dayMs).toISOString().slice(0, 10)
      const start = STARTS[i % STARTS.length]
      const startsAt = new Date(`${date}T${start}:00+08:00`)
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000)
      insertBooking.run(
        `past-${i}`,
        codeFor(i),
        SERVICE,
        date,
        start,
        '',
        startsAt.toISOString(),
        endsAt.toISOString(),
        new Date(endsAt.getTime() + 15 * 60_000).toISOString(),
        statuses[i % statuses.length],
        `past-openid-${i % 50_000}`,
        `past-request-${i}`,
        `hash-${i % 200_000}`,
        startsAt.toISOString(),
        startsAt.toISOString(),
      )
      upsertSlot.run(SERVICE, date, start)
    }
  })
  for (let i = 0; i < count; i += 50_000) fill(i, Math.min(count, i + 50_000))
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.exec('ANALYZE')
  store.close()
  return file
}

/** Median and mean of `iterations` center.getAvailability calls through the dispatcher (validation included). */
async function timeAvailability(file: string, iterations = 3000): Promise<{ median: number; mean: number }> {
  const store = createSqliteStore(file, { seed: false, sealer: PII })
  const ctx = {
    openid: null,
    store,
    now: () => new Date(APP_NOW),
    requestId: 'bench',
    pii: PII,
  }
  const call = () => dispatch(FUNCTIONS.center, { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE }, ctx)
  const first = await call()
  if (!first.ok) throw new Error(JSON.stringify(first.error))
  for (let i = 0; i < 500; i++) await call()
  const times: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t = performance.now()
    await call()
    times.push(performance.now() - t)
  }
  store.close()
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], mean: times.reduce((a, b) => a + b, 0) / times.length }
}

/** Runs the availability phase and prints it; answers its target (the 1M median within 1.5 × the 1k one). */
export async function availabilityPhase(): Promise<Target[]> {
  console.log('\nAvailability (center.getAvailability, 8 bookable days × 13 slots, through the dispatcher)')
  const t0 = performance.now()
  const small = await timeAvailability(pastDatabase(SMALL))
  const bigFile = pastDatabase(BIG)
  const buildSeconds = (performance.now() - t0) / 1000
  const big = await timeAvailability(bigFile)
  console.log(`  ${fmt(SMALL)} past bookings     median ${fmt(small.median * 1000)} µs   mean ${fmt(small.mean * 1000)} µs`)
  console.log(
    `  ${fmt(BIG)} past bookings  median ${fmt(big.median * 1000)} µs   mean ${fmt(big.mean * 1000)} µs   (databases built in ${fmt(buildSeconds, 1)} s)`,
  )
  const ratio = big.median / small.median
  console.log(`  ratio big / small (median) = ${fmt(ratio, 2)}   (target ≤ 1.5)`)
  return [
    {
      point: 'availability',
      measure: `getAvailability, ${fmt(BIG)} / ${fmt(SMALL)} past bookings`,
      value: `${fmt(ratio, 2)}: median ${fmt(big.median * 1000)} / ${fmt(small.median * 1000)} µs`,
      target: '≤ 1.5',
      met: ratio <= 1.5,
    },
  ]
}
