/**
 * Database requests per action on the CloudBase path (issue 21, point 2): each action runs once through the real
 * dispatcher on the CloudBase adapter over the real wx-server-sdk, answered by the double, and the double counts the
 * requests the SDK sent for it. `test/store/request-budget.test.ts` holds the counts to a budget;
 * `npm run bench -- requests` prints them as the table of docs/benchmarks.md.
 *
 * Each action is measured as a resident (or the staff member it is for) meets it on an ordinary working morning,
 * on the usual path: a first booking of a new resident in a slot others booked before, a booking of their own, a board
 * that exists; in a warm instance of its function (and, for the table, in a cold one).
 */
import type { FunctionName } from '@/contract'
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import type { Store } from '@cloud/store/port'
import { dispatch } from '@cloud/runtime/dispatch'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createInput, TEST_PII, WORKDAY_MORNING } from './booking-harness'
import { createCloudbaseDouble, type CloudbaseDouble, type RequestCounts } from './cloudbase-double'

export interface MeasuredAction {
  /** `function.action`, with the path in brackets when it is not the only one measured. */
  label: string
  /** In a warm instance of the function: what most calls cost. */
  counts: RequestCounts
  /** Requests in all, warm: what a call costs in round trips to the database. */
  requests: number
  /** Requests in all in a cold instance (its first call: nothing of the configuration remembered yet). */
  cold: number
  ok: boolean
}

const CLERK = 'dev-clerk-liu'
const CENTER = 'lsw'
const SERVICE = 'lsw-medical-remote'
// Today (26 Nov 2026, 09:00 Beijing) at 10:00: the booking 今天的预约 shows, and the queue can check it in.
const TODAY = { date: '2026-11-26', start: '10:00' }

type Measured = Omit<MeasuredAction, 'cold'>

/**
 * Runs the measured actions once each, as `resident`, on the same double, each on `storeOf(fn)`. Each run is a new
 * resident with new ID numbers and request ids (`n` apart), so a later pass meets the same slots, not the same records.
 */
async function measurePass(
  double: CloudbaseDouble,
  storeOf: (fn: FunctionName) => Store,
  resident: string,
  n: number,
): Promise<Measured[]> {
  const ctx = (fn: FunctionName, openid: string | null): ActionContext => ({
    openid,
    store: storeOf(fn),
    now: () => WORKDAY_MORNING,
    requestId: 'count',
    pii: TEST_PII,
    settings: DEFAULT_SETTINGS,
  })
  const measured: Measured[] = []
  const run = async (fn: FunctionName, data: Record<string, unknown>, openid: string | null = resident, path = '') => {
    const label = `${fn}.${String(data.action)}${path ? ` (${path})` : ''}`
    double.requests.reset()
    const answer = await double.requests.during(label, () => dispatch(FUNCTIONS[fn] as never, data, ctx(fn, openid)))
    const counts = double.requests.perCall()[0].counts
    measured.push({ label, counts, requests: requestsIn(counts), ok: answer.ok })
    return answer
  }

  await run('center', { action: 'listCenters' }, null)
  await run('center', { action: 'getInfo', centerId: CENTER })
  await run('center', { action: 'me', centerId: CENTER })
  await run('center', { action: 'listServices', centerId: CENTER })
  await run('center', { action: 'getService', centerId: CENTER, serviceId: SERVICE })
  await run('center', { action: 'getAvailability', centerId: CENTER, serviceId: SERVICE })
  const created = await run(
    'booking',
    { action: 'create', ...createInput(n, { serviceId: SERVICE, ...TODAY }) },
    resident,
    'a new resident, the usual path',
  )
  const bookingId = created.ok ? (created.data as { id: string }).id : 'missing'
  await run(
    'booking',
    { action: 'create', ...createInput(n + 1, { serviceId: SERVICE, date: '2026-11-27', start: '09:00' }) },
    resident,
    'their second booking',
  )
  await run('center', { action: 'home', centerId: CENTER })
  await run('booking', { action: 'form', centerId: CENTER, serviceId: SERVICE })
  await run('booking', { action: 'listMine', centerId: CENTER })
  await run('booking', { action: 'get', centerId: CENTER, id: bookingId })
  await run('booking', { action: 'listMessages', centerId: CENTER })
  await run('queue', { action: 'today', centerId: CENTER })
  await run('queue', { action: 'checkInStatus', centerId: CENTER, bookingId })
  await run('queue', { action: 'myTickets', centerId: CENTER })
  await run('people', { action: 'me' })
  await run('homecert', { action: 'listMine', centerId: CENTER })
  await run('delegation', { action: 'listMine', centerId: CENTER })
  await run('queue', { action: 'display', centerId: CENTER }, CLERK, 'the hall board')
  await run('booking', { action: 'cancel', centerId: CENTER, id: bookingId })
  return measured
}

/**
 * Each action in a warm instance of its function and in a cold one, on one seeded double. Every cloud function is a
 * container of its own that remembers the configuration it read (cloud/store/cloudbase/config-cache.ts), so each
 * function gets its own store here. Cold: every action on a new store (a container's first call). Warm: a first pass
 * of every action warms one store per function, as the day's earlier traffic does, and a second pass is measured.
 */
export async function measureRequestsPerAction(): Promise<MeasuredAction[]> {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  const fresh = () => createCloudbaseStore(double.db, TEST_PII)
  const cold = await measurePass(double, fresh, 'resident-cold', 1)
  const instances = new Map<FunctionName, Store>()
  const instanceOf = (fn: FunctionName) => instances.get(fn) ?? instances.set(fn, fresh()).get(fn)!
  await measurePass(double, instanceOf, 'resident-warming', 3)
  const warm = await measurePass(double, instanceOf, 'resident-warm', 5)
  return warm.map((m, i) => ({ ...m, ok: m.ok && cold[i].ok, cold: cold[i].requests }))
}

/** Requests in all of a call's counts (conflicts are answers to requests already counted). */
export const requestsIn = (c: RequestCounts) => c.reads + c.writes + c.starts + c.commits + c.aborts

/** The counts as the markdown table of docs/benchmarks.md. */
export function requestTable(measured: MeasuredAction[]): string {
  const rows = measured.map(
    (m) =>
      `| ${m.label} | ${m.counts.reads} | ${m.counts.writes} | ${m.counts.starts}/${m.counts.commits}/${m.counts.aborts} | **${m.requests}** | ${m.cold} |`,
  )
  return [
    '| action | reads | writes | transactions (start/commit/abort) | requests (warm) | cold instance |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}
