/**
 * Writes the demo centers (cloud/seed/*.ts, the same data the SQLite seed writes) into a
 * CloudBase database. Never overwrites: a document whose `_id` exists is kept, so running it
 * again (or after an admin has edited the center) changes nothing. The deploy guide's seeding
 * step runs it with `staff: false`: the demo staff's openids are not WeChat users, and a demo
 * admin would count as "another admin" for the last-admin guard.
 */
import { DEMO_COMMUNITIES, HOMECERT_STAFF, WORKER_PHONES } from '@cloud/seed/communities'
import { DEMO_CENTERS, type SeedCenter } from '@cloud/seed/demo-centers'
import { DISTRICT_STAFF } from '@cloud/seed/personas'
import { QUEUE_STAFF } from '@cloud/seed/queue'
import { CENTER_COLLECTIONS } from './center-repo'
import type { DbApi, StoredDoc } from './db-api'
import { moveGeneration } from './config-cache'
import { inTransaction, insertOnce } from './doc-helpers'
import { SHARED } from './shared-collections'
import { STAFF_COLLECTIONS } from './staff-admin-repo'
import { DISTRICT_COLLECTIONS, roleDoc, type RoleDoc } from './staff-repo'

export interface SeedOptions {
  centers?: SeedCenter[]
  /** The demo staff, their roles and the grid workers' phones (default true; false in production). */
  staff?: boolean
}

export async function seedCloudbase(db: DbApi, options: SeedOptions = {}): Promise<{ inserted: number; kept: number }> {
  const counts = { inserted: 0, kept: 0 }
  const put = async (collection: string, doc: StoredDoc) => {
    counts[(await insertOnce(db, collection, doc)) === 'inserted' ? 'inserted' : 'kept']++
  }
  const now = new Date().toISOString()

  for (const seed of options.centers ?? DEMO_CENTERS) {
    const { id, ...center } = seed.center
    await put(CENTER_COLLECTIONS.centers, {
      _id: id,
      ...center,
      bookingRules: center.bookingRules ?? {},
      queueRules: center.queueRules ?? {},
    })
    for (const w of seed.windows) await put(CENTER_COLLECTIONS.windows, { _id: w.id, centerId: id, number: w.number, name: w.name })
    for (const [i, s] of seed.services.entries()) {
      const { id: serviceId, ...service } = s
      await put(CENTER_COLLECTIONS.services, {
        _id: serviceId,
        centerId: id,
        ...service,
        keywords: s.keywords ?? [],
        notes: s.notes ?? [],
        slotMinutes: s.slotMinutes ?? 30,
        perWindowCapacity: s.perWindowCapacity ?? 2,
        slotCapacity: null,
        sort: i,
        retired: false,
      })
    }
    for (const [i, c] of (DEMO_COMMUNITIES[id] ?? []).entries()) {
      await put(SHARED.communities, {
        _id: c.id,
        centerId: id,
        name: c.name,
        responsibleOpenid: options.staff === false ? null : c.responsibleOpenid,
        sort: i,
      })
    }
    if (options.staff === false) continue

    const roles: RoleDoc[] = [
      ...seed.staff.map((s) => roleDoc(id, s.openid, s.name, s.grant, now)),
      ...QUEUE_STAFF.filter((s) => s.centerId === id).map((s) =>
        roleDoc(id, s.openid, s.name, { role: s.role, windows: [...s.scope.windows] }, now),
      ),
      ...HOMECERT_STAFF.filter((s) => s.centerId === id).map((s) => roleDoc(id, s.openid, s.name, s.grant, now)),
    ]
    for (const r of roles) await put(SHARED.staffRoles, r)
    await put(STAFF_COLLECTIONS.admins, { _id: id, openids: [...new Set(roles.filter((r) => r.role === 'admin').map((r) => r.openid))] })
    for (const p of WORKER_PHONES.filter((w) => w.centerId === id)) await put(SHARED.workerPhones, { _id: `${id}_${p.openid}`, ...p })
  }
  if (options.staff !== false)
    for (const d of DISTRICT_STAFF)
      await put(DISTRICT_COLLECTIONS.staff, { _id: d.openid, openid: d.openid, name: d.name, role: 'district', createdAt: now })
  // Instances remember the configuration: a seed that added any moves its generation (config-cache.ts).
  if (counts.inserted > 0) await inTransaction(db, moveGeneration)
  return counts
}
