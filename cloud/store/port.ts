/**
 * The store port: what the use cases need from a database, in words both
 * adapters can keep (SQLite locally, the CloudBase document database in
 * production). Each method is one atomic unit; no business rule lives behind it.
 */
import type { RoleGrant, Material } from '../../src/contract/center'
import type { CenterDays, OpeningHours } from '../../src/core/calendar'
import type { IsoDate } from '../../src/core/beijing-time'
import type { ServiceCategoryKey } from '../../src/core/service-categories'

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
  sort: number
}

export interface StaffGrant {
  name: string
  grant: RoleGrant
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

export interface StaffRepo {
  rolesOf(centerId: string, openid: string): Promise<StaffGrant[]>
}

export interface Store {
  centers: CenterRepo
  staff: StaffRepo
  close(): void
}
