import { addDays, dayLabel, type IsoDate, monthDay } from './beijing-time'
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from './working-days'
import { ageOn, birthDateOf, normalizeIdNumber } from './id-number'
import { withOverrides } from './rule-overrides'

/**
 * The rules of door-to-door pension certification (上门退休认证): who qualifies,
 * which half-days a family may ask for, when a request is overdue, and the
 * yearly cycle. Each center may override the numbers.
 */
export interface HomecertRules {
  /** 高龄: this age or older on the day of the request. */
  minAge: number
  /** A request not scheduled within this many working days is overdue. */
  overdueWorkingDays: number
  /** The family's preferred half-days run from tomorrow through this many working days after today. */
  windowHorizonWorkingDays: number
  /** Up to this many preferred half-days. */
  maxWindows: number
  /** A worker may set a visit up to this many working days ahead. */
  scheduleHorizonWorkingDays: number
  /** This many days before the next due date: the elder shows as 即将到期, the family is reminded, and a new request is accepted. */
  dueSoonDays: number
}

export const DEFAULT_HOMECERT_RULES: HomecertRules = {
  minAge: 80,
  overdueWorkingDays: 3,
  windowHorizonWorkingDays: 10,
  maxWindows: 3,
  scheduleHorizonWorkingDays: 20,
  dueSoonDays: 30,
}

/** Each rule as the admin's form and the audit log name it, with the range the form states. */
export const HOMECERT_RULE_FIELDS: { key: keyof HomecertRules; label: string; hint: string }[] = [
  { key: 'minAge', label: '高龄：多少岁以上可申请上门', hint: '60–100 岁' },
  { key: 'overdueWorkingDays', label: '多少个工作日内未约定上门算超期', hint: '1–20 个工作日' },
  { key: 'windowHorizonWorkingDays', label: '家属可选多少个工作日以内的上门时间', hint: '2–30 个工作日' },
  { key: 'maxWindows', label: '家属最多选几个时间', hint: '1–6 个' },
  { key: 'scheduleHorizonWorkingDays', label: '网格员可安排多少个工作日以内上门', hint: '2–60 个工作日，不短于家属可选范围' },
  { key: 'dueSoonDays', label: '下次认证到期前多少天提醒', hint: '7–90 天' },
]

/** A center's rules: its overrides over the defaults. @example homecertRulesFor({ minAge: 75 }).maxWindows // 3 */
export function homecertRulesFor(overrides?: Partial<HomecertRules> | null): HomecertRules {
  return withOverrides(DEFAULT_HOMECERT_RULES, overrides)
}

// ---------------------------------------------------------------- categories

export type HomecertCategory = 'elderly' | 'solitary' | 'disabled' | 'ill' | 'other'

/** Why the elder cannot come to the center, and what each reason needs on the form. */
export const HOMECERT_CATEGORIES: readonly {
  key: HomecertCategory
  name: string
  needs: 'age' | 'disability_cert' | 'reason'
  hint: string
}[] = [
  { key: 'elderly', name: '高龄', needs: 'age', hint: '年满 80 周岁（按身份证号码计算）' },
  { key: 'solitary', name: '孤寡', needs: 'reason', hint: '独居、无子女或子女不在身边，请简单说明' },
  { key: 'disabled', name: '残疾', needs: 'disability_cert', hint: '请填写 20 位残疾人证号' },
  { key: 'ill', name: '重病', needs: 'reason', hint: '如卧床、住院、行动不便，请简单说明' },
  { key: 'other', name: '其他', needs: 'reason', hint: '请说明不能到中心认证的原因' },
]

export const HOMECERT_CATEGORY_KEYS = HOMECERT_CATEGORIES.map((c) => c.key) as [HomecertCategory, ...HomecertCategory[]]

export const categoryName = (key: HomecertCategory) => HOMECERT_CATEGORIES.find((c) => c.key === key)?.name ?? key

/** A short reason (孤寡, 重病, 其他): at least this many characters. */
export const REASON_MIN_CHARS = 4
export const REASON_MAX_CHARS = 100

// ---------------------------------------------------------------- 残疾人证号

/** 残疾类别: the 19th character of the 第二代残疾人证号. */
export const DISABILITY_KINDS: Record<string, string> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
}
/** 残疾等级: the 20th character. */
export const DISABILITY_GRADES: Record<string, string> = { '1': '一级', '2': '二级', '3': '三级', '4': '四级' }

export type DisabilityCertProblem = 'format' | 'kind' | 'grade' | 'not_this_person'

export const DISABILITY_CERT_MESSAGES: Record<DisabilityCertProblem, string> = {
  format: '残疾人证号应为 20 位：老人的身份证号码加 2 位数字',
  kind: '残疾人证号第 19 位（残疾类别）应为 1–7',
  grade: '残疾人证号第 20 位（残疾等级）应为 1–4',
  not_this_person: '残疾人证号的前 18 位与老人的身份证号码不一致，请核对是不是老人本人的证件',
}

/** Upper-cases and drops spaces. @example normalizeDisabilityCert('37021119400101123x 41') // '37021119400101123X41' */
export const normalizeDisabilityCert = normalizeIdNumber

/**
 * What is wrong with a 第二代残疾人证号 for this elder, or null: 20 characters, the
 * holder's ID number followed by the category (1–7) and the grade (1–4).
 * @example disabilityCertProblem('11010519491231002X42', '11010519491231002X') // null
 * @example disabilityCertProblem('11010519491231002X82', '11010519491231002X') // 'kind'
 */
export function disabilityCertProblem(certNumber: string, elderIdNumber: string): DisabilityCertProblem | null {
  const cert = normalizeDisabilityCert(certNumber)
  if (!/^\d{17}[\dX]\d{2}$/.test(cert)) return 'format'
  if (!DISABILITY_KINDS[cert[18]]) return 'kind'
  if (!DISABILITY_GRADES[cert[19]]) return 'grade'
  if (cert.slice(0, 18) !== normalizeIdNumber(elderIdNumber)) return 'not_this_person'
  return null
}

/** The category and grade a valid certificate number states. @example disabilityOf('11010519491231002X42') // { kind: '肢体残疾', grade: '二级' } */
export function disabilityOf(certNumber: string): { kind: string; grade: string } {
  const cert = normalizeDisabilityCert(certNumber)
  return { kind: DISABILITY_KINDS[cert[18]] ?? '', grade: DISABILITY_GRADES[cert[19]] ?? '' }
}

// ---------------------------------------------------------------- eligibility

export interface EligibilityInput {
  category: HomecertCategory
  elderIdNumber: string
  disabilityCertNumber?: string | null
  reason?: string | null
}

export type Eligibility = { eligible: true } | { eligible: false; field: 'category' | 'disabilityCertNumber' | 'reason'; message: string }

/** Where someone who does not qualify for a visit can go instead. */
export const INSTEAD =
  '可以由家属陪同到中心窗口认证；已在人社部门登记过人脸的，可在手机上用“静默认证”或“掌上12333”自助认证；本人行动不便的，也可以委托家属到窗口咨询。'

/**
 * Whether the elder qualifies for a home visit on `today` (a Beijing date), and
 * if not, why and what to do instead. 高龄 counts completed years from the ID
 * number: the 80th birthday itself qualifies.
 * @example checkEligibility({ category: 'elderly', elderIdNumber: idBorn('1946-11-26') }, '2026-11-26') // { eligible: true }
 */
export function checkEligibility(input: EligibilityInput, today: IsoDate, rules: HomecertRules = DEFAULT_HOMECERT_RULES): Eligibility {
  switch (input.category) {
    case 'elderly': {
      const age = ageOn(birthDateOf(normalizeIdNumber(input.elderIdNumber)), today)
      if (age >= rules.minAge) return { eligible: true }
      return {
        eligible: false,
        field: 'category',
        message: `按身份证号码，老人今年 ${age} 周岁，未满 ${rules.minAge} 周岁，不符合“高龄”上门认证条件。${INSTEAD}如因残疾或重病不能出门，请选择相应类别申请。`,
      }
    }
    case 'disabled': {
      if (!input.disabilityCertNumber)
        return { eligible: false, field: 'disabilityCertNumber', message: '因残疾申请的，请填写老人的残疾人证号（20 位）' }
      const problem = disabilityCertProblem(input.disabilityCertNumber, input.elderIdNumber)
      if (problem) return { eligible: false, field: 'disabilityCertNumber', message: DISABILITY_CERT_MESSAGES[problem] }
      return { eligible: true }
    }
    case 'solitary':
    case 'ill':
    case 'other': {
      const reason = (input.reason ?? '').trim()
      if (Array.from(reason).length >= REASON_MIN_CHARS) return { eligible: true }
      const what =
        input.category === 'solitary'
          ? '老人独居或无人照料的情况'
          : input.category === 'ill'
            ? '老人的病情和行动情况'
            : '老人不能到中心认证的原因'
      return { eligible: false, field: 'reason', message: `请简单说明${what}（至少 ${REASON_MIN_CHARS} 个字），工作人员据此安排上门。` }
    }
  }
}

// ---------------------------------------------------------------- preferred half-days

export type HalfDay = 'am' | 'pm'
export const HALF_DAYS: readonly HalfDay[] = ['am', 'pm']
export const HALF_DAY_TEXT: Record<HalfDay, string> = { am: '上午', pm: '下午' }

export interface VisitWindow {
  date: IsoDate
  half: HalfDay
}

/** A half-day in words. @example windowText({ date: '2026-11-30', half: 'am' }) // '11月30日 周一 上午' */
export function windowText(w: VisitWindow): string {
  return `${dayLabel(w.date)} ${HALF_DAY_TEXT[w.half]}`
}

/**
 * The dates a family may choose half-days on: working days from tomorrow through
 * `windowHorizonWorkingDays` working days after today (closed days left out).
 * @example windowDates('2026-09-29', calendar, { ...DEFAULT_HOMECERT_RULES, windowHorizonWorkingDays: 2 }) // ['2026-09-30', '2026-10-08']
 */
export function windowDates(today: IsoDate, calendar: WorkingCalendar, rules: HomecertRules = DEFAULT_HOMECERT_RULES): IsoDate[] {
  const last = addWorkingDays(today, rules.windowHorizonWorkingDays, calendar)
  const dates: IsoDate[] = []
  for (let d = addDays(today, 1); d <= last; d = addDays(d, 1)) if (calendar.dayStatus(d).open) dates.push(d)
  return dates
}

/**
 * Per window, what is wrong with it (keyed by its index), or an empty object:
 * each on an offered date, none twice, at most `maxWindows`, at least one.
 */
export function windowProblems(
  windows: VisitWindow[],
  today: IsoDate,
  calendar: WorkingCalendar,
  rules: HomecertRules = DEFAULT_HOMECERT_RULES,
): Record<string, string> {
  if (windows.length === 0) return { windows: '请至少选择 1 个方便上门的时间' }
  if (windows.length > rules.maxWindows) return { windows: `最多选择 ${rules.maxWindows} 个时间` }
  const offered = new Set(windowDates(today, calendar, rules))
  const last = addWorkingDays(today, rules.windowHorizonWorkingDays, calendar)
  const seen = new Set<string>()
  const problems: Record<string, string> = {}
  windows.forEach((w, i) => {
    const key = `${w.date}|${w.half}`
    const status = calendar.dayStatus(w.date)
    if (w.date <= today) problems[`windows.${i}`] = `${monthDay(w.date)}已过或是今天，请从明天起选择`
    else if (!status.open) problems[`windows.${i}`] = `${monthDay(w.date)}不上班（${status.reason ?? '休息'}），请选择工作日`
    else if (!offered.has(w.date)) problems[`windows.${i}`] = `最晚只能选到 ${monthDay(last)}`
    else if (seen.has(key)) problems[`windows.${i}`] = `${windowText(w)}选了两次`
    seen.add(key)
  })
  return problems
}

/**
 * Whether a worker may set a visit on this half-day: a working day from today on,
 * within the schedule horizon. Returns the problem in words, or null.
 */
export function visitDateProblem(
  date: IsoDate,
  today: IsoDate,
  calendar: WorkingCalendar,
  rules: HomecertRules = DEFAULT_HOMECERT_RULES,
): string | null {
  if (date < today) return '上门日期已过，请重新选择'
  const status = calendar.dayStatus(date)
  if (!status.open) return `${monthDay(date)}不上班（${status.reason ?? '休息'}），请选择工作日`
  const last = addWorkingDays(today, rules.scheduleHorizonWorkingDays, calendar)
  if (date > last) return `上门日期请不要晚于 ${monthDay(last)}`
  return null
}

/** True when the half-day is one the family asked for. */
export const isPreferred = (w: VisitWindow, windows: readonly VisitWindow[]) => windows.some((p) => p.date === w.date && p.half === w.half)

// ---------------------------------------------------------------- the outcome of a visit

/** How the elder was seen: at home, or on a video call (视频核验) when a visit was not possible. */
export type VerifyMethod = 'onsite' | 'video'
export const VERIFY_METHODS: readonly VerifyMethod[] = ['onsite', 'video']
export const VERIFY_METHOD_TEXT: Record<VerifyMethod, string> = { onsite: '上门现场核验', video: '视频核验' }

/**
 * Whether an outcome may be recorded on `on` for a visit agreed on `visitDate`: on or after the
 * agreed day; earlier only with a reason (the family was told that day — a result dated before it
 * reads as a visit that never happened). Returns the problem in words, or null.
 * @example outcomeDateProblem('2026-12-07', '2026-12-08', null) // '约定的上门日期是 12月8日，当天或之后才能记录结果；确需提前记录，请写明原因'
 * @example outcomeDateProblem('2026-12-07', '2026-12-08', '老人 12月7日住院前已当面核验') // null
 */
export function outcomeDateProblem(on: IsoDate, visitDate: IsoDate | null, earlyReason: string | null | undefined): string | null {
  if (!visitDate || on >= visitDate || earlyReason) return null
  return `约定的上门日期是 ${monthDay(visitDate)}，当天或之后才能记录结果；确需提前记录，请写明原因`
}

// ---------------------------------------------------------------- overdue

/**
 * A request waiting for a visit to be agreed since `waitingSince` (a Beijing date)
 * is overdue once more than `overdueWorkingDays` working days have passed.
 * Submitted on Thursday 26 November 2026: Fri, Mon, Tue are its 3 days; on
 * Wednesday 2 December it is overdue.
 * @example isOverdue('2026-11-26', '2026-12-01', calendar) // false
 * @example isOverdue('2026-11-26', '2026-12-02', calendar) // true
 */
export function isOverdue(
  waitingSince: IsoDate,
  today: IsoDate,
  calendar: WorkingCalendar,
  rules: HomecertRules = DEFAULT_HOMECERT_RULES,
): boolean {
  return workingDaysBetween(waitingSince, today, calendar) > rules.overdueWorkingDays
}

// ---------------------------------------------------------------- the yearly cycle

/**
 * The next certification is due on the same date next year; one certified on
 * 29 February is due on 28 February (never late).
 * @example nextDueDate('2026-11-26') // '2027-11-26'
 * @example nextDueDate('2028-02-29') // '2029-02-28'
 */
export function nextDueDate(certifiedOn: IsoDate): IsoDate {
  const year = String(Number(certifiedOn.slice(0, 4)) + 1).padStart(4, '0')
  const same = `${year}${certifiedOn.slice(4)}`
  return certifiedOn.slice(5) === '02-29' ? `${year}-02-28` : same
}

/** From this date on the elder is 即将到期: listed for staff, the family reminded, a new request accepted. */
export function dueSoonFrom(nextDue: IsoDate, rules: HomecertRules = DEFAULT_HOMECERT_RULES): IsoDate {
  return addDays(nextDue, -rules.dueSoonDays)
}

/**
 * Whether a home certification on `certifiedOn` still covers `today`, so a new
 * request is not needed yet (it is accepted again from `dueSoonFrom`).
 * @example coveredUntilRenewal('2026-03-05', '2026-11-26') // true
 * @example coveredUntilRenewal('2025-12-20', '2026-11-26') // false (due 2026-12-20, renewal open since 2026-11-20)
 */
export function coveredUntilRenewal(certifiedOn: IsoDate, today: IsoDate, rules: HomecertRules = DEFAULT_HOMECERT_RULES): boolean {
  return today < dueSoonFrom(nextDueDate(certifiedOn), rules)
}

/** A request's number: its Beijing date and the day's sequence at the center. @example requestNumber('2026-11-26', 3) // '20261126-003' */
export function requestNumber(date: IsoDate, n: number): string {
  return `${date.replace(/-/g, '')}-${String(n).padStart(3, '0')}`
}
