import { overridesOf, withOverrides } from '@/core/rule-overrides'

const DEFAULTS = { minAge: 80, maxWindows: 3, reminderFrom: '09:00' }

describe('withOverrides', () => {
  describe('when there are no overrides', () => {
    it('returns the defaults for undefined and null', () => {
      expect(withOverrides(DEFAULTS, undefined)).toEqual(DEFAULTS)
      expect(withOverrides(DEFAULTS, null)).toEqual(DEFAULTS)
    })
    it('returns a copy, never the defaults object itself', () => {
      const rules = withOverrides(DEFAULTS, {})
      rules.minAge = 1
      expect(DEFAULTS.minAge).toBe(80)
    })
  })

  describe('when the center overrides some keys', () => {
    it('returns its values for those keys and the defaults for the rest', () => {
      expect(withOverrides(DEFAULTS, { minAge: 75, reminderFrom: '08:30' })).toEqual({ minAge: 75, maxWindows: 3, reminderFrom: '08:30' })
    })
    it('takes a zero (a real value, not a missing one)', () => {
      expect(withOverrides(DEFAULTS, { maxWindows: 0 }).maxWindows).toBe(0)
    })
  })

  describe('when a stored value is not usable', () => {
    it('refuses null, a number kept as text, NaN and Infinity, keeping the default', () => {
      expect(withOverrides(DEFAULTS, { minAge: null as never, maxWindows: '5' as never })).toEqual(DEFAULTS)
      expect(withOverrides(DEFAULTS, { minAge: Number.NaN, maxWindows: Number.POSITIVE_INFINITY })).toEqual(DEFAULTS)
    })
    it('refuses a key the defaults do not have', () => {
      expect(withOverrides(DEFAULTS, { bogus: 1 } as never)).toEqual(DEFAULTS)
    })
  })
})

describe('overridesOf', () => {
  describe('when the admin saves values equal to the defaults', () => {
    it('returns nothing to store', () => {
      expect(overridesOf({ minAge: 80, maxWindows: 3 }, DEFAULTS)).toEqual({})
    })
  })
  describe('when some values differ', () => {
    it('returns only those', () => {
      expect(overridesOf({ minAge: 75, maxWindows: 3 }, DEFAULTS)).toEqual({ minAge: 75 })
    })
    it('returns what withOverrides merges back into the saved values', () => {
      const saved = { minAge: 75, maxWindows: 3, reminderFrom: '08:00' }
      expect(withOverrides(DEFAULTS, overridesOf(saved, DEFAULTS))).toEqual(saved)
    })
  })
})
