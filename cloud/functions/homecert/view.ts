import type { HomecertDetail, HomecertStep, HomecertSummary, HomecertVisit } from '@/contract/homecert'
import { beijingDate, type IsoDate } from '@/core/beijing-time'
import type { WorkingCalendar } from '@/core/working-days'
import { categoryName, isOverdue, windowText, type HomecertRules, type VisitWindow } from '@/core/home-certification'
import { ACTION_TEXT, AWAITING_SCHEDULE, STATUS_TEXT, type HomecertAction } from '@/core/home-certification-states'
import { ageOn } from '@/core/id-number'
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
    visit: r.visitDate && r.visitHalf ? visitOf({ date: r.visitDate, half: r.visitHalf }) : null,
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
        : `${ROLE_LABEL[s.actorRole]} ${s.actorName} `
  const what = ACTION_TEXT[s.action as HomecertAction | 'submit'] ?? s.action
  return `${who}${what}${s.detail ? `：${s.detail}` : ''}`
}

export interface DetailParts {
  viewer: 'family' | 'staff'
  steps: HomecertStepRecord[]
  worker: GridWorkerRecord | null
  contact: Contact
  actions: HomecertAction[]
  assignable: HomecertDetail['assignable']
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
      relationName: r.relation ? relationName(r.relation) : null,
    },
    windows: r.windows.map(visitOf),
    note: r.note,
    // The family sees the worker's phone masked, to recognise the call; staff see it whole.
    worker: r.workerName
      ? { name: r.workerName, phone: p.worker?.phone ? (p.viewer === 'staff' ? p.worker.phone : maskMobile(p.worker.phone)) : null }
      : null,
    visitNote: r.visitNote,
    outcome: final ? { certifiedOn: r.certifiedOn, nextDue: r.nextDue, note: r.outcomeNote } : null,
    timeline: p.steps.map((s): HomecertStep => ({
      at: s.at,
      text: stepText(s, r.requesterSelf),
      note: s.note,
      statusText: STATUS_TEXT[s.toStatus],
    })),
    actions: p.actions,
    assignable: p.assignable,
  }
}

/** The Beijing date of an instant stored as ISO. */
export const dateOf = (instant: string) => beijingDate(new Date(instant))
