import type Database from 'better-sqlite3'
import { DEMO_COMMUNITIES, HOMECERT_STAFF, WORKER_PHONES } from '@cloud/seed/communities'
import { DEMO_CENTERS } from '@cloud/seed/demo-centers'
import { DISTRICT_STAFF } from '@cloud/seed/personas'
import { QUEUE_STAFF } from '@cloud/seed/queue'

/**
 * Writes the demo centers into an empty database (called inside the migration transaction).
 * The demo data lives in cloud/seed/ (data only); writing it is this adapter's. With `staff: false`
 * (production) only the centers' configuration: centers, windows, services, communities (nobody
 * responsible yet) — no personas, no district staff, no workers' phones; the first admin comes from
 * `npm run admin:bootstrap`.
 */
export function seedDatabase(db: Database.Database, options: { staff: boolean } = { staff: true }): void {
  const insertCenter = db.prepare(
    'INSERT INTO centers (id, name, district, address, phone, latitude, longitude, hours_json, sort) VALUES (@id, @name, @district, @address, @phone, @latitude, @longitude, @hours, @sort)',
  )
  const insertWindow = db.prepare('INSERT INTO windows (id, center_id, number, name) VALUES (?, ?, ?, ?)')
  const insertService = db.prepare(`INSERT INTO services
    (id, center_id, category, name, summary, keywords_json, materials_json, notes_json, processing_days, bookable, delegable, window_ids_json, slot_minutes, per_window_capacity, sort)
    VALUES (@id, @centerId, @category, @name, @summary, @keywords, @materials, @notes, @processingDays, @bookable, @delegable, @windowIds, @slotMinutes, @perWindowCapacity, @sort)`)
  const insertRole = db.prepare('INSERT INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const now = new Date().toISOString()

  for (const seed of DEMO_CENTERS) {
    const c = seed.center
    insertCenter.run({ ...c, hours: JSON.stringify(c.hours) })
    for (const w of seed.windows) insertWindow.run(w.id, c.id, w.number, w.name)
    seed.services.forEach((s, i) =>
      insertService.run({
        ...s,
        centerId: c.id,
        keywords: JSON.stringify(s.keywords ?? []),
        materials: JSON.stringify(s.materials),
        notes: JSON.stringify(s.notes ?? []),
        bookable: s.bookable ? 1 : 0,
        delegable: s.delegable ? 1 : 0,
        windowIds: JSON.stringify(s.windowIds),
        slotMinutes: s.slotMinutes ?? 30,
        perWindowCapacity: s.perWindowCapacity ?? 2,
        sort: i,
      }),
    )
    if (options.staff)
      for (const st of seed.staff) {
        const { role, ...scope } = st.grant
        insertRole.run(c.id, st.openid, st.name, role, JSON.stringify(scope), now)
      }
  }
  if (!options.staff) return void seedCommunities(db, false)
  // Migration tests seed a database as an older version had it: the district table came with migration 011.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'district_staff'").get()) {
    const insertDistrict = db.prepare("INSERT INTO district_staff (openid, name, role, created_at) VALUES (?, ?, 'district', ?)")
    for (const d of DISTRICT_STAFF) insertDistrict.run(d.openid, d.name, now)
  }
  seedQueueStaff(db)
  seedCommunities(db, true)
}

/** Writes the queue's staff into a freshly seeded database (inside the migration transaction). */
function seedQueueStaff(db: Database.Database): void {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const now = new Date().toISOString()
  for (const s of QUEUE_STAFF) insert.run(s.centerId, s.openid, s.name, s.role, JSON.stringify(s.scope), now)
}

/** Writes the communities, and with the demo staff the extra staff and the workers' phones (inside the seed transaction). */
function seedCommunities(db: Database.Database, staff: boolean): void {
  const insertCommunity = db.prepare('INSERT INTO communities (id, center_id, name, responsible_openid, sort) VALUES (?, ?, ?, ?, ?)')
  const insertRole = db.prepare('INSERT INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const insertPhone = db.prepare('INSERT INTO homecert_worker_phones (center_id, openid, phone) VALUES (?, ?, ?)')
  const now = new Date().toISOString()
  for (const [centerId, communities] of Object.entries(DEMO_COMMUNITIES)) {
    communities.forEach((c, i) => insertCommunity.run(c.id, centerId, c.name, staff ? c.responsibleOpenid : null, i))
  }
  if (!staff) return
  for (const s of HOMECERT_STAFF) {
    const { role, ...scope } = s.grant
    insertRole.run(s.centerId, s.openid, s.name, role, JSON.stringify(scope), now)
  }
  for (const p of WORKER_PHONES) insertPhone.run(p.centerId, p.openid, p.phone)
}
