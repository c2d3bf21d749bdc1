import {
  ageOn,
  birthDateOf,
  birthdayAt,
  idCheckChar,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  sexOf,
  normalizeIdNumber,
} from '@/core/id-number'
import { idNumberFor } from '../support/id-numbers'

// The GB 11643 worked example: 11010519491231002X.
const EXAMPLE = '11010519491231002X'

describe('idCheckChar', () => {
  it('returns X for the standard example', () => {
    expect(idCheckChar(EXAMPLE.slice(0, 17))).toBe('X')
  })
  it('returns 0 … 9 for other bodies', () => {
    expect(idCheckChar('44052418800101001')).toBe('4')
  })
})

describe('idNumberProblem', () => {
  describe('when the number is valid', () => {
    it('returns null, also for a lower-case x and spaces', () => {
      expect(idNumberProblem(EXAMPLE)).toBeNull()
      expect(idNumberProblem('110105 19491231 002x')).toBeNull()
    })
  })
  describe('when the check character is wrong', () => {
    it('returns checksum for every wrong last character', () => {
      for (const last of '0123456789'.split('')) expect(idNumberProblem(EXAMPLE.slice(0, 17) + last)).toBe('checksum')
    })
    it('returns checksum when two digits are swapped', () => {
      expect(idNumberProblem('11010519491231020X')).toBe('checksum')
    })
  })
  describe('when the birth date is not a real date', () => {
    it.each([
      ['February 30th', idNumberFor('2001-02-28', 1).replace('20010228', '20010230')],
      ['month 13', '110105194913310027'],
      ['before 1900', idNumberFor('1899-12-31', 1)],
    ])('returns birth_date for %s', (_label, id) => {
      expect(idNumberProblem(id)).toBe('birth_date')
    })
    it('accepts 29 February in a leap year and refuses it in a common year', () => {
      expect(idNumberProblem(idNumberFor('2000-02-29', 5))).toBeNull()
      const body = `370211${'19000229'}005`
      expect(idNumberProblem(body + idCheckChar(body))).toBe('birth_date')
    })
    it('refuses a birth date after today when today is given, and accepts one born today', () => {
      expect(idNumberProblem(idNumberFor('2026-11-27', 1), '2026-11-26')).toBe('birth_date')
      expect(idNumberProblem(idNumberFor('2026-11-26', 1), '2026-11-26')).toBeNull()
    })
  })
  describe('when the shape is wrong', () => {
    it.each([
      ['15 digits', '110105491231002'],
      ['17 characters', EXAMPLE.slice(0, 17)],
      ['X in the middle', '1101051949X231002X'],
      ['empty', ''],
    ])('returns format for %s', (_l, id) => {
      expect(idNumberProblem(id)).toBe('format')
    })
  })
})

describe('isValidIdNumber', () => {
  it('accepts generated numbers', () => {
    expect(isValidIdNumber(idNumberFor('1985-07-15', 42))).toBe(true)
  })
})

describe('normalizeIdNumber', () => {
  it('upper-cases x and drops spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe(EXAMPLE)
  })
})

describe('birthDateOf', () => {
  it('returns the date written in the number', () => {
    expect(birthDateOf(EXAMPLE)).toBe('1949-12-31')
  })
})

describe('ageOn', () => {
  describe('when the date is the 80th birthday', () => {
    it('returns 80 on the day and 79 the day before', () => {
      expect(ageOn('1946-10-10', '2026-10-10')).toBe(80)
      expect(ageOn('1946-10-10', '2026-10-09')).toBe(79)
    })
  })
  describe('when born on 29 February', () => {
    it('turns a year older on 1 March in a common year', () => {
      expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
      expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
    })
    it('turns a year older on 29 February in a leap year', () => {
      expect(ageOn('2000-02-29', '2028-02-29')).toBe(28)
    })
  })
  describe('when the birthday is at year end', () => {
    it('counts the 31 December birthday on that day only', () => {
      expect(ageOn('1949-12-31', '2026-12-30')).toBe(76)
      expect(ageOn('1949-12-31', '2026-12-31')).toBe(77)
    })
  })
})

describe('birthdayAt', () => {
  it('returns the date of a given birthday', () => {
    expect(birthdayAt('1946-10-10', 80)).toBe('2026-10-10')
  })
  it('returns 1 March for a 29 February birth in a common year', () => {
    expect(birthdayAt('2000-02-29', 26)).toBe('2026-03-01')
  })
})

describe('maskIdNumber', () => {
  it('keeps the first and last four characters', () => {
    expect(maskIdNumber('37021119800101123X')).toBe('3702**********123X')
  })
  it('masks a lower-case x the same way', () => {
    expect(maskIdNumber('37021119800101123x')).toBe('3702**********123X')
  })
  it('hides everything of a value too short to mask partly', () => {
    expect(maskIdNumber('1234567')).toBe('*******')
  })
})

describe('sexOf', () => {
  it('returns male for an odd 17th digit and female for an even one', () => {
    expect(sexOf('37021119800101123X')).toBe('male')
    expect(sexOf('37021119800101124X')).toBe('female')
  })

  describe('when the number is masked', () => {
    it('reads the digit the mask keeps', () => {
      expect(sexOf(maskIdNumber('37021119800101123X'))).toBe('male')
      expect(sexOf('3702**********124X')).toBe('female')
    })
  })

  describe('when the number is too short to say', () => {
    it('returns null', () => {
      expect(sexOf('3702')).toBeNull()
      expect(sexOf('')).toBeNull()
    })
  })
})
