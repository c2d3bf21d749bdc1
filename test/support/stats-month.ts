import { addDays, atBeijing, type IsoDate } from '@/core/beijing-time'
import { workingCalendar } from '@/core/working-calendar'
import type { Db } from '@cloud/store/sqlite/open-database'

/**
 * A month of synthetic activity in 灵山卫 (November 2026) with answers known in
 * advance, written straight into the areas' tables (the statistics read those
 * tables, so this is what they see after a month of real use).
 */
export const MONTH = { from: '2026-11-01', to: '2026-11-30' }
export const SERVICE_A = 'lsw-medical-remote'
export const SERVICE_B = 'lsw-pension-enroll'

export const WORKING_DAYS: IsoDate[] = []
for (let d = MONTH.from; d <= MONTH.to; d = addDays(d, 1)) if (workingCalendar().dayStatus(d).open) WORKING_DAYS.push(d)

/** What every working day holds, and so what the month must add up to (W = working days). */
export const PER_DAY = {
  /** Service A: 3 completed, 1 no-show, 1 cancelled; service B: 2 completed. */
  bookings: { a: { completed: 3, noShow: 1, cancelled: 1 }, b: { completed: 2 } },
  /** Six medical-queue tickets arriving 09:00, 09:10 … 09:50; waits in minutes; each served 5 minutes. */
  waits: [2, 4, 6, 8, 10, 30],
  walkIns: 4,
  serviceMinutes: 5,
}

let n = 0
const uid = (prefix: string) => `${prefix}-${++n}`
const iso = (date: IsoDate, time: string, plusMinutes = 0) => new Date(atBeijing(date, time).getTime() + plusMinutes * 60_000).toISOString()

function booking(db: Db, serviceId: string, date: IsoDate, status: string) {
  const id = uid('bk')
  db.prepare(
    `INSERT INTO bookings (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id, person_name,
      id_sealed, id_hash, id_masked, phone, for_self, created_at, updated_at)
    VALUES (?, ?, 'lsw', ?, ?, '09:00', '09:30', ?, ?, ?, ?, ?, ?, '王建国', 'sealed', ?, '3702**********0000', '13812345678', 1, ?, ?)`,
  ).run(
    id,
    `C${n}`,
    serviceId,
    date,
    iso(date, '09:00'),
    iso(date, '09:30'),
    iso(date, '09:45'),
    status,
    `o-${id}`,
    `r-${id}`,
    `hash-${id}`,
    iso(addDays(date, -1), '10:00'),
    iso(date, '10:00'),
  )
}

function ticket(db: Db, date: IsoDate, i: number) {
  const id = uid('tk')
  const arrived = iso(date, '09:00', i * 10)
  const called = new Date(new Date(arrived).getTime() + PER_DAY.waits[i] * 60_000).toISOString()
  const completed = new Date(new Date(called).getTime() + PER_DAY.serviceMinutes * 60_000).toISOString()
  const window = i < 4 ? 2 : 3
  db.prepare(
    `INSERT INTO queue_tickets (id, center_id, date, queue, number, label, service_id, kind, source, arrived_at, status, window_number, called_at, started_at, completed_at, created_at, updated_at)
    VALUES (?, 'lsw', ?, 'medical', ?, ?, ?, ?, 'kiosk', ?, 'completed', ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    date,
    i + 1,
    `C00${i + 1}`,
    SERVICE_A,
    i < PER_DAY.walkIns ? 'walk_in' : 'appointment',
    arrived,
    window,
    called,
    called,
    completed,
    arrived,
    completed,
  )
  const [openid, name] = window === 2 ? ['dev-clerk-liu', '刘芳'] : ['dev-clerk-ma', '马丽']
  db.prepare(
    "INSERT INTO queue_ticket_events (ticket_id, at, action, from_status, to_status, actor_openid, actor_name, window_number) VALUES (?, ?, 'complete', 'serving', 'completed', ?, ?, ?)",
  ).run(id, completed, openid, name, window)
}

/** Home-certification requests: 6 certified two days after asking, 2 cancelled, 2 still waiting (one of them overdue on 1 December). */
export const HOMECERT = [
  { on: '2026-11-02', status: 'certified', community: 'lsw-c-lingshanwei', category: 'elderly' },
  { on: '2026-11-03', status: 'certified', community: 'lsw-c-lingshanwei', category: 'elderly' },
  { on: '2026-11-05', status: 'certified', community: 'lsw-c-lingshanwei', category: 'elderly' },
  { on: '2026-11-09', status: 'certified', community: 'lsw-c-lingshanwei', category: 'disabled' },
  { on: '2026-11-12', status: 'certified', community: 'lsw-c-dongfeng', category: 'elderly' },
  { on: '2026-11-16', status: 'certified', community: 'lsw-c-dongfeng', category: 'elderly' },
  { on: '2026-11-17', status: 'cancelled', community: 'lsw-c-lingshanwei', category: 'elderly' },
  { on: '2026-11-18', status: 'cancelled', community: 'lsw-c-lingshanwei', category: 'disabled' },
  { on: '2026-11-10', status: 'submitted', community: 'lsw-c-dongfeng', category: 'elderly' },
  { on: '2026-11-27', status: 'submitted', community: 'lsw-c-lingshanwei', category: 'elderly' },
] as const

function homecert(db: Db, r: (typeof HOMECERT)[number]) {
  const id = uid('hc')
  db.prepare(
    `INSERT INTO homecert_requests (id, number, center_id, community_id, status, version, requester_openid, request_id, elder_name, elder_id_sealed, elder_id_hash, elder_id_masked,
      elder_birth_date, elder_address, category, requester_self, requester_name, requester_phone, windows_json, visit_date, waiting_since, created_at, updated_at)
    VALUES (?, ?, 'lsw', ?, ?, 1, 'dev-family-zhao', ?, '赵德厚', 'sealed', ?, '3702**********0000', '1940-01-01', '灵山卫社区 1 号', ?, 0, '赵敏', '13812345678', '[]', ?, ?, ?, ?)`,
  ).run(
    id,
    `N${n}`,
    r.community,
    r.status,
    `r-${id}`,
    `hash-${id}`,
    r.category,
    r.status === 'certified' ? addDays(r.on, 2) : null,
    r.on,
    iso(r.on, '10:00'),
    iso(r.on, '10:00'),
  )
}

/** Delegated cases, 3 working days each: 5 concluded on time, 1 late, 1 running past its due date, 1 running within it. */
export const CASES = [
  { on: '2026-11-03', state: 'delivered', stopped: '2026-11-05' },
  { on: '2026-11-04', state: 'delivered', stopped: '2026-11-06' },
  { on: '2026-11-10', state: 'delivered', stopped: '2026-11-12' },
  { on: '2026-11-16', state: 'concluded', stopped: '2026-11-18' },
  { on: '2026-11-23', state: 'concluded', stopped: '2026-11-24' },
  { on: '2026-11-09', state: 'concluded', stopped: '2026-11-20' },
  { on: '2026-11-02', state: 'processing', stopped: null },
  { on: '2026-11-27', state: 'processing', stopped: null },
] as const

/** The cases' ratings (好差评 level, 5 = 非常满意), one per concluded case, given the day it stopped; all served by 刘芳. */
export const STARS = [5, 5, 4, 3, 2, 1]

type FollowUpFacts = { due: IsoDate; answeredOn: IsoDate | null }
/** The cases' 差评 follow-ups: the 不满意 one (rated 11-24) answered in time, the 非常不满意 one (rated 11-20) never. */
const CASE_FOLLOW_UPS: Record<number, FollowUpFacts> = {
  2: { due: '2026-12-01', answeredOn: '2026-11-26' },
  1: { due: '2026-11-27', answeredOn: null },
}
const LIU = { openid: 'dev-clerk-liu', name: '刘芳' }
const MA = { openid: 'dev-clerk-ma', name: '马丽' }
const CHEN = { openid: 'dev-grid-chen', name: '陈志强' }

/** The other services' ratings: counter visits (window and clerk) and home certifications (grid worker). */
export const OTHER_RATINGS: {
  service: 'counter' | 'homecert'
  on: IsoDate
  level: number
  window: number | null
  worker: { openid: string; name: string }
  followUp?: FollowUpFacts
}[] = [
  { service: 'counter', on: '2026-11-05', level: 5, window: 1, worker: LIU },
  { service: 'counter', on: '2026-11-06', level: 4, window: 1, worker: LIU },
  { service: 'counter', on: '2026-11-12', level: 1, window: 2, worker: LIU, followUp: { due: '2026-11-19', answeredOn: '2026-11-23' } },
  { service: 'counter', on: '2026-11-20', level: 2, window: 4, worker: MA, followUp: { due: '2026-11-27', answeredOn: null } },
  { service: 'homecert', on: '2026-11-10', level: 5, window: null, worker: CHEN },
  { service: 'homecert', on: '2026-11-24', level: 2, window: null, worker: CHEN, followUp: { due: '2026-12-01', answeredOn: null } },
]

function rating(
  db: Db,
  r: { service: string; subjectId: string; on: IsoDate; level: number; window: number | null; worker: { openid: string; name: string } },
  followUp?: FollowUpFacts,
) {
  db.prepare(
    `INSERT INTO ratings (id, center_id, service, subject_id, openid, level, reasons_json, at, service_id, window_no, worker_openid, worker_name,
      follow_up_due, follow_up_answer, follow_up_answered_at, follow_up_by, follow_up_by_name)
    VALUES (?, 'lsw', ?, ?, 'o-rater', ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    `${r.service}:${r.subjectId}`,
    r.service,
    r.subjectId,
    r.level,
    JSON.stringify(r.level <= 2 ? ['slow'] : []),
    iso(r.on, '16:00'),
    r.window,
    r.worker.openid,
    r.worker.name,
    followUp?.due ?? null,
    followUp?.answeredOn ? '已改进' : null,
    followUp?.answeredOn ? iso(followUp.answeredOn, '11:00') : null,
    followUp?.answeredOn ? 'dev-admin-sun' : null,
    followUp?.answeredOn ? '孙丽' : null,
  )
}

function caseRow(db: Db, c: (typeof CASES)[number], stars: number | undefined) {
  const id = uid('case')
  db.prepare(
    `INSERT INTO cases (id, case_no, center_id, service_id, service_name, processing_days, state, channel, created_by, request_id, applicant_name, for_self, phone, phone_tail,
      description, handover, accepted_at, updated_at, stopped_at)
    VALUES (?, ?, 'lsw', ?, '异地就医备案', 3, ?, 'counter', 'dev-clerk-liu', ?, '王建国', 1, '13812345678', '5678', '代办', 'window', ?, ?, ?)`,
  ).run(
    id,
    `DB${c.on.replace(/-/g, '')}-${String(n).padStart(4, '0')}`,
    SERVICE_A,
    c.state,
    `r-${id}`,
    iso(c.on, '10:00'),
    iso(c.on, '10:00'),
    c.stopped ? iso(c.stopped, '15:00') : null,
  )
  if (stars !== undefined)
    rating(db, { service: 'case', subjectId: id, on: c.stopped ?? c.on, level: stars, window: null, worker: LIU }, CASE_FOLLOW_UPS[stars])
}

/** Writes the month into a seeded database. */
export function seedStatsMonth(db: Db): void {
  db.transaction(() => {
    for (const d of WORKING_DAYS) {
      const a = PER_DAY.bookings.a
      for (let i = 0; i < a.completed; i++) booking(db, SERVICE_A, d, 'completed')
      for (let i = 0; i < a.noShow; i++) booking(db, SERVICE_A, d, 'no_show')
      for (let i = 0; i < a.cancelled; i++) booking(db, SERVICE_A, d, 'cancelled')
      for (let i = 0; i < PER_DAY.bookings.b.completed; i++) booking(db, SERVICE_B, d, 'completed')
      for (let i = 0; i < PER_DAY.waits.length; i++) ticket(db, d, i)
    }
    for (const r of HOMECERT) homecert(db, r)
    CASES.forEach((c, i) => caseRow(db, c, c.stopped ? STARS[i] : undefined))
    OTHER_RATINGS.forEach((r, i) => rating(db, { ...r, subjectId: `${r.service}-${i}` }, r.followUp))
  })()
}
