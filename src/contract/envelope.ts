/**
 * The envelope every cloud-function action answers with, on both transports
 * (WeChat callFunction and the local HTTP server). No runtime dependencies, so
 * the mini-program can import it without pulling in the validators.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SLOT_FULL',
  'LIMIT_REACHED',
  'CLOSED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface WireError {
  code: ErrorCode
  /** A sentence for the resident, in Chinese. */
  message: string
  /** Per-field problems, keyed by the field's path in the input (e.g. `person.idNumber`). */
  fields?: Record<string, string>
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError }

/** The HTTP status the local server sends with each error code (the body is the same envelope). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_FULL: 409,
  LIMIT_REACHED: 409,
  CLOSED: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
}

/** What a resident is told when the action has nothing more specific to say. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再提交',
  UNAUTHENTICATED: '请先登录后再操作',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '当前状态不能进行此操作，请刷新后再试',
  SLOT_FULL: '该时段已约满，请选择其他时段',
  LIMIT_REACHED: '已达到办理次数上限',
  CLOSED: '该日期或时段不对外办公',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容太大，请精简后再试',
  INTERNAL: '系统繁忙，请稍后再试',
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
