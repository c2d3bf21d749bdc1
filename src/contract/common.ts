import { z } from 'zod'
import { hasUnsafeCharacters, unsafeTextMessage } from '../core/free-text'

/** Record ids are short, URL-safe strings (`lsw`, `svc-pension-reg`). */
export const recordId = (label: string) =>
  z
    .string({ error: `请提供${label}` })
    .trim()
    .min(1, { error: `请提供${label}` })
    .max(64, { error: `${label}格式不正确` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label}格式不正确` })

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
 * (src/core/free-text.ts). Optional fields chain `.optional()`.
 * @example freeText('备注', { max: 200 }).safeParse('请\u202e帮忙').success // false
 */
export function freeText(label: string, { min = 0, max, multiline = false }: FreeTextOptions) {
  const base = z
    .string({ error: min > 0 ? `请填写${label}` : `${label}格式不正确` })
    .trim()
    .max(max, { error: `${label}请不要超过 ${max} 个字` })
  const sized = min > 0 ? base.min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` }) : base
  return sized.refine((v) => !hasUnsafeCharacters(v, { multiline }), { error: unsafeTextMessage(label) })
}
