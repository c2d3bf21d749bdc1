/** @timezone */
import { caseNumber, caseNumberOf, claimCodeExpiry, groupCode, isCaseNumber, isCode, normalizeCode } from '@/core/delegation-codes'

describe('caseNumber', () => {
  describe('when the sequence is small', () => {
    it('returns the date and a 4-digit sequence', () => expect(caseNumber('2026-11-26', 7)).toBe('DB20261126-0007'))
  })
  describe('when a day has more than 9999 cases', () => {
    it('returns a longer sequence rather than wrapping', () => expect(caseNumber('2026-11-26', 12345)).toBe('DB20261126-12345'))
  })
})

describe('caseNumberOf', () => {
  describe('when a clerk types a number loosely', () => {
    it.each([
      ['DB20261126-0007', 'DB20261126-0007'],
      [' db20261126-0007 ', 'DB20261126-0007'],
      ['DB20261126 7', 'DB20261126-0007'],
      ['db202611260007', 'DB20261126-0007'],
    ])('returns %s as %s', (typed, number) => expect(caseNumberOf(typed)).toBe(number))
  })
  describe('when the text is not a case number', () => {
    it.each(['5678', 'DB2026-0007', '王建国', ''])('returns null for %s', (typed) => expect(caseNumberOf(typed)).toBeNull())
  })
})

describe('isCaseNumber', () => {
  describe('when the number is written as caseNumber writes it', () => {
    it('returns true', () => expect(isCaseNumber('DB20261126-0007')).toBe(true))
  })
  describe('when the dash or the zeros are missing', () => {
    it('returns false', () => expect(isCaseNumber('DB20261126-7')).toBe(false))
  })
})

describe('claimCodeExpiry', () => {
  describe('when a code is issued on a Thursday afternoon', () => {
    it('returns midnight Beijing at the end of the next Thursday', () => {
      expect(claimCodeExpiry(new Date('2026-11-26T15:00:00+08:00')).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    })
  })
  describe('when a code is issued just after midnight Beijing', () => {
    it('returns the end of the 7th day after that Beijing date', () => {
      expect(claimCodeExpiry(new Date('2026-11-25T16:10:00Z')).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    })
  })
})

describe('normalizeCode and isCode', () => {
  describe('when a resident types a code with spaces and lower case', () => {
    it('returns it upper-cased and joined', () => expect(normalizeCode(' k7m4 qp2x ')).toBe('K7M4QP2X'))
    it('accepts it as an 8-character code', () => expect(isCode('k7m4-qp2x', 8)).toBe(true))
  })
  describe('when the code has a character people confuse (0, O, 1, I)', () => {
    it('refuses it', () => expect(isCode('K7M4QP20', 8)).toBe(false))
  })
  describe('when the length is wrong', () => {
    it('refuses it', () => expect(isCode('K7M4QP2', 8)).toBe(false))
  })
})

describe('groupCode', () => {
  describe('when the code has 8 characters', () => {
    it('returns two groups of four', () => expect(groupCode('K7M4QP2X')).toBe('K7M4 QP2X'))
  })
})
