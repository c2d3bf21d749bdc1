import * as z from 'zod/mini'
import { isClockTime, isIsoDate } from '../core/beijing-time'
import { hasUnsafeCharacters, unsafeTextMessage } from '../core/free-text'
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '../core/id-number'
import { normalizePersonName, personNameProblem } from '../core/person-name'
import { isMobile, normalizeMobile } from '../core/phone'

/** Record ids are short, URL-safe strings (`lsw`, `svc-pension-reg`). */
export const recordId = (label: string) =>
  z
    .string({ error: `请提供${label}` })
    .check(
      z.trim(),
      z.minLength(1, { error: `请提供${label}` }),
      z.maxLength(64, { error: `${label}格式不正确` }),
      z.regex(/^[A-Za-z0-9_-]+$/, { error: `${label}格式不正确` }),
    )

export const centerId = recordId('服务中心')

/** Every call to a center-scoped action names the center it is about. */
export const centerScoped = z.object({ centerId })

export interface FreeTextOptions {
  /** Characters after trimming; 0: may be left empty. */
  min?: number
  max: number
  /** A text area: line breaks are kept (every other control character is still refused). */
  multiline?: boolean
}

/**
 * Every field people type words into (notes, reasons, descriptions, addresses, names of
 * windows, communities and services): trimmed, its length in the label's words, and
 * refusing control characters and bidirectional overrides with a field error
 * (src/core/free-text.ts). Optional fields wrap it in `z.optional()`.
 * @example freeText('备注', { max: 200 }).safeParse('请\u202e帮忙').success // false
 */
export function freeText(label: string, { min = 0, max, multiline = false }: FreeTextOptions) {
  return z.string({ error: min > 0 ? `请填写${label}` : `${label}格式不正确` }).check(
    z.trim(),
    z.maxLength(max, { error: `${label}请不要超过 ${max} 个字` }),
    ...(min > 0 ? [z.minLength(min, { error: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })] : []),
    z.refine((v: string) => !hasUnsafeCharacters(v, { multiline }), { error: unsafeTextMessage(label) }),
  )
}

/** A Beijing calendar date, `YYYY-MM-DD`; its problem names the expected form. @example isoDateField('日期').safeParse('2026/12/31') // 请按 2026-12-31 的格式填写日期 */
export const isoDateField = (label = '日期') =>
  z.string({ error: `请选择${label}` }).check(z.refine(isIsoDate, { error: `请按 2026-12-31 的格式填写${label}（须是实际存在的日期）` }))

/** A Beijing wall-clock time, `HH:mm` on a 24-hour clock; its problem names the expected form. */
export const clockField = (label = '时段') =>
  z.string({ error: `请选择${label}` }).check(z.refine(isClockTime, { error: `请按 09:00 的格式填写${label}（24 小时制）` }))

/**
 * The client's id for one submit, kept across retries of that submit (a fresh
 * one per new booking): the same id from the same caller returns the first result.
 */
export const requestId = z
  .string({ error: '缺少请求编号，请刷新页面后重试' })
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确，请刷新页面后重试' }))

/** The person who will come to the counter (the caller, or a family member). */
/** A person's name as on their ID card. */
export const personNameField = z.pipe(z.string({ error: '请填写姓名' }), z.transform(normalizePersonName)).check((ctx) => {
  const problem = personNameProblem(ctx.value)
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
})

/** A Chinese ID number (GB 11643 checksum and a real date); the birth date's "not in the future" needs the action's clock: the use case checks it. */
export const idNumberField = z.pipe(z.string({ error: '请填写身份证号码' }), z.transform(normalizeIdNumber)).check((ctx) => {
  const problem = idNumberProblem(ctx.value)
  if (problem) ctx.issues.push({ code: 'custom', message: ID_NUMBER_MESSAGES[problem], input: ctx.value })
})

export const personInput = z.object(
  {
    name: personNameField,
    idNumber: idNumberField,
    phone: z
      .pipe(z.string({ error: '请填写手机号码' }), z.transform(normalizeMobile))
      .check(z.refine(isMobile, { error: '请填写 11 位手机号码' })),
  },
  { error: '请填写办事人信息' },
)
