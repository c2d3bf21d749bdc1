/** @timezone */
import {
  averageServiceMinutes,
  checkInMessage,
  checkInOpensAt,
  checkInQrText,
  checkInTiming,
  codeBuckets,
  codeFromDigest,
  codeFromQrText,
  checkInFromQrText,
  checkInFromLinkParams,
  estimateWaitMinutes,
} from '@/core/queue-check-in'

// Friday 27 November 2026, slot 09:00–09:30, no-show deadline 09:45 (Beijing).
const booking = {
  date: '2026-11-27',
  start: '09:00',
  end: '09:30',
  startsAt: '2026-11-27T01:00:00.000Z',
  endsAt: '2026-11-27T01:30:00.000Z',
  checkInBy: '2026-11-27T01:45:00.000Z',
}
const bj = (clock: string, date = '2026-11-27') => new Date(`${date}T${clock}+08:00`)

describe('checkInTiming', () => {
  it.each([
    ['08:29:59', 'early'],
    ['08:30:00', 'open'],
    ['09:29:59', 'open'],
    ['09:30:00', 'late'],
    ['09:44:59', 'late'],
    ['09:45:00', 'missed'],
    ['16:00:00', 'missed'],
  ])('at %s returns %s', (clock, timing) => {
    expect(checkInTiming(booking, bj(clock))).toBe(timing)
  })
  describe('when the booking is for another day', () => {
    it('returns other_day the day before and the day after', () => {
      expect(checkInTiming(booking, bj('09:00:00', '2026-11-26'))).toBe('other_day')
      expect(checkInTiming(booking, bj('09:00:00', '2026-11-28'))).toBe('other_day')
    })
  })
  describe('when the host runs in another time zone', () => {
    it('returns the same answer, because the day is the Beijing day', () => {
      // 00:10 Beijing on the 27th is still the 26th in UTC.
      expect(
        checkInTiming(
          { ...booking, startsAt: '2026-11-26T16:40:00.000Z', endsAt: '2026-11-26T17:10:00.000Z', checkInBy: '2026-11-26T17:25:00.000Z' },
          bj('00:10:00'),
        ),
      ).toBe('open')
    })
  })
  it('opens 30 minutes before the slot', () => {
    expect(checkInOpensAt(booking.startsAt).toISOString()).toBe('2026-11-27T00:30:00.000Z')
  })
})

describe('checkInMessage', () => {
  it('returns null when check-in is open', () => {
    expect(checkInMessage('open', booking, bj('09:00:00'))).toBeNull()
  })
  it('says when check-in opens to an early resident', () => {
    expect(checkInMessage('early', booking, bj('08:00:00'))).toBe('签到从 08:30 开始（预约时段前 30 分钟），请稍后再签到')
  })
  it('says the resident joins as a walk-in when late, and whether it counts as a no-show', () => {
    expect(checkInMessage('late', booking, bj('09:35:00'))).toBe(
      '您已超过预约时段（09:00–09:30），已改为现场取号，按到达顺序排队；本次不记失约。',
    )
    expect(checkInMessage('missed', booking, bj('10:00:00'))).toBe(
      '您已超过签到截止时间（09:45），本次预约记为失约；已为您现场取号，按到达顺序排队。',
    )
  })
  it('says the same ahead of checking in, on the check-in page', () => {
    expect(checkInMessage('late', booking, bj('09:35:00'), undefined, 'before')).toBe(
      '您已超过预约时段（09:00–09:30），现在签到将改为现场取号，按到达顺序排队；本次不记失约。',
    )
    expect(checkInMessage('missed', booking, bj('10:00:00'), undefined, 'before')).toBe(
      '您已超过签到截止时间（09:45），本次预约记为失约；仍可签到，按现场取号排队。',
    )
  })
  it('points to the right day', () => {
    expect(checkInMessage('other_day', booking, bj('09:00:00', '2026-11-26'))).toBe('您的预约在 11月27日，请在预约当天到中心签到')
    expect(checkInMessage('other_day', booking, bj('09:00:00', '2026-11-30'))).toBe('您的预约日期（11月27日）已过，不能再签到')
  })
})

describe('codeBuckets', () => {
  it('returns the 5-minute period of the Beijing day and the one before', () => {
    const [current, previous] = codeBuckets(bj('09:02:00', '2026-11-26'))
    expect(current).toEqual({ key: '2026-11-26#108', startsAt: bj('09:00:00', '2026-11-26'), endsAt: bj('09:05:00', '2026-11-26') })
    expect(previous.key).toBe('2026-11-26#107')
  })
  describe('when the period starts at Beijing midnight', () => {
    it('returns the previous day’s last period before it', () => {
      const [current, previous] = codeBuckets(bj('00:03:00'))
      expect(current.key).toBe('2026-11-27#0')
      expect(previous.key).toBe('2026-11-26#287')
    })
  })
  it('changes exactly at the period boundary', () => {
    expect(codeBuckets(bj('09:04:59.999', '2026-11-26'))[0].key).toBe('2026-11-26#108')
    expect(codeBuckets(bj('09:05:00', '2026-11-26'))[0].key).toBe('2026-11-26#109')
  })
})

describe('codeFromDigest', () => {
  it('returns six digits, zero-padded', () => {
    expect(codeFromDigest('00000000000f')).toBe('000015')
    expect(codeFromDigest('ffffffffffff')).toMatch(/^\d{6}$/)
  })
})

describe('the check-in QR with a link domain', () => {
  it('is a link, read back by every scanner of ours, for its own center only', () => {
    const link = checkInQrText('lsw', '042917', 'https://bm.example.gov.cn')
    expect(link).toBe('https://bm.example.gov.cn/c/lsw/042917')
    expect(codeFromQrText(link, 'lsw')).toBe('042917')
    expect(codeFromQrText(link, 'yz')).toBeNull()
    expect(checkInFromQrText(link)).toEqual({ centerId: 'lsw', code: '042917' })
    expect(checkInFromQrText('https://bm.example.gov.cn/c/lsw/04291')).toBeNull()
    expect(checkInFromQrText('https://bm.example.gov.cn/c/l%20sw/042917')).toBeNull()
  })
  it('opens the check-in page with the center and code: from WeChat (q) or from the server’s redirect', () => {
    expect(checkInFromLinkParams({ q: encodeURIComponent('https://bm.example.gov.cn/c/lsw/042917') })).toEqual({
      centerId: 'lsw',
      code: '042917',
    })
    expect(checkInFromLinkParams({ center: 'lsw', code: '042917' })).toEqual({ centerId: 'lsw', code: '042917' })
    expect(checkInFromLinkParams({ center: 'lsw', code: '04291x' })).toBeNull()
    expect(checkInFromLinkParams({ code: '042917' })).toBeNull()
    expect(checkInFromLinkParams({})).toBeNull()
  })
})

describe('codeFromQrText', () => {
  it('reads the code back from the screen’s QR text', () => {
    expect(codeFromQrText(checkInQrText('lsw', '042917'), 'lsw')).toBe('042917')
  })
  describe('when the QR is for another center or not ours', () => {
    it('returns null', () => {
      expect(codeFromQrText(checkInQrText('yz', '042917'), 'lsw')).toBeNull()
      expect(codeFromQrText('https://example.com', 'lsw')).toBeNull()
    })
  })
})

describe('averageServiceMinutes', () => {
  it('returns the default before anyone is served', () => {
    expect(averageServiceMinutes(0, 0, 10)).toBe(10)
  })
  it('returns today’s average, at least one minute', () => {
    expect(averageServiceMinutes(3, 1260)).toBe(7)
    expect(averageServiceMinutes(2, 20)).toBe(1)
  })
})

describe('estimateWaitMinutes', () => {
  it('spreads the people ahead over the windows, rounded up', () => {
    expect(estimateWaitMinutes(5, 8, 2)).toBe(20)
    expect(estimateWaitMinutes(3, 7, 2)).toBe(11)
  })
  it('returns 0 for the next in line, and treats no windows as one', () => {
    expect(estimateWaitMinutes(0, 8, 2)).toBe(0)
    expect(estimateWaitMinutes(2, 5, 0)).toBe(10)
  })
})
