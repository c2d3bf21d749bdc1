import { randomBytes } from 'node:crypto'
import { BOOKING_CODE_ALPHABET, bookingCode, isBookingCode, normalizeBookingCode } from '@/core/booking-code'

describe('BOOKING_CODE_ALPHABET', () => {
  it('leaves out characters people confuse', () => {
    for (const c of '01OILUV') expect(BOOKING_CODE_ALPHABET).not.toContain(c)
  })
})

describe('bookingCode', () => {
  it('returns 6 characters from the alphabet', () => {
    for (let i = 0; i < 200; i++) expect(isBookingCode(bookingCode((n) => randomBytes(n)))).toBe(true)
  })
  describe('when the random bytes would bias the draw', () => {
    it('skips them', () => {
      // 255 is above the largest multiple of the alphabet size below 256: never used.
      let calls = 0
      const code = bookingCode((n) => (calls++ === 0 ? new Uint8Array(n).fill(255) : new Uint8Array(n).fill(0)))
      expect(code).toBe(BOOKING_CODE_ALPHABET[0].repeat(6))
      expect(calls).toBe(2)
    })
  })
  it('rarely repeats', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => bookingCode((n) => randomBytes(n))))
    expect(codes.size).toBeGreaterThan(4990)
  })
})

describe('normalizeBookingCode', () => {
  it('upper-cases and drops spaces and dashes', () => {
    expect(normalizeBookingCode(' k7m-4qp ')).toBe('K7M4QP')
    expect(isBookingCode(' k7m-4qp ')).toBe(true)
  })
  it('refuses a code with an ambiguous character', () => {
    expect(isBookingCode('K7M4Q0')).toBe(false)
  })
})
