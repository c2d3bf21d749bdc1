/**
 * The HTTP phase of `npm run bench` (`npm run bench -- http` alone; `BENCH_AVAILABILITY=0` does the same): booking.create
 * requests/s through the local HTTP server (a separate process, as `npm start` runs it) against its floor — the same
 * POST with the same body that the dispatcher refuses at once (no caller: UNAUTHENTICATED) — on the same server in the
 * same run, their ratio (issue 21's headline, point 5), p50/p99 latency at BENCH_CONNECTIONS, the server's CPU per
 * request, and GET /healthz as a reference line.
 */
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createPersonalData } from '../cloud/runtime/personal-data'
import { createSqliteStore } from '../cloud/store/sqlite/sqlite-store'
import { nthIdNumber } from '../test/support/id-numbers'
import { freePort } from '../test/support/server-process'
import { APP_NOW, BENCH_DATES as DATES, BENCH_SERVICE as SERVICE, BENCH_STARTS as STARTS, createBody } from './bench-load'
import { fmt, tempDir, type Target } from './report'

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const KEYS = { PII_ENC_KEY: Buffer.alloc(32, 11).toString('base64'), PII_HASH_KEY: Buffer.alloc(32, 12).toString('base64') }
/** The same keys, for the database the benchmark prepares and reads itself. */
const PII = createPersonalData({ encKey: Buffer.alloc(32, 11), hashKey: Buffer.alloc(32, 12) })

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

async function measureHttp() {
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

/** Runs the HTTP phase and prints it; answers point 5's two targets. */
export async function httpPhase(): Promise<Target[]> {
  const { create, refused, trivial, rows, cpuPerCreate, cpuPerRefused } = await measureHttp()
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
  // Met only when the CPU ratio agrees: with other load on the machine the floor's requests/s drop (the load
  // generator loses its core first) and the requests/s ratio reads high; the server's CPU per request moves less.
  const cpuRatio = cpuPerCreate !== null && cpuPerRefused !== null ? cpuPerRefused / cpuPerCreate : null
  const cpu = cpuRatio === null ? '' : ` (server CPU ${fmt(cpuPerRefused!)} / ${fmt(cpuPerCreate!)} µs = ${fmt(cpuRatio, 2)})`
  return [
    {
      point: '5',
      measure: 'booking.create / refused create (req/s)',
      value: `${fmt(ratio, 2)}: ${fmt(create.requests.average)} / ${fmt(refused.requests.average)} req/s${cpu}`,
      target: '≥ 0.35, and the CPU ratio too',
      met: ratio >= 0.35 && (cpuRatio === null || cpuRatio >= 0.35),
    },
    {
      point: '5',
      measure: `booking.create p99 at ${CONNECTIONS} connections`,
      value: `${create.latency.p99} ms (p50 ${create.latency.p50} ms; non-2xx ${create.non2xx})`,
      target: '≤ 25 ms, every create a booking',
      met: create.latency.p99 <= 25 && create.non2xx === 0 && create.errors === 0,
    },
  ]
}
