/**
 * The store port, calendar: the district's yearly arrangements (放假调休), one record a year.
 *
 * What the store must guarantee: a save is conditional on the version the caller read
 * (optimistic concurrency), so two admins saving at once never silently overwrite each other.
 */

import type { EnteredArrangement } from '@/core/working-calendar'

/** A year's arrangement (放假调休) as the district entered it or the deployer imported it, for the whole deployment. */
export interface ArrangementRecord extends EnteredArrangement {
  source: 'entered' | 'imported'
  /** The district admin's openid, or `import` for the deployer's file. */
  enteredBy: string
  enteredByName: string
  enteredAt: string
}

export interface CalendarRepo {
  /** Every stored arrangement, by year. */
  arrangements(): Promise<ArrangementRecord[]>
  /**
   * Atomic: stores the year's arrangement if the stored one is still at `record.version - 1`
   * (1: none stored yet), replacing it; false when another save came first.
   */
  saveArrangement(record: ArrangementRecord): Promise<boolean>
}
