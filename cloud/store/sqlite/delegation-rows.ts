/** How a delegated case and its parts are kept in SQLite rows (JSON columns as text, flags as 0/1), and back. */
import type { CaseState } from '@/core/delegation-states'
import type { CaseEventRecord, CaseMaterialRecord, CaseOriginalRecord, CasePatch, CaseRecord } from '../port'

export interface CaseRow {
  id: string
  case_no: string
  center_id: string
  service_id: string
  service_name: string
  processing_days: number
  state: CaseState
  channel: CaseRecord['channel']
  openid: string | null
  created_by: string
  request_id: string
  applicant_name: string
  for_self: number
  relation: CaseRecord['relation']
  phone: string
  phone_tail: string
  description: string
  handover: CaseRecord['handover']
  address: string | null
  assignee_openid: string | null
  assignee_name: string | null
  pauses_json: string
  accepted_at: string
  updated_at: string
  stopped_at: string | null
  department: string | null
  result: string | null
  pickup_code: string | null
  delivery: CaseRecord['delivery']
  delivered_at: string | null
  claim_code_hash: string | null
  claim_expires_at: string | null
  claimed_at: string | null
}

export const toCase = (r: CaseRow): CaseRecord => ({
  id: r.id,
  caseNo: r.case_no,
  centerId: r.center_id,
  serviceId: r.service_id,
  serviceName: r.service_name,
  processingDays: r.processing_days,
  state: r.state,
  channel: r.channel,
  openid: r.openid,
  createdBy: r.created_by,
  requestId: r.request_id,
  applicantName: r.applicant_name,
  forSelf: r.for_self === 1,
  relation: r.relation,
  phone: r.phone,
  description: r.description,
  handover: r.handover,
  address: r.address,
  assigneeOpenid: r.assignee_openid,
  assigneeName: r.assignee_name,
  pauses: JSON.parse(r.pauses_json),
  acceptedAt: r.accepted_at,
  updatedAt: r.updated_at,
  stoppedAt: r.stopped_at,
  department: r.department,
  result: r.result,
  pickupCode: r.pickup_code,
  delivery: r.delivery,
  deliveredAt: r.delivered_at,
  claimCodeHash: r.claim_code_hash,
  claimExpiresAt: r.claim_expires_at,
  claimedAt: r.claimed_at,
})

export interface EventRow {
  case_id: string
  seq: number
  at: string
  actor_kind: CaseEventRecord['actorKind']
  actor_openid: string
  actor_name: string
  kind: CaseEventRecord['kind']
  from_state: CaseState | null
  to_state: CaseState
  note: string | null
  data_json: string
}

export const toEvent = (r: EventRow): CaseEventRecord => ({
  caseId: r.case_id,
  seq: r.seq,
  at: r.at,
  actorKind: r.actor_kind,
  actorOpenid: r.actor_openid,
  actorName: r.actor_name,
  kind: r.kind,
  fromState: r.from_state,
  toState: r.to_state,
  note: r.note,
  ...JSON.parse(r.data_json),
})

export interface MaterialRow {
  case_id: string
  idx: number
  name: string
  copies: string
  note: string | null
  status: CaseMaterialRecord['status']
  reason: string | null
  by_openid: string | null
  by_name: string | null
  at: string | null
}

export const toMaterial = (r: MaterialRow): CaseMaterialRecord => ({
  caseId: r.case_id,
  index: r.idx,
  name: r.name,
  copies: r.copies,
  note: r.note,
  status: r.status,
  reason: r.reason,
  byOpenid: r.by_openid,
  byName: r.by_name,
  at: r.at,
})

export interface OriginalRow {
  id: number
  case_id: string
  kind: CaseOriginalRecord['kind']
  name: string
  count: number
  note: string | null
  received_id: number | null
  by_openid: string
  by_name: string
  at: string
}

export const toOriginal = (r: OriginalRow): CaseOriginalRecord => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  name: r.name,
  count: r.count,
  note: r.note,
  receivedId: r.received_id,
  byOpenid: r.by_openid,
  byName: r.by_name,
  at: r.at,
})

/** The columns a step may set, by patch key. */
export const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  acceptedAt: 'accepted_at',
  pauses: 'pauses_json',
  stoppedAt: 'stopped_at',
  department: 'department',
  result: 'result',
  pickupCode: 'pickup_code',
  delivery: 'delivery',
  deliveredAt: 'delivered_at',
  assigneeOpenid: 'assignee_openid',
  assigneeName: 'assignee_name',
}
