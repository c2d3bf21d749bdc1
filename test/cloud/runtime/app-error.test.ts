import { AppError } from '@cloud/runtime/app-error'

const frames = (err: Error) => (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))

describe('AppError', () => {
  describe('when made', () => {
    it('carries its code, message and fields', () => {
      const err = new AppError('INVALID_INPUT', '请重新选择', { start: '没有这个时段' })
      expect(err).toBeInstanceOf(Error)
      expect(err.toWire()).toEqual({ code: 'INVALID_INPUT', message: '请重新选择', fields: { start: '没有这个时段' } })
    })

    it('captures no stack frames (an expected refusal is answered, never logged with a stack)', () => {
      expect(frames(new AppError('UNAUTHENTICATED'))).toEqual([])
    })

    it('leaves the stack of every other error as it was', () => {
      const limit = Error.stackTraceLimit
      new AppError('SLOT_FULL')
      expect(Error.stackTraceLimit).toBe(limit)
      expect(frames(new Error('a bug')).length).toBeGreaterThan(0)
    })
  })
})
