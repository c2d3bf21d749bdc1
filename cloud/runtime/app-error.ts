import { DEFAULT_MESSAGES, type ErrorCode, type WireError } from '@/contract/envelope'

/**
 * An expected failure a resident should be told about (slot full, not yours,
 * wrong state). Thrown by use cases, turned into the envelope in one place
 * (`dispatch`). Anything else thrown is a bug and answers INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], fields?: Record<string, string>) {
    // Without a stack trace: an expected refusal is answered as the envelope and never logged, and capturing the
    // stack was most of what a refusal cost (~4 % of the refused-create floor's server profile; docs/benchmarks.md).
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
    this.name = 'AppError'
    this.code = code
    this.fields = fields
  }

  toWire(): WireError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }
}

export const notFound = (what = '内容') => new AppError('NOT_FOUND', `没有找到相关${what}`)
export const forbidden = () => new AppError('FORBIDDEN')
export const conflict = (message: string) => new AppError('CONFLICT', message)
