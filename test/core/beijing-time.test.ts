/** @timezone */
import {
  addDays,
  atBeijing,
  beijing,
  beijingClock,
  beijingDate,
  BEIJING_OFFSET_MINUTES,
  clockOf,
  dayLabel,
  isClockTime,
  isIsoDate,
  isoWeekday,
  longDate,
  minutesOf,
  momentLabel,
  monthDay,
  weekdayName,
} from '@/core/beijing-time'

describe('BEIJING_OFFSET_MINUTES', () => {
  it('returns UTC+8 in minutes', () => {
    expect(BEIJING_OFFSET_MINUTES).toBe(480)
  })
})

describe('beijing', () => {
  describe('when the instant is 16:30Z', () => {
    it('returns 00:30 on the next Beijing day', () => {
      expect(beijing(new Date('2026-01-01T16:30:00Z')).format('YYYY-MM-DD HH:mm')).toBe('2026-01-02 00:30')
    })
  })
  describe('when the instant is given as a number or an ISO string with an offset', () => {
    it('returns the same wall clock as for the Date', () => {
      const d = new Date('2026-10-01T02:00:00Z')
      expect(beijing(d.getTime()).format('YYYY-MM-DD HH:mm')).toBe('2026-10-01 10:00')
      expect(beijing('2026-10-01T10:00:00+08:00').format('YYYY-MM-DD HH:mm')).toBe('2026-10-01 10:00')
    })
  })
  describe('when read through its fields', () => {
    it('returns the Beijing hour and weekday, not the host ones', () => {
      const b = beijing(new Date('2026-10-09T16:30:00Z'))
      expect([b.hour(), b.minute(), b.day(), b.date()]).toEqual([0, 30, 6, 10])
    })
  })
  describe('when no instant is given', () => {
    it('returns the wall clock of now', () => {
      const expected = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
      // A call straddling UTC+8 midnight could differ by a day; read the clock once more in that rare case.
      expect([expected, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)]).toContain(beijing().format('YYYY-MM-DD'))
    })
  })
})

describe('beijingDate', () => {
  describe('when the instant is 16:00Z', () => {
    it('returns the next Beijing day', () => {
      expect(beijingDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01')
    })
  })
  describe('when the instant is one second before 16:00Z', () => {
    it('returns the same UTC day', () => {
      expect(beijingDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30')
    })
  })
  describe('when the instant is Beijing midnight on New Year', () => {
    it('returns the new year', () => {
      expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    })
  })
  describe('when the instant is the last UTC evening of February', () => {
    it('returns 1 March in Beijing', () => {
      expect(beijingDate(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01')
    })
  })
})

describe('beijingClock', () => {
  describe('when the instant is 01:00Z', () => {
    it('returns 09:00', () => {
      expect(beijingClock(new Date('2026-10-10T01:00:00Z'))).toBe('09:00')
    })
  })
  describe('when the instant is 16:00Z', () => {
    it('returns 00:00, not 24:00', () => {
      expect(beijingClock(new Date('2026-09-30T16:00:00Z'))).toBe('00:00')
    })
  })
  describe('when the instant has seconds', () => {
    it('returns the minute it falls in', () => {
      expect(beijingClock(new Date('2026-10-10T03:59:59Z'))).toBe('11:59')
    })
  })
})

describe('isIsoDate', () => {
  describe('when the date is real', () => {
    it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2026-01-01'])('returns true for %s', (d) => {
      expect(isIsoDate(d)).toBe(true)
    })
  })
  describe('when the date does not exist', () => {
    it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32'])('refuses %s', (d) => {
      expect(isIsoDate(d)).toBe(false)
    })
  })
  describe('when the text is not YYYY-MM-DD', () => {
    it.each(['2026-2-3', '2026/02/03', '20260203', '2026-02-03T00:00', ' 2026-02-03', '2026-02-03 ', '', 'today'])('refuses %j', (d) => {
      expect(isIsoDate(d)).toBe(false)
    })
  })
})

describe('isClockTime', () => {
  describe('when the time is on a 24-hour clock', () => {
    it.each(['00:00', '09:00', '13:30', '23:59'])('returns true for %s', (t) => {
      expect(isClockTime(t)).toBe(true)
    })
  })
  describe('when the time is out of range or badly written', () => {
    it.each(['24:00', '12:60', '9:00', '09:0', '0900', '09:00:00', '', 'noon'])('refuses %j', (t) => {
      expect(isClockTime(t)).toBe(false)
    })
  })
})

describe('atBeijing', () => {
  describe('when given a date and a time', () => {
    it('returns the instant 8 hours earlier in UTC', () => {
      expect(atBeijing('2026-10-10', '09:00').toISOString()).toBe('2026-10-10T01:00:00.000Z')
    })
  })
  describe('when the time is before 08:00', () => {
    it('returns an instant on the previous UTC day', () => {
      expect(atBeijing('2026-10-01', '07:30').toISOString()).toBe('2026-09-30T23:30:00.000Z')
    })
  })
  describe('when no time is given', () => {
    it('returns Beijing midnight, 16:00Z the day before', () => {
      expect(atBeijing('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
    })
  })
  describe('when read back on the Beijing wall clock', () => {
    it('returns the same date and time', () => {
      const instant = atBeijing('2026-12-31', '23:45')
      expect([beijingDate(instant), beijingClock(instant)]).toEqual(['2026-12-31', '23:45'])
    })
  })
})

describe('addDays', () => {
  describe('when adding a day to 28 February', () => {
    it('returns 1 March in a common year', () => {
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    })
    it('returns 29 February in a leap year', () => {
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    })
  })
  describe('when crossing a year', () => {
    it('returns the new year', () => {
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    })
  })
  describe('when the days are negative', () => {
    it('returns an earlier date', () => {
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    })
  })
  describe('when the days are zero', () => {
    it('returns the same date', () => {
      expect(addDays('2026-10-10', 0)).toBe('2026-10-10')
    })
  })
  describe('when the span covers a daylight-saving change elsewhere', () => {
    it('returns whole calendar days (60 days after 2026-03-01)', () => {
      expect(addDays('2026-03-01', 60)).toBe('2026-04-30')
    })
  })
})

describe('isoWeekday', () => {
  describe('when the date is a Monday', () => {
    it('returns 1', () => {
      expect(isoWeekday('2026-11-23')).toBe(1)
    })
  })
  describe('when the date is a Sunday', () => {
    it('returns 7, not 0', () => {
      expect(isoWeekday('2026-11-29')).toBe(7)
    })
  })
  describe('when the date is the 调休 Saturday after National Day', () => {
    it('returns 6', () => {
      expect(isoWeekday('2026-10-10')).toBe(6)
    })
  })
})

describe('minutesOf', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['13:30', 810],
    ['23:59', 1439],
  ])('returns the minutes since midnight of %s', (t, m) => {
    expect(minutesOf(t)).toBe(m)
  })
  describe('when the time is not written HH:mm', () => {
    it('returns NaN without a colon or with words, and reads hours and minutes around the first colon otherwise', () => {
      expect(minutesOf('0900')).toBeNaN()
      expect(minutesOf('nine:thirty')).toBeNaN()
      expect(minutesOf('9:05')).toBe(545)
      expect(minutesOf('09:30:59')).toBe(570)
    })
  })
})

describe('clockOf', () => {
  it.each([
    [0, '00:00'],
    [5, '00:05'],
    [540, '09:00'],
    [810, '13:30'],
    [1439, '23:59'],
  ])('returns %i minutes as %s', (m, t) => {
    expect(clockOf(m)).toBe(t)
  })
  describe('when round-tripped through minutesOf', () => {
    it('returns the time it started from for every minute of the day', () => {
      for (let m = 0; m < 24 * 60; m++) expect(minutesOf(clockOf(m))).toBe(m)
    })
  })
})

describe('weekdayName', () => {
  describe('when the date is the 调休 Saturday', () => {
    it('returns 周六', () => {
      expect(weekdayName('2026-10-10')).toBe('周六')
    })
  })
  describe('when the date is National Day 2026', () => {
    it('returns 周四', () => {
      expect(weekdayName('2026-10-01')).toBe('周四')
    })
  })
  describe('when the date is a Sunday', () => {
    it('returns 周日', () => {
      expect(weekdayName('2026-11-29')).toBe('周日')
    })
  })
})

describe('monthDay', () => {
  it('returns the month and day without leading zeros', () => {
    expect(monthDay('2027-02-05')).toBe('2月5日')
    expect(monthDay('2026-10-01')).toBe('10月1日')
    expect(monthDay('2026-12-31')).toBe('12月31日')
  })
})

describe('dayLabel', () => {
  it('returns the month, day and weekday', () => {
    expect(dayLabel('2026-12-07')).toBe('12月7日 周一')
    expect(dayLabel('2027-01-03')).toBe('1月3日 周日')
  })

  describe('when the day is a Saturday across a year end', () => {
    it('returns its own weekday, not the host zone’s', () => {
      expect(dayLabel('2026-12-26')).toBe('12月26日 周六')
    })
  })
})

describe('momentLabel', () => {
  it('returns the Beijing day and clock of the instant', () => {
    expect(momentLabel('2026-12-07T01:05:00Z')).toBe('12月7日 周一 09:05')
  })

  describe('when the instant is after 16:00Z', () => {
    it('returns the next Beijing day', () => {
      expect(momentLabel('2026-12-06T16:30:00Z')).toBe('12月7日 周一 00:30')
    })
  })
})

describe('longDate', () => {
  it('returns the year, month and day without leading zeros', () => {
    expect(longDate('2027-02-05')).toBe('2027年2月5日')
    expect(longDate('2026-12-31')).toBe('2026年12月31日')
  })
})
