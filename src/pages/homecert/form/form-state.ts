/**
 * The 上门认证 form's fields, the check it makes before sending (the server still decides), and the
 * server's error keys each field answers for.
 */
import type { HomecertOptions } from '@/contract/homecert'
import { beijingDate } from '@/core/beijing-time'
import { checkEligibility, DEFAULT_HOMECERT_RULES, type HomecertCategory, type VisitWindow } from '@/core/home-certification'
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '@/core/id-number'
import { personNameProblem } from '@/core/person-name'
import { isMobile } from '@/core/phone'
import type { RelationKey } from '@/core/relations'

/** Field problems keyed as the server keys them (`elder.idNumber`, `windows.0`, …). */
export type Errors = Record<string, string>

export interface FormState {
  /** The elder picked from 亲友 (their name and ID number are on file, not typed); null: typed in. */
  elderRef: string | null
  elderName: string
  elderId: string
  elderPhone: string
  address: string
  communityId: string | null
  category: HomecertCategory | null
  disabilityCert: string
  reason: string
  self: boolean
  requesterName: string
  relation: RelationKey | null
  requesterPhone: string
  windows: VisitWindow[]
  consent: boolean
}

/** Checks the form as the server will, so most mistakes show before sending (the server still decides). */
export function checkForm(f: FormState, options: HomecertOptions): Errors {
  const e: Errors = {}
  const nameProblem = f.elderRef ? null : personNameProblem(f.elderName)
  if (nameProblem) e['elder.name'] = nameProblem
  const id = normalizeIdNumber(f.elderId)
  // A picked elder's ID number is on file (the page sees it masked): the server checks it and the eligibility.
  const idProblem = f.elderRef ? null : idNumberProblem(id, beijingDate())
  if (idProblem) e['elder.idNumber'] = ID_NUMBER_MESSAGES[idProblem]
  if (f.elderPhone.trim() && !isMobile(f.elderPhone)) e['elder.phone'] = '请填写 11 位手机号码，没有可不填'
  if (f.address.trim().length < 4) e['elder.address'] = '请填写老人的详细住址（小区或村、楼号、门牌号）'
  if (!f.communityId) e['elder.communityId'] = '请选择老人所在的社区/村'
  if (!f.category) e.category = '请选择申请上门的原因'
  else if (!f.elderRef && !idProblem) {
    const result = checkEligibility(
      { category: f.category, elderIdNumber: id, disabilityCertNumber: f.disabilityCert || null, reason: f.reason },
      beijingDate(),
      {
        ...DEFAULT_HOMECERT_RULES,
        minAge: options.minAge,
      },
    )
    if (!result.eligible) e[result.field] = result.message
  }
  if (!f.self) {
    const requesterProblem = personNameProblem(f.requesterName)
    if (requesterProblem) e['requester.name'] = requesterProblem
    if (!f.relation) e['requester.relation'] = '请选择您与老人的关系'
  }
  if (!isMobile(f.requesterPhone)) e['requester.phone'] = '请填写 11 位手机号码'
  if (f.windows.length === 0) e.windows = '请至少选择 1 个方便上门的时间'
  if (!f.consent) e.consent = '请阅读并同意《个人信息保护说明》后再提交'
  return e
}

/** The server's error keys each form field answers for. */
export const ERROR_KEYS: Record<keyof FormState, string[]> = {
  elderRef: ['elderRef', 'elder.name', 'elder.idNumber', 'category', 'disabilityCertNumber'],
  elderName: ['elder.name'],
  elderId: ['elder.idNumber', 'category', 'disabilityCertNumber'],
  elderPhone: ['elder.phone'],
  address: ['elder.address'],
  communityId: ['elder.communityId'],
  category: ['category', 'disabilityCertNumber', 'reason'],
  disabilityCert: ['disabilityCertNumber'],
  reason: ['reason'],
  self: ['requester'],
  requesterName: ['requester.name'],
  relation: ['requester.relation'],
  requesterPhone: ['requester.phone'],
  windows: ['windows'],
  consent: ['consent'],
}

export const EMPTY: FormState = {
  elderRef: null,
  elderName: '',
  elderId: '',
  elderPhone: '',
  address: '',
  communityId: null,
  category: null,
  disabilityCert: '',
  reason: '',
  self: false,
  requesterName: '',
  relation: null,
  requesterPhone: '',
  windows: [],
  consent: false,
}
