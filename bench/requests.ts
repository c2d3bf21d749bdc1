/**
 * `npm run bench -- requests` — database requests per action on the CloudBase path (issue 21, point 2), the table
 * of docs/benchmarks.md. test/store/request-budget.test.ts holds the same counts to their budget.
 */
import { measureRequestsPerAction, requestTable } from '../test/support/request-counts'

export async function requests() {
  console.log(requestTable(await measureRequestsPerAction()))
}
