/**
 * The CloudBase phase of `npm run bench` (`npm run bench -- requests` alone): database requests per action on the
 * CloudBase path (issue 21, point 2), counted by the double under the real wx-server-sdk — the table of
 * docs/benchmarks.md. test/store/request-budget.test.ts holds the same counts to their budget in `npm test`.
 */
import { measureRequestsPerAction, requestTable, type MeasuredAction } from '../test/support/request-counts'
import type { Target } from './report'

/** Point 2's budgets: the action's label in the table, and the most requests it may make warm. */
const BUDGETS: { label: string; measure: string; most: number }[] = [
  { label: 'booking.create (a new resident, the usual path)', measure: 'CloudBase requests, booking.create (usual path)', most: 4 },
  { label: 'center.getAvailability', measure: 'CloudBase requests, center.getAvailability', most: 2 },
  { label: 'queue.display (the hall board)', measure: 'CloudBase requests, queue.display (the hall board)', most: 1 },
]

export async function requestsPhase(): Promise<Target[]> {
  console.log('\nCloudBase: database requests per action (the double under the real wx-server-sdk; warm instance, cold instance)')
  const measured = await measureRequestsPerAction()
  console.log(requestTable(measured))
  const failed = measured.filter((m) => !m.ok)
  if (failed.length) console.log(`  answered with an error: ${failed.map((m) => m.label).join(', ')}`)
  const byLabel = new Map<string, MeasuredAction>(measured.map((m) => [m.label, m]))
  return BUDGETS.map(({ label, measure, most }) => {
    const m = byLabel.get(label)
    if (!m) throw new Error(`bench: no measured action ${label}`)
    return { point: '2', measure, value: `${m.requests} (cold instance ${m.cold})`, target: `≤ ${most}`, met: m.ok && m.requests <= most }
  })
}
