/**
 * `npm test`: the whole suite, as CI runs it.
 * 1. the type check;
 * 2. the H5 build (the end-to-end tests drive it in Chromium through the real server);
 * 3. every jest project in the host's TZ (rules, backend, pages, weapp runtime, e2e);
 * 4. the backend and rule tests again under TZ=UTC and TZ=America/New_York, because
 *    Beijing-time rules must not depend on where the server runs;
 * then one closing line `N passed, N failed` (summed over the runs).
 * Extra arguments go to the first jest run (e.g. `npm test -- test/core`).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js')
const extra = process.argv.slice(2)
let passed = 0
let failed = 0
let ok = true

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${label}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function jest(label: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-jest-')), 'results.json')
  const good = run(label, process.execPath, [jestBin, '--json', `--outputFile=${out}`, ...args], env)
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; numFailedTestSuites: number }
    passed += r.numPassedTests
    failed += r.numFailedTests
    // A suite that fails to load has no failed tests of its own: count it, so it cannot pass silently.
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites
  } else if (!good) failed += 1
  ok &&= good
}

if (!run('type check (tsc --noEmit)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'])) {
  failed += 1
  ok = false
}
if (!run('H5 build (taro build --type h5)', process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'])) {
  failed += 1
  ok = false
}
jest(`jest, host TZ (${process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone})`, extra)
if (extra.length === 0) {
  for (const tz of ['UTC', 'America/New_York']) jest(`jest backend and rules, TZ=${tz}`, ['--selectProjects', 'node', 'test/core', 'test/cloud'], { TZ: tz })
}

console.log(`\n${passed} passed, ${failed} failed`)
process.exit(ok && failed === 0 ? 0 : 1)
