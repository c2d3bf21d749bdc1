/**
 * `npm run bench` — a benchmark, not a test. One run prints every figure of issue 21 and a summary against its targets:
 *  1. HTTP (bench/http.ts): booking.create through the local server against its floor, the same POST refused at once,
 *     on the same server in the same run: the ratio, p50/p99 at 50 connections, server CPU per request (point 5);
 *  2. availability (bench/availability.ts): center.getAvailability with 1k vs 1M past bookings;
 *  3. requests (bench/requests.ts): database requests per action on the CloudBase path (point 2);
 *  4. bundles (bench/bundles.ts): every cloud function's size and load time in a new container (point 3);
 *  5. rush (bench/rush.ts): the opening rush on the CloudBase path and on SQLite through two processes (point 4).
 * Point 1 (one call per first screen) is counted in a browser, by the e2e test test/e2e/call-counts.ts.
 * All traffic goes to 127.0.0.1; every phase is bounded in time (≈ 5 min in all).
 * `npm run bench -- <phase> [<phase> …]` runs those phases alone (http, availability, requests, bundles, rush);
 * `npm run bench -- create-cpu`: the CPU of one create in process, without HTTP (bench/create-cpu.ts), a tool for
 * judging a change to the create path step by step. `BENCH_AVAILABILITY=0` is `-- http` (the older spelling).
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_BIG (default 1000000),
 * BENCH_LOG_LEVEL (the server's LOG_LEVEL, default error: no line a request), BENCH_WAITLIST=N (N residents in 候补
 * lines of the benchmarked service before the run), BENCH_SERVER_NODE_ARGS (extra node flags for the server process,
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`); the rush's own in bench/rush.ts.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { availabilityPhase } from './availability'
import { bundlesPhase } from './bundles'
import { CONNECTIONS, httpPhase, SECONDS } from './http'
import { fmt, removeTempDirs, targetLines, type Target } from './report'
import { requestsPhase } from './requests'
import { rushPhase } from './rush'

const PHASES: Record<string, () => Promise<Target[]>> = {
  http: httpPhase,
  availability: availabilityPhase,
  requests: requestsPhase,
  bundles: bundlesPhase,
  rush: rushPhase,
}

/** The load average: how much else was running (on a shared 2-core machine it moves the HTTP figures a lot). */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

async function main(names: string[]) {
  const unknown = names.filter((n) => !PHASES[n])
  if (unknown.length) throw new Error(`bench: no phase ${unknown.join(', ')} (phases: ${Object.keys(PHASES).join(', ')}, create-cpu)`)
  console.log(
    `便民服务中心 benchmark — node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${loadAverage()}, ${SECONDS} s per load, ${CONNECTIONS} connections\n`,
  )
  const t0 = performance.now()
  const targets: Target[] = []
  for (const name of names) targets.push(...(await PHASES[name]()))
  console.log(
    `\nAgainst the targets (${names.join(', ')}; ${fmt((performance.now() - t0) / 1000)} s; load average at the end ${loadAverage()})`,
  )
  for (const line of targetLines(targets)) console.log(line)
}

const args = process.argv.slice(2)
const run =
  args[0] === 'create-cpu'
    ? import('./create-cpu').then((m) => m.createCpu())
    : main(args.length ? args : process.env.BENCH_AVAILABILITY === '0' ? ['http'] : Object.keys(PHASES))
run
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(removeTempDirs)
