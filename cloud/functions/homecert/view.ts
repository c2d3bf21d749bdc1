import type { HomecertDetail, HomecertStep, HomecertSummary, HomecertVisit } from '@/contract/homecert'
import { beijingDate, dayLabel, type IsoDate } from '@/core/beijing-time'
import type { WorkingCalendar } from '@/core/working-days'
import { categoryName, isOverdue, VERIFY_METHOD_TEXT, windowText, type HomecertRules, type VisitWindow } from '@/core/home-certification'
import { ACTION_TEXT, AWAITING_SCHEDULE, FINAL_STATUSES, STATUS_TEXT, type HomecertAction } from '@/core/home-certification-states'
import { ageOn, sexOf } from '@/core/id-number'
import { maskMobile } from '@/core/phone'
import { relationName } from '@/core/relations'
import type { CommunityRecord, GridWorkerRecord, HomecertRecord, HomecertStepRecord } from '@cloud/store/port'

/** What the viewer may see of the contact details: all of it, or the address with phones masked. */
export type Contact = 'full' | 'masked'

export const visitOf = (w: VisitWindow): HomecertVisit => ({ date: w.date, half: w.half, text: windowText(w) })

/** Everything a view needs besides the request: the calendar for overdue, the community names. */
export interface ViewContext {
  today: IsoDate
  calendar: WorkingCalendar
  rules: HomecertRules
  communities: CommunityRecord[]
}

export function homecertSummary(r: HomecertRecord, v: ViewContext): HomecertSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    elderName: r.elderName,
    elderAge: ageOn(r.elderBirthDate, v.today),
    category: r.category,
    categoryName: categoryName(r.category),
    communityName: v.communities.find((c) => c.id === r.communityId)?.name ?? '',
    createdAt: r.createdAt,
    // Once there is a result, the agreed visit gives way to the actual one (`outcome.visitedOn`).
    visit: r.visitDate && r.visitHalf && !FINAL_STATUSES.includes(r.status) ? visitOf({ date: r.visitDate, half: r.visitHalf }) : null,
    workerName: r.workerName,
    overdue: AWAITING_SCHEDULE.includes(r.status) && isOverdue(r.waitingSince, v.today, v.calendar, v.rules),
    notHomeCount: r.notHomeCount,
  }
}

const ROLE_LABEL: Record<HomecertStepRecord['actorRole'], string> = {
  family: '家属',
  worker: '网格员',
  supervisor: '主管',
  admin: '管理员',
  system: '系统',
}

/** A timeline step in words: who (and as what), what, and what it set. */
export function stepText(s: HomecertStepRecord, requesterSelf: boolean): string {
  const who =
    s.actorRole === 'family'
      ? `${s.actorName}（${requesterSelf ? '本人' : '家属'}）`
      : s.actorRole === 'system'
        ? '系统'
        : `${ROLE_LABEL[s.actorRole]}${s.actorName}`
  const what = ACTION_TEXT[s.action as HomecertAction | 'submit'] ?? s.action
  return `${who}${what}${s.detail ? `：${s.detail}` : ''}`
}

export interface DetailParts {
  viewer: 'family' | 'staff'
  steps: HomecertStepRecord[]
  /** 已实名核验 or 自行填报 beside the elder (people/on-file.ts identityMarker). */
  elderCheck: string
  worker: GridWorkerRecord | null
  contact: Contact
  actions: HomecertAction[]
  assignable: HomecertDetail['assignable']
  /** The center's number, given to the family when the worker has no work phone of their own. */
  centerPhone: string
  /** Staff only: a URL of the evidence photo, for minutes (cloud/runtime/photo.ts `photoLink`). */
  evidencePhotoUrl?: string | null
}

/** The wire view of a request. The ID number always leaves masked; phones leave in full only to the family and the assigned worker. */
export function homecertDetail(r: HomecertRecord, v: ViewContext, p: DetailParts): HomecertDetail {
  const summary = homecertSummary(r, v)
  const phone = (value: string) => (p.contact === 'full' ? value : maskMobile(value))
  const final = r.status === 'certified' || r.status === 'ineligible' || r.status === 'closed_other'
  return {
    ...summary,
    elder: {
      name: r.elderName,
      idNumberMasked: r.elderIdMasked,
      check: p.elderCheck,
      age: summary.elderAge,
      phone: r.elderPhone ? phone(r.elderPhone) : null,
      address: r.elderAddress,
      communityName: summary.communityName,
    },
    disability: r.disabilityKind && r.disabilityGrade ? { kind: r.disabilityKind, grade: r.disabilityGrade } : null,
    reason: r.reason,
    requester: {
      self: r.requesterSelf,
      name: r.requesterName,
      phone: phone(r.requesterPhone),
      relationName: r.relation ? relationName(r.relation, sexOf(r.elderIdMasked)) : null,
    },
    windows: r.windows.map(visitOf),
    note: r.note,
    // A work phone, given in full so the family can call back; without one, the center's number.
    worker: r.workerName
      ? p.worker?.phone
        ? { name: r.workerName, phone: p.worker.phone, centerPhone: false }
        : { name: r.workerName, phone: p.centerPhone || null, centerPhone: true }
      : null,
    visitNote: r.visitNote,
    visitAhead: !!r.visitDate && r.visitDate > v.today,
    outcome: final
      ? {
          certifiedOn: r.certifiedOn,
          nextDue: r.nextDue,
          note: r.outcomeNote,
          visitedOn: r.visitedOn,
          visitedText: r.visitedOn ? `${dayLabel(r.visitedOn)}` : null,
          method: r.verifyMethod,
          methodText: r.verifyMethod ? VERIFY_METHOD_TEXT[r.verifyMethod] : null,
          evidenceNote: r.evidenceNote,
          hasPhoto: r.evidencePhoto !== null,
          evidencePhotoUrl: p.viewer === 'staff' ? (p.evidencePhotoUrl ?? null) : null,
        }
      : null,
    timeline: p.steps.map(
      (s): HomecertStep => ({
        at: s.at,
        text: stepText(s, r.requesterSelf),
        note: s.note,
        statusText: STATUS_TEXT[s.toStatus],
      }),
    ),
    actions: p.actions,
    assignable: p.assignable,
  }
}

/** The Beijing date of an instant stored as ISO. */
export const dateOf = (instant: string) => beijingDate(new Date(instant))
