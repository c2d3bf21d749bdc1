/**
 * The opening-rush phase of `npm run bench` (`npm run bench -- rush` alone; issue 21, point 4), a benchmark, not a test. 10 000 booking attempts
 * arriving evenly over 60 s for 200 seats in 20 slots (10 each), every attempt a new resident:
 *  1. on the CloudBase path: the adapter on the real wx-server-sdk, answered in process by the double with 20 ms
 *     before every answer, the conflicts its optimistic transactions produce, and one attempt in 50 meeting an extra
 *     write conflict shaped as the real service sends it (errCode -501001 without `.code`);
 *  2. on the local path: the same load over HTTP on two server processes sharing one SQLite file.
 * Each prints bookings stored (must be 200), refusals by code (must all be SLOT_FULL), answer time p50/p99 and, for
 * CloudBase, the conflicts (retries) per attempt as a distribution.
 * Options (env): RUSH_ATTEMPTS (10000), RUSH_SECONDS (60), RUSH_LATENCY_MS (20), RUSH_PATHS (`cloudbase,sqlite`).
 */
import { performance } from 'node:perf_hooks'
import { quantile, rushOnCloudbase, rushOnSqlite, type RushOptions, type RushResult } from '../test/support/opening-rush'
import { fmt, type Target } from './report'

const options: RushOptions = {
  attempts: Number(process.env.RUSH_ATTEMPTS ?? 10_000),
  spreadMs: Number(process.env.RUSH_SECONDS ?? 60) * 1000,
  slots: 20,
  seatsPerSlot: 10,
  latencyMs: Number(process.env.RUSH_LATENCY_MS ?? 20),
  injectEvery: 50,
}
const paths = (process.env.RUSH_PATHS ?? 'cloudbase,sqlite').split(',')

/** Prints one path's rush; answers point 4's target for it: exactly the seats booked, every refusal SLOT_FULL. */
function report(name: string, r: RushResult, seconds: number): Target {
  const seats = options.slots * options.seatsPerSlot
  const codes = new Map<string, number>()
  for (const a of r.attempts) if (!a.ok) codes.set(a.code ?? '?', (codes.get(a.code ?? '?') ?? 0) + 1)
  const ms = (list: typeof r.attempts) => list.map((a) => a.ms).sort((x, y) => x - y)
  const booked = r.attempts.filter((a) => a.ok)
  const refused = r.attempts.filter((a) => !a.ok)
  console.log(
    `\n${name}  (${fmt(r.attempts.length)} attempts over ${fmt(options.spreadMs / 1000)} s, ${seats} seats in ${options.slots} slots; took ${fmt(seconds, 1)} s)`,
  )
  console.log(
    `  bookings stored ${r.stored} (answered ok ${booked.length}; slot counters ${r.booked.join(' ')})   ${r.stored === seats ? 'exactly the seats' : 'NOT the seats'}`,
  )
  console.log(
    `  refusals ${[...codes].map(([c, n]) => `${c} ${fmt(n)}`).join(', ') || 'none'}   ${[...codes.keys()].every((c) => c === 'SLOT_FULL') ? 'every one SLOT_FULL' : 'NOT all SLOT_FULL'}`,
  )
  for (const [label, list] of [
    ['all', r.attempts],
    ['booked', booked],
    ['refused', refused],
  ] as const) {
    const sorted = ms(list)
    if (sorted.length)
      console.log(
        `  answer time (${label}): p50 ${fmt(quantile(sorted, 0.5))} ms   p99 ${fmt(quantile(sorted, 0.99))} ms   max ${fmt(sorted[sorted.length - 1])} ms`,
      )
  }
  if (!name.startsWith('CloudBase')) {
    const again = r.attempts.filter((a) => a.conflicts > 0).length
    console.log(`  attempts sent again after a connection closed without an answer: ${fmt(again)} (same request id)`)
  } else {
    const dist = (list: typeof r.attempts) => {
      const byCount = new Map<number, number>()
      for (const a of list) byCount.set(a.conflicts, (byCount.get(a.conflicts) ?? 0) + 1)
      return [...byCount]
        .sort((x, y) => x[0] - y[0])
        .map(([k, n]) => `${k}: ${fmt(n)}`)
        .join('   ')
    }
    console.log(`  retries (conflicts met) per booking    ${dist(booked)}`)
    console.log(`  retries (conflicts met) per refusal    ${dist(refused)}`)
    const c = r.attempts.map((a) => a.conflicts).sort((x, y) => x - y)
    console.log(
      `  retries per attempt p50 ${quantile(c, 0.5)}   p99 ${quantile(c, 0.99)}   max ${c[c.length - 1]}   (${r.injected} injected write conflicts)`,
    )
  }
  const all = ms(r.attempts)
  return {
    point: '4',
    measure: `opening rush, ${name.split(' (')[0]}`,
    value: `${r.stored} bookings of ${seats} seats (answered ok ${booked.length}); refusals ${[...codes].map(([c, n]) => `${c} ${fmt(n)}`).join(', ') || 'none'}; answer p50 ${fmt(quantile(all, 0.5))} / p99 ${fmt(quantile(all, 0.99))} ms`,
    target: 'exactly the seats, every refusal SLOT_FULL',
    met: r.stored === seats && booked.length === seats && [...codes.keys()].every((c) => c === 'SLOT_FULL'),
  }
}

export async function rushPhase(): Promise<Target[]> {
  const targets: Target[] = []
  if (paths.includes('cloudbase')) {
    const t = performance.now()
    const r = await rushOnCloudbase(options)
    targets.push(report(`CloudBase path (the double, ${options.latencyMs} ms per request)`, r, (performance.now() - t) / 1000))
  }
  if (paths.includes('sqlite')) {
    const t = performance.now()
    const r = await rushOnSqlite(options)
    targets.push(report('SQLite path (two server processes on one file, HTTP)', r, (performance.now() - t) / 1000))
  }
  return targets
}
