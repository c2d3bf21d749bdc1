/** @timezone */
import ICAL from 'ical.js'
import { bookingCalendarFile, calendarFile, escapeIcsText, foldIcsLine, icsUtc } from '@/core/ics'

const EVENT = {
  uid: 'bk123@bianmin-service-center',
  start: new Date('2026-12-01T01:00:00Z'),
  end: new Date('2026-12-01T01:30:00Z'),
  stamp: new Date('2026-11-26T01:00:00Z'),
  summary: '预约办事：异地就医备案',
  location: '灵山卫街道公共服务中心，青岛西海岸新区灵山卫街道灵山湾路 1 号（街道办事处一楼）',
  description: '预约码 K7M4QP\n请带齐：本人居民身份证（原件）; 户口簿, 原件\\备用',
  alarmMinutesBefore: 60,
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8')

describe('calendarFile', () => {
  const text = calendarFile(EVENT)

  describe('when parsed back with ical.js', () => {
    const vcal = new ICAL.Component(ICAL.parse(text))
    const vevent = vcal.getFirstSubcomponent('vevent')!
    const event = new ICAL.Event(vevent)

    it('returns the same times as instants', () => {
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T01:00:00.000Z')
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T01:30:00.000Z')
    })
    it('returns the unescaped, unfolded text', () => {
      expect(event.summary).toBe(EVENT.summary)
      expect(event.location).toBe(EVENT.location)
      expect(event.description).toBe(EVENT.description)
      expect(event.uid).toBe(EVENT.uid)
    })
    it('carries the required calendar properties and the alarm', () => {
      expect(vcal.getFirstPropertyValue('version')).toBe('2.0')
      expect(vcal.getFirstPropertyValue('prodid')).toBeTruthy()
      expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-26T01:00:00Z')
      const trigger = vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger') as unknown as { toSeconds(): number }
      expect(trigger.toSeconds()).toBe(-3600)
    })
  })

  it('ends every line with CRLF and no line is longer than 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true)
    const lines = text.split('\r\n').slice(0, -1)
    expect(lines.some((l) => l.includes('\n') || l.includes('\r'))).toBe(false)
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75)
  })
  it('leaves out optional properties that are not given', () => {
    const plain = calendarFile({ uid: 'x', start: EVENT.start, end: EVENT.end, stamp: EVENT.stamp, summary: 's' })
    expect(plain).not.toMatch(/LOCATION|DESCRIPTION|VALARM/)
  })
})

describe('foldIcsLine', () => {
  describe('when the line is Chinese text', () => {
    it('never splits a character and keeps each physical line ≤ 75 octets', () => {
      const line = 'SUMMARY:' + '预约办事'.repeat(30)
      const folded = foldIcsLine(line)
      const parts = folded.split('\r\n')
      expect(parts.length).toBeGreaterThan(1)
      for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75)
      expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line)
      expect(folded).not.toContain('\uFFFD')
    })
  })
  it('leaves a short line alone', () => {
    expect(foldIcsLine('VERSION:2.0')).toBe('VERSION:2.0')
  })
  it('folds a 76-octet line into two', () => {
    expect(foldIcsLine('X'.repeat(76))).toBe('X'.repeat(75) + '\r\n X')
  })
  describe('when the line is at the edge of the short cuts', () => {
    it('leaves 75 ASCII characters and 25 Chinese ones (75 octets) alone', () => {
      expect(foldIcsLine('X'.repeat(75))).toBe('X'.repeat(75))
      expect(foldIcsLine('办'.repeat(25))).toBe('办'.repeat(25))
    })
    it('folds 26 Chinese characters (78 octets) and 74 ASCII ones followed by one Chinese (77 octets)', () => {
      expect(foldIcsLine('办'.repeat(26))).toBe('办'.repeat(25) + '\r\n 办')
      expect(foldIcsLine('X'.repeat(74) + '办')).toBe('X'.repeat(74) + '\r\n 办')
    })
  })
})

describe('escapeIcsText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
  })
  it('returns a value with nothing to escape as it is', () => {
    expect(escapeIcsText('预约办事：异地就医备案')).toBe('预约办事：异地就医备案')
  })
})

describe('icsUtc', () => {
  it('writes the instant in UTC without separators or milliseconds', () => {
    expect(icsUtc(new Date('2026-12-01T09:05:07.123+08:00'))).toBe('20261201T010507Z')
  })
})

describe('bookingCalendarFile', () => {
  const visit = {
    id: 'bk816cc4ee',
    code: 'K7M4QP',
    serviceName: '异地就医备案',
    date: '2026-12-01',
    start: '09:00',
    end: '09:30',
    startsAt: '2026-12-01T01:00:00.000Z',
    endsAt: '2026-12-01T01:30:00.000Z',
    center: { name: '灵山卫街道公共服务中心', address: '灵山湾路 1 号', phone: '0532-86100001' },
    materials: [
      { name: '本人居民身份证', copies: '原件' },
      { name: '居住证', copies: '复印件 1 份' },
    ],
  }
  const file = bookingCalendarFile(visit, new Date('2026-11-26T01:00:00Z'))
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file.text)).getFirstSubcomponent('vevent')!)

  it("is the booking's event: its uid, instants, service and place", () => {
    expect(event.uid).toBe('bk816cc4ee@bianmin-service-center')
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T01:00:00.000Z')
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T01:30:00.000Z')
    expect(event.summary).toBe('预约办事：异地就医备案')
    expect(event.location).toBe('灵山卫街道公共服务中心，灵山湾路 1 号')
  })
  it('describes the code, the Beijing day and time, what to bring and whom to call', () => {
    expect(event.description).toBe(
      '预约码 K7M4QP\n时间 2026年12月1日 周二 09:00–09:30\n请带齐：本人居民身份证（原件）、居住证（复印件 1 份）\n咨询电话 0532-86100001',
    )
  })
  it('is named for the booking code', () => {
    expect(file.fileName).toBe('预约-K7M4QP.ics')
  })
})
