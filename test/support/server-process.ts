import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { createPersonalData, loadPiiKeys } from '@cloud/runtime/personal-data'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { serverArgs } from './server-bundle'

type Db = ReturnType<typeof createSqliteStore>['db']

export const REPO_ROOT = path.resolve(__dirname, '../..')

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams
  base: string
  stderr: () => string
  stop(): Promise<void>
}

/** A port nobody listens on right now: bind port 0 on loopback, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The local server (`cloud/server/main.ts`, bundled once by `npm test`: server-bundle.ts) on loopback in dev mode (rate limits off: race tests hammer one address); resolves once it
 * prints its started line. `startupMs` only guards against a server that never starts: under a load of 25 on this 2-core machine
 * two servers starting together took over 25 s.
 */
export function startServer(env: Record<string, string>, startupMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOBS_INTERVAL_MS: '0',
      RATE_LIMIT: 'off',
      ...env,
    },
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`server did not start in time\n${stdout}\n${stderr}`))
    }, startupMs)
    child.stdout.on('data', (c) => {
      stdout += c
      const m = /已启动：(http:\/\/[^\s（]+)/.exec(stdout)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1], stderr: () => stderr, stop })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before starting\n${stdout}\n${stderr}`))
    })
  })
}

/**
 * `count` real server processes on one fresh, migrated data directory (the
 * setting of every two-process race test), started together; `prepare` may
 * change the seeded database before they start. `stop` ends them and removes it.
 */
export async function serversOnOneFile(count: number, env: Record<string, string> = {}, prepare?: (db: Db) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-shared-'))
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-static-'))
  const dbFile = path.join(dataDir, 'bianmin.sqlite')
  // Migrated and seeded once up front, so the race is about the test's writes, not the start; with the dev
  // key file the servers then read (made here, while the database is still empty).
  const pii = createPersonalData(loadPiiKeys({}, { production: false, dataDir }))
  const store = createSqliteStore(dbFile, { sealer: pii })
  prepare?.(store.db)
  store.close()
  const ports: number[] = []
  for (let i = 0; i < count; i++) ports.push(await freePort())
  const servers = await Promise.all(
    ports.map((port) => startServer({ PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: staticDir, ...env })),
  )
  return {
    servers,
    dataDir,
    dbFile,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()))
      fs.rmSync(dataDir, { recursive: true, force: true })
      fs.rmSync(staticDir, { recursive: true, force: true })
    },
  }
}

/** Runs the local server until it exits by itself (a server that must refuse to start). */
export function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', JOBS_INTERVAL_MS: '0', ...env },
  })
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    }),
  )
}

/**
 * The header that keeps a test's calls off idle kept-alive connections. The server closes a connection idle for
 * 5 s (keepAliveTimeout); fetch re-uses idle ones and closes them itself a little earlier, but a test process
 * stalled by load (or by its own synchronous work between two bursts) sends on a connection the server is
 * closing at that moment, and the call fails with `SocketError: other side closed`. Seen in the race tests under
 * a load of 25; reproduced with 240 calls, a 5 s stall and 40 more calls: 394 of 2 240 calls failed on kept-alive
 * connections, 0 with this header.
 */
export const ONE_CALL_PER_CONNECTION = { connection: 'close' } as const

/** POST /api/<fn> with `data` as the body, as `openid` (dev-mode header), on a connection of its own. */
export async function post(base: string, fn: string, data: unknown, openid?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...ONE_CALL_PER_CONNECTION }
  if (openid) headers['x-openid'] = openid
  const res = await fetch(`${base}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify(data) })
  return { status: res.status, body: await res.json() }
}

/**
 * POSTs a request whose body is over the server's limit the way a careful client does: the headers,
 * with the body's length in Content-Length, then it waits for the answer without sending the body.
 * The server refuses from the declared length (413) and closes the connection. Sending the body as
 * well races that close: the client's write fails with EPIPE and may lose the answer it was sent,
 * which made the abuse test flaky. Fails if no answer comes within 10 s (a server that waits for
 * the body it already knows is too large).
 */
export function postOverLimit(
  url: string,
  bodyBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...headers, 'content-length': String(bodyBytes) },
    })
    const timer = setTimeout(() => {
      req.destroy()
      reject(new Error(`no answer within 10 s to the headers of a ${bodyBytes}-byte body: the server should refuse it from Content-Length`))
    }, 10_000)
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        clearTimeout(timer)
        req.destroy()
        resolve({ status: res.statusCode ?? 0, text })
      })
    })
    req.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    req.flushHeaders()
  })
}
