/**
 * `npm run bench` — a benchmark, not a test. From one run on this machine it prints:
 *  1. booking.create requests/s through the local HTTP server (a separate
 *     process, as `npm start` runs it) against its floor — the same POST with the
 *     same body that the dispatcher refuses at once (no caller: UNAUTHENTICATED) —
 *     on the same server in the same run, their ratio (the headline), p50/p99
 *     latency at 50 connections, and GET /healthz as a reference line;
 *  2. center.getAvailability time with 1k vs 1M past bookings in the database, and their ratio.
 * All traffic goes to 127.0.0.1; every phase is bounded in time.
 * `npm run bench -- rush`: the opening rush instead (bench/rush.ts); `npm run bench -- requests`: database requests
 * per action on the CloudBase path (bench/requests.ts); `npm run bench -- create-cpu`: the CPU of one create in process,
 * without HTTP (bench/create-cpu.ts).
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_BIG (default 1000000),
 * BENCH_AVAILABILITY=0 (the HTTP phase only, for measuring a change to the create path), BENCH_LOG_LEVEL (the server's
 * LOG_LEVEL, default error: no line a request), BENCH_WAITLIST=N (N residents in
 * 候补 lines of the benchmarked service before the run), BENCH_SERVER_NODE_ARGS
 * (extra node flags for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../cloud/functions'
import { dispatch } from '../cloud/runtime/dispatch'
import { createPersonalData } from '../cloud/runtime/personal-data'
import { createSqliteStore } from '../cloud/store/sqlite/sqlite-store'
import { BOOKING_CODE_ALPHABET } from '../src/core/booking-code'
import { nthIdNumber } from '../test/support/id-numbers'
import { freePort } from '../test/support/server-process'
import { APP_NOW, BENCH_DATES as DATES, BENCH_SERVICE as SERVICE, BENCH_STARTS as STARTS, createBody } from './bench-load'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000)
const SMALL = 1_000
const KEYS = { PII_ENC_KEY: Buffer.alloc(32, 11).toString('base64'), PII_HASH_KEY: Buffer.alloc(32, 12).toString('base64') }
/** The same keys, for the databases the benchmark prepares and reads itself. */
const PII = createPersonalData({ encKey: Buffer.alloc(32, 11), hashKey: Buffer.alloc(32, 12) })

const tempDirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bench-'))
  tempDirs.push(dir)
  return dir
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return null
  }
}

async function startServer(dataDir: string): Promise<{ base: string; cpuMs: () => number | null; stop: () => Promise<void> }> {
  const port = await freePort()
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve(__dirname, '../cloud/server/main.ts')], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      ...KEYS,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      STATIC_DIR: tempDir(),
      APP_NOW,
      // BENCH_LOG_LEVEL=info: the server logs as in production (a line as each request arrives and one as it is answered).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      JOBS_INTERVAL_MS: '0',
      RATE_LIMIT: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 30 s')), 30_000)
    child.stdout!.on('data', (c) => {
      if (String(c).includes('已启动')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return {
    base: `http://127.0.0.1:${port}`,
    cpuMs: () => cpuMs(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

type Result = autocannon.Result

function load(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/**
 * BENCH_WAITLIST=N: N residents in 候补 lines of the benchmarked service on every date and slot it books, as a
 * popular service has them, so the create figure is measured with waitlists present (a create never reads them).
 */
async function seedWaitlist(store: ReturnType<typeof createSqliteStore>) {
  const total = Number(process.env.BENCH_WAITLIST ?? 0)
  for (let i = 0; i < total; i++) {
    const idNumber = nthIdNumber(900_000 + i)
    await store.waitlist.join(
      {
        id: `bench-wait-${i}`,
        centerId: 'lsw',
        serviceId: SERVICE,
        serviceName: '异地就医备案',
        date: DATES[i % DATES.length],
        start: i % 5 === 0 ? null : STARTS[i % STARTS.length],
        openid: `bench-waiter-${i}`,
        personName: '李秀英',
        idSealed: PII.encrypt(idNumber),
        idHash: PII.hash(idNumber),
        idMasked: '3702**********0000',
        limitKey: `person_${PII.hash(idNumber)}`,
        phone: '13912345678',
        forSelf: true,
        relation: null,
        holdMinutes: 15,
        templateId: null,
        joinedAt: new Date(APP_NOW).toISOString(),
      },
      new Date(APP_NOW).toISOString(),
    )
  }
  if (total) console.log(`候补: ${total} residents in line (BENCH_WAITLIST)`)
}

async function httpPhase() {
  const dataDir = tempDir()
  // Enough seats that every create in the run succeeds: the benchmark measures bookings made, not refusals.
  const store = createSqliteStore(path.join(dataDir, 'bianmin.sqlite'), { sealer: PII })
  store.db.prepare('UPDATE services SET slot_capacity = 10000000 WHERE id = ?').run(SERVICE)
  await seedWaitlist(store)
  store.close()
  const server = await startServer(dataDir)
  try {
    let n = 0
    /** A create of a new resident; `anonymous` leaves out the caller, so the dispatcher refuses it before anything else. */
    const createRequest = (anonymous: boolean): autocannon.Request => ({
      method: 'POST',
      path: '/api/booking',
      setupRequest: (req) => {
        const i = n++
        return {
          ...req,
          headers: anonymous ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', 'x-openid': `bench-${i}` },
          body: JSON.stringify(createBody(i)),
        }
      },
    })
    const createBooking = createRequest(false)
    const refusedCreate = createRequest(true)
    // Warm up the JIT and SQLite's page cache on every route.
    await load({ url: server.base, connections: 10, duration: 2, requests: [createBooking] })
    await load({ url: server.base, connections: 10, duration: 2, requests: [refusedCreate] })
    await load({ url: `${server.base}/healthz`, connections: 10, duration: 2 })

    const cpuBefore = server.cpuMs()
    const create = await load({ url: server.base, connections: CONNECTIONS, duration: SECONDS, requests: [createBooking] })
    const cpuAfter = server.cpuMs()
    // Server CPU per create, all its threads (the WAL checkpoint worker included): what a create costs, whatever the load generator does.
    const cpuPerCreate = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / create.requests.total : null
    const refusedCpuBefore = server.cpuMs()
    const refused = await load({ url: server.base, connections: CONNECTIONS, duration: SECONDS, requests: [refusedCreate] })
    const refusedCpuAfter = server.cpuMs()
    // The same per refusal: on a shared machine the CPU cost per request moves less than requests/s do.
    const cpuPerRefused =
      refusedCpuBefore !== null && refusedCpuAfter !== null ? ((refusedCpuAfter - refusedCpuBefore) * 1000) / refused.requests.total : null
    const trivial = await load({ url: `${server.base}/healthz`, connections: CONNECTIONS, duration: SECONDS })
    const check = createSqliteStore(path.join(dataDir, 'bianmin.sqlite'), { seed: false, sealer: PII })
    const rows = (check.db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number }).n
    check.close()
    return { create, refused, trivial, rows, cpuPerCreate, cpuPerRefused }
  } finally {
    await server.stop()
  }
}

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

async function main() {
  // The load average says how much else was running: on a shared 2-core machine it moves the HTTP figures a lot.
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(
    `便民服务中心 benchmark — node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${load}, ${SECONDS} s per load, ${CONNECTIONS} connections\n`,
  )

  const { create, refused, trivial, rows, cpuPerCreate, cpuPerRefused } = await httpPhase()
  const ratio = create.requests.average / refused.requests.average
  console.log('HTTP (server in its own process, autocannon from this one, 127.0.0.1)')
  console.log(
    `  booking.create   ${fmt(create.requests.average)} req/s   p50 ${create.latency.p50} ms   p99 ${create.latency.p99} ms   non-2xx ${create.non2xx}, errors ${create.errors}, timeouts ${create.timeouts}`,
  )
  console.log(
    `                   mean ${fmt(create.latency.mean, 1)} ms   p90 ${create.latency.p90} ms   p99.9 ${create.latency.p99_9} ms   max ${create.latency.max} ms${cpuPerCreate === null ? '' : `   server CPU ${fmt(cpuPerCreate)} µs per create`}`,
  )
  console.log(
    `  refused create   ${fmt(refused.requests.average)} req/s   p50 ${refused.latency.p50} ms   p99 ${refused.latency.p99} ms   (the floor: same POST, no caller; ${fmt(refused.non2xx)} of ${fmt(refused.requests.total)} refused)${cpuPerRefused === null ? '' : `   server CPU ${fmt(cpuPerRefused)} µs each`}`,
  )
  console.log(
    `  GET /healthz     ${fmt(trivial.requests.average)} req/s   p50 ${trivial.latency.p50} ms   p99 ${trivial.latency.p99} ms   (reference)`,
  )
  console.log(
    `  ratio create / refused create = ${fmt(ratio, 2)}   (target ≥ 0.35)   p99 ${create.latency.p99} ms at ${CONNECTIONS} connections (target ≤ 25 ms)   [create / healthz = ${fmt(create.requests.average / trivial.requests.average, 2)}]`,
  )
  console.log(`  bookings stored: ${fmt(rows)} (every create a new person and request id)`)
  if (cpuPerCreate !== null && cpuPerRefused !== null)
    console.log(
      `  server CPU refused / create = ${fmt(cpuPerRefused / cpuPerCreate, 2)}   (the ratio a CPU-bound server would reach; it moves less with other load on the machine)`,
    )
  if (process.env.BENCH_AVAILABILITY === '0') return

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
  console.log(`  ratio big / small (median) = ${fmt(big.median / small.median, 2)}   (target ≤ 1.5)`)
}

// `npm run bench -- rush`, `-- requests` and `-- create-cpu` run those alone (bench/rush.ts, bench/requests.ts, bench/create-cpu.ts).
const only = process.argv[2]
const alone: Record<string, () => Promise<void>> = {
  rush: () => import('./rush').then((m) => m.rush()),
  requests: () => import('./requests').then((m) => m.requests()),
  'create-cpu': () => import('./create-cpu').then((m) => m.createCpu()),
}
;(only && alone[only] ? alone[only]() : main())
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
  })
