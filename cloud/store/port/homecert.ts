/**
 * The store port, home certification (上门认证): requests, their timelines, the communities and
 * grid workers.
 *
 * What the store must guarantee: one request in progress per elder (by keyed ID hash) — `create`
 * decides it in the same unit as the insert; a create is idempotent per (requester, requestId);
 * each transition is conditional on the status and version read and writes its timeline step
 * and 消息 in the same unit.
 */

import type { IsoDate } from '@/core/beijing-time'
import type { HalfDay, HomecertCategory, HomecertRules, VerifyMethod, VisitWindow } from '@/core/home-certification'
import type { HomecertAction, HomecertStatus } from '@/core/home-certification-states'
import type { RelationKey } from '@/core/relations'
import type { RetentionCutoff } from '@/core/retention'
import type { NewMessage } from './messages'

/** A 社区 or 村 of a center, and the grid worker who visits there by default. */
export interface CommunityRecord {
  id: string
  centerId: string
  name: string
  responsibleOpenid: string | null
  sort: number
}

/** A grid worker of a center (a `grid` staff grant), with the work phone families see masked. */
export interface GridWorkerRecord {
  openid: string
  name: string
  communities: string[]
  phone: string | null
}

/** One door-to-door certification request as stored. ID numbers only sealed, hashed and masked. */
export interface HomecertRecord {
  id: string
  /** Daily per center, e.g. `20261126-001`. */
  number: string
  centerId: string
  communityId: string
  status: HomecertStatus
  /** Bumped by every transition; a write names the version it read. */
  version: number
  requesterOpenid: string
  requestId: string
  elderName: string
  elderIdSealed: string
  elderIdHash: string
  elderIdMasked: string
  elderBirthDate: IsoDate
  elderPhone: string | null
  elderAddress: string
  category: HomecertCategory
  disabilitySealed: string | null
  disabilityKind: string | null
  disabilityGrade: string | null
  reason: string | null
  requesterSelf: boolean
  requesterName: string
  requesterPhone: string
  relation: RelationKey | null
  windows: VisitWindow[]
  note: string | null
  workerOpenid: string | null
  workerName: string | null
  visitDate: IsoDate | null
  visitHalf: HalfDay | null
  visitNote: string | null
  notHomeCount: number
  /** Beijing date since which a visit has been waiting to be agreed. */
  waitingSince: IsoDate
  outcomeNote: string | null
  /** How the elder was seen (上门现场核验 / 视频核验), with the evidence: a note, a photo (a file-store key, or an older record's data URL: port/files.ts), or both. */
  verifyMethod: VerifyMethod | null
  evidenceNote: string | null
  evidencePhoto: string | null
  /** The day the outcome was recorded for (the actual visit), which the family sees instead of the agreed one. */
  visitedOn: IsoDate | null
  certifiedOn: IsoDate | null
  nextDue: IsoDate | null
  dueRemindedAt: string | null
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export type HomecertActorRole = 'family' | 'worker' | 'supervisor' | 'admin' | 'system'

/** One step on a request's timeline: who did what, when, from which status to which. */
export interface HomecertStepRecord {
  requestId: string
  /** The request's version after the step (1 = submitted). */
  seq: number
  at: string
  action: HomecertAction | 'submit'
  fromStatus: HomecertStatus | null
  toStatus: HomecertStatus
  actorRole: HomecertActorRole
  actorOpenid: string
  actorName: string
  /** What the step set, in words (the visit's half-day, the worker's name). */
  detail: string | null
  note: string | null
}

export type NewHomecert = Omit<
  HomecertRecord,
  | 'number'
  | 'status'
  | 'version'
  | 'workerOpenid'
  | 'workerName'
  | 'visitDate'
  | 'visitHalf'
  | 'visitNote'
  | 'notHomeCount'
  | 'outcomeNote'
  | 'verifyMethod'
  | 'evidenceNote'
  | 'evidencePhoto'
  | 'visitedOn'
  | 'certifiedOn'
  | 'nextDue'
  | 'dueRemindedAt'
  | 'updatedAt'
  | 'closedAt'
>

/** The fields a transition may change. */
export type HomecertChanges = Partial<
  Pick<
    HomecertRecord,
    | 'workerOpenid'
    | 'workerName'
    | 'visitDate'
    | 'visitHalf'
    | 'visitNote'
    | 'notHomeCount'
    | 'waitingSince'
    | 'outcomeNote'
    | 'verifyMethod'
    | 'evidenceNote'
    | 'evidencePhoto'
    | 'visitedOn'
    | 'certifiedOn'
    | 'nextDue'
    | 'windows'
    | 'closedAt'
  >
>

export interface HomecertTransition {
  /** The status and version the caller read: the write happens only if both are unchanged. */
  from: { status: HomecertStatus; version: number }
  to: HomecertStatus
  changes: HomecertChanges
  step: Pick<HomecertStepRecord, 'action' | 'at' | 'actorRole' | 'actorOpenid' | 'actorName' | 'detail' | 'note'>
  /** 消息 written in the same unit (to the family, to a newly assigned worker). */
  messages: NewMessage[]
}

export type CreateHomecertResult =
  | { kind: 'created'; request: HomecertRecord }
  /** The same requester already sent this request id: the first result. */
  | { kind: 'duplicate'; request: HomecertRecord }
  /** The elder already has a request in progress. */
  | { kind: 'active_exists'; request: HomecertRecord }

export interface HomecertStaffQuery {
  centerId: string
  statuses: readonly HomecertStatus[]
  /** Only these communities (ids); undefined: all of the center. */
  communityIds?: readonly string[]
  /** Only requests assigned to this worker. */
  workerOpenid?: string
  /** By submission time: oldest first (work in progress) or newest first (history). */
  order: 'oldest' | 'newest'
  limit: number
}

export interface HomecertRepo {
  /** The center's communities in display order. */
  communities(centerId: string): Promise<CommunityRecord[]>
  gridWorkers(centerId: string): Promise<GridWorkerRecord[]>
  /** The center's overrides of the home-certification rules. */
  rules(centerId: string): Promise<Partial<HomecertRules>>
  get(id: string): Promise<HomecertRecord | null>
  /** The elder's request in progress, if any (by keyed ID hash). */
  activeForElder(elderIdHash: string): Promise<HomecertRecord | null>
  /** The elder's latest certified request, if any. */
  lastCertified(elderIdHash: string): Promise<HomecertRecord | null>
  /**
   * One atomic unit: the first result for a repeated (requester, requestId); the
   * elder's request in progress if there is one; otherwise take the next number of
   * `date` (a Beijing date) for the center, insert with status `submitted`, the
   * first timeline step and the 消息.
   */
  create(
    request: NewHomecert,
    date: IsoDate,
    numberOf: (date: IsoDate, n: number) => string,
    step: HomecertTransition['step'],
    message: (r: HomecertRecord) => NewMessage,
  ): Promise<CreateHomecertResult>
  /** Atomic: apply the transition if the request still has the status and version read; step and 消息 with it. Null when it changed. */
  transition(id: string, t: HomecertTransition): Promise<HomecertRecord | null>
  timeline(id: string): Promise<HomecertStepRecord[]>
  /** A requester's requests in a center, newest first. */
  listByRequester(centerId: string, openid: string, limit: number): Promise<HomecertRecord[]>
  /** Requests for staff lists. */
  listForStaff(query: HomecertStaffQuery): Promise<HomecertRecord[]>
  /**
   * Certified requests of a center whose next due date is on or before `until`
   * (and on or after `from`), leaving out elders who asked again since; soonest first.
   */
  dueBy(centerId: string, from: IsoDate, until: IsoDate, options: { limit: number; unremindedOnly?: boolean }): Promise<HomecertRecord[]>
  /** Atomic: note the due reminder and write its 消息; false when it was already reminded. */
  recordDueReminder(id: string, at: string, message: NewMessage): Promise<boolean>
  /**
   * Retention (`homecertDue`): anonymises closed requests whose last step, and certified ones whose next due date, is past
   * the cut-off — the elder's and requester's names, sealed IDs, phones, address, disability certificate, reason and notes
   * gone (birth date kept as its year); hashes and openids replaced by `purged:<id>`; family steps of the timeline unnamed.
   * Status, community, category, dates (what statistics read) stay. The evidence photo's file is deleted first.
   * Returns how many were purged.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}
