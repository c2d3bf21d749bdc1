import type { ServiceConfigRecord, ServiceRecord } from '../port'

/** A `services` row as SQLite returns it (JSON columns as text, flags as 0/1). */
export interface ServiceRow {
  id: string
  center_id: string
  category: ServiceRecord['category']
  name: string
  summary: string
  keywords_json: string
  materials_json: string
  notes_json: string
  processing_days: number
  bookable: number
  delegable: number
  window_ids_json: string
  slot_minutes: number
  per_window_capacity: number
  slot_capacity: number | null
  sort: number
  retired: number
}

/** The service as the use cases see it (read by the guide, booking, queue, cases). */
export const toService = (r: ServiceRow): ServiceRecord => ({
  id: r.id,
  centerId: r.center_id,
  category: r.category,
  name: r.name,
  summary: r.summary,
  keywords: JSON.parse(r.keywords_json),
  materials: JSON.parse(r.materials_json),
  notes: JSON.parse(r.notes_json),
  processingDays: r.processing_days,
  bookable: r.bookable === 1,
  delegable: r.delegable === 1,
  windowIds: JSON.parse(r.window_ids_json),
  slotMinutes: r.slot_minutes,
  perWindowCapacity: r.per_window_capacity,
  slotCapacity: r.slot_capacity,
  sort: r.sort,
})

/** The same with its retired flag, for the admin's configuration pages. */
export const toServiceConfig = (r: ServiceRow): ServiceConfigRecord => ({ ...toService(r), retired: r.retired === 1 })
