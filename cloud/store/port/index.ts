/**
 * The store port: what the use cases need from a database, in words both adapters can keep
 * (SQLite locally, the CloudBase document database in production), one file per area.
 *
 * Each method is one atomic unit. The port does hold the rules a store alone can keep —
 * capacity decided atomically, idempotent creates, conditional transitions, deterministic
 * 消息 ids — and each area's file says which in its header; every other business rule lives in
 * src/core and the functions. The contract suite (test/store/) runs every one on both adapters.
 */

import type { AuditRepo } from './audit'
import type { BookingRepo } from './booking'
import type { CalendarRepo } from './calendar'
import type { CenterRepo } from './center'
import type { ConfigRepo } from './config'
import type { CaseRepo } from './delegation'
import type { FileStore } from './files'
import type { HomecertRepo } from './homecert'
import type { MessageRepo } from './messages'
import type { PeopleRepo } from './people'
import type { QueueRepo } from './queue'
import type { RatingRepo } from './rating'
import type { StaffAdminRepo, StaffRepo } from './staff'
import type { StatsRepo } from './stats'
import type { WaitlistRepo } from './waitlist'

export * from './center'
export * from './staff'
export * from './calendar'
export * from './booking'
export * from './messages'
export * from './audit'
export * from './homecert'
export * from './queue'
export * from './delegation'
export * from './config'
export * from './stats'
export * from './people'
export * from './waitlist'
export * from './rating'
export * from './files'

export interface Store {
  centers: CenterRepo
  calendar: CalendarRepo
  staff: StaffRepo
  bookings: BookingRepo
  messages: MessageRepo
  audit: AuditRepo
  queue: QueueRepo
  homecert: HomecertRepo
  cases: CaseRepo
  staffAdmin: StaffAdminRepo
  config: ConfigRepo
  stats: StatsRepo
  people: PeopleRepo
  waitlist: WaitlistRepo
  ratings: RatingRepo
  /** Photos of cases and home certifications (files.ts): the rows keep their keys. */
  files: FileStore
  /**
   * Runs one function call (dispatch opens one per action): a store that remembers configuration between calls checks
   * once per call that it has not changed (the CloudBase store: one read of its generation document). Without it, a
   * store checks on every read. `configMaxAgeMs`: this call accepts configuration checked that recently by any call.
   */
  inCall?<R>(run: () => Promise<R>, options?: { configMaxAgeMs?: number }): Promise<R>
  close(): void
}
