/**
 * The production store: the port on the CloudBase document database (`wx-server-sdk`'s
 * `cloud.database()`; in tests the same, answered by test/support/cloudbase-double). One file per repo beside this one.
 */
import type { FileStore, Store } from '../port'
import type { Sealer } from '../sealed-fields'
import { cloudbaseAuditRepo } from './audit-repo'
import { cloudbaseBookingRepo } from './booking-repo'
import { cloudbaseWaitlistRepo } from './waitlist-repo'
import { cloudbaseCalendarRepo } from './calendar-repo'
import { cloudbaseCaseRepo } from './delegation-repo'
import { cloudbaseCenterRepo } from './center-repo'
import { configCache } from './config-cache'
import { cloudbaseConfigRepo } from './config-repo'
import type { DbApi } from './db-api'
import { cloudbaseHomecertRepo } from './homecert-repo'
import { cloudbaseMessageRepo } from './message-repo'
import { cloudbasePeopleRepo } from './people-repo'
import { cloudbaseQueueRepo } from './queue-repo'
import { cloudbaseRatingRepo } from './rating-repo'
import { cloudbaseStaffAdminRepo } from './staff-admin-repo'
import { cloudbaseStaffRepo } from './staff-repo'
import { cloudbaseStatsRepo } from './stats-repo'

/** A store that keeps no files (a seeding script): any photo operation is a bug of its caller. */
const NO_FILES: FileStore = {
  put: () => Promise.reject(new Error('this store has no file storage')),
  url: () => Promise.reject(new Error('this store has no file storage')),
  remove: () => Promise.reject(new Error('this store has no file storage')),
}

/**
 * Personal fields are sealed with `sealer` (the personal-data keys); see ../sealed-fields.ts. Photos go to
 * `files` (cloud-files.ts on the function's wx-server-sdk).
 */
export function createCloudbaseStore(db: DbApi, sealer: Sealer, files: FileStore = NO_FILES): Store {
  const messages = cloudbaseMessageRepo(db, sealer)
  const people = cloudbasePeopleRepo(db)
  // This instance's remembered configuration (config-cache.ts), shared by the repos that read and write it.
  const cache = configCache(db)
  return {
    centers: cloudbaseCenterRepo(db, cache),
    calendar: cloudbaseCalendarRepo(db, cache),
    staff: cloudbaseStaffRepo(db, cache),
    bookings: cloudbaseBookingRepo(db, sealer, people),
    waitlist: cloudbaseWaitlistRepo(db, sealer),
    messages,
    audit: cloudbaseAuditRepo(db),
    queue: cloudbaseQueueRepo(db, sealer),
    homecert: cloudbaseHomecertRepo(db, messages, sealer, files),
    cases: cloudbaseCaseRepo(db, messages, sealer, files),
    staffAdmin: cloudbaseStaffAdminRepo(db, cache),
    config: cloudbaseConfigRepo(db, cache),
    stats: cloudbaseStatsRepo(db),
    people,
    ratings: cloudbaseRatingRepo(db),
    files,
    inCall: cache.inCall,
    // The SDK keeps no connection to close.
    close: () => {},
  }
}
