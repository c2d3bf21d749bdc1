import { followUpDue, followUpState, isBadRating, RATING_LEVEL_TEXT, RATING_LEVELS, ratingProblem, ratingRulesFor } from '@/core/rating'
import { workingCalendar } from '@/core/working-calendar'

const calendar = workingCalendar()

describe('rating levels', () => {
  it('lists the five national levels best first, in words', () => {
    expect(RATING_LEVELS.map((l) => RATING_LEVEL_TEXT[l])).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意'])
  })
  it('calls the last two a 差评', () => {
    expect(RATING_LEVELS.filter(isBadRating)).toEqual([2, 1])
  })
})

describe('ratingProblem', () => {
  describe('when the rating is a 差评', () => {
    it('refuses it without a reason', () => {
      expect(ratingProblem(1, [], '太慢了')).toEqual({ field: 'reasons', message: '请至少选择一个不满意的原因' })
    })
    it('refuses 其他原因 without words', () => {
      expect(ratingProblem(2, ['other'], '  ')?.field).toBe('comment')
    })
    it('takes a listed reason without words', () => {
      expect(ratingProblem(2, ['slow'], '')).toBeNull()
    })
  })
  describe('when the rating is good', () => {
    it('takes it without reasons or words', () => {
      expect(ratingProblem(3, [], '')).toBeNull()
    })
    it('refuses reasons for it', () => {
      expect(ratingProblem(5, ['slow'], '')?.field).toBe('reasons')
    })
  })
})

describe('followUpDue', () => {
  it('returns five working days after the day of the rating by default', () => {
    // Friday 2026-11-27 → Friday 2026-12-04 (the weekend skipped).
    expect(followUpDue('2026-11-27', ratingRulesFor(null), calendar)).toBe('2026-12-04')
  })
  describe('when a holiday falls in between', () => {
    it('skips it (国庆 2026: 10-01 to 10-07 closed)', () => {
      expect(followUpDue('2026-09-30', ratingRulesFor({ followUpWorkingDays: 2 }), calendar)).toBe('2026-10-09')
    })
  })
})

describe('followUpState', () => {
  it('returns open up to and on the due day', () => {
    expect(followUpState({ due: '2026-12-04', answeredAt: null }, '2026-12-04')).toBe('open')
  })
  it('returns overdue the day after', () => {
    expect(followUpState({ due: '2026-12-04', answeredAt: null }, '2026-12-05')).toBe('overdue')
  })
  it('returns answered once answered, late or not', () => {
    expect(followUpState({ due: '2026-12-04', answeredAt: '2026-12-10T01:00:00.000Z' }, '2026-12-11')).toBe('answered')
  })
})
