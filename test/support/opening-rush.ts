/**
 * The opening rush (issue 21, point 4): many residents trying to book the few seats of the days just opened, all
 * at once. Shared by the benchmark (`npm run bench -- rush`, 10 000 attempts over 60 s for 200 seats) and its small
 * invariant in the test suite (test/store/opening-rush.test.ts): exactly as many bookings as seats, every other
 * attempt refused SLOT_FULL.
 *
 * Two paths, the same load: the CloudBase adapter on the real wx-server-sdk answered by the double with a latency on
 * every request (and the conflicts its optimistic transactions produce, shaped as the real service's), and the local
 * path: SQLite through two server processes on one file, over HTTP.
 */
import type { Envelope } from '@/contract/envelope'
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createInput, TEST_PII } from './booking-harness'
import { createCloudbaseDouble } from './cloudbase-double'
import { post, serversOnOneFile } from './server-process'

export const RUSH_SERVICE = 'lsw-medical-remote'
/** 08:00 on Thursday 26 November 2026, before the center opens: every slot of the next days is bookable. */
export const RUSH_NOW = new Date('2026-11-26T08:00:00+08:00')
/** The slots of the rush, in order: Friday 27 November's 13, then Monday 30 November's. */
const DAYS = ['2026-11-27', '2026-11-30']
const STARTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30']

export interface RushOptions {
  attempts: number
  /** The attempts arrive evenly over this many milliseconds. */
  spreadMs: number
  slots: number
  seatsPerSlot: number
  /** CloudBase path: milliseconds before the double answers each request. */
  latencyMs?: number
  /** CloudBase path: one attempt in this many meets an extra write conflict injected as the real service sends it. */
  injectEvery?: number
}

export interface RushAttempt {
  ok: boolean
  code: string | null
  ms: number
  /** Retries of this attempt: transaction conflicts met on the CloudBase path, requests sent again on SQLite's. */
  conflicts: number
}

export interface RushResult {
  attempts: RushAttempt[]
  /** Bookings stored at the end, counted in the database. */
  stored: number
  /** Each slot's seats taken at the end, as its counter says. */
  booked: number[]
  injected: number
}

export function rushSlots(count: number): { date: string; start: string }[] {
  const all = DAYS.flatMap((date) => STARTS.map((start) => ({ date, start })))
  if (count > all.length) throw new Error(`the rush has ${all.length} slots at most`)
  return all.slice(0, count)
}

/** Starts `attempts` calls evenly over `spreadMs` (an open loop: late answers do not slow the arrivals). */
async function arrive<T>(attempts: number, spreadMs: number, one: (n: number) => Promise<T>): Promise<T[]> {
  const started: Promise<T>[] = []
  const t0 = Date.now()
  for (let n = 0; n < attempts; n++) {
    const due = t0 + (spreadMs * n) / attempts
    const wait = due - Date.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    started.push(one(n))
  }
  return Promise.all(started)
}

/** The rush on the CloudBase adapter, in this process, on the double. */
export async function rushOnCloudbase(o: RushOptions): Promise<RushResult> {
  const double = createCloudbaseDouble({ latency: o.latencyMs ?? 0 })
  await seedCloudbase(double.db)
  await double.db
    .collection('services')
    .doc(RUSH_SERVICE)
    .update({ data: { slotCapacity: o.seatsPerSlot } })
  const store = createCloudbaseStore(double.db, TEST_PII)
  const slots = rushSlots(o.slots)
  let injected = 0
  const attempts = await arrive(o.attempts, o.spreadMs, async (n) => {
    if (o.injectEvery && n % o.injectEvery === o.injectEvery - 1) {
      double.injectConflict({ at: 'write' })
      injected++
    }
    const ctx: ActionContext = {
      openid: `rush-${n}`,
      store,
      now: () => RUSH_NOW,
      requestId: `rush-${n}`,
      pii: TEST_PII,
      settings: DEFAULT_SETTINGS,
    }
    const label = `create ${n}`
    const t = performance.now()
    const answer = (await double.requests.during(label, () =>
      dispatch(
        FUNCTIONS.booking as never,
        { action: 'create', ...createInput(n + 1, { serviceId: RUSH_SERVICE, ...slots[n % slots.length] }) },
        ctx,
      ),
    )) as Envelope<unknown>
    return { ok: answer.ok, code: answer.ok ? null : answer.error.code, ms: performance.now() - t, conflicts: 0, label }
  })
  const conflictsOf = new Map(double.requests.perCall().map((c) => [c.label, c.counts.conflicts]))
  const counters = new Map(double.dump('booking_slots').map((d) => [`${d.date as string} ${d.start as string}`, d]))
  return {
    attempts: attempts.map(({ label, ...a }) => ({ ...a, conflicts: conflictsOf.get(label) ?? 0 })),
    stored: double.dump('bookings').filter((d) => d.serviceId === RUSH_SERVICE && d.status === 'booked').length,
    booked: slots.map((s) => {
      const c = counters.get(`${s.date} ${s.start}`)
      return c ? Number(c.booked) : 0
    }),
    injected,
  }
}

/** The same rush on the local path: two server processes on one SQLite file, the attempts shared between them. */
export async function rushOnSqlite(o: RushOptions): Promise<RushResult> {
  // Every attempt may be open at once on a slow machine: no connection cap, and time enough for a body to arrive.
  const env = {
    APP_NOW: RUSH_NOW.toISOString(),
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'error',
    MAX_CONNECTIONS: String(o.attempts + 100),
    REQUEST_TIMEOUT_MS: '300000',
    IDLE_TIMEOUT_MS: '300000',
  }
  const shared = await serversOnOneFile(2, env, (db) => {
    db.prepare('UPDATE services SET slot_capacity = ? WHERE id = ?').run(o.seatsPerSlot, RUSH_SERVICE)
  })
  try {
    const slots = rushSlots(o.slots)
    const attempts = await arrive(o.attempts, o.spreadMs, async (n) => {
      const base = shared.servers[n % 2].base
      const t = performance.now()
      const input = createInput(n + 1, { serviceId: RUSH_SERVICE, ...slots[n % slots.length] })
      // A kept-alive connection the server closes as the next request goes out ends without an answer: sent again
      // with the same request id, as the app does (a create is idempotent on it). Still none after 3: said apart.
      for (let tries = 1; ; tries++) {
        try {
          const { body } = await post(base, 'booking', { action: 'create', ...input }, `rush-${n}`)
          const answer = body as Envelope<unknown>
          return { ok: answer.ok, code: answer.ok ? null : answer.error.code, ms: performance.now() - t, conflicts: tries - 1 }
        } catch {
          if (tries === 3) return { ok: false, code: 'NO_ANSWER', ms: performance.now() - t, conflicts: tries - 1 }
        }
      }
    })
    const Database = (await import('better-sqlite3')).default
    const db = new Database(shared.dbFile, { readonly: true })
    try {
      const stored = (
        db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE service_id = ? AND status = 'booked'").get(RUSH_SERVICE) as { n: number }
      ).n
      const booked = slots.map(
        (s) =>
          (
            db
              .prepare('SELECT booked FROM booking_slots WHERE service_id = ? AND date = ? AND start = ?')
              .get(RUSH_SERVICE, s.date, s.start) as { booked: number } | undefined
          )?.booked ?? 0,
      )
      return { attempts, stored, booked, injected: 0 }
    } finally {
      db.close()
    }
  } finally {
    await shared.stop()
  }
}

/** The q-quantile of sorted numbers (nearest rank). */
export const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN
