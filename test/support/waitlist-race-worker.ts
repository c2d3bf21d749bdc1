/**
 * One side of the 候补 race (test/support/waitlist-race.ts) in its own process: opens the SQLite file named on
 * the command line and answers one JSON request a line on stdin (`{ id, op, args }`) with `{ id, result }` or
 * `{ id, error }` on stdout.
 */
import readline from 'node:readline'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from './test-keys'
import { storeSide, type RaceSide } from './waitlist-race'

const store = createSqliteStore(process.argv[2], { sealer: TEST_PII })
const side = storeSide(store, process.argv[3] ?? 'P')

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, op, args } = JSON.parse(line) as { id: number; op: keyof RaceSide; args: unknown[] }
  ;(side[op] as (...a: unknown[]) => Promise<unknown>)(...args).then(
    (result) => process.stdout.write(JSON.stringify({ id, result }) + '\n'),
    (err: Error) => process.stdout.write(JSON.stringify({ id, error: String(err?.stack ?? err) }) + '\n'),
  )
})
process.stdin.on('end', () => {
  store.close()
  process.exit(0)
})
process.stdout.write(JSON.stringify({ ready: true }) + '\n')
