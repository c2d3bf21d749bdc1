/** @timezone */
import { covers, offerable, offerExpiresAt, offerNotice, placeAhead, slotKey } from '@/core/waitlist'

describe('covers', () => {
  it('takes a seat of the slot waited for, or of any slot for a whole-day entry', () => {
    expect(covers('09:00', '09:00')).toBe(true)
    expect(covers(null, '15:30')).toBe(true)
  })
  it('refuses a seat of another slot', () => {
    expect(covers('09:00', '09:30')).toBe(false)
  })
})

describe('slotKey', () => {
  it('names the whole day *', () => {
    expect([slotKey(null), slotKey('09:00')]).toEqual(['*', '09:00'])
  })
})

describe('offerExpiresAt', () => {
  it('adds the hold to the offer instant', () => {
    expect(offerExpiresAt('2026-12-01T01:00:00.000Z', 15)).toBe('2026-12-01T01:15:00.000Z')
  })
})

describe('offerable', () => {
  it('offers a seat until its slot begins (Beijing time)', () => {
    expect(offerable('2026-12-01', '09:00', '2026-12-01T00:59:59.000Z')).toBe(true)
  })
  describe('when the slot has begun', () => {
    it('refuses', () => {
      expect(offerable('2026-12-01', '09:00', '2026-12-01T01:00:00.000Z')).toBe(false)
    })
  })
})

describe('placeAhead', () => {
  const line = [
    { seq: 1, start: null, status: 'waiting' as const },
    { seq: 2, start: '10:00', status: 'offered' as const },
    { seq: 3, start: '09:00', status: 'waiting' as const },
    { seq: 5, start: '09:00', status: 'waiting' as const },
  ]
  it('counts earlier entries for the same slot and whole-day ones', () => {
    expect(placeAhead({ seq: 4, start: '09:00', status: 'waiting' }, line)).toBe(2)
  })
  it('counts every earlier entry for a whole-day entry', () => {
    expect(placeAhead({ seq: 4, start: null, status: 'waiting' }, line)).toBe(3)
  })
  it('counts nobody ahead of the first', () => {
    expect(placeAhead({ seq: 1, start: null, status: 'waiting' }, line)).toBe(0)
  })
  describe('when an earlier entry left the line', () => {
    it('no longer counts it', () => {
      expect(placeAhead({ seq: 4, start: '09:00', status: 'waiting' }, [{ seq: 3, start: '09:00', status: 'left' }])).toBe(0)
    })
  })
})

describe('offerNotice', () => {
  it('names the service, the slot and the hold in Beijing time', () => {
    const n = offerNotice({ serviceName: '异地就医备案', date: '2026-11-27', start: '09:00', expiresAt: '2026-11-26T01:15:00.000Z' })
    expect(n.title).toBe('候补有空位了')
    expect(n.body).toContain('「异地就医备案」有空位：11月27日 周五 09:00')
    expect(n.body).toContain('保留到 09:15')
  })
})
