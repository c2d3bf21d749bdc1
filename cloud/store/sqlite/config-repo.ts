import type { ConfigRepo, ServiceConfigRecord } from '../port'
import type { Db } from './open-database'
import { toServiceConfig, type ServiceRow } from './service-rows'

const serviceParams = (s: ServiceConfigRecord) => ({
  id: s.id,
  centerId: s.centerId,
  category: s.category,
  name: s.name,
  summary: s.summary,
  keywords: JSON.stringify(s.keywords),
  materials: JSON.stringify(s.materials),
  notes: JSON.stringify(s.notes),
  processingDays: s.processingDays,
  bookable: s.bookable ? 1 : 0,
  delegable: s.delegable ? 1 : 0,
  windowIds: JSON.stringify(s.windowIds),
  slotMinutes: s.slotMinutes,
  perWindowCapacity: s.perWindowCapacity,
  slotCapacity: s.slotCapacity ?? null,
  retired: s.retired ? 1 : 0,
})

/** Center configuration on SQLite: each edit one `BEGIN IMMEDIATE` transaction. */
export function sqliteConfigRepo(db: Db): ConfigRepo {
  const q = {
    allServices: db.prepare('SELECT * FROM services WHERE center_id = ? ORDER BY retired, sort, id'),
    service: db.prepare('SELECT * FROM services WHERE center_id = ? AND id = ?'),
    nameTaken: db.prepare('SELECT 1 FROM services WHERE center_id = ? AND name = ? AND id <> ? AND retired = 0'),
    nextSort: db.prepare('SELECT COALESCE(MAX(sort), -1) + 1 AS n FROM services WHERE center_id = ?'),
    insertService: db.prepare(`INSERT INTO services
      (id, center_id, category, name, summary, keywords_json, materials_json, notes_json, processing_days, bookable, delegable, window_ids_json, slot_minutes, per_window_capacity, slot_capacity, sort, retired)
      VALUES (@id, @centerId, @category, @name, @summary, @keywords, @materials, @notes, @processingDays, @bookable, @delegable, @windowIds, @slotMinutes, @perWindowCapacity, @slotCapacity, @sort, @retired)`),
    updateService:
      db.prepare(`UPDATE services SET category = @category, name = @name, summary = @summary, keywords_json = @keywords, materials_json = @materials,
      notes_json = @notes, processing_days = @processingDays, bookable = @bookable, delegable = @delegable, window_ids_json = @windowIds,
      slot_minutes = @slotMinutes, slot_capacity = @slotCapacity WHERE id = @id AND center_id = @centerId`),
    // Seats already taken stay taken: a counter never drops below its bookings (the table's CHECK would refuse it anyway).
    recapacity: db.prepare('UPDATE booking_slots SET capacity = MAX(@capacity, booked) WHERE service_id = @serviceId AND date >= @today'),
    retire: db.prepare('UPDATE services SET retired = ? WHERE center_id = ? AND id = ?'),
    upcoming: db.prepare(
      "SELECT service_id AS serviceId, COUNT(*) AS n FROM bookings WHERE center_id = ? AND date >= ? AND status IN ('booked', 'checked_in') GROUP BY service_id",
    ),
    updateCenter: db.prepare(
      'UPDATE centers SET name = @name, address = @address, phone = @phone, latitude = @latitude, longitude = @longitude, hours_json = @hours WHERE id = @centerId',
    ),
    setDay: db.prepare(
      'INSERT INTO center_days (center_id, date, open, reason) VALUES (?, ?, ?, ?) ON CONFLICT (center_id, date) DO UPDATE SET open = excluded.open, reason = excluded.reason',
    ),
    removeDay: db.prepare('DELETE FROM center_days WHERE center_id = ? AND date = ?'),
    window: db.prepare('SELECT id FROM windows WHERE center_id = ? AND id = ?'),
    windowNumber: db.prepare('SELECT id FROM windows WHERE center_id = ? AND number = ?'),
    insertWindow: db.prepare('INSERT INTO windows (id, center_id, number, name) VALUES (@id, @centerId, @number, @name)'),
    updateWindow: db.prepare('UPDATE windows SET number = @number, name = @name WHERE id = @id AND center_id = @centerId'),
    servicesNaming: db.prepare(
      'SELECT COUNT(*) AS n FROM services WHERE center_id = ? AND retired = 0 AND EXISTS (SELECT 1 FROM json_each(window_ids_json) WHERE value = ?)',
    ),
    deleteWindow: db.prepare('DELETE FROM windows WHERE center_id = ? AND id = ?'),
    community: db.prepare('SELECT id, name FROM communities WHERE center_id = ? AND id = ?'),
    communityName: db.prepare('SELECT id FROM communities WHERE center_id = ? AND name = ?'),
    nextCommunitySort: db.prepare('SELECT COALESCE(MAX(sort), -1) + 1 AS n FROM communities WHERE center_id = ?'),
    insertCommunity: db.prepare(
      'INSERT INTO communities (id, center_id, name, responsible_openid, sort) VALUES (@id, @centerId, @name, @responsibleOpenid, @sort)',
    ),
    updateCommunity: db.prepare(
      'UPDATE communities SET name = @name, responsible_openid = @responsibleOpenid WHERE id = @id AND center_id = @centerId',
    ),
    scopedRoles: db.prepare("SELECT openid, role, scope_json FROM staff_roles WHERE center_id = ? AND role IN ('grid', 'supervisor')"),
    setScope: db.prepare('UPDATE staff_roles SET scope_json = ? WHERE center_id = ? AND openid = ? AND role = ?'),
    requestsIn: db.prepare('SELECT COUNT(*) AS n FROM homecert_requests WHERE community_id = ?'),
    deleteCommunity: db.prepare('DELETE FROM communities WHERE center_id = ? AND id = ?'),
    requestCounts: db.prepare('SELECT community_id AS id, COUNT(*) AS n FROM homecert_requests WHERE center_id = ? GROUP BY community_id'),
    bookingRules: db.prepare('UPDATE centers SET booking_rules_json = ? WHERE id = ?'),
    queueRules: db.prepare('UPDATE centers SET queue_rules_json = ? WHERE id = ?'),
    homecertRules: db.prepare(
      'INSERT INTO homecert_settings (center_id, rules_json) VALUES (?, ?) ON CONFLICT (center_id) DO UPDATE SET rules_json = excluded.rules_json',
    ),
  }

  const saveServiceTx = db.transaction((s: ServiceConfigRecord, create: boolean, today: string) => {
    if (q.nameTaken.get(s.centerId, s.name, s.id)) return { kind: 'name_taken' as const }
    if (create) q.insertService.run({ ...serviceParams(s), sort: (q.nextSort.get(s.centerId) as { n: number }).n })
    else if (q.updateService.run(serviceParams(s)).changes === 0) return { kind: 'not_found' as const }
    if (s.slotCapacity !== null && s.slotCapacity !== undefined) q.recapacity.run({ capacity: s.slotCapacity, serviceId: s.id, today })
    return { kind: 'saved' as const, service: toServiceConfig(q.service.get(s.centerId, s.id) as ServiceRow) }
  })

  const saveWindowTx = db.transaction((w: { id: string; centerId: string; number: number; name: string }, create: boolean) => {
    const holder = q.windowNumber.get(w.centerId, w.number) as { id: string } | undefined
    if (holder && holder.id !== w.id) return 'number_taken' as const
    if (create) q.insertWindow.run(w)
    else if (q.updateWindow.run(w).changes === 0) return 'not_found' as const
    return 'saved' as const
  })

  const removeWindowTx = db.transaction((centerId: string, id: string) => {
    if (!q.window.get(centerId, id)) return 'not_found' as const
    if ((q.servicesNaming.get(centerId, id) as { n: number }).n > 0) return 'in_use' as const
    q.deleteWindow.run(centerId, id)
    return 'removed' as const
  })

  const saveCommunityTx = db.transaction(
    (c: { id: string; centerId: string; name: string; responsibleOpenid: string | null }, create: boolean) => {
      const holder = q.communityName.get(c.centerId, c.name) as { id: string } | undefined
      if (holder && holder.id !== c.id) return 'name_taken' as const
      if (create) {
        q.insertCommunity.run({ ...c, sort: (q.nextCommunitySort.get(c.centerId) as { n: number }).n })
        return 'saved' as const
      }
      const before = q.community.get(c.centerId, c.id) as { id: string; name: string } | undefined
      if (!before) return 'not_found' as const
      q.updateCommunity.run(c)
      if (before.name !== c.name) {
        // Staff scopes name communities: a rename follows into them in the same unit.
        for (const r of q.scopedRoles.all(c.centerId) as { openid: string; role: string; scope_json: string }[]) {
          const scope = JSON.parse(r.scope_json) as { communities?: string[] }
          if (!scope.communities?.includes(before.name)) continue
          scope.communities = scope.communities.map((n) => (n === before.name ? c.name : n))
          q.setScope.run(JSON.stringify(scope), c.centerId, r.openid, r.role)
        }
      }
      return 'saved' as const
    },
  )

  const removeCommunityTx = db.transaction((centerId: string, id: string) => {
    if (!q.community.get(centerId, id)) return 'not_found' as const
    if ((q.requestsIn.get(id) as { n: number }).n > 0) return 'in_use' as const
    q.deleteCommunity.run(centerId, id)
    return 'removed' as const
  })

  return {
    async allServices(centerId) {
      return (q.allServices.all(centerId) as ServiceRow[]).map(toServiceConfig)
    },
    async upcomingBookings(centerId, from) {
      return new Map((q.upcoming.all(centerId, from) as { serviceId: string; n: number }[]).map((r) => [r.serviceId, r.n]))
    },
    async updateCenter(centerId, card) {
      q.updateCenter.run({ ...card, centerId, hours: JSON.stringify(card.hours) })
    },
    async setDay(centerId, date, open, reason) {
      q.setDay.run(centerId, date, open ? 1 : 0, reason)
    },
    async removeDay(centerId, date) {
      return q.removeDay.run(centerId, date).changes > 0
    },
    async saveService(service, { create, today }) {
      return saveServiceTx.immediate(service, create, today)
    },
    async setServiceRetired(centerId, id, retired) {
      if (q.retire.run(retired ? 1 : 0, centerId, id).changes === 0) return null
      return toServiceConfig(q.service.get(centerId, id) as ServiceRow)
    },
    async saveWindow(w, create) {
      return saveWindowTx.immediate(w, create)
    },
    async removeWindow(centerId, id) {
      return removeWindowTx.immediate(centerId, id)
    },
    async saveCommunity(c, create) {
      return saveCommunityTx.immediate(c, create)
    },
    async removeCommunity(centerId, id) {
      return removeCommunityTx.immediate(centerId, id)
    },
    async communityRequestCounts(centerId) {
      return new Map((q.requestCounts.all(centerId) as { id: string; n: number }[]).map((r) => [r.id, r.n]))
    },
    async setBookingRules(centerId, rules) {
      q.bookingRules.run(JSON.stringify(rules), centerId)
    },
    async setQueueRules(centerId, rules) {
      q.queueRules.run(JSON.stringify(rules), centerId)
    },
    async setHomecertRules(centerId, rules) {
      q.homecertRules.run(centerId, JSON.stringify(rules))
    },
  }
}
