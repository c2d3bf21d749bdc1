/** `delegation`: what the answers of its actions carry (the resident's and the staff's views of a case). */
import type { CaseMaterialStatus } from '../core/case-checklist'
import type { CaseState, CaseStep, DeliveryWay, HandoverWay } from '../core/delegation-states'

export type { CaseMaterialStatus }

export interface CaseDeadlineView {
  dueDate: string
  /** One sentence for both sides, e.g. 承诺 12月3日 周四 前办结（还剩 5 个工作日）. */
  text: string
  paused: boolean
  stopped: boolean
  overdue: boolean
  dueSoon: boolean
  remainingWorkingDays: number
}

export interface CaseSummary {
  id: string
  /** e.g. DB20261126-0007 */
  caseNo: string
  centerId: string
  serviceId: string
  serviceName: string
  state: CaseState
  /** e.g. 待补正 */
  stateText: string
  applicantName: string
  forSelf: boolean
  relationName: string | null
  channel: 'online' | 'counter'
  acceptedAt: string
  /** Null once withdrawn or rejected (no promise is left to keep). */
  deadline: CaseDeadlineView | null
}

export interface CaseMaterialView {
  index: number
  name: string
  copies: string
  note: string | null
  status: CaseMaterialStatus
  /** 待核对, 已收到, 缺少, 免交 */
  statusText: string
  /** Why it was waived (免交). */
  reason: string | null
}

export interface CaseEventView {
  seq: number
  at: string
  actor: 'resident' | 'staff'
  /** 本人, or the clerk's name (e.g. 工作人员 刘芳). */
  actorName: string
  /** A step, or `apply` (sent online), `reply` (the resident answered without the material), `claim`, `reassign`. */
  kind: CaseStep | 'apply' | 'reply' | 'claim' | 'reassign'
  /** What happened, in words, e.g. 通知补正. */
  text: string
  fromState: CaseState | null
  toState: CaseState
  note: string | null
  missing?: string[]
  department?: string
  result?: string
  delivery?: DeliveryWay
  photoIds?: string[]
}

/** A case's rating as its staff read it: e.g. 不满意, its reasons, the resident's words, 待回复. */
export interface CaseRatingView {
  levelText: string
  reasons: string[]
  comment: string | null
  /** Where its 差评回访 stands (待回复, 已超期未回复, 已回复); null for a good rating. */
  followUpText: string | null
}

/** What the resident sees. */
export interface CaseDetail extends CaseSummary {
  /** In full: the caller is the case's resident. */
  phone: string
  description: string
  handover: HandoverWay
  handoverText: string
  address: string | null
  center: { name: string; address: string; phone: string }
  materials: CaseMaterialView[]
  /**
   * The open 补交材料 request: what is missing, in the clerk's words, and the resident's latest answer without the
   * material (`answer`), which waits for the clerk to confirm it is enough.
   */
  supplement: { missing: string[]; note: string | null; askedAt: string; answer: { text: string; at: string } | null } | null
  department: string | null
  result: string | null
  /** Shown once 已办结, to collect the result at the window. */
  pickupCode: string | null
  /** How the result and the originals actually held come back (or were given back), in one sentence; null before 已办结. */
  handBack: string | null
  delivery: DeliveryWay | null
  timeline: CaseEventView[]
  canReply: boolean
  canWithdraw: boolean
}

export interface StaffCaseSummary extends CaseSummary {
  /** Masked, e.g. 138****5678. */
  phone: string
  assignee: { openid: string; name: string } | null
  /** Linked to a resident's WeChat (online cases always are). */
  linked: boolean
  /** The 好差评 level when rated (5 非常满意 … 1 非常不满意) and its words; `lowRating` flags 不满意/非常不满意 for the supervisor. */
  level: number | null
  levelText: string | null
  lowRating: boolean
}

export interface CaseOriginalView {
  id: number
  kind: 'received' | 'returned'
  name: string
  count: number
  note: string | null
  /** For a return: the received entry it gives back. */
  receivedId: number | null
  byName: string
  at: string
}

export interface StaffCaseDetail extends StaffCaseSummary {
  /** Beside the applicant: 已实名核验 (their own case from their verified WeChat) or 自行填报. */
  applicantCheck: string
  description: string
  handover: HandoverWay
  handoverText: string
  address: string | null
  processingDays: number
  materials: (CaseMaterialView & { byName: string | null; at: string | null })[]
  originals: CaseOriginalView[]
  /** Received originals not yet given back. */
  originalsHeld: { id: number; name: string; count: number }[]
  supplement: CaseDetail['supplement']
  department: string | null
  result: string | null
  delivery: DeliveryWay | null
  timeline: CaseEventView[]
  /** The case's 好差评 in words, when given (the ratings area's; its 差评回访 is answered under 中心管理). */
  rating: CaseRatingView | null
  /** Steps the caller may take now, in order. */
  steps: CaseStep[]
  /** Why 办结 would be refused now (materials neither received nor waived), null when it would not. */
  concludeRefusal: string | null
  /** Counter cases not yet linked: until when the current claim code works (the code itself is shown only when issued). */
  claimExpiresAt: string | null
  /** The caller may act on this case (assigned to them, unassigned, or they supervise). */
  canAct: boolean
}

export interface StaffCaseList {
  items: StaffCaseSummary[]
  /** More cases matched than are shown: narrow the filters. */
  truncated: boolean
  /** Among the center's open cases (whatever the filters): for the filter chips and 今日到期. */
  counts: { open: number; applied: number; overdue: number; dueToday: number; dueSoon: number; unassigned: number; lowRating: number }
  today: string
}

export interface ClaimCode {
  /** Shown once: read it to the resident or print it. */
  code: string
  expiresAt: string
}

export interface CaseClerk {
  openid: string
  name: string
  /** e.g. 窗口人员、主管 */
  rolesText: string
}
