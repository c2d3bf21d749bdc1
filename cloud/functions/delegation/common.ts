/** What the resident's and the staff's halves of `delegation` share: who may open a case, the clock of its time limit, and the conditional write of a step. */
import { randomBytes } from 'node:crypto'
import type { ParsedInput } from '@/contract'
import { beijingDate } from '@/core/beijing-time'
import { bookingCode } from '@/core/booking-code'
import { applyPause } from '@/core/delegation-deadline'
import type { CaseState } from '@/core/delegation-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { requireStaff, type Staff } from '@cloud/runtime/staff'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import type { CasePatch, CaseRecord, CaseStepWrite, NewCase, ServiceRecord } from '@cloud/store/port'

/** Open cases one resident may have in a center at once (online applications). */
export const MAX_OPEN_PER_RESIDENT = 5
/** Wrong claim codes a caller may enter in an hour. */
export const CLAIM_ATTEMPTS_PER_HOUR = 10
/** Staff lists show at most this many cases. */
export const STAFF_LIST_LIMIT = 200
export const OPEN_STATES: CaseState[] = ['applied', 'accepted', 'processing', 'needs_supplement', 'submitted', 'concluded']
export const DONE_STATES: CaseState[] = ['delivered', 'withdrawn', 'rejected']
export const ALL_STATES: CaseState[] = [...OPEN_STATES, ...DONE_STATES]
/** Who may work cases: counter staff, supervisors and admins. */
export const CASE_STAFF = ['counter', 'supervisor', 'admin'] as const

export const NOT_FOUND = '代办件'

/**
 * A claim code as stored: keyed with the personal-data hash key (HMAC), so even a
 * copy of the database cannot be searched offline for the ~5·10^11 possible codes.
 */
export const hashCode = (ctx: ActionContext, code: string) => requirePii(ctx).hash(`claim:${code}`)
export const newId = (prefix: string) => prefix + randomBytes(12).toString('hex')
export const newCode = (length: number) => bookingCode((n) => randomBytes(n), length)

/** The center's working calendar (time limits are working days). */
export const calendarOf = (ctx: ActionContext, centerId: string) => loadCalendar(ctx.store, centerId, beijingDate(ctx.now()))

/** A case linked to the caller in this center, or NOT_FOUND — the same answer as for one that does not exist. */
export async function ownCase(ctx: ActionContext, centerId: string, id: string): Promise<CaseRecord> {
  const c = await ctx.store.cases.get(id)
  if (!c || c.openid === null || c.openid !== ctx.openid || c.centerId !== centerId) throw notFound(NOT_FOUND)
  return c
}

/** The caller as case staff of the center, and a case of that center (NOT_FOUND for another center's). */
export async function staffCase(ctx: ActionContext, centerId: string, id: string): Promise<{ staff: Staff; c: CaseRecord }> {
  const staff = await requireStaff(ctx, centerId, [...CASE_STAFF])
  const c = await ctx.store.cases.get(id)
  if (!c || c.centerId !== staff.centerId) throw notFound(NOT_FOUND)
  return { staff, c }
}

/** The 待补正 pauses and the stop of the clock that go with moving `c` to `to`. */
export function clockPatch(c: CaseRecord, to: CaseState, at: string): CasePatch {
  const patch: CasePatch = {}
  if (c.state === 'needs_supplement' || to === 'needs_supplement') patch.pauses = applyPause(c.pauses, c.state, to, at)
  if (to === 'concluded' || to === 'withdrawn' || to === 'rejected') patch.stoppedAt = at
  return patch
}

/** Writes a step; a case that moved meanwhile answers CONFLICT. */
export async function writeStep(ctx: ActionContext, c: CaseRecord, write: CaseStepWrite): Promise<CaseRecord> {
  const moved = await ctx.store.cases.step(c.id, write)
  if (moved) return moved
  const latest = await ctx.store.cases.get(c.id)
  if (latest && latest.state === write.from && write.photoIds?.length) {
    throw new AppError('INVALID_INPUT', '照片没有上传成功，请重新选择后再提交', { photoIds: '照片没有上传成功，请重新选择' })
  }
  throw conflict('该件状态已变化，请刷新后再试')
}

/** What the resident (online) or the clerk (at the counter) filled in for a new case. */
type Application = Pick<
  ParsedInput<'delegation', 'create'>,
  'centerId' | 'requestId' | 'applicantName' | 'forSelf' | 'relation' | 'phone' | 'description' | 'handover' | 'address'
>

/**
 * A new case from an application and the service as it is now (its name and processing days are kept as promised at
 * acceptance); `how` says its first state, through which channel it came, who opened and holds it, and its claim code.
 */
export function newCase(
  input: Application,
  service: ServiceRecord,
  at: string,
  how: Pick<NewCase, 'state' | 'channel' | 'openid' | 'createdBy' | 'assigneeOpenid' | 'assigneeName' | 'claimCodeHash' | 'claimExpiresAt'>,
): NewCase {
  return {
    id: newId('cs'),
    centerId: input.centerId,
    serviceId: service.id,
    serviceName: service.name,
    processingDays: service.processingDays,
    requestId: input.requestId,
    applicantName: input.applicantName,
    forSelf: input.forSelf,
    relation: input.forSelf ? null : (input.relation ?? null),
    phone: input.phone,
    description: input.description,
    handover: input.handover,
    address: input.handover === 'home_pickup' ? (input.address ?? null) : null,
    acceptedAt: at,
    ...how,
  }
}

/** A case in the audit log: its id and the number on its paperwork (DB20261207-0001). */
export const caseRecord = (c: CaseRecord) => ({ id: c.id, label: c.caseNo })
