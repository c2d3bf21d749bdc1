/** @timezone */
import { greenChannel, greenText, orderQueue, type Orderable } from '@/core/queue-order'

const at = (clock: string) => new Date(`2026-11-26T${clock}:00+08:00`).toISOString()
const walkIn = (id: string, clock: string, extra: Partial<Orderable> = {}): Orderable => ({
  id,
  kind: 'walk_in',
  green: null,
  slotStart: null,
  arrivedAt: at(clock),
  ...extra,
})
const appt = (id: string, slot: string, arrived: string, extra: Partial<Orderable> = {}): Orderable => ({
  id,
  kind: 'appointment',
  green: null,
  slotStart: slot,
  arrivedAt: at(arrived),
  ...extra,
})

describe('orderQueue', () => {
  it('returns the green channel first, then appointments by slot, then walk-ins by arrival, each with its reason', () => {
    const placed = orderQueue([
      walkIn('w1', '09:12'),
      appt('a930', '09:30', '09:05'),
      walkIn('g1', '09:20', { green: 'age' }),
      appt('a900', '09:00', '09:10'),
      walkIn('w0', '08:55'),
    ])
    expect(placed.map((t) => [t.position, t.id, t.reason])).toEqual([
      [1, 'g1', '绿色通道：70 岁以上'],
      [2, 'a900', '预约 09:00'],
      [3, 'a930', '预约 09:30'],
      [4, 'w0', '现场取号 08:55'],
      [5, 'w1', '现场取号 09:12'],
    ])
  })

  describe('when several are in the green channel', () => {
    it('returns them by arrival whatever brought them there, appointment or not', () => {
      const placed = orderQueue([appt('a', '09:00', '09:10', { green: 'disability' }), walkIn('w', '09:05', { green: 'clerk' })])
      expect(placed.map((t) => [t.id, t.reason])).toEqual([
        ['w', '绿色通道：工作人员标记'],
        ['a', '绿色通道：持残疾人证'],
      ])
    })
  })

  describe('when two appointments share a slot', () => {
    it('returns the one who checked in first first', () => {
      expect(orderQueue([appt('late', '09:00', '09:20'), appt('early', '09:00', '08:40')]).map((t) => t.id)).toEqual(['early', 'late'])
    })
  })

  describe('when a booking was checked in after its slot', () => {
    it('returns it among the walk-ins by arrival, saying so', () => {
      const placed = orderQueue([walkIn('late', '10:05', { late: true }), walkIn('w', '10:00'), appt('a', '11:00', '10:30')])
      expect(placed.map((t) => [t.id, t.reason])).toEqual([
        ['a', '预约 11:00'],
        ['w', '现场取号 10:00'],
        ['late', '现场取号 10:05（预约已过时段）'],
      ])
    })
  })

  describe('when two tickets arrive in the same millisecond', () => {
    it('returns them in the order they were numbered, whatever order they are given in', () => {
      const first = walkIn('tk-z', '09:00', { number: 1 })
      const second = walkIn('tk-a', '09:00', { number: 2 })
      expect(orderQueue([second, first]).map((t) => t.id)).toEqual(['tk-z', 'tk-a'])
      expect(orderQueue([first, second]).map((t) => t.id)).toEqual(['tk-z', 'tk-a'])
    })
    it('falls back to the id, so every process agrees', () => {
      const a = walkIn('tk-a', '09:00')
      const b = walkIn('tk-b', '09:00')
      expect(orderQueue([b, a]).map((t) => t.id)).toEqual(['tk-a', 'tk-b'])
    })
  })

  it('returns an empty list for an empty queue and leaves its input alone', () => {
    const input = [walkIn('b', '09:10'), walkIn('a', '09:00')]
    expect(orderQueue([])).toEqual([])
    orderQueue(input)
    expect(input.map((t) => t.id)).toEqual(['b', 'a'])
  })

  it('says the age a center set', () => {
    expect(orderQueue([walkIn('g', '09:00', { green: 'age' })], 65)[0].reason).toBe('绿色通道：65 岁以上')
  })
})

describe('greenChannel', () => {
  describe('when the person turns 70 today (Beijing date)', () => {
    it('returns age', () => {
      expect(greenChannel({ birthDate: '1956-11-26' }, '2026-11-26')).toBe('age')
    })
  })
  describe('when the person turns 70 tomorrow', () => {
    it('returns null', () => {
      expect(greenChannel({ birthDate: '1956-11-27' }, '2026-11-26')).toBeNull()
    })
  })
  describe('when the person was born on 29 February', () => {
    it('counts the 70th birthday from 1 March in a common year', () => {
      expect(greenChannel({ birthDate: '1956-02-29' }, '2026-02-28')).toBeNull()
      expect(greenChannel({ birthDate: '1956-02-29' }, '2026-03-01')).toBe('age')
    })
  })
  it('returns disability for a certificate holder under 70, and clerk for a clerk’s flag', () => {
    expect(greenChannel({ birthDate: '1980-01-01', disability: true }, '2026-11-26')).toBe('disability')
    expect(greenChannel({ clerk: true }, '2026-11-26')).toBe('clerk')
  })
  it('returns age first when several reasons hold', () => {
    expect(greenChannel({ birthDate: '1940-01-01', disability: true, clerk: true }, '2026-11-26')).toBe('age')
  })
  it('returns null with nothing to go on, and honours another minimum age', () => {
    expect(greenChannel({}, '2026-11-26')).toBeNull()
    expect(greenChannel({ birthDate: '1960-01-01' }, '2026-11-26', 65)).toBe('age')
  })
  it('says each reason in words', () => {
    expect([greenText('age'), greenText('disability'), greenText('clerk')]).toEqual(['70 岁以上', '持残疾人证', '工作人员标记'])
  })
})
