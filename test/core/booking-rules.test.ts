/** @timezone */
import {
  blockMessage,
  bookingRulesFor,
  canChange,
  checkInDeadline,
  DEFAULT_BOOKING_RULES,
  limitHolder,
  noShowBlock,
  noShowLookbackStart,
  type BookingMaker,
} from '@/core/booking-rules'

const at = (iso: string) => new Date(iso)
const DAY = 86_400_000

describe('bookingRulesFor', () => {
  it('returns the defaults without overrides', () => {
    expect(bookingRulesFor()).toEqual(DEFAULT_BOOKING_RULES)
  })
  it('takes a center override and keeps the other defaults', () => {
    const rules = bookingRulesFor({ leadMinutes: 60, maxActiveBookings: 5 })
    expect(rules).toMatchObject({ leadMinutes: 60, maxActiveBookings: 5, horizonWorkingDays: 7, noShowLimit: 3 })
  })
  it('ignores null and unknown keys', () => {
    expect(bookingRulesFor({ leadMinutes: null as unknown as number, bogus: 1 } as never)).toEqual(DEFAULT_BOOKING_RULES)
  })
})

describe('checkInDeadline', () => {
  it('returns slot end + 15 minutes by default', () => {
    expect(checkInDeadline(at('2026-12-01T01:30:00Z')).toISOString()).toBe('2026-12-01T01:45:00.000Z')
  })
  it('follows a center grace period', () => {
    expect(checkInDeadline(at('2026-12-01T01:30:00Z'), bookingRulesFor({ noShowGraceMinutes: 5 })).toISOString()).toBe(
      '2026-12-01T01:35:00.000Z',
    )
  })
})

describe('noShowBlock', () => {
  const first = at('2026-09-01T02:00:00Z')
  const third = at('2026-11-20T02:00:00Z')
  const three = [first, at('2026-10-01T02:00:00Z'), third]

  describe('when there are fewer no-shows than the limit', () => {
    it('returns null', () => {
      expect(noShowBlock(three.slice(0, 2), at('2026-11-25T00:00:00Z'))).toBeNull()
    })
  })
  describe('when three no-shows fall within 90 days', () => {
    it('blocks for 30 days from the third', () => {
      expect(noShowBlock(three, at('2026-11-25T00:00:00Z'))).toEqual({ until: new Date(third.getTime() + 30 * DAY), count: 3 })
    })
    it('stops blocking at exactly 30 days after the third', () => {
      expect(noShowBlock(three, new Date(third.getTime() + 30 * DAY - 1))).not.toBeNull()
      expect(noShowBlock(three, new Date(third.getTime() + 30 * DAY))).toBeNull()
    })
    it('does not count no-shows in the future of now (unsorted input)', () => {
      expect(noShowBlock([third, first, at('2026-10-01T02:00:00Z')], at('2026-11-19T00:00:00Z'))).toBeNull()
    })
  })
  describe('when the three no-shows span 90 days or more', () => {
    it('returns null', () => {
      const spread = [first, at('2026-10-01T02:00:00Z'), new Date(first.getTime() + 90 * DAY)]
      expect(noShowBlock(spread, new Date(first.getTime() + 91 * DAY))).toBeNull()
    })
    it('blocks when the span is just under 90 days', () => {
      const spread = [first, at('2026-10-01T02:00:00Z'), new Date(first.getTime() + 90 * DAY - 60_000)]
      expect(noShowBlock(spread, new Date(first.getTime() + 91 * DAY))).not.toBeNull()
    })
  })
  describe('when a center sets other numbers', () => {
    it('uses its limit and block length', () => {
      const rules = bookingRulesFor({ noShowLimit: 2, noShowBlockDays: 7 })
      expect(noShowBlock(three.slice(0, 2), at('2026-10-03T00:00:00Z'), rules)?.until).toEqual(
        new Date(at('2026-10-01T02:00:00Z').getTime() + 7 * DAY),
      )
    })
  })
})

describe('noShowLookbackStart', () => {
  it('reaches back window + block days', () => {
    expect(noShowLookbackStart(at('2026-12-01T00:00:00Z')).toISOString()).toBe(
      new Date(at('2026-12-01T00:00:00Z').getTime() - 120 * DAY).toISOString(),
    )
  })
})

describe('blockMessage', () => {
  it('says until when, in Beijing time', () => {
    expect(blockMessage(at('2026-12-20T02:00:00Z'))).toBe('近 90 天内失约已达 3 次，暂停预约至 2026年12月20日 10:00，之后可再次预约')
  })
})

describe('canChange', () => {
  const start = at('2026-12-01T01:00:00Z')
  it('allows a booked booking before its start', () => {
    expect(canChange('booked', start, new Date(start.getTime() - 1))).toBe(true)
  })
  it('refuses at the start and after', () => {
    expect(canChange('booked', start, start)).toBe(false)
  })
  it.each(['checked_in', 'completed', 'cancelled', 'no_show'] as const)('refuses a %s booking', (status) => {
    expect(canChange(status, start, at('2026-11-01T00:00:00Z'))).toBe(false)
  })
})

describe('limitHolder', () => {
  const maker = (over: Partial<BookingMaker> = {}): BookingMaker => ({
    openid: 'o-typist',
    verifiedIdHash: null,
    consentedIdHashes: [],
    ...over,
  })

  describe('when the person books for themself', () => {
    it('counts against the person once their identity is verified', () => {
      expect(limitHolder('h-person', maker({ verifiedIdHash: 'h-person' }))).toBe('person_h-person')
    })
    it('counts against the account while nothing proves who typed the number', () => {
      expect(limitHolder('h-person', maker())).toBe('account_o-typist')
    })
  })

  describe('when a relative books', () => {
    it('counts against the person when the person consented to this account', () => {
      expect(limitHolder('h-elder', maker({ verifiedIdHash: 'h-self', consentedIdHashes: ['h-other', 'h-elder'] }))).toBe('person_h-elder')
    })
    it('counts against the account while the consent is missing', () => {
      expect(limitHolder('h-elder', maker({ verifiedIdHash: 'h-self', consentedIdHashes: ['h-other'] }))).toBe('account_o-typist')
    })
  })

  describe('when a stranger types someone’s ID number', () => {
    it('never counts against that person, verified stranger or not', () => {
      expect(limitHolder('h-victim', maker({ verifiedIdHash: 'h-stranger' }))).toBe('account_o-typist')
      expect(limitHolder('h-victim', maker())).not.toContain('h-victim')
    })
  })
})
