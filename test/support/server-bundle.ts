/**
 * The local server as the tests start it. `npm test` (scripts/test.ts) bundles cloud/server/main.ts once with esbuild
 * and names the bundle in TEST_SERVER_BUNDLE; each server process a test starts then loads one file instead of
 * compiling the TypeScript again through tsx (measured: 0.90 → 0.45 CPU s and ~1 s less wall per start, some fifty
 * starts a run). The same source, bundled as tsx compiles it (esbuild either way), with the packages it imports bundled
 * in too: resolving some sixty packages' files through node_modules was two fifths of a start (measured: 0.40 → 0.25
 * CPU s a start). better-sqlite3 stays in node_modules (a native addon, and the checkpoint worker loads it by path).
 * Without TEST_SERVER_BUNDLE (a file run alone) it is `node --import tsx cloud/server/main.ts`, as `npm run serve`.
 * test/server/main.test.ts starts its two servers on one file through tsx, as `npm start` does.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'esbuild'

const ROOT = path.resolve(__dirname, '../..')
const MAIN = path.join(ROOT, 'cloud/server/main.ts')

/** The environment variable that names the bundle. */
export const SERVER_BUNDLE_ENV = 'TEST_SERVER_BUNDLE'

/** node's arguments that start the local server: the bundle when there is one, else main.ts through tsx. */
export function serverArgs(): string[] {
  const bundle = process.env[SERVER_BUNDLE_ENV]
  return bundle && fs.existsSync(bundle) ? [bundle] : ['--import', 'tsx', MAIN]
}

/** Each module keeps its own folder as `__dirname` (the migrations are read from beside their module). */
const ownDirname: Plugin = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8')
      if (!source.includes('__dirname')) return undefined
      return { contents: source.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: 'ts' }
    })
  },
}

/** Packages left to node_modules: native code, which esbuild cannot bundle. */
const NATIVE = ['better-sqlite3']

/** Bundles cloud/server/main.ts into `outFile` (CommonJS; NATIVE is required from node_modules: `outFile` must lie inside the repository). */
export async function buildServerBundle(outFile: string): Promise<void> {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [MAIN],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: NATIVE,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    plugins: [ownDirname],
    logLevel: 'warning',
  })
}
