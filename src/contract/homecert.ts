import * as z from 'zod/mini'
import {
  HALF_DAYS,
  HOMECERT_CATEGORY_KEYS,
  VERIFY_METHODS,
  type VerifyMethod,
  normalizeDisabilityCert,
  REASON_MAX_CHARS,
  type HalfDay,
  type HomecertCategory,
} from '../core/home-certification'
import { HOMECERT_STATUSES, type HomecertAction, type HomecertStatus } from '../core/home-certification-states'
import { normalizePersonName, personNameProblem } from '../core/person-name'
import { isMobile, normalizeMobile } from '../core/phone'
import { RELATION_KEYS } from '../core/relations'
import { centerScoped, freeText, isoDateField, personInput, recordId, requestId } from './common'
import type { RelativeView } from './people'

const requestRef = recordId('申请')

const halfDay = z.enum(HALF_DAYS as [HalfDay, ...HalfDay[]], { error: '请选择上午或下午' })

/** A preferred half-day; how many and which dates are the center's rules (checked by the action). */
const visitWindow = z.object({ date: isoDateField('上门日期'), half: halfDay }, { error: '上门时间格式不正确' })
const windows = z.array(visitWindow, { error: '请选择方便上门的时间' }).check(z.maxLength(10, { error: '选择的时间太多了' }))

/** An optional field whose empty value counts as not given. */
const emptyAsMissing = z.transform((v: string | undefined) => v || undefined)

/** Fields of 200 characters are text areas: they keep line breaks. */
const optionalText = (label: string, max: number) => z.pipe(z.optional(freeText(label, { max, multiline: max >= 200 })), emptyAsMissing)

const mobile = (label: string) =>
  z.pipe(z.string({ error: `请填写${label}` }), z.transform(normalizeMobile)).check(z.refine(isMobile, { error: '请填写 11 位手机号码' }))

/** The staff-side list filters: `open` is every request still in progress. */
export const HOMECERT_LIST_FILTERS = ['open', 'overdue', ...HOMECERT_STATUSES] as const
export type HomecertListFilter = (typeof HOMECERT_LIST_FILTERS)[number]

/** `homecert`: door-to-door pension certification (上门退休认证). Families ask and follow; grid workers and supervisors work it. */
export const homecertInputs = {
  /** What the form offers: the center's communities, the categories, the dates for preferred half-days. */
  options: centerScoped,
  submit: z
    .extend(centerScoped, {
      /**
       * The elder from 我的身份 and 亲友: `self`, or a relative's id. Their name and ID number are then taken from what is
       * stored (`elder` carries the rest); without it they are typed in `elder`, and a relative typed in joins 亲友.
       */
      elderRef: z.optional(recordId('老人')),
      elder: z.object(
        {
          name: z.optional(personInput.shape.name),
          idNumber: z.optional(personInput.shape.idNumber),
          /** Optional: many elders have no mobile; the requester's phone is the contact. */
          phone: z
            .pipe(z.optional(z.pipe(z.string({ error: '老人手机号码格式不正确' }), z.transform(normalizeMobile))), emptyAsMissing)
            .check(z.refine((v) => v === undefined || isMobile(v), { error: '请填写 11 位手机号码，没有可不填' })),
          address: freeText('住址', { max: 100 }).check(
            z.refine((v) => v.length >= 4, { error: '请填写老人的详细住址（小区或村、楼号、门牌号）' }),
          ),
          communityId: recordId('社区/村'),
        },
        { error: '请填写老人的信息' },
      ),
      category: z.enum(HOMECERT_CATEGORY_KEYS, { error: '请选择申请上门的原因' }),
      /** 残疾: the 20-character 残疾人证号. */
      disabilityCertNumber: z.pipe(
        z.optional(z.pipe(z.string({ error: '残疾人证号格式不正确' }), z.transform(normalizeDisabilityCert))),
        emptyAsMissing,
      ),
      /** 孤寡, 重病, 其他: a short reason. */
      reason: optionalText('原因说明', REASON_MAX_CHARS),
      requester: z.object(
        {
          /** True when the elder applies themselves (本人). */
          self: z.boolean({ error: '请选择申请人' }),
          name: z.pipe(z.optional(z.pipe(z.string({ error: '请填写您的姓名' }), z.transform(normalizePersonName))), emptyAsMissing),
          phone: mobile('联系电话'),
          relation: z.optional(z.enum(RELATION_KEYS, { error: '请选择您与老人的关系' })),
        },
        { error: '请填写申请人信息' },
      ),
      windows,
      note: optionalText('备注', 200),
      consent: z.literal(true, { error: '请阅读并同意《个人信息保护说明》后再提交' }),
      requestId,
    })
    .check((ctx) => {
      const e = ctx.value.elder
      if (!ctx.value.elderRef) {
        if (e.name === undefined) ctx.issues.push({ code: 'custom', path: ['elder', 'name'], message: '请填写姓名', input: undefined })
        if (e.idNumber === undefined)
          ctx.issues.push({ code: 'custom', path: ['elder', 'idNumber'], message: '请填写身份证号码', input: undefined })
      }
      const r = ctx.value.requester
      if (r.self) return
      const problem = r.name === undefined ? '请填写您的姓名' : personNameProblem(r.name)
      if (problem) ctx.issues.push({ code: 'custom', path: ['requester', 'name'], message: problem, input: r.name })
      if (!r.relation)
        ctx.issues.push({ code: 'custom', path: ['requester', 'relation'], message: '请选择您与老人的关系', input: r.relation })
    }),
  /** The caller's own requests, newest first. */
  listMine: centerScoped,
  get: z.extend(centerScoped, { id: requestRef }),
  /** The family cancels, until the visit has started. */
  cancel: z.extend(centerScoped, { id: requestRef, reason: optionalText('取消原因', 100) }),
  /** The family asks for other half-days (a visit already agreed is undone). */
  reschedule: z.extend(centerScoped, { id: requestRef, windows, note: optionalText('说明', 200) }),

  /** Staff: `supervise` lists the communities one supervises (overdue first); `mine` a worker's own visits. */
  listForStaff: z.extend(centerScoped, {
    view: z.enum(['supervise', 'mine'], { error: '没有这个列表' }),
    filter: z._default(z.enum(HOMECERT_LIST_FILTERS, { error: '没有这个分类' }), 'open'),
    communityId: z.optional(recordId('社区/村')),
  }),
  staffGet: z.extend(centerScoped, { id: requestRef }),
  assign: z.extend(centerScoped, { id: requestRef, workerOpenid: recordId('网格员'), note: optionalText('说明', 200) }),
  /** A half-day outside the family's windows needs a note (agreed by phone, …). */
  schedule: z.extend(centerScoped, { id: requestRef, date: isoDateField('上门日期'), half: halfDay, note: optionalText('说明', 200) }),
  startVisit: z.extend(centerScoped, { id: requestRef }),
  /**
   * The outcome of a visit, on or after the agreed day (earlier only with `earlyReason`). 认证通过 needs how the elder was
   * seen (`method`) and evidence: a note on what was checked, a photo, or both.
   */
  recordOutcome: z.extend(centerScoped, {
    id: requestRef,
    outcome: z.enum(['certified', 'not_home', 'ineligible', 'closed_other'], { error: '请选择上门结果' }),
    /** 认证通过: the certification date (default today). */
    certifiedOn: z.optional(isoDateField('认证日期')),
    /** 不符合, 已办结: the reason (required); 未遇: an optional note. */
    note: optionalText('说明', 200),
    method: z.optional(z.enum(VERIFY_METHODS as [VerifyMethod, ...VerifyMethod[]], { error: '请选择核验方式' })),
    evidenceNote: optionalText('核验情况', 200),
    /** One JPEG or PNG of at most 44 KB decoded (the page shrinks it); the action measures it. */
    evidencePhoto: z.optional(
      z
        .string({ error: '请选择照片' })
        .check(
          z.maxLength(63 * 1024, { error: '照片太大，请重新拍摄或选择较小的照片' }),
          z.regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}$/, { error: '只能上传 JPG 或 PNG 照片' }),
        ),
    ),
    /** Why the outcome is recorded before the agreed visit day. */
    earlyReason: optionalText('提前记录的原因', 200),
  }),
  /** Elders certified at home whose next certification is due soon (or overdue), for a call round. */
  listDueSoon: centerScoped,
}

export interface HomecertOptions {
  communities: { id: string; name: string }[]
  categories: { key: HomecertCategory; name: string; needs: 'age' | 'disability_cert' | 'reason'; hint: string }[]
  minAge: number
  maxWindows: number
  /** Today in Beijing (the server's clock). */
  today: string
  /** Working days a family may choose half-days on (from tomorrow). */
  dates: { date: string; weekday: string; label: string }[]
  /** What the consent covers, in plain words. */
  privacyNote: string
  /** The signed-in caller's 亲友, to pick the elder from (empty for a caller not signed in): the form's first screen in one call. */
  relatives: RelativeView[]
}

export interface HomecertVisit {
  date: string
  half: HalfDay
  /** e.g. 11月30日 周一 上午 */
  text: string
}

export interface HomecertSummary {
  id: string
  number: string
  status: HomecertStatus
  statusText: string
  elderName: string
  elderAge: number
  category: HomecertCategory
  categoryName: string
  communityName: string
  createdAt: string
  /** The agreed visit, once scheduled. */
  visit: HomecertVisit | null
  workerName: string | null
  /** Waiting more than the allowed working days for a visit to be agreed. */
  overdue: boolean
  notHomeCount: number
}

export interface HomecertStep {
  at: string
  /** The step in words, e.g. 网格员 陈志强 约定上门时间：11月30日 周一 上午. */
  text: string
  note: string | null
  statusText: string
}

export interface HomecertDetail extends HomecertSummary {
  elder: {
    name: string
    /** Always masked, e.g. `3702**********123X`. */
    idNumberMasked: string
    /** 已实名核验 (the elder asked from their own verified WeChat) or 自行填报 (typed in by the family). */
    check: string
    age: number
    /** Full to the family and the assigned worker, masked to a supervisor; null when not given. */
    phone: string | null
    /** To the family, the assigned worker and supervisors of the community. */
    address: string
    communityName: string
  }
  disability: { kind: string; grade: string } | null
  reason: string | null
  requester: {
    self: boolean
    name: string
    /** Full to the family and the assigned worker, masked to a supervisor. */
    phone: string
    relationName: string | null
  }
  windows: HomecertVisit[]
  note: string | null
  /**
   * The worker who will visit, with the number to call back: their work phone in full, or the center's number when
   * they have none of their own (`centerPhone`).
   */
  worker: { name: string; phone: string | null; centerPhone: boolean } | null
  visitNote: string | null
  /** The agreed visit is after today: an outcome recorded now needs a reason (`earlyReason`). */
  visitAhead: boolean
  /** Once final: what happened on the actual visit (never the agreed day beside a result). */
  outcome: {
    certifiedOn: string | null
    nextDue: string | null
    note: string | null
    /** The day recorded for the visit, e.g. 2026-12-08, and in words (12月8日 周二). */
    visitedOn: string | null
    visitedText: string | null
    method: VerifyMethod | null
    /** 上门现场核验 / 视频核验 */
    methodText: string | null
    evidenceNote: string | null
    /** A photo was kept (the family sees that it was; staff can open it). */
    hasPhoto: boolean
    /** Staff only: a URL of the photo that works for minutes (PHOTO_URL_SECONDS); reading the record again gives a fresh one. */
    evidencePhotoUrl: string | null
  } | null
  timeline: HomecertStep[]
  /** What this caller may do now. */
  actions: HomecertAction[]
  /** Supervisors: grid workers to assign to, the community's responsible worker first (marked). */
  assignable: { openid: string; name: string; communities: string[]; responsible: boolean }[]
}

export interface HomecertStaffList {
  items: HomecertSummary[]
  /** The communities the caller may filter by. */
  communities: { id: string; name: string }[]
  /** Requests shown are capped; true when there were more. */
  truncated: boolean
}

export interface HomecertDueItem {
  id: string
  number: string
  elderName: string
  communityName: string
  certifiedOn: string
  nextDue: string
  /** Days until the next due date; negative when past it. */
  daysLeft: number
  /** The family has been sent the reminder. */
  reminded: boolean
}

export interface HomecertOutputs {
  options: HomecertOptions
  submit: HomecertDetail
  listMine: { items: HomecertSummary[] }
  get: HomecertDetail
  cancel: HomecertDetail
  reschedule: HomecertDetail
  listForStaff: HomecertStaffList
  staffGet: HomecertDetail
  assign: HomecertDetail
  schedule: HomecertDetail
  startVisit: HomecertDetail
  recordOutcome: HomecertDetail
  listDueSoon: { items: HomecertDueItem[]; days: number }
}
