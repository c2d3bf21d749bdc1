/**
 * The documents of delegated cases on CloudBase (collections and shapes: delegation-repo.ts says why
 * they are shaped so) and their mappers to the store port's records.
 */
import { createHash } from 'node:crypto'
import type { CaseState } from '@/core/delegation-states'
import type { CaseEventRecord, CaseMaterialRecord, CaseOriginalRecord, CasePhotoRecord, CaseRecord, NewCaseEvent } from '../port'

export const CASE_COLLECTIONS = {
  cases: 'cases',
  requests: 'case_requests',
  sequences: 'case_sequences',
  photos: 'case_photos',
  claimFailures: 'case_claim_failures',
} as const

export type EventDoc = Omit<CaseEventRecord, 'caseId'>
export type MaterialDoc = Omit<CaseMaterialRecord, 'caseId'>
export type OriginalDoc = Omit<CaseOriginalRecord, 'caseId'>
export type CaseDoc = Omit<CaseRecord, 'id'> & {
  _id: string
  rev: number
  phoneTail: string
  materials: MaterialDoc[]
  events: EventDoc[]
  originals: OriginalDoc[]
}
/** `file`: the photo's file-store key; documents written before photos moved to cloud storage carry `dataUrl` instead. */
export type PhotoDoc = Omit<CasePhotoRecord, 'id'> & { _id: string; file?: string; dataUrl?: string }
export type RequestClaim = { _id: string; caseId: string; at: string }
export type FailureDoc = { _id: string; openid: string; at: string }

export function toCase(doc: CaseDoc): CaseRecord {
  const { _id, rev: _rev, phoneTail: _tail, materials: _m, events: _e, originals: _o, ...rest } = doc
  return { id: _id, ...rest }
}

/** The id of a create's idempotency claim: the creator and the request id, hashed. */
export const requestKey = (createdBy: string, requestId: string) => createHash('sha256').update(`${createdBy}\n${requestId}`).digest('hex')

/** The event's optional fields only when set (as the SQLite adapter keeps them). */
export function eventDoc(seq: number, from: CaseState | null, to: CaseState, e: NewCaseEvent): EventDoc {
  const out: EventDoc = {
    seq,
    at: e.at,
    actorKind: e.actorKind,
    actorOpenid: e.actorOpenid,
    actorName: e.actorName,
    kind: e.kind,
    fromState: from,
    toState: to,
    note: e.note,
  }
  for (const key of ['missing', 'department', 'result', 'delivery', 'photoIds'] as const)
    if (e[key] !== undefined) (out as Record<string, unknown>)[key] = e[key]
  return out
}
