import type { Db } from '../store/sqlite/open-database'

/** Counter staff the queue needs beyond the demo centers' own: a second 灵山卫 clerk, for windows 4–6 (so "another window's clerk" is a real person). */
export const QUEUE_STAFF = [{ centerId: 'lsw', openid: 'dev-clerk-ma', name: '马丽', role: 'counter', scope: { windows: [4, 5, 6] } }] as const

/** Writes the queue's staff into a freshly seeded database (inside the migration transaction). */
export function seedQueueStaff(db: Db): void {
  const insert = db.prepare('INSERT OR IGNORE INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const now = new Date().toISOString()
  for (const s of QUEUE_STAFF) insert.run(s.centerId, s.openid, s.name, s.role, JSON.stringify(s.scope), now)
}
