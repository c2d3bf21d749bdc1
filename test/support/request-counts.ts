/**
 * Database requests per action on the CloudBase path (issue 21, point 2): each action runs once through the real
 * dispatcher on the CloudBase adapter over the real wx-server-sdk, answered by the double, and the double counts the
 * requests the SDK sent for it. `test/cloud/request-budget.test.ts` holds the counts to a budget;
 * `npm run bench -- requests` prints them as the table of docs/benchmarks.md.
 *
 * Each action is measured as a resident (or the staff member it is for) meets it on an ordinary working morning,
 * on the usual path: a first booking of a new resident, a booking of their own, a board that exists.
 */
import type { FunctionName } from '@/contract'
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createInput, TEST_PII, WORKDAY_MORNING } from './booking-harness'
import { createCloudbaseDouble, type RequestCounts } from './cloudbase-double'

export interface MeasuredAction {
  /** `function.action`, with the path in brackets when it is not the only one measured. */
  label: string
  counts: RequestCounts
  /** Requests in all: what a call costs in round trips to the database. */
  requests: number
  ok: boolean
}

const RESIDENT = 'resident-count'
const CLERK = 'dev-clerk-liu'
const CENTER = 'lsw'
const SERVICE = 'lsw-medical-remote'
// Today (26 Nov 2026, 09:00 Beijing) at 10:00: the booking 今天的预约 shows, and the queue can check it in.
const TODAY = { date: '2026-11-26', start: '10:00' }

/** Runs the measured actions in order on a fresh seeded double and answers each one's requests. */
export async function measureRequestsPerAction(): Promise<MeasuredAction[]> {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  const store = createCloudbaseStore(double.db, TEST_PII)
  const ctx = (openid: string | null): ActionContext => ({
    openid,
    store,
    now: () => WORKDAY_MORNING,
    requestId: 'count',
    pii: TEST_PII,
    settings: DEFAULT_SETTINGS,
  })
  const measured: MeasuredAction[] = []
  const run = async (fn: FunctionName, data: Record<string, unknown>, openid: string | null = RESIDENT, path = '') => {
    const label = `${fn}.${String(data.action)}${path ? ` (${path})` : ''}`
    double.requests.reset()
    const answer = await double.requests.during(label, () => dispatch(FUNCTIONS[fn] as never, data, ctx(openid)))
    const counts = double.requests.perCall()[0].counts
    const requests = requestsIn(counts)
    measured.push({ label, counts, requests, ok: answer.ok })
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
    { action: 'create', ...createInput(1, { serviceId: SERVICE, ...TODAY }) },
    RESIDENT,
    'a new resident, the usual path',
  )
  const bookingId = created.ok ? (created.data as { id: string }).id : 'missing'
  await run(
    'booking',
    { action: 'create', ...createInput(2, { serviceId: SERVICE, date: '2026-11-27', start: '09:00' }) },
    RESIDENT,
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

/** Requests in all of a call's counts (conflicts are answers to requests already counted). */
export const requestsIn = (c: RequestCounts) => c.reads + c.writes + c.starts + c.commits + c.aborts

/** The counts as the markdown table of docs/benchmarks.md. */
export function requestTable(measured: MeasuredAction[]): string {
  const rows = measured.map(
    (m) =>
      `| ${m.label} | ${m.counts.reads} | ${m.counts.writes} | ${m.counts.starts}/${m.counts.commits}/${m.counts.aborts} | **${m.requests}** |`,
  )
  return ['| action | reads | writes | transactions (start/commit/abort) | requests |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  )
}
