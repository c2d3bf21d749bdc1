/**
 * The store port, ratings (好差评): one rating per service instance — a counter visit, a home
 * certification, a delegated case — and the follow-up of a 差评 with the admin's answer; a center's
 * rating rules.
 *
 * What the store must guarantee: one rating per (service, subject): a second `rate` of the same
 * instance writes nothing and answers false (two taps, or two devices, never both count); a follow-up
 * is answered once (a conditional write: two admins answering at once never both win).
 */

import type { RatedService, RatingLevel, RatingReason, RatingRules } from '@/core/rating'
import type { RetentionCutoff } from '@/core/retention'

/** What was put right after a 差评: open while `answeredAt` is null. */
export interface FollowUpRecord {
  /** The last Beijing day to answer. */
  due: string
  answer: string | null
  answeredAt: string | null
  answeredBy: string | null
  answeredByName: string | null
}

export interface RatingRecord {
  /** `<service>:<subjectId>`, e.g. `case:c-123`: the one-per-instance key. */
  id: string
  centerId: string
  service: RatedService
  /** The ticket, home-certification request or case rated. */
  subjectId: string
  /** The resident who rated (the instance's own resident). */
  openid: string
  level: RatingLevel
  reasons: RatingReason[]
  comment: string | null
  at: string
  /** What statistics group by: the 事项, the window and the worker who served (null where none). */
  serviceId: string | null
  window: number | null
  workerOpenid: string | null
  workerName: string | null
  followUp: FollowUpRecord | null
}

export interface FollowUpAnswer {
  answer: string
  at: string
  by: string
  byName: string
}

export interface RatingRepo {
  get(service: RatedService, subjectId: string): Promise<RatingRecord | null>
  /** The ratings of several instances of one service at once (for lists). */
  ofSubjects(service: RatedService, subjectIds: readonly string[]): Promise<RatingRecord[]>
  /** One rating per instance: false, and nothing written, when it was already rated. */
  rate(rating: RatingRecord): Promise<boolean>
  /** A center's follow-ups: open ones by due day (oldest first), or answered ones, latest answer first. At most `limit`. */
  followUps(centerId: string, answered: boolean, limit: number): Promise<RatingRecord[]>
  /** Answers an open follow-up; null when there is none or it was already answered. */
  answer(id: string, answer: FollowUpAnswer): Promise<RatingRecord | null>
  /** A center's overrides of the rating rules (none: the defaults). */
  rules(centerId: string): Promise<Partial<RatingRules> | null>
  saveRules(centerId: string, rules: Partial<RatingRules>): Promise<void>
  /**
   * Retention: ratings of counter visits and home certifications given before the cut-off lose the resident's words
   * and openid (`purged:<id>`); level, reasons, window, worker and the follow-up (what statistics read) stay. A case's
   * rating goes with its case (CaseRepo.purgePersonalData). Returns how many were purged; a second run finds none.
   */
  purgePersonalData(cutoff: RetentionCutoff): Promise<number>
}

/** The record's key for an instance. @example ratingId('case', 'c-1') // 'case:c-1' */
export const ratingId = (service: RatedService, subjectId: string) => `${service}:${subjectId}`
