/**
 * `npm run bench -- create-cpu` — the CPU one booking.create costs this process without HTTP: the real dispatcher,
 * the real SQLite file (WAL, group commit, the checkpoint worker, as the server runs them), each answer serialized as
 * the server would. It sends creates in groups of `CREATE_CPU_GROUP` (default 25, about what 50 connections put into
 * one group commit) and prints process CPU (user + system, every thread) per create. CPU per request moves much less
 * than requests/s with other load on the machine: this is the number to judge a change to the create path by, step by
 * step; the HTTP phase of `npm run bench` adds what fastify and Node's HTTP cost on top.
 * Options (env): CREATE_CPU_COUNT (default 20 000 measured, after 3 000 warm-up), CREATE_CPU_GROUP (default 25),
 * CREATE_CPU_STATEMENTS=1 (also print the SQLite statements run per create, by SQL text: the transaction's own
 * BEGIN/SAVEPOINT/RELEASE/COMMIT included; counting costs CPU, so the time of that run is not the one to compare).
 */
import type Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../cloud/functions'
import { devVerifier } from '../cloud/functions/people/verifier'
import { dispatch } from '../cloud/runtime/dispatch'
import { createPersonalData } from '../cloud/runtime/personal-data'
import { startBackgroundCheckpoint } from '../cloud/store/sqlite/background-checkpoint'
import { createSqliteStore } from '../cloud/store/sqlite/sqlite-store'
import { APP_NOW, BENCH_SERVICE, createBody } from './bench-load'

const PII = createPersonalData({ encKey: Buffer.alloc(32, 11), hashKey: Buffer.alloc(32, 12) })

/**
 * Counts every statement the connection runs, by SQL text, by wrapping the methods of better-sqlite3's Statement class
 * (the class is shared by every connection of this process: for this bench only).
 */
function countStatements(db: Database.Database): Map<string, number> {
  const counts = new Map<string, number>()
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = proto[method]
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      counts.set(this.source, (counts.get(this.source) ?? 0) + 1)
      return original.apply(this, args)
    }
  }
  return counts
}

export async function createCpu() {
  const count = Number(process.env.CREATE_CPU_COUNT ?? 20_000)
  const group = Number(process.env.CREATE_CPU_GROUP ?? 25)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-create-cpu-'))
  const store = createSqliteStore(path.join(dir, 'bianmin.sqlite'), { sealer: PII })
  store.db.prepare('UPDATE services SET slot_capacity = 10000000 WHERE id = ?').run(BENCH_SERVICE)
  const checkpoint = startBackgroundCheckpoint(store.db)
  const statements = process.env.CREATE_CPU_STATEMENTS === '1' ? countStatements(store.db) : null
  // The server's clock: APP_NOW, then running on.
  const startedAt = Date.now()
  const now = () => new Date(Date.parse(APP_NOW) + (Date.now() - startedAt))
  let n = 0
  let bytes = 0
  async function one() {
    const i = n++
    // Parsed from its JSON text, as the server receives it.
    const body: unknown = JSON.parse(JSON.stringify(createBody(i)))
    const ctx = {
      openid: `bench-${i}`,
      store,
      now,
      requestId: `r${i}`,
      pii: PII,
      settings: { reminderTemplateId: null },
      verifier: devVerifier,
    }
    const envelope = await dispatch(FUNCTIONS.booking, body, ctx)
    if (!envelope.ok) throw new Error(`create refused: ${JSON.stringify(envelope.error)}`)
    bytes += JSON.stringify(envelope).length
  }
  async function run(total: number) {
    for (let k = 0; k < total; k += group) {
      const calls: Promise<void>[] = []
      // Each create starts in a synchronous stretch of its own, as each HTTP request does (the SQLite store checks the
      // configuration once per stretch): started all at once, a group's creates would share one check.
      for (let j = k; j < Math.min(k + group, total); j++) {
        calls.push(one())
        await null
      }
      await Promise.all(calls)
    }
  }
  try {
    await run(3_000)
    bytes = 0
    statements?.clear()
    const cpu0 = process.cpuUsage()
    const wall0 = performance.now()
    await run(count)
    const cpu = process.cpuUsage(cpu0)
    const wall = performance.now() - wall0
    const per = (us: number) => (us / count).toFixed(1)
    console.log(
      `booking.create in process: ${count} creates in groups of ${group}: ${per(cpu.user + cpu.system)} µs CPU each ` +
        `(user ${per(cpu.user)}, system ${per(cpu.system)}), wall ${per(wall * 1000)} µs each, answer ${Math.round(bytes / count)} characters of JSON; ` +
        `load average ${os.loadavg()[0].toFixed(2)}`,
    )
    if (statements) {
      const rows = [...statements].sort((a, b) => b[1] - a[1])
      const total = rows.reduce((sum, [, n]) => sum + n, 0)
      console.log(`SQLite statements per create: ${(total / count).toFixed(2)}`)
      for (const [sql, n] of rows) console.log(`  ${(n / count).toFixed(3).padStart(7)}  ${sql.replace(/\s+/g, ' ').slice(0, 110)}`)
    }
  } finally {
    await checkpoint.stop()
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
