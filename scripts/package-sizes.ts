import fs from 'node:fs'
import path from 'node:path'

/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

/**
 * Bytes per package of a weapp build, as WeChat counts them: every file under
 * a subpackage's root belongs to it, everything else to `main`. Throws when the
 * build has no app.json.
 *
 * @example packageSizes('dist/weapp') // Map { 'main' => 362_000, 'staff' => 2_100 }
 */
export function packageSizes(root: string): Map<string, number> {
  const appJson = path.join(root, 'app.json')
  if (!fs.existsSync(appJson)) throw new Error(`${appJson} not found: run \`npm run build:weapp\` first.`)
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sizes = new Map<string, number>([['main', 0], ...subRoots.map((r): [string, number] => [r, 0])])
  for (const file of filesUnder(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + fs.statSync(file).size)
  }
  return sizes
}
