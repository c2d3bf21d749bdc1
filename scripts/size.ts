/**
 * `npm run size`: sizes of the weapp build's main package and each subpackage,
 * as WeChat counts them (every file under the package's root), against the
 * 2 MB per-package limit. Run after `npm run build:weapp`. Exits 1 over the limit.
 */
import fs from 'node:fs'
import path from 'node:path'

const LIMIT = 2 * 1024 * 1024
const root = path.resolve(__dirname, '../dist/weapp')

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

if (!fs.existsSync(path.join(root, 'app.json'))) {
  console.error('dist/weapp/app.json not found: run `npm run build:weapp` first.')
  process.exit(1)
}
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
const sizes = new Map<string, number>([['main', 0], ...subRoots.map((r): [string, number] => [r, 0])])
for (const file of filesUnder(root)) {
  const rel = path.relative(root, file).split(path.sep).join('/')
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
  sizes.set(owner, (sizes.get(owner) ?? 0) + fs.statSync(file).size)
}
let over = false
let total = 0
for (const [name, bytes] of sizes) {
  total += bytes
  const ok = bytes <= LIMIT
  over ||= !ok
  console.log(`${name.padEnd(12)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${ok ? 'OK' : 'OVER'} (limit 2048 KB)`)
}
console.log(`${'total'.padEnd(12)} ${(total / 1024).toFixed(1).padStart(8)} KB`)
process.exit(over ? 1 : 0)
