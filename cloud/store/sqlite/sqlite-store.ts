import type { Grant } from '@/core/staff-roles'
import type { CenterDays } from '@/core/opening-hours'
import type {
  ArrangementRecord,
  CalendarRepo,
  CenterRecord,
  CenterRepo,
  DistrictStaffRecord,
  StaffRepo,
  Store,
  WindowRecord,
} from '../port'
import { sqliteBookingRepo } from './booking-repo'
import { sqliteWaitlistRepo } from './waitlist-repo'
import { sqliteCaseRepo } from './delegation-repo'
import { sqliteMessageRepo } from './message-repo'
import { sqliteAuditRepo } from './audit-repo'
import { sqliteQueueRepo } from './queue-repo'
import { sqliteHomecertRepo } from './homecert-repo'
import type { Sealer } from '../sealed-fields'
import { openDatabase, type Db, type OpenOptions } from './open-database'
import { sqliteStaffAdminRepo } from './staff-admin-repo'
import { sqliteConfigRepo } from './config-repo'
import { toService, type ServiceRow } from './service-rows'
import { sqliteStatsRepo } from './stats-repo'
import { sqlitePeopleRepo } from './people-repo'
import { sqliteRatingRepo } from './rating-repo'
import { localFileStore, type LocalFileStore } from './local-files'
import path from 'node:path'
import os from 'node:os'

interface CenterRow {
  id: string
  name: string
  district: string
  address: string
  phone: string
  latitude: number
  longitude: number
  hours_json: string
  sort: number
  booking_rules_json: string
  queue_rules_json: string
}

const toCenter = (r: CenterRow): CenterRecord => ({
  id: r.id,
  name: r.name,
  district: r.district,
  address: r.address,
  phone: r.phone,
  latitude: r.latitude,
  longitude: r.longitude,
  hours: JSON.parse(r.hours_json),
  sort: r.sort,
  bookingRules: JSON.parse(r.booking_rules_json),
  queueRules: JSON.parse(r.queue_rules_json),
})

/** Freezes a cached answer all the way down: it is shared by every caller until the configuration changes. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/**
 * Centers, services, windows, center days and the arrangements, remembered between calls: every booking and every
 * availability query reads them, and they change a few times a year. Before answering from memory, the store asks the
 * database the `config_generation` number that triggers move on any write to those tables (migrations 010, 011), so a
 * change made by this process or another one on the same file is seen by the very next call. Answers are frozen, so
 * no caller can change what the next one gets.
 *
 * The number is read once per synchronous stretch of JavaScript (until the next microtask), not once per remembered
 * read: a create's `Promise.all` of the center and its service asks once, not twice (a create made 5 such reads, each
 * a read transaction with a shared-memory lock and unlock, two fcntl calls; docs/benchmarks.md). What it keeps:
 * - every call still sees each change committed before its request arrived: Node reads a request from its socket
 *   before it runs the JavaScript that handles it, so any read made in the stretch is later than that;
 * - an `await` ends the stretch, so the next step of a call, or a write awaited through another store, reads again;
 * - this connection's own writes in the stretch (a trigger moving the number) are caught by `total_changes()`, which
 *   SQLite answers without a read transaction. Not caught: another connection of this same process writing
 *   configuration inside the stretch, between two reads of this one, without an `await` (the server has one connection).
 */
function generationCache(db: Db) {
  const generationOf = db.prepare('SELECT n FROM config_generation WHERE id = 1').pluck()
  const changesOf = db.prepare('SELECT total_changes()').pluck()
  let generation: unknown = null
  /** Whether the number was read in this synchronous stretch, and this connection's change count then. */
  let checked = false
  let changesWhenChecked = 0
  const endStretch = () => {
    checked = false
  }
  const cache = new Map<string, unknown>()
  return function remembered<T>(key: string, load: () => T): T {
    if (!checked || changesOf.get() !== changesWhenChecked) {
      const now = generationOf.get()
      if (now !== generation) {
        cache.clear()
        generation = now
      }
      if (!checked) queueMicrotask(endStretch)
      checked = true
      changesWhenChecked = changesOf.get() as number
    }
    if (cache.has(key)) return cache.get(key) as T
    // Bounded: keys are (center, service) pairs and day ranges, a few per center per day.
    if (cache.size >= 5000) cache.clear()
    const value = deepFreeze(load())
    cache.set(key, value)
    return value
  }
}

function centerRepo(db: Db, remembered: ReturnType<typeof generationCache>): CenterRepo {
  const q = {
    list: db.prepare('SELECT * FROM centers ORDER BY sort, id'),
    get: db.prepare('SELECT * FROM centers WHERE id = ?'),
    windows: db.prepare('SELECT id, center_id AS centerId, number, name FROM windows WHERE center_id = ? ORDER BY number'),
    services: db.prepare('SELECT * FROM services WHERE center_id = ? AND retired = 0 ORDER BY sort, id'),
    service: db.prepare('SELECT * FROM services WHERE center_id = ? AND id = ? AND retired = 0'),
    days: db.prepare('SELECT date, open, reason FROM center_days WHERE center_id = ? AND date BETWEEN ? AND ?'),
  }
  return {
    async list() {
      return remembered('list', () => (q.list.all() as CenterRow[]).map(toCenter))
    },
    async get(centerId) {
      return remembered(`get|${centerId}`, () => {
        const row = q.get.get(centerId) as CenterRow | undefined
        return row ? toCenter(row) : null
      })
    },
    async windows(centerId) {
      return remembered(`windows|${centerId}`, () => q.windows.all(centerId) as WindowRecord[])
    },
    async services(centerId) {
      return remembered(`services|${centerId}`, () => (q.services.all(centerId) as ServiceRow[]).map(toService))
    },
    async service(centerId, serviceId) {
      return remembered(`service|${centerId}|${serviceId}`, () => {
        const row = q.service.get(centerId, serviceId) as ServiceRow | undefined
        return row ? toService(row) : null
      })
    },
    async days(centerId, from, to) {
      return remembered(`days|${centerId}|${from}|${to}`, () => {
        const days: CenterDays = { closed: {}, open: {} }
        for (const r of q.days.all(centerId, from, to) as { date: string; open: number; reason: string }[]) {
          ;(r.open ? days.open : days.closed)[r.date] = r.reason
        }
        return days
      })
    },
  }
}

interface ArrangementRow {
  year: number
  lines_json: string
  version: number
  source: ArrangementRecord['source']
  entered_by: string
  entered_by_name: string
  entered_at: string
}

const toArrangement = (r: ArrangementRow): ArrangementRecord => ({
  year: r.year,
  lines: JSON.parse(r.lines_json),
  version: r.version,
  source: r.source,
  enteredBy: r.entered_by,
  enteredByName: r.entered_by_name,
  enteredAt: r.entered_at,
})

/** The district's yearly arrangements: one row per year, replaced only by a save that names the version it read. */
function calendarRepo(db: Db, remembered: ReturnType<typeof generationCache>): CalendarRepo {
  const q = {
    all: db.prepare('SELECT * FROM calendar_years ORDER BY year'),
    insert: db.prepare(`INSERT INTO calendar_years (year, lines_json, version, source, entered_by, entered_by_name, entered_at)
      VALUES (@year, @lines, 1, @source, @enteredBy, @enteredByName, @enteredAt) ON CONFLICT (year) DO NOTHING`),
    replace: db.prepare(`UPDATE calendar_years SET lines_json = @lines, version = @version, source = @source, entered_by = @enteredBy,
      entered_by_name = @enteredByName, entered_at = @enteredAt WHERE year = @year AND version = @version - 1`),
  }
  return {
    async arrangements() {
      return remembered('calendar|arrangements', () => (q.all.all() as ArrangementRow[]).map(toArrangement))
    },
    async saveArrangement(record) {
      const row = { ...record, lines: JSON.stringify(record.lines) }
      return (record.version === 1 ? q.insert.run(row) : q.replace.run(row)).changes === 1
    },
  }
}

function staffRepo(db: Db): StaffRepo {
  const rolesOf = db.prepare('SELECT name, role, scope_json FROM staff_roles WHERE center_id = ? AND openid = ? ORDER BY role')
  const districtRole = db.prepare('SELECT openid, name, role, created_at AS createdAt FROM district_staff WHERE openid = ?')
  return {
    async districtRole(openid) {
      return (districtRole.get(openid) as DistrictStaffRecord | undefined) ?? null
    },
    async rolesOf(centerId, openid) {
      return (rolesOf.all(centerId, openid) as { name: string; role: Grant['role']; scope_json: string }[]).map((r) => ({
        name: r.name,
        grant: { role: r.role, ...JSON.parse(r.scope_json) },
      }))
    },
  }
}

/**
 * The local and test store: one SQLite file (or `:memory:`), opened with the personal-data keys
 * (refused when they are not the database's; phones, names and addresses sealed with them).
 */
/** Where the photos of a database file go: `files/` beside it (a database in memory: a temp folder of its own). */
export function filesDirOf(file: string): string {
  return file === ':memory:' ? path.join(os.tmpdir(), `bm-files-${process.pid}-${Date.now()}`) : path.join(path.dirname(file), 'files')
}

export function createSqliteStore(
  file: string,
  options: OpenOptions & { sealer: Sealer; filesDir?: string },
): Store & { db: Db; files: LocalFileStore } {
  const { sealer } = options
  const db = openDatabase(file, options)
  const remembered = generationCache(db)
  const files = localFileStore(options.filesDir ?? filesDirOf(file))
  return {
    db,
    centers: centerRepo(db, remembered),
    calendar: calendarRepo(db, remembered),
    staff: staffRepo(db),
    bookings: sqliteBookingRepo(db, sealer),
    messages: sqliteMessageRepo(db, sealer),
    audit: sqliteAuditRepo(db),
    cases: sqliteCaseRepo(db, sealer, files),
    queue: sqliteQueueRepo(db, sealer),
    homecert: sqliteHomecertRepo(db, sealer, files),
    staffAdmin: sqliteStaffAdminRepo(db),
    config: sqliteConfigRepo(db),
    stats: sqliteStatsRepo(db),
    people: sqlitePeopleRepo(db),
    waitlist: sqliteWaitlistRepo(db, sealer),
    ratings: sqliteRatingRepo(db),
    files,
    close: () => db.close(),
  }
}
