/**
 * Shared by the hardening suites: the personas, a few real records to aim at,
 * and a cheap database fingerprint to prove a refused call wrote nothing.
 */
import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import type { BookingHarness } from '../support/booking-harness'
import { createInput } from '../support/booking-harness'
import { caseInput } from '../support/delegation-harness'
import { submitInput } from '../support/homecert'
import { currentCheckInCode } from '@cloud/functions/queue/check-in-code'
import { TEST_PII } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { expectOk, type CallData } from '../support/expect-ok'
import type { ActionName, FunctionName } from '@/contract'

export const P = {
  anonymous: null,
  residentA: 'dev-resident-wang',
  residentB: 'dev-resident-li',
  family: 'dev-family-zhao',
  clerkW1: 'dev-clerk-liu',
  clerkW4: 'dev-clerk-ma',
  gridX: 'dev-grid-chen',
  gridY: 'dev-grid-ma',
  supervisor: 'dev-supervisor-zhou',
  admin: 'dev-admin-sun',
  /** 区级管理员: the district's yearly arrangement; no role in any center. */
  district: 'dev-district-gao',
} as const

export type PersonaKey = keyof typeof P

/**
 * Tables a refused call may legitimately write: the brute-force guards count
 * failed claim-code and invite-code attempts (that is their job).
 */
export const ATTEMPT_TABLES = new Set(['case_claim_failures', 'staff_invite_failures', 'people_attempt_failures'])

type Db = BookingHarness['store']['db']

/** A statement without parameters. */
type Statement = Database.Statement<[], unknown>
interface Statements {
  changes: Statement
  schemaVersion: Statement
  /** The tables' queries, as of `schema`. */
  schema?: number
  tables: [string, Statement][]
}
/**
 * The statements the two functions below run, prepared once per connection (the fuzzer asks for the changes after
 * each of its 111 000 calls: preparing that query each time cost 1.3 of its 12 CPU s; with the fingerprint below, 12.1 → 9.2 CPU s alone), the tables' again when the schema moves.
 */
const statements = new WeakMap<Db, Statements>()
function statementsOf(db: Db): Statements {
  let s = statements.get(db)
  if (!s) {
    s = { changes: db.prepare('SELECT total_changes()').pluck(), schemaVersion: db.prepare('PRAGMA schema_version').pluck(), tables: [] }
    statements.set(db, s)
  }
  return s
}

/** Changes made on this connection so far (INSERT/UPDATE/DELETE rows): unchanged ⇒ nothing was written. */
export function totalChanges(db: Db): number {
  return statementsOf(db).changes.get() as number
}

/**
 * A content hash of every table (rows in rowid order), skipping the attempt counters. One JSON text per table: the
 * values are strings, numbers, nulls and Buffers (their JSON lists the bytes); no bigints, as safe integers are off.
 */
export function fingerprint(db: Db): string {
  const s = statementsOf(db)
  const schema = s.schemaVersion.get() as number
  if (s.schema !== schema) {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
    s.tables = names.filter((t) => !ATTEMPT_TABLES.has(t)).map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw()])
    s.schema = schema
  }
  const hash = createHash('sha256')
  for (const [t, rows] of s.tables) {
    hash.update(`#${t}\n`)
    hash.update(JSON.stringify(rows.all()))
  }
  return hash.digest('hex')
}

let n = 5000
/** Real records owned by the personas, on the harness's working day (Thursday 26 November 2026). */
export async function seedRecords(h: BookingHarness) {
  const must = async <F extends FunctionName, A extends ActionName<F>>(fn: F, data: CallData<A>, openid: string | null) =>
    expectOk(await h.call(fn, data, openid))
  // A booking of A for tomorrow, and one of A for today that is checked in (a ticket).
  const bookingA = await must('booking', { action: 'create', ...createInput(++n, { date: '2026-11-27', start: '09:00' }) }, P.residentA)
  const bookingToday = await must(
    'booking',
    {
      action: 'create',
      ...createInput(++n, {
        date: '2026-11-26',
        start: '09:30',
        person: { name: '王建国', idNumber: nthIdNumber(++n), phone: '13812345678' },
      }),
    },
    P.residentA,
  )
  const code = currentCheckInCode(TEST_PII, 'lsw', h.now()).code
  const checkedIn = await must('queue', { action: 'checkIn', centerId: 'lsw', bookingId: bookingToday.id, code }, P.residentA)
  const walkIn = await must(
    'queue',
    { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-pension-enroll', requestId: `walk-${++n}`, source: 'kiosk' },
    P.clerkW1,
  )
  // A home certification request by the family member for an elder of community X (灵山卫社区).
  const homecertX = await must('homecert', { action: 'submit', ...submitInput() }, P.family)
  // A delegated case of A, and a counter case opened by the clerk.
  const caseA = await must('delegation', { action: 'create', ...caseInput() }, P.residentA)
  const invite = await must(
    'staff',
    { action: 'createInvite', centerId: 'lsw', name: '新同事', grant: { role: 'counter', windows: [2] } },
    P.admin,
  )
  return {
    bookingA: bookingA.id as string,
    bookingToday: bookingToday.id as string,
    ticketA: checkedIn.id,
    walkIn: walkIn.ticket.id,
    homecertX: homecertX.id as string,
    caseA: caseA.id as string,
    invite: invite.id as string,
  }
}

export type Records = Awaited<ReturnType<typeof seedRecords>>
