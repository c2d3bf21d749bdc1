/**
 * `npm run build:cloud`: bundles every cloud function, with the shared code it
 * imports (contract, core rules, runtime, the CloudBase store adapter), into
 * `cloudfunctions/<name>/` — the folder project.config.json names as
 * cloudfunctionRoot — ready to upload from WeChat DevTools or the CloudBase CLI:
 *
 *   index.js      one CommonJS file exporting `main(event, context)`
 *   package.json  wx-server-sdk as the only runtime dependency (installed in the cloud)
 *   config.json   what DevTools reads: cloud-call permissions and the timer trigger
 *
 * plus `cloudfunctions/cloudbaserc.json` for the CloudBase CLI (timeouts, memory,
 * runtime, triggers; environment variables are never written: they hold the keys).
 * Prints each bundle's size. Exits 1 if a bundle would pull in a local-only
 * module (SQLite, the HTTP server) or grows past the cold-start limit (150 KB).
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { CLOUD_FUNCTIONS, cloudbaseRc, functionConfig, functionPackage, type CloudFunctionSpec } from '../cloud/entry/deploy-config'
import { beijingDate } from '@/core/beijing-time'
import { calendarTables } from './cloud-tables'
import { WAITLIST_COLLECTIONS } from '../cloud/store/cloudbase/waitlist-line'
import { CLAIM_EXPIRES_MS, CLAIM_WAIT_ROUNDS } from '../cloud/store/cloudbase/booking-code-claim'
import { FUNCTIONS } from '../cloud/functions'
import { AREA_REPOS } from '../cloud/runtime/store-use'

const ROOT = path.resolve(__dirname, '..')
export const CLOUD_OUT = path.join(ROOT, 'cloudfunctions')
/**
 * A function's bundle is its cold start (issue 21): at most 150 KB minified. What keeps it there: the lunar
 * dates and the holiday package as build-time tables (scripts/cloud-tables.ts), each function validating with
 * its own area's schemas only, only the area repos it uses (`withoutUnusedRepos`), zod's tree-shakable `zod/mini` API
 * without a locale, full minification.
 */
export const BUNDLE_BUDGET_BYTES = 150 * 1024

/** Modules that must never reach a cloud function (native SQLite, the local HTTP host). */
const LOCAL_ONLY = /^(better-sqlite3|fastify|@fastify\/.*)$|\/cloud\/(server|store\/sqlite)\//

const refuseLocalOnly: Plugin = {
  name: 'refuse-local-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const target = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path) : args.path
      if (LOCAL_ONLY.test(target))
        return {
          errors: [
            {
              text: `${args.path} is local-only and must not be bundled into a cloud function (imported by ${path.relative(ROOT, args.importer)})`,
            },
          ],
        }
      return undefined
    })
  },
}

/**
 * zod's `z.locales` re-exports all 60-odd locales (~300 KB). No function loads one today (dispatch's
 * customError words every issue); should `z.locales` come back, only zh-CN and en go into the bundle.
 */
const zodLocales: Plugin = {
  name: 'zod-two-locales',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.resolve(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as zhCN } from ${JSON.stringify(path.join(path.dirname(args.path), 'zh-CN.js'))}\nexport { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))}\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }))
  },
}

/** The entry of one function: its action table through the CloudBase host, or the jobs runner. */
/**
 * The functions that act on 候补 lines (the booking function's actions and cancels, config's raised capacity, the
 * jobs' expiry sweep, stats' daily counts). Every other function gets the CloudBase waitlist repo and its seat
 * hand-off (cloud/store/cloudbase/waitlist-*.ts, ~8 KB minified) as parts that refuse, so delegation and homecert
 * stay under the 150 KB cold-start limit: none of them cancels or moves a booking or touches a line. A function
 * not listed here that starts to fails its first such call loudly, in every test of the bundles.
 */
const WAITLIST_FUNCTIONS = new Set(['booking', 'config', 'jobs', 'stats'])
const refusing = (what: string) => `() => Promise.reject(new Error('候补 (${what}) is not in this function'))`
/** Only the people function counts failed attempts (cloud/functions/people/attempts.ts): the others get refusing stubs. */
const withoutPeopleAttempts: Plugin = {
  name: 'without-people-attempts',
  setup(b) {
    b.onResolve({ filter: /\/people-attempts$/ }, () => ({ path: 'people-attempts', namespace: 'without-people-attempts' }))
    b.onLoad({ filter: /^people-attempts$/, namespace: 'without-people-attempts' }, () => ({
      contents:
        "const no = () => Promise.reject(Error('people only'))\nexport const cloudbasePeopleAttempts = () => ({ failuresSince: no, recordFailure: no })",
      loader: 'js',
    }))
  },
}

const withoutWaitlist: Plugin = {
  name: 'without-waitlist',
  setup(b) {
    b.onResolve({ filter: /\/waitlist-(repo|line)$/ }, (args) => ({ path: args.path.slice(2), namespace: 'without-waitlist' }))
    b.onLoad({ filter: /^waitlist-repo$/, namespace: 'without-waitlist' }, () => ({
      contents: `export const cloudbaseWaitlistRepo = () => new Proxy({}, { get: () => ${refusing('waitlist')} })`,
      loader: 'js',
    }))
    b.onLoad({ filter: /^waitlist-line$/, namespace: 'without-waitlist' }, () => ({
      contents: [
        `export const WAITLIST_COLLECTIONS = ${JSON.stringify(WAITLIST_COLLECTIONS)}`,
        `export const pump = ${refusing('pump')}`,
        `export const toOffering = ${refusing('toOffering')}`,
      ].join('\n'),
      loader: 'js',
    }))
  },
}

/**
 * Only the booking function creates, moves or accepts bookings (booking.create, reschedule, 候补 accept): every other
 * function gets the holder records and the code claims of a create (cloud/store/cloudbase/booking-holder.ts,
 * booking-code-claim.ts, ~3 KB minified) as parts that refuse, as for 候补 above, so delegation, homecert and config stay
 * under the 150 KB limit. The constants they share keep their values.
 */
const withoutBookingWrites: Plugin = {
  name: 'without-booking-writes',
  setup(b) {
    b.onResolve({ filter: /\/booking-(holder|code-claim)$/ }, (args) => ({ path: args.path.slice(2), namespace: 'without-booking-writes' }))
    const no =
      "const no = () => { throw Error('booking writes are only in the booking function') }\nconst refuses = () => new Proxy({}, { get: () => no })"
    b.onLoad({ filter: /^booking-holder$/, namespace: 'without-booking-writes' }, () => ({
      contents: `${no}\nexport const bookingHolders = refuses\nexport { no as carried, no as limitRefusal, no as nextVersion, no as pendingWrite, no as stands }`,
      loader: 'js',
    }))
    b.onLoad({ filter: /^booking-code-claim$/, namespace: 'without-booking-writes' }, () => ({
      contents: [
        no,
        `export const CLAIM_EXPIRES_MS = ${CLAIM_EXPIRES_MS}`,
        `export const CLAIM_WAIT_ROUNDS = ${CLAIM_WAIT_ROUNDS}`,
        'export const bookingCodeClaims = refuses',
        'export { no as pause, no as requestCode }',
      ].join('\n'),
      loader: 'js',
    }))
  },
}

const STORE_FILE = path.join(ROOT, 'cloud/store/cloudbase/cloudbase-store.ts')

/**
 * Each area repo of the CloudBase store by its key (`bookings`) → the factory the store calls and the module it is
 * imported from, read from cloudbase-store.ts itself so the two cannot disagree (a repo not found stops the build).
 */
function areaRepoModules(): Map<string, { factory: string; module: string }> {
  const source = fs.readFileSync(STORE_FILE, 'utf8')
  const moduleOf = new Map([...source.matchAll(/import \{ (cloudbase\w+Repo) \} from '\.\/([\w-]+)'/g)].map((m) => [m[1], m[2]]))
  const factoryOf = new Map([...source.matchAll(/^\s+(\w+): (cloudbase\w+Repo)\(/gm)].map((m) => [m[1], m[2]]))
  return new Map(
    AREA_REPOS.map((key) => {
      const factory = factoryOf.get(key)
      const module = factory && moduleOf.get(factory)
      if (!factory || !module) throw new Error(`build:cloud: cloudbase-store.ts builds no ${key} repo from its own module`)
      return [key, { factory, module }]
    }),
  )
}

/**
 * A function's bundle leaves out the area repos it does not use (its `uses`, cloud/runtime/store-use.ts): the store
 * gets a refusing one in their place, as dispatch gives every call locally, so a missing declaration fails in the
 * tests before it could in the cloud. Only cloudbase-store.ts's import is replaced; a constant another module imports
 * from the same file keeps its value. The jobs function uses them all.
 */
function withoutUnusedRepos(spec: CloudFunctionSpec): Plugin[] {
  if (spec.kind === 'jobs') return []
  const uses: readonly string[] = FUNCTIONS[spec.name].uses
  const unused = [...areaRepoModules()].filter(([key]) => !uses.includes(key))
  const byModule = new Map(unused.map(([key, r]) => [`./${r.module}`, { key, factory: r.factory }]))
  return [
    {
      name: 'without-unused-repos',
      setup(b) {
        b.onResolve({ filter: /^\.\/[\w-]+-repo$/ }, (args) =>
          args.importer === STORE_FILE && byModule.has(args.path) ? { path: args.path, namespace: 'without-unused-repos' } : undefined,
        )
        b.onLoad({ filter: /.*/, namespace: 'without-unused-repos' }, (args) => {
          const { key, factory } = byModule.get(args.path)!
          return {
            contents: `import { refusingRepo } from ${JSON.stringify(path.join(ROOT, 'cloud/runtime/store-use.ts'))}\nexport const ${factory} = () => refusingRepo(${JSON.stringify(key)}, ${JSON.stringify(spec.name)})\n`,
            resolveDir: ROOT,
            loader: 'ts',
          }
        })
      },
    },
  ]
}

function entrySource(spec: CloudFunctionSpec): string {
  const rel = (p: string) => JSON.stringify(`./${p}`)
  if (spec.kind === 'jobs')
    return `import { cloudbaseJobsMain } from ${rel('cloud/entry/cloudbase-jobs')}\nexport const main = cloudbaseJobsMain()\n`
  const head = `import { ${spec.name} as fn } from ${rel(`cloud/functions/${spec.name}`)}\nimport { cloudbaseMain } from ${rel('cloud/entry/cloudbase-main')}\n`
  // Only people verifies identities: the WeChat face verifier goes into its bundle alone (cloudbase-host.ts).
  if (spec.name === 'people')
    return `${head}import { cloudbaseHost } from ${rel('cloud/entry/cloudbase-host')}\nimport { wechatFaceVerifier } from ${rel('cloud/entry/face-verifier')}\nexport const main = cloudbaseMain(fn, () => cloudbaseHost(wechatFaceVerifier))\n`
  return `${head}export const main = cloudbaseMain(fn)\n`
}

export interface BuiltFunction {
  name: string
  bytes: number
  gzipBytes: number
  /** The source files in the bundle, relative to the repository (from esbuild's metafile; a fresh build only). */
  sources?: string[]
}

/**
 * Builds every function into `outDir`; returns the sizes. `buildYear` centres the
 * span of the lunar table (scripts/cloud-tables.ts): this year in Beijing.
 */
export async function buildCloud(outDir = CLOUD_OUT, buildYear = Number(beijingDate().slice(0, 4))): Promise<BuiltFunction[]> {
  fs.mkdirSync(outDir, { recursive: true })
  const built: BuiltFunction[] = []
  for (const spec of CLOUD_FUNCTIONS) {
    const dir = path.join(outDir, spec.name)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    const result = await build({
      stdin: { contents: entrySource(spec), resolveDir: ROOT, sourcefile: `${spec.name}.entry.ts`, loader: 'ts' },
      bundle: true,
      platform: 'node',
      // CloudBase's Node.js 16.13 runtime is the oldest we deploy to (18.15 recommended).
      target: 'node16',
      format: 'cjs',
      outfile: path.join(dir, 'index.js'),
      external: ['wx-server-sdk'],
      plugins: [
        refuseLocalOnly,
        zodLocales,
        calendarTables(buildYear),
        ...(WAITLIST_FUNCTIONS.has(spec.name) ? [] : [withoutWaitlist]),
        ...(spec.name === 'people' ? [] : [withoutPeopleAttempts]),
        ...(spec.name === 'booking' ? [] : [withoutBookingWrites]),
        ...withoutUnusedRepos(spec),
      ],
      // Fully minified: keeping function names (keepNames) costs ~7 KB a bundle and put delegation and
      // homecert over the 150 KB cold-start limit. Our errors reach the logs by code and message, not by name.
      minify: true,
      // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): ~7 KB less a bundle. The runtimes
      // read sources as UTF-8; the bundle test runs every bundle under Node 16.13 and 18.15.
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      metafile: true,
      tsconfig: path.join(ROOT, 'tsconfig.json'),
    })
    if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'))
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(functionPackage(spec), null, 2)}\n`)
    fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(functionConfig(spec), null, 2)}\n`)
    const code = fs.readFileSync(path.join(dir, 'index.js'))
    const sources = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs))
    built.push({ name: spec.name, bytes: code.length, gzipBytes: gzipSync(code).length, sources })
  }
  fs.writeFileSync(path.join(outDir, 'cloudbaserc.json'), `${JSON.stringify(cloudbaseRc(), null, 2)}\n`)
  return built
}

/** Sizes of bundles already built into `dir` (for `npm run size`); null when build:cloud has not run. */
export function builtCloudSizes(dir = CLOUD_OUT): BuiltFunction[] | null {
  const built: BuiltFunction[] = []
  for (const spec of CLOUD_FUNCTIONS) {
    const file = path.join(dir, spec.name, 'index.js')
    if (!fs.existsSync(file)) return null
    const code = fs.readFileSync(file)
    built.push({ name: spec.name, bytes: code.length, gzipBytes: gzipSync(code).length })
  }
  return built
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`

/** The size lines `npm run build:cloud` and `npm run size` print. */
export function cloudSizeReport(built: BuiltFunction[]): { lines: string[]; over: boolean } {
  const lines = built.map(
    (f) =>
      `${`cloudfunctions/${f.name}`.padEnd(28)} ${kb(f.bytes)} (gzip ${kb(f.gzipBytes).trim()})  ${f.bytes <= BUNDLE_BUDGET_BYTES ? 'OK' : 'OVER'}`,
  )
  const total = built.reduce((s, f) => s + f.bytes, 0)
  lines.push(
    `${'cloud functions total'.padEnd(28)} ${kb(total)}  (limit ${BUNDLE_BUDGET_BYTES / 1024} KB each, for fast cold starts; the platform allows 500 MB per function)`,
  )
  return { lines, over: built.some((f) => f.bytes > BUNDLE_BUDGET_BYTES) }
}

if (require.main === module) {
  buildCloud()
    .then((built) => {
      const { lines, over } = cloudSizeReport(built)
      for (const line of lines) console.log(line)
      console.log(
        `\n已生成 ${built.length} 个云函数到 ${path.relative(process.cwd(), CLOUD_OUT) || CLOUD_OUT}/（上传方法见 docs/deploy-cloudbase.md）`,
      )
      process.exit(over ? 1 : 0)
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    })
}
