/**
 * `npm test`: the whole suite, as CI runs it (the goal is 4 minutes on a 2-core machine: README, Testing). The H5 build
 * and the backend tests start at once, the checks and the weapp build when the H5 build is done; each build's tests
 * when that build is done. The H5 build, then the browser tests, are the longest chain: the checks, the weapp build
 * and the backend tests run five steps nicer (lower priority) and fill the cores around it.
 *   type check    tsc --noEmit, then the CloudBase adapter's database types against wx-server-sdk's own
 *                 declarations (tsc -p tsconfig.cloudbase.json: cloud/store/cloudbase/sdk-conformance.ts)
 *   H5 build      taro build --type h5 (the browser tests drive it through the real server)
 *   weapp build   taro build --type weapp (test/weapp loads it on Taro's mini-program runtime)
 *   jest backend  the projects that need no build: `node`, its `@timezone` files again as
 *                 `node TZ=UTC` / `node TZ=America/New_York` (jest.config.js), `pages`
 *   jest browser  after the H5 build: `e2e` (the longest files first)
 *   jest weapp    after the weapp build: `weapp`
 * Before them, the local server is bundled once (test/support/server-bundle.ts) for the server processes tests start.
 *   format check  biome format . (Biome's formatter, Prettier's style: under a second, so it needs no cache)
 *   lint          eslint . (the import arrows, eslint.config.mjs)
 * The type check and lint keep caches in node_modules/.cache (eslint/, tsc/): a second run reads again only
 * what changed. Each stage's output is printed when it ends (a build's only if it fails), then a table of the
 * stages' wall and CPU times and, last, the line `N passed, N failed` that CI reads.
 * Extra arguments go to every jest run (e.g. `npm test -- test/core`).
 *
 * `npm run test:quick` (`--quick`): the type check, format check and lint beside the core, functions and
 * store tests (with their time-zone runs), for the edit loop.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildServerBundle, SERVER_BUNDLE_ENV } from '@test/support/server-bundle'
import { WEAPP_TEST_BUILD_ENV } from '@test/support/weapp-build'

const root = path.resolve(__dirname, '..')
const bin = (p: string) => path.join(root, 'node_modules', p)
const quick = process.argv.includes('--quick')
const extra = process.argv.slice(2).filter((a) => a !== '--quick')
/** As `npm run lint`: a second run reads only the files that changed (≈ 3 s instead of ≈ 15 s of CPU). */
const LINT_CACHE = ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '--cache-strategy', 'content']
/** And for the type check: tsc keeps what it knew of each file (measured: 22.5 s of CPU without, 7.8 s with, nothing changed). */
const TYPES_CACHE = (project: string) => ['--incremental', '--tsBuildInfoFile', `node_modules/.cache/tsc/${project}.tsbuildinfo`]
/** Workers per jest run. Two runs overlap, and the browser tests spend much of their time waiting on Chromium and the server. */
const WORKERS = '2'

interface Stage {
  name: string
  seconds: number
  /** CPU seconds (user + system) of the stage's process and of the processes it waited for; undefined off Linux. */
  cpu?: number
  ok: boolean
}
const stages: Stage[] = []
const started = Date.now()

/**
 * CPU seconds of the children this process has waited for (`cutime` + `cstime` of /proc/self/stat, which
 * include their own waited-for children: jest workers, servers, Chromium), or undefined where there is no
 * /proc. Wall times swing with the machine's load; CPU seconds compare runs on a busy machine.
 */
function childrenCpu(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 16 and 17 of proc(5), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return undefined
  }
}
let cpuSeen = childrenCpu()

/**
 * Runs one stage as a child process and records its wall time. Its output is kept and printed when
 * it ends (stages run side by side); with `onlyOnFailure` only when it fails.
 */
function stage(
  name: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onlyOnFailure?: boolean; background?: boolean } = {},
): Promise<boolean> {
  const t0 = Date.now()
  console.log(`▶ ${name}`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    // A background stage (and the workers it starts) gets the CPU the builds and the browser tests leave: five steps
    // nicer than this process (not nice 5 itself: under `nice -n 10 npm test` that would put it above the builds).
    if (options.background && child.pid) os.setPriority(child.pid, Math.min(19, os.getPriority() + 5))
    let output = ''
    let cpu: number | undefined
    child.stdout.on('data', (c) => (output += c))
    child.stderr.on('data', (c) => (output += c))
    // Read as soon as the child is reaped: what the counter gained since the last reading is this child's (stages end seconds apart).
    child.on('exit', () => {
      const now = childrenCpu()
      if (now !== undefined && cpuSeen !== undefined) cpu = now - cpuSeen
      cpuSeen = now
    })
    child.on('close', (code) => {
      const ok = code === 0
      const seconds = (Date.now() - t0) / 1000
      stages.push({ name, seconds, cpu, ok })
      if (output && (!ok || !options.onlyOnFailure)) console.log(`\n── ${name} ──\n${output.trimEnd()}\n`)
      console.log(`${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s)`)
      resolve(ok)
    })
  })
}

interface JestResults {
  numPassedTests: number
  numFailedTests: number
  numFailedTestSuites: number
  testResults: { name: string; startTime: number; endTime: number }[]
}

/** One jest run of some projects with `--json`: its results, or undefined when it wrote none (it could not start). */
async function jest(
  name: string,
  projects: string[],
  paths: string[],
  background = false,
  workers = WORKERS,
): Promise<JestResults | undefined> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-jest-')), 'results.json')
  // Paths given by hand may select nothing in one of the runs.
  const some = paths.length > 0 ? ['--passWithNoTests'] : []
  const ok = await stage(
    name,
    [
      bin('jest/bin/jest.js'),
      `--maxWorkers=${workers}`,
      '--json',
      `--outputFile=${out}`,
      ...some,
      '--selectProjects',
      ...projects,
      '--',
      ...paths,
    ],
    { background },
  )
  const results = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as JestResults) : undefined
  fs.rmSync(path.dirname(out), { recursive: true, force: true })
  // jest failed without a failed test or suite (e.g. a broken config): one failure, so it cannot pass silently.
  if (results && !ok && results.numFailedTests === 0 && results.numFailedTestSuites === 0) results.numFailedTestSuites = 1
  return results
}

/** The jest projects, as jest.config.js makes them on this host (the time-zone runs depend on its zone). */
function projects(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(root, 'jest.config.js')) as { projects: { displayName: string }[] }
  return config.projects.map((p) => p.displayName)
}

const taro = bin('@tarojs/cli/bin/taro')
const all = projects()
const backend = all.filter((p) => p === 'node' || p.startsWith('node TZ='))

/**
 * The local server bundled once for every server process the tests start (test/support/server-bundle.ts), named
 * in the environment the stages inherit. Should it fail, the tests start main.ts through tsx as before.
 */
async function bundleServer(): Promise<void> {
  const out = path.join(root, 'node_modules/.cache/test-server/main.cjs')
  try {
    await buildServerBundle(out)
    process.env[SERVER_BUNDLE_ENV] = out
  } catch (err) {
    console.log(`(server bundle failed, servers start through tsx: ${(err as Error).message})`)
  }
}

/**
 * A worktree whose node_modules is a hard-linked copy of another tree's shares its cache files with it (one inode):
 * the checks write their caches in place, and this run its server bundle, so two trees would overwrite each other's
 * (a bundle pointing into the other tree, a type check cache of the other sources). Each such file becomes a copy of
 * its own first.
 */
function ownCacheFiles(dir = path.join(root, 'node_modules/.cache')): void {
  if (!fs.existsSync(dir)) return
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) ownCacheFiles(file)
    else if (entry.isFile() && fs.statSync(file).nlink > 1) {
      fs.copyFileSync(file, `${file}.own`)
      fs.renameSync(`${file}.own`, file)
    }
  }
}

/** The type, format and lint checks (the CloudBase types after the type check): each stage's promise. */
function checks(): Promise<boolean>[] {
  const typeCheck = stage('type check (tsc --noEmit)', [bin('typescript/bin/tsc'), '--noEmit', '-p', '.', ...TYPES_CACHE('tsconfig')], {
    background: !quick,
  })
  // After the type check rather than beside it: a few seconds, and one process fewer on the cores.
  const sdkTypes = typeCheck.then(() =>
    stage(
      'CloudBase types (tsc -p tsconfig.cloudbase.json)',
      [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.cloudbase.json', ...TYPES_CACHE('tsconfig.cloudbase')],
      { background: !quick },
    ),
  )
  const format = stage('format check (biome format)', [bin('@biomejs/biome/bin/biome'), 'format', '--log-level=none', '.'], {
    background: !quick,
  })
  const lint = stage('lint (eslint)', [bin('eslint/bin/eslint.js'), ...LINT_CACHE, '.'], { background: !quick })
  return [typeCheck, sdkTypes, format, lint]
}

async function suite(): Promise<{ checks: boolean[]; runs: (JestResults | undefined)[] }> {
  ownCacheFiles()
  await bundleServer()
  if (quick) {
    const started = checks()
    const run = jest('jest: core, functions, store', backend, ['test/core', 'test/cloud/functions', 'test/store', ...extra])
    return { checks: await Promise.all(started), runs: [await run] }
  }
  // The H5 build first, beside the backend tests only: nice as they are, the checks and the weapp build were five more
  // processes taking their share beside it (five steps nicer is a third of the weight each, not nothing). Each
  // build's tests start when that build is done: the browser tests need only the H5 build, the weapp test only the
  // weapp build (without its build a test fails on a missing dist/: run it anyway, so it shows).
  const h5 = stage('H5 build (taro build --type h5)', [taro, 'build', '--type', 'h5'], { onlyOnFailure: true })
  const first = jest(`jest backend (${[...backend, 'pages'].join(', ')})`, [...backend, 'pages'], extra, true)
  const browser = h5.then(() => jest('jest browser (e2e)', ['e2e'], extra))
  const afterH5 = h5.then(() => checks())
  // What test/weapp would build by itself when dist/weapp is stale (a production build: with a reminder template id).
  // Nicer, like the checks: only a 3-second test waits for it, while the browser tests wait for the H5 build.
  const weapp = h5.then(() =>
    stage('weapp build (CLOUD_ENV=test-env taro build --type weapp)', [taro, 'build', '--type', 'weapp'], {
      onlyOnFailure: true,
      env: WEAPP_TEST_BUILD_ENV,
      background: true,
    }),
  )
  // One file: one worker.
  const runtime = weapp.then(() => jest('jest weapp runtime (weapp)', ['weapp'], extra, false, '1'))
  return {
    checks: [...(await Promise.all(await afterH5)), await h5, await weapp],
    runs: [await first, await browser, await runtime],
  }
}

void suite().then(({ checks, runs }) => {
  let passed = 0
  let failed = checks.filter((ok) => !ok).length
  for (const r of runs) {
    if (!r) {
      failed += 1
      continue
    }
    passed += r.numPassedTests
    failed += r.numFailedTests
    // A suite that fails to load has no failed tests of its own: count it, so it cannot pass silently.
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites
  }
  const slowest = runs
    .flatMap((r) => r?.testResults ?? [])
    .map((t) => ({ file: path.relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 5)
  const width = Math.max(...stages.map((s) => s.name.length))
  const cpu = (s: number | undefined) => (s === undefined ? '' : `${s.toFixed(1).padStart(7)} s`)
  console.log(`\n  ${'stage'.padEnd(width)}      wall      cpu`)
  for (const s of stages) console.log(`${s.ok ? '✓' : '✗'} ${s.name.padEnd(width)}  ${s.seconds.toFixed(1).padStart(6)} s${cpu(s.cpu)}`)
  const total = childrenCpu()
  console.log(`  ${'total'.padEnd(width)}  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s${cpu(total)}`)
  console.log(
    `  (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} at the end: wall times grow with it, CPU times hardly)`,
  )
  if (slowest.length)
    console.log(`\nslowest test files:\n${slowest.map((t) => `${t.seconds.toFixed(1).padStart(6)} s  ${t.file}`).join('\n')}`)
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
})
