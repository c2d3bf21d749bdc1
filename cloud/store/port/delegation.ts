/**
 * The store port, delegation (帮办代办): delegated cases, their timelines, checklists, originals,
 * 补正 photos and claim codes (a case's rating is in the ratings area, ./rating.ts).
 *
 * What the store must guarantee: a create is idempotent per (createdBy, requestId) and takes the
 * day's case number from a counter in the same unit; each step is conditional on the state read and
 * writes its event, photos, originals and 消息 in that unit; a claim code is spent once.
 */

import type { IsoDate } from '@/core/beijing-time'
import type { CaseMaterialStatus } from '@/core/case-checklist'
import type { CasePause } from '@/core/delegation-deadline'
import type { CaseState, CaseStep, DeliveryWay, HandoverWay } from '@/core/delegation-states'
import type { Material } from '@/core/materials'
import type { RelationKey } from '@/core/relations'
import type { RetentionCutoff } from '@/core/retention'
import type { StaffRole } from '@/core/staff-roles'
import type { NewMessage } from './messages'

/** A delegated case (帮办代办) as stored. No ID number is kept: the clerk sees the originals. */
export interface CaseRecord {
  id: string
  /** e.g. `DB20261126-0007`: the Beijing date and that day's sequence (over all centers). */
  caseNo: string
  centerId: string
  serviceId: string
  /** The service's name and processing days as promised at acceptance (a later guide change does not move the promise). */
  serviceName: string
  processingDays: number
  state: CaseState
  channel: 'online' | 'counter'
  /** The resident the case is linked to; null for a counter case not yet claimed. */
  openid: string | null
  /** Who opened it (the resident online, the clerk at the counter) and their request id: a retried create meets its first row. */
  createdBy: string
  requestId: string
  applicantName: string
  forSelf: boolean
  relation: RelationKey | null
  phone: string
  description: string
  handover: HandoverWay
  address: string | null
  assigneeOpenid: string | null
  assigneeName: string | null
  /** Stretches in 待补正 (for the promised time limit). */
  pauses: CasePause[]
  acceptedAt: string
  updatedAt: string
  /** When the clock stopped for good: concluded, withdrawn or rejected. */
  stoppedAt: string | null
  department: string | null
  result: string | null
  pickupCode: string | null
  delivery: DeliveryWay | null
  deliveredAt: string | null
  /** A counter case's claim code, only as a hash; spent once the case is linked (`openid` set). */
  claimCodeHash: string | null
  claimExpiresAt: string | null
  claimedAt: string | null
}

/** A new case starts in `state`: 已提交（待受理） online, 已受理 at the counter. */
export type NewCase = Omit<
  CaseRecord,
  'caseNo' | 'updatedAt' | 'stoppedAt' | 'department' | 'result' | 'pickupCode' | 'delivery' | 'deliveredAt' | 'claimedAt' | 'pauses'
>

/** The fields a step may change besides the state. */
export type CasePatch = Partial<
  Pick<
    CaseRecord,
    | 'acceptedAt'
    | 'pauses'
    | 'stoppedAt'
    | 'department'
    | 'result'
    | 'pickupCode'
    | 'delivery'
    | 'deliveredAt'
    | 'assigneeOpenid'
    | 'assigneeName'
  >
>

/** One row of a case's timeline: who did what, when, from which state to which. */
export interface CaseEventRecord {
  caseId: string
  /** 1, 2, 3 … within the case. */
  seq: number
  at: string
  actorKind: 'resident' | 'staff'
  actorOpenid: string
  actorName: string
  /** `apply`: sent online; `accept`: the case accepted (online step, or opened at the counter); `reply`: an answer without the material. */
  kind: CaseStep | 'apply' | 'reply' | 'claim' | 'reassign'
  fromState: CaseState | null
  toState: CaseState
  note: string | null
  missing?: string[]
  department?: string
  result?: string
  delivery?: DeliveryWay
  photoIds?: string[]
}

/** What a write says about its event; the store numbers it and fills in the case and the states. */
export type NewCaseEvent = Omit<CaseEventRecord, 'caseId' | 'seq' | 'fromState' | 'toState'>

/** A 消息 written with a step; the store gives it an id from the case and the event. */
export type CaseMessage = Omit<NewMessage, 'id'>

export interface CaseMaterialRecord {
  caseId: string
  index: number
  name: string
  copies: string
  note: string | null
  status: CaseMaterialStatus
  /** Why the item was waived (免交, `not_applicable`); null otherwise. */
  reason: string | null
  byOpenid: string | null
  byName: string | null
  at: string | null
}

/** One entry of the originals log: an original received from the resident, or given back (naming the received entry). */
export interface CaseOriginalRecord {
  id: number
  caseId: string
  kind: 'received' | 'returned'
  name: string
  count: number
  note: string | null
  receivedId: number | null
  byOpenid: string
  byName: string
  at: string
}

export type NewCaseOriginal = Omit<CaseOriginalRecord, 'id' | 'caseId'>

/** A photo of a 补正 reply; `eventSeq` is null until the reply that carries it is sent. */
export interface CasePhotoRecord {
  id: string
  caseId: string
  openid: string
  bytes: number
  eventSeq: number | null
  createdAt: string
}

export interface CaseStaffQuery {
  centerId: string
  states: readonly CaseState[]
  serviceId?: string
  /** An assignee's openid, or null for unassigned cases. */
  assignee?: string | null
  caseNo?: string
  phoneTail?: string
  /** Only cases rated 不满意 or 非常不满意 (the ratings area's 差评). */
  lowRating?: boolean
  limit: number
}

export type CreateCaseResult = { kind: 'created'; case: CaseRecord } | { kind: 'duplicate'; case: CaseRecord } | { kind: 'too_many_open' }

export type ClaimResult = { kind: 'claimed'; case: CaseRecord } | { kind: 'unknown' } | { kind: 'expired' } | { kind: 'used' }

export interface CaseStepWrite {
  /** The state the caller read: the step happens only if the case is still in it. */
  from: CaseState
  to: CaseState
  patch: CasePatch
  event: NewCaseEvent
  message?: CaseMessage | null
  /** Uploaded photos of the caller to attach to this event (all of them, or nothing is written). */
  photoIds?: readonly string[]
  /** Drop the caller's other photos still waiting on this case (chosen, uploaded, then left out of the reply), files included. */
  discardPendingPhotos?: boolean
  /** Originals log entries written with the step (e.g. given back with the result). */
  originals?: readonly NewCaseOriginal[]
}

export interface CaseRepo {
  get(id: string): Promise<CaseRecord | null>
  /**
   * One atomic unit: the first result for a repeated (createdBy, requestId); for an
   * online case, refuse an owner with `maxOpen` open cases; take the next number of
   * `date` from the day's counter; insert the case, its checklist, the first event and the 消息.
   */
  create(
    c: NewCase,
    options: {
      date: IsoDate
      numberOf: (seq: number) => string
      materials: Material[]
      event: NewCaseEvent
      message: (stored: CaseRecord) => CaseMessage | null
      maxOpen: number
    },
  ): Promise<CreateCaseResult>
  /** Atomic: the step, its event, photos, originals and 消息, if the case is still in `from`. Null when it changed (or a photo is not the caller's pending one). */
  step(id: string, write: CaseStepWrite): Promise<CaseRecord | null>
  /** Atomic: a new assignee if the current one is still `expected` and the case is not final; the event with it. */
  reassign(id: string, expected: string | null, to: { openid: string; name: string }, event: NewCaseEvent): Promise<CaseRecord | null>
  timeline(id: string): Promise<CaseEventRecord[]>
  materials(id: string): Promise<CaseMaterialRecord[]>
  /** Sets one checklist item (with the waiver's reason, null for other statuses); null when the case has no such item. */
  tickMaterial(
    id: string,
    index: number,
    status: CaseMaterialRecord['status'],
    reason: string | null,
    by: { openid: string; name: string },
    at: string,
  ): Promise<CaseMaterialRecord | null>
  originals(id: string): Promise<CaseOriginalRecord[]>
  /** Adds a log entry; a return must name a received entry of this case not yet returned (else null). */
  addOriginal(id: string, entry: NewCaseOriginal): Promise<CaseOriginalRecord | null>
  /** Atomic: store a photo unless the owner already has `maxPending` photos waiting to be sent with a reply on this case. */
  addPhoto(photo: CasePhotoRecord & { file: string }, maxPending: number): Promise<boolean>
  /** A photo with its stored field (`file`: a file-store key, or an older record's data URL; port/files.ts). */
  photo(caseId: string, photoId: string): Promise<(CasePhotoRecord & { file: string }) | null>
  /** A resident's cases in a center in these states, newest first. */
  listByOwner(centerId: string, openid: string, states: readonly CaseState[], limit: number): Promise<CaseRecord[]>
  listForStaff(query: CaseStaffQuery): Promise<CaseRecord[]>
  /** Replaces a counter case's claim code while it is not linked; false when it is. */
  setClaimCode(id: string, hash: string, expiresAt: string): Promise<boolean>
  /** Atomic: link the case holding this unexpired, unused claim code to `openid`, with the event; the code is spent. The same caller again: their case. */
  claim(hash: string, openid: string, at: string, event: (c: CaseRecord) => NewCaseEvent): Promise<ClaimResult>
  /** Failed claim attempts of a caller since an instant (for the rate limit), and recording one. */
  claimFailuresSince(openid: string, since: string): Promise<number>
  recordClaimFailure(openid: string, at: string): Promise<void>
  /** Staff of a center who can hold cases (counter, supervisor, admin), with their roles. */
  clerks(centerId: string): Promise<{ openid: string; name: string; roles: StaffRole[] }[]>
  /**
   * Retention (`caseDue`): final cases whose last step is past the cut-off lose the applicant's name, phone (and its tail),
   * description, address, result text, pickup code and claim code; openid and creator become `purged:<id>`; the timeline's
   * notes and result texts, the residents as actors, the checklist's and originals' notes, the rating's comment and
   * openid go; the photos are deleted, their files first (a run that stops between leaves rows the next run purges). State, times, pauses, service and stars (what statistics read) stay.
   * Also drops claim-failure rows older than the cut-off. Returns how many cases were purged.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}
