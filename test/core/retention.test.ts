/** @timezone */
import { addDays } from '@/core/beijing-time'
import {
  bookingDue,
  caseDue,
  homecertDue,
  messageDue,
  parseRetentionDays,
  retentionCutoff,
  ticketDue,
  waitEntryDue,
} from '@/core/retention'

const NOW = new Date('2026-11-26T02:00:00.000Z') // 10:00 Beijing
const DAY = 86_400_000
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms).toISOString()
const cutoff = retentionCutoff(NOW, 180)

describe('retention rule', () => {
  it('cuts off at now − 180 days (instant and Beijing date)', () => {
    expect(cutoff).toEqual({ before: '2026-05-30T02:00:00.000Z', beforeDate: '2026-05-30' })
    expect(retentionCutoff(NOW)).toEqual(cutoff)
    expect(retentionCutoff(NOW, 365).beforeDate).toBe('2025-11-26')
  })

  it.each([
    [179, 0, false],
    [180, 0, false], // exactly the period: still kept
    [180, 1, true],
    [181, 0, true],
  ])('a booking finished %i days (+%i ms) ago is due: %s', (days, ms, due) => {
    for (const status of ['completed', 'cancelled', 'no_show'] as const)
      expect(bookingDue({ status, endsAt: ago(days, ms) }, cutoff)).toBe(due)
    for (const status of ['delivered', 'withdrawn', 'rejected'] as const)
      expect(caseDue({ state: status, updatedAt: ago(days, ms) }, cutoff)).toBe(due)
    for (const status of ['ineligible', 'closed_other', 'cancelled'] as const)
      expect(homecertDue({ status, updatedAt: ago(days, ms), nextDue: null }, cutoff)).toBe(due)
    expect(messageDue({ createdAt: ago(days, ms) }, cutoff)).toBe(due)
  })

  it('never purges what is still active, however old', () => {
    for (const status of ['booked', 'checked_in'] as const) expect(bookingDue({ status, endsAt: ago(1000) }, cutoff)).toBe(false)
    for (const state of ['accepted', 'processing', 'needs_supplement', 'submitted', 'concluded'] as const)
      expect(caseDue({ state, updatedAt: ago(1000) }, cutoff)).toBe(false)
    for (const status of ['submitted', 'assigned', 'scheduled', 'visiting', 'not_home'] as const)
      expect(homecertDue({ status, updatedAt: ago(1000), nextDue: null }, cutoff)).toBe(false)
  })

  it('keeps a certified elder identifiable until next due + 180 days has passed (Beijing dates)', () => {
    const certified = (nextDue: string | null) => homecertDue({ status: 'certified', updatedAt: ago(600), nextDue }, cutoff)
    // Certified long ago, but the next due date is recent: the yearly cycle still needs the elder.
    expect(certified(addDays('2026-11-26', -10))).toBe(false)
    expect(certified(addDays('2026-11-26', 30))).toBe(false)
    expect(certified(addDays('2026-11-26', -179))).toBe(false)
    expect(certified(addDays('2026-11-26', -180))).toBe(false) // next due + 180 = today
    expect(certified(addDays('2026-11-26', -181))).toBe(true) // next due + 180 = yesterday
    expect(certified(null)).toBe(false)
  })

  it('purges queue tickets of days before the cut-off date', () => {
    expect(ticketDue({ date: '2026-05-29' }, cutoff)).toBe(true)
    expect(ticketDue({ date: '2026-05-30' }, cutoff)).toBe(false)
  })

  it('a 候补 entry is due by the day it waited for, as a ticket by its day', () => {
    expect(waitEntryDue({ date: '2026-05-29' }, cutoff)).toBe(true)
    expect(waitEntryDue({ date: '2026-05-30' }, cutoff)).toBe(false)
  })

  it('reads RETENTION_DAYS: default 180, whole days 30–3650', () => {
    expect(parseRetentionDays(undefined)).toBe(180)
    expect(parseRetentionDays('')).toBe(180)
    expect(parseRetentionDays(' 365 ')).toBe(365)
    expect(parseRetentionDays('30')).toBe(30)
    expect(parseRetentionDays('3650')).toBe(3650)
    for (const bad of ['29', '3651', '1e3', '180.5', '-180', 'abc', '0x10']) expect(() => parseRetentionDays(bad)).toThrow(/RETENTION_DAYS/)
  })
})
