import Database from 'better-sqlite3'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_CENTERS } from '@cloud/seed/demo-centers'
import { MIGRATIONS } from '@cloud/store/sqlite/migrations'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { freePort } from '../support/server-process'
import { serverArgs } from '@test/support/server-bundle'
import { TEST_PII } from '@test/support/test-keys'

const REPO_ROOT = path.resolve(__dirname, '../..')
const MAIN = path.join(REPO_ROOT, 'cloud/server/main.ts')
const STARTUP_MS = 25_000

jest.setTimeout(30_000)

interface Running {
  child: ChildProcessWithoutNullStreams
  base: string
}

const children: ChildProcessWithoutNullStreams[] = []
const tempDirs: string[] = []

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-'))
  tempDirs.push(dir)
  return dir
}

/**
 * How the servers start: `node --import tsx cloud/server/main.ts` as `npm start` does (the two servers on one file), else
 * as the other tests' servers start (the bundle of main.ts under `npm test`: 0.45 instead of 0.9 CPU s a start, six here).
 */
const AS_NPM_START = ['--import', 'tsx', MAIN]

/** Spawns main.ts (`args`: node's arguments that start it) and resolves once it prints its started line. */
function startMain(env: Record<string, string>, args = serverArgs()): Promise<Running> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`server did not start in time\n${stdout}\n${stderr}`)), STARTUP_MS)
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const m = /已启动：(http:\/\/[^\s（]+)/.exec(stdout)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1] })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before starting\n${stdout}\n${stderr}`))
    })
  })
}

/** Runs main.ts to completion and returns its exit code and output (for a server that must refuse to start). */
function runMainToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, serverArgs(), { cwd: REPO_ROOT, env: { ...process.env, HOST: '127.0.0.1', ...env } })
  children.push(child)
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function call(base: string, body: unknown) {
  const res = await fetch(`${base}/api/center`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

afterAll(async () => {
  await Promise.all(children.map(stop))
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('main', () => {
  describe('when two servers start at the same time on one data directory', () => {
    it('returns the same guide from both, and migrates and seeds the file exactly once', async () => {
      const dataDir = tempDir()
      const staticDir = tempDir()
      const [portA, portB] = [await freePort(), await freePort()]
      expect(portA).not.toBe(portB)
      const env = { DATA_DIR: dataDir, STATIC_DIR: staticDir }
      const [a, b] = await Promise.all([
        startMain({ ...env, PORT: String(portA) }, AS_NPM_START),
        startMain({ ...env, PORT: String(portB) }, AS_NPM_START),
      ])
      expect(a.base).toBe(`http://127.0.0.1:${portA}`)
      expect(b.base).toBe(`http://127.0.0.1:${portB}`)

      const [fromA, fromB] = await Promise.all([
        call(a.base, { action: 'listServices', centerId: 'lsw' }),
        call(b.base, { action: 'listServices', centerId: 'lsw' }),
      ])
      expect(fromA.status).toBe(200)
      expect(fromB.status).toBe(200)
      expect(fromA.body.data.services.length).toBeGreaterThanOrEqual(15)
      expect(fromB.body.data.services.length).toBe(fromA.body.data.services.length)
      expect(fromB.body).toEqual(fromA.body)

      await Promise.all([stop(a.child), stop(b.child)])
      const db = new Database(path.join(dataDir, 'bianmin.sqlite'), { readonly: true, fileMustExist: true })
      try {
        const migrations = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]
        expect(migrations.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version))
        expect(db.prepare('SELECT COUNT(*) AS n FROM centers').get()).toEqual({ n: 2 })
        const seeded = DEMO_CENTERS.reduce((n, c) => n + c.services.length, 0)
        expect(db.prepare('SELECT COUNT(*) AS n FROM services').get()).toEqual({ n: seeded })
        // Every seeded table holds what one process alone seeds: nothing twice.
        const alone = createSqliteStore(path.join(tempDir(), 'alone.sqlite'), { sealer: TEST_PII })
        try {
          for (const table of ['staff_roles', 'windows', 'communities']) {
            const count = (d: { prepare(sql: string): { get(): unknown } }) => d.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()
            expect(count(db)).toEqual(count(alone.db))
          }
        } finally {
          alone.close()
        }
      } finally {
        db.close()
      }
    })
  })

  describe('when the clock is set with APP_NOW on hosts in different time zones', () => {
    const ZONES = ['America/Los_Angeles', 'Asia/Shanghai']
    const NOWS = ['2026-10-01T10:00:00+08:00', '2026-10-10T10:00:00+08:00']
    const today: Record<
      string,
      Record<
        string,
        {
          date: string
          status: { open: boolean; kind: string; reason?: string }
          openState: { state: string; reason?: string; until?: string }
        }
      >
    > = {}

    beforeAll(async () => {
      const runs = ZONES.flatMap((tz) => NOWS.map((now) => ({ tz, now })))
      const started = await Promise.all(
        runs.map(async ({ tz, now }) =>
          startMain({ TZ: tz, APP_NOW: now, PORT: String(await freePort()), DATA_DIR: tempDir(), STATIC_DIR: tempDir() }),
        ),
      )
      for (let i = 0; i < runs.length; i++) {
        const res = await call(started[i].base, { action: 'getInfo', centerId: 'lsw' })
        expect(res.status).toBe(200)
        ;(today[runs[i].tz] ??= {})[runs[i].now] = res.body.data.today
      }
      await Promise.all(started.map((s) => stop(s.child)))
    }, 30_000)

    describe.each(ZONES)('when TZ=%s', (tz) => {
      it('returns National Day closed today with the reason 国庆节', () => {
        expect(today[tz][NOWS[0]]).toMatchObject({
          date: '2026-10-01',
          status: { open: false, kind: 'holiday', reason: '国庆节' },
          openState: { state: 'closed_today', reason: '国庆节' },
        })
      })
      it('returns the 调休 Saturday open', () => {
        expect(today[tz][NOWS[1]]).toMatchObject({
          date: '2026-10-10',
          status: { open: true, kind: 'adjusted_workday' },
          openState: { state: 'open', until: '12:00' },
        })
      })
    })
  })

  describe('when production mode is given a clock override', () => {
    it('refuses to start, naming APP_NOW', async () => {
      const { code, stderr } = await runMainToExit({
        NODE_ENV: 'production',
        APP_NOW: '2026-10-01T10:00:00+08:00',
        PORT: String(await freePort()),
        DATA_DIR: tempDir(),
        STATIC_DIR: tempDir(),
      })
      expect(code).toBe(1)
      expect(stderr).toContain('APP_NOW')
    })
  })

  describe('when APP_NOW is not an instant', () => {
    it('refuses to start', async () => {
      const { code, stderr } = await runMainToExit({
        NODE_ENV: 'development',
        APP_NOW: 'tomorrow',
        PORT: String(await freePort()),
        DATA_DIR: tempDir(),
        STATIC_DIR: tempDir(),
      })
      expect(code).toBe(1)
      expect(stderr).toContain('APP_NOW must be an ISO instant')
    })
  })

  describe('when a slot counter holds a seat no booking holds', () => {
    it('gives it back on the jobs timer and logs a warning saying how many', async () => {
      const dataDir = tempDir()
      const env = { DATA_DIR: dataDir, STATIC_DIR: tempDir(), APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '200' }
      const server = await startMain({ ...env, PORT: String(await freePort()) })
      let out = ''
      const warned = new Promise<void>((resolve) =>
        server.child.stdout.on('data', (chunk) => {
          out += chunk
          if (out.includes('given back')) resolve()
        }),
      )
      const db = new Database(path.join(dataDir, 'bianmin.sqlite'))
      try {
        db.prepare(
          "INSERT INTO booking_slots (service_id, date, start, center_id, capacity, booked) VALUES ('lsw-medical-remote', '2026-11-27', '09:00', 'lsw', 2, 1)",
        ).run()
        await warned
        expect(JSON.parse(out.split('\n').find((l) => l.includes('given back'))!)).toMatchObject({ level: 40, seatsReturned: 1 })
        expect(
          db.prepare("SELECT booked FROM booking_slots WHERE service_id = 'lsw-medical-remote' AND date = '2026-11-27'").get(),
        ).toEqual({
          booked: 0,
        })
      } finally {
        db.close()
        await stop(server.child)
      }
    })
  })
})
