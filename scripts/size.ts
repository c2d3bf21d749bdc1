/**
 * `npm run size`: sizes of the weapp build's main package and each subpackage,
 * as WeChat counts them (every file under the package's root), against the
 * 2 MB per-package limit, then the cloud function bundles against their 150 KB limit. Run after
 * `npm run build:weapp` (and `npm run build:cloud`). Exits 1 over a limit or without the weapp build.
 * (test/weapp/weapp-runtime.test.ts checks the same on a fresh build.)
 */
import path from 'node:path'
import { PACKAGE_LIMIT_BYTES, packageSizes } from './package-sizes'
import { builtCloudSizes, cloudSizeReport } from './build-cloud'

let sizes: Map<string, number> | null = null
try {
  sizes = packageSizes(path.resolve(__dirname, '../dist/weapp'))
} catch (e) {
  // Not built: say so, and still report the cloud bundles below when they are.
  console.error((e as Error).message)
}
let over = sizes === null
let total = 0
for (const [name, bytes] of sizes ?? []) {
  total += bytes
  const ok = bytes <= PACKAGE_LIMIT_BYTES
  over ||= !ok
  console.log(
    `${name.padEnd(12)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${ok ? 'OK' : 'OVER'} (limit ${PACKAGE_LIMIT_BYTES / 1024} KB)`,
  )
}
if (sizes) console.log(`${'total'.padEnd(12)} ${(total / 1024).toFixed(1).padStart(8)} KB`)
// The cloud function bundles (npm run build:cloud), when built.
const cloud = builtCloudSizes()
if (cloud) {
  const report = cloudSizeReport(cloud)
  for (const line of report.lines) console.log(line)
  over ||= report.over
} else console.log('cloudfunctions/ not built: `npm run build:cloud` adds the cloud function bundles to this report')
process.exit(over ? 1 : 0)
