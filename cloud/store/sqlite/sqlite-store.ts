import type { RoleGrant } from '../../../src/contract/center'
import type { CenterDays } from '../../../src/core/calendar'
import type { CenterRecord, CenterRepo, StaffRepo, Store, WindowRecord } from '../port'
import { sqliteBookingRepo } from './booking-repo'
import { sqliteCaseRepo } from './case-repo'
import { sqliteMessageRepo } from './message-repo'
import { sqliteAuditRepo } from './audit-repo'
import { sqliteQueueRepo } from './queue-repo'
import { sqliteHomecertRepo } from './homecert-repo'
import { openDatabase, type Db, type OpenOptions } from './open-database'
import { sqliteStaffAdminRepo } from './staff-admin-repo'
import { sqliteConfigRepo } from './config-repo'
import { toService, type ServiceRow } from './service-rows'
import { sqliteStatsRepo } from './stats-repo'

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

function centerRepo(db: Db): CenterRepo {
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
      return (q.list.all() as CenterRow[]).map(toCenter)
    },
    async get(centerId) {
      const row = q.get.get(centerId) as CenterRow | undefined
      return row ? toCenter(row) : null
    },
    async windows(centerId) {
      return q.windows.all(centerId) as WindowRecord[]
    },
    async services(centerId) {
      return (q.services.all(centerId) as ServiceRow[]).map(toService)
    },
    async service(centerId, serviceId) {
      const row = q.service.get(centerId, serviceId) as ServiceRow | undefined
      return row ? toService(row) : null
    },
    async days(centerId, from, to) {
      const days: CenterDays = { closed: {}, open: {} }
      for (const r of q.days.all(centerId, from, to) as { date: string; open: number; reason: string }[]) {
        ;(r.open ? days.open : days.closed)[r.date] = r.reason
      }
      return days
    },
  }
}

function staffRepo(db: Db): StaffRepo {
  const rolesOf = db.prepare('SELECT name, role, scope_json FROM staff_roles WHERE center_id = ? AND openid = ? ORDER BY role')
  return {
    async rolesOf(centerId, openid) {
      return (rolesOf.all(centerId, openid) as { name: string; role: RoleGrant['role']; scope_json: string }[]).map((r) => ({
        name: r.name,
        grant: { role: r.role, ...JSON.parse(r.scope_json) },
      }))
    },
  }
}

/** The local and test store: one SQLite file (or `:memory:`). */
export function createSqliteStore(file: string, options?: OpenOptions): Store & { db: Db } {
  const db = openDatabase(file, options)
  return {
    db,
    centers: centerRepo(db),
    staff: staffRepo(db),
    bookings: sqliteBookingRepo(db),
    messages: sqliteMessageRepo(db),
    audit: sqliteAuditRepo(db),
    cases: sqliteCaseRepo(db),
    queue: sqliteQueueRepo(db),
    homecert: sqliteHomecertRepo(db),
    staffAdmin: sqliteStaffAdminRepo(db),
    config: sqliteConfigRepo(db),
    stats: sqliteStatsRepo(db),
    close: () => db.close(),
  }
}
