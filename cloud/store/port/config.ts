/**
 * The store port, configuration: what a center's admin edits — the card and hours, closures,
 * services, windows, communities and rules.
 *
 * What the store must guarantee: a service's new capacity reaches its future slot counters in the
 * same unit as the save and never below what is booked; a window or community is removed only
 * while nothing names it, decided in the unit that removes it.
 */

import type { IsoDate } from '@/core/beijing-time'
import type { BookingRules } from '@/core/booking-rules'
import type { HomecertRules } from '@/core/home-certification'
import type { QueueRules } from '@/core/queue-check-in'
import type { CenterRecord, ServiceRecord, WindowRecord } from './center'
import type { CommunityRecord } from './homecert'

/** A service as configured, retired ones included. */
export interface ServiceConfigRecord extends ServiceRecord {
  retired: boolean
}

export type SaveServiceResult = { kind: 'saved'; service: ServiceConfigRecord } | { kind: 'not_found' } | { kind: 'name_taken' }

export interface ConfigRepo {
  /** Every service of a center, retired ones too, in guide order. */
  allServices(centerId: string): Promise<ServiceConfigRecord[]>
  /** Booked or checked-in appointments per service with a date on or after `from`. */
  upcomingBookings(centerId: string, from: IsoDate): Promise<Map<string, number>>
  updateCenter(centerId: string, card: Pick<CenterRecord, 'name' | 'address' | 'phone' | 'latitude' | 'longitude' | 'hours'>): Promise<void>
  /** A closure or extra opening day (replaces one on the same date). */
  setDay(centerId: string, date: IsoDate, open: boolean, reason: string): Promise<void>
  removeDay(centerId: string, date: IsoDate): Promise<boolean>
  /**
   * One atomic unit: insert or update the service (a name used by another of the
   * center's services is refused) and give every slot counter of it dated
   * `today` or later the new capacity, never below what is booked in it.
   */
  saveService(service: ServiceConfigRecord, options: { create: boolean; today: IsoDate }): Promise<SaveServiceResult>
  setServiceRetired(centerId: string, id: string, retired: boolean): Promise<ServiceConfigRecord | null>
  /** Insert or rename a window; refused when the number is another window's. */
  saveWindow(window: WindowRecord, create: boolean): Promise<'saved' | 'number_taken' | 'not_found'>
  /** Atomic: removes a window no service names; 'in_use' otherwise. */
  removeWindow(centerId: string, id: string): Promise<'removed' | 'in_use' | 'not_found'>
  /** Insert or update a community; a rename rewrites the staff scopes that name it, in the same unit. */
  saveCommunity(community: CommunityRecord, create: boolean): Promise<'saved' | 'name_taken' | 'not_found'>
  /** Atomic: removes a community no request names; 'in_use' otherwise. */
  removeCommunity(centerId: string, id: string): Promise<'removed' | 'in_use' | 'not_found'>
  /** Home-certification requests per community (any status). */
  communityRequestCounts(centerId: string): Promise<Map<string, number>>
  setBookingRules(centerId: string, rules: Partial<BookingRules>): Promise<void>
  setQueueRules(centerId: string, rules: Partial<QueueRules>): Promise<void>
  setHomecertRules(centerId: string, rules: Partial<HomecertRules>): Promise<void>
}
