/**
 * The store port, centers: a center's card, windows, services (the guide) and own days.
 * Reads only here; what changes them is the configuration's (./config.ts).
 */

import type { IsoDate } from '@/core/beijing-time'
import type { BookingRules } from '@/core/booking-rules'
import type { Material } from '@/core/materials'
import type { CenterDays, OpeningHours } from '@/core/opening-hours'
import type { QueueRules } from '@/core/queue-check-in'
import type { ServiceCategoryKey } from '@/core/service-categories'

export interface CenterRecord {
  id: string
  name: string
  district: string
  address: string
  phone: string
  latitude: number
  longitude: number
  hours: OpeningHours
  sort: number
  /** The center's overrides of the booking rules; the rest are the defaults. */
  bookingRules?: Partial<BookingRules>
  /** The center's overrides of the queue rules (the green-channel age). */
  queueRules?: Partial<QueueRules>
}

export interface WindowRecord {
  id: string
  centerId: string
  number: number
  name: string
}

export interface ServiceRecord {
  id: string
  centerId: string
  category: ServiceCategoryKey
  name: string
  summary: string
  keywords: string[]
  materials: Material[]
  notes: string[]
  processingDays: number
  bookable: boolean
  delegable: boolean
  windowIds: string[]
  slotMinutes: number
  perWindowCapacity: number
  /** Seats per slot when set; otherwise windows × perWindowCapacity. */
  slotCapacity?: number | null
  sort: number
}

export interface CenterRepo {
  list(): Promise<CenterRecord[]>
  get(centerId: string): Promise<CenterRecord | null>
  windows(centerId: string): Promise<WindowRecord[]>
  /** The center's services in guide order, retired ones left out. */
  services(centerId: string): Promise<ServiceRecord[]>
  service(centerId: string, serviceId: string): Promise<ServiceRecord | null>
  /** The center's own closures and extra opening days within [from, to]. */
  days(centerId: string, from: IsoDate, to: IsoDate): Promise<CenterDays>
}
