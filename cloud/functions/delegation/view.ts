import type {
  CaseDeadlineView,
  CaseDetail,
  CaseEventView,
  CaseMaterialView,
  CaseOriginalView,
  CaseSummary,
  CaseRatingView,
  StaffCaseDetail,
  StaffCaseSummary,
} from '@/contract/delegation'
import type { WorkingCalendar } from '@/core/working-days'
import { concludeRefusal, MATERIAL_STATUS_TEXT } from '@/core/case-checklist'
import { handBackText } from '@/core/case-hand-back'
import { caseDeadline, deadlineText } from '@/core/delegation-deadline'
import { CASE_STATE_TEXT, CASE_STEPS, HANDOVER_TEXT, isAccepted, nextState, stepsFrom } from '@/core/delegation-states'
import { beijingDate } from '@/core/beijing-time'
import { FOLLOW_UP_STATE_TEXT, followUpState, isBadRating, RATING_LEVEL_TEXT, RATING_REASONS } from '@/core/rating'
import { maskMobile } from '@/core/phone'
import { relationName } from '@/core/relations'
import type { CaseEventRecord, CaseMaterialRecord, CaseOriginalRecord, CaseRecord, CenterRecord, RatingRecord } from '@cloud/store/port'

/**
 * What a case looks like on the wire: to its resident (phone in full, the
 * pickup code) and to staff (phone masked, checklist ticks with names, the
 * originals log, the steps they may take).
 */

const EVENT_TEXT: Record<CaseEventRecord['kind'], string> = {
  apply: '网上提交',
  reply: '回复（未附材料，待工作人员确认）',
  claim: '关联到居民微信',
  reassign: '转派',
  ...Object.fromEntries(Object.entries(CASE_STEPS).map(([step, rule]) => [step, rule.text])),
} as Record<CaseEventRecord['kind'], string>

/** The promise of a case as of `now`; null before a clerk accepted it (nothing is promised yet) and once withdrawn or rejected. */
export function deadlineView(c: CaseRecord, now: Date, calendar: WorkingCalendar): CaseDeadlineView | null {
  if (!isAccepted(c.state) || c.state === 'withdrawn' || c.state === 'rejected') return null
  const d = caseDeadline({
    acceptedAt: c.acceptedAt,
    processingDays: c.processingDays,
    pauses: c.pauses,
    stoppedAt: c.stoppedAt,
    now,
    calendar,
  })
  return {
    dueDate: d.dueDate,
    text: deadlineText(d),
    paused: d.paused,
    stopped: d.stopped,
    overdue: d.overdue,
    dueSoon: d.dueSoon,
    remainingWorkingDays: d.remainingWorkingDays,
  }
}

export function caseSummary(c: CaseRecord, now: Date, calendar: WorkingCalendar): CaseSummary {
  return {
    id: c.id,
    caseNo: c.caseNo,
    centerId: c.centerId,
    serviceId: c.serviceId,
    serviceName: c.serviceName,
    state: c.state,
    stateText: CASE_STATE_TEXT[c.state],
    applicantName: c.applicantName,
    forSelf: c.forSelf,
    relationName: c.relation ? relationName(c.relation) : null,
    channel: c.channel,
    acceptedAt: c.acceptedAt,
    deadline: deadlineView(c, now, calendar),
  }
}

function materialView(m: CaseMaterialRecord): CaseMaterialView {
  return {
    index: m.index,
    name: m.name,
    copies: m.copies,
    note: m.note,
    status: m.status,
    statusText: MATERIAL_STATUS_TEXT[m.status],
    reason: m.status === 'not_applicable' ? m.reason : null,
  }
}

function eventView(e: CaseEventRecord, viewer: 'resident' | 'staff'): CaseEventView {
  const actorName =
    e.actorKind === 'staff'
      ? viewer === 'resident'
        ? `工作人员${e.actorName}`
        : e.actorName
      : viewer === 'resident'
        ? '您'
        : '居民（微信）'
  const view: CaseEventView = {
    seq: e.seq,
    at: e.at,
    actor: e.actorKind,
    actorName,
    kind: e.kind,
    text: EVENT_TEXT[e.kind],
    fromState: e.fromState,
    toState: e.toState,
    note: e.note,
  }
  for (const key of ['missing', 'department', 'result', 'delivery', 'photoIds'] as const)
    if (e[key] !== undefined) (view as unknown as Record<string, unknown>)[key] = e[key]
  return view
}

/** The open 补交材料 request: the latest ask while the case waits for it, and the resident's latest answer without the material since. */
function supplementOf(c: CaseRecord, timeline: CaseEventRecord[]): CaseDetail['supplement'] {
  if (c.state !== 'needs_supplement') return null
  const latest = [...timeline].reverse()
  const ask = latest.find((e) => e.kind === 'ask_supplement')
  if (!ask) return null
  const reply = latest.find((e) => e.kind === 'reply' && e.seq > ask.seq)
  return {
    missing: ask.missing ?? [],
    note: ask.note,
    askedAt: ask.at,
    answer: reply ? { text: reply.note ?? '', at: reply.at } : null,
  }
}

export interface CaseParts {
  timeline: CaseEventRecord[]
  materials: CaseMaterialRecord[]
  /** The case's rating (the ratings area's), for staff; the resident's page reads it from that area. */
  rating: RatingRecord | null
  originals: CaseOriginalRecord[]
}

/** The hand-back sentence of a case as it stands (`handBackText` over the originals log). */
export function handBackOf(c: CaseRecord, originals: CaseOriginalRecord[]): string | null {
  return handBackText({
    state: c.state,
    handover: c.handover,
    held: originalsHeld(originals),
    returned: originals.filter((o) => o.kind === 'returned'),
    delivery: c.delivery,
  })
}

export function caseDetail(c: CaseRecord, parts: CaseParts, center: CenterRecord, now: Date, calendar: WorkingCalendar): CaseDetail {
  return {
    ...caseSummary(c, now, calendar),
    phone: c.phone,
    description: c.description,
    handover: c.handover,
    handoverText: HANDOVER_TEXT[c.handover],
    address: c.address,
    center: { name: center.name, address: center.address, phone: center.phone },
    materials: parts.materials.map(materialView),
    supplement: supplementOf(c, parts.timeline),
    department: c.department,
    result: c.result,
    pickupCode: c.state === 'concluded' ? c.pickupCode : null,
    handBack: handBackOf(c, parts.originals),
    delivery: c.delivery,
    timeline: parts.timeline.map((e) => eventView(e, 'resident')),
    canReply: c.state === 'needs_supplement',
    canWithdraw: nextState(c.state, 'withdraw', 'resident') !== null,
  }
}

/** The case's rating in words for its staff (the ratings area keeps the rest). */
function staffRatingView(r: RatingRecord, now: Date): CaseRatingView {
  return {
    levelText: RATING_LEVEL_TEXT[r.level],
    reasons: r.reasons.map((k) => RATING_REASONS[k]),
    comment: r.comment,
    followUpText: r.followUp ? FOLLOW_UP_STATE_TEXT[followUpState(r.followUp, beijingDate(now))] : null,
  }
}

export function staffCaseSummary(c: CaseRecord, rating: RatingRecord | null, now: Date, calendar: WorkingCalendar): StaffCaseSummary {
  return {
    ...caseSummary(c, now, calendar),
    phone: maskMobile(c.phone),
    assignee: c.assigneeOpenid ? { openid: c.assigneeOpenid, name: c.assigneeName ?? '' } : null,
    linked: c.openid !== null,
    level: rating?.level ?? null,
    levelText: rating ? RATING_LEVEL_TEXT[rating.level] : null,
    lowRating: rating ? isBadRating(rating.level) : false,
  }
}

/** Received originals not yet given back. */
export function originalsHeld(log: CaseOriginalRecord[]): CaseOriginalRecord[] {
  const returned = new Set(log.filter((o) => o.kind === 'returned').map((o) => o.receivedId))
  return log.filter((o) => o.kind === 'received' && !returned.has(o.id))
}

function originalView(o: CaseOriginalRecord): CaseOriginalView {
  return { id: o.id, kind: o.kind, name: o.name, count: o.count, note: o.note, receivedId: o.receivedId, byName: o.byName, at: o.at }
}

export function staffCaseDetail(
  c: CaseRecord,
  parts: CaseParts & { applicantCheck: string },
  canAct: boolean,
  now: Date,
  calendar: WorkingCalendar,
): StaffCaseDetail {
  return {
    ...staffCaseSummary(c, parts.rating, now, calendar),
    applicantCheck: parts.applicantCheck,
    description: c.description,
    handover: c.handover,
    handoverText: HANDOVER_TEXT[c.handover],
    address: c.address,
    processingDays: c.processingDays,
    materials: parts.materials.map((m) => ({ ...materialView(m), byName: m.byName, at: m.at })),
    originals: parts.originals.map(originalView),
    originalsHeld: originalsHeld(parts.originals).map((o) => ({ id: o.id, name: o.name, count: o.count })),
    supplement: supplementOf(c, parts.timeline),
    department: c.department,
    result: c.result,
    delivery: c.delivery,
    timeline: parts.timeline.map((e) => eventView(e, 'staff')),
    rating: parts.rating ? staffRatingView(parts.rating, now) : null,
    steps: canAct ? stepsFrom(c.state, 'staff') : [],
    concludeRefusal: nextState(c.state, 'conclude', 'staff') ? concludeRefusal(parts.materials) : null,
    claimExpiresAt: c.openid === null ? c.claimExpiresAt : null,
    canAct,
  }
}
