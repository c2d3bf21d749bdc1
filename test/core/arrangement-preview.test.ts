/** @timezone */
import { previewArrangement } from '@/core/arrangement-preview'

/** Made up for the tests (not the State Council's 2027 notice). */
const ARRANGEMENT = { year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: ['2027-01-09'] }] }

describe('previewArrangement', () => {
  describe('against the "year not known" default', () => {
    const preview = previewArrangement(ARRANGEMENT, {
      bookings: new Map([
        ['2027-01-04', 3],
        ['2027-01-05', 2],
      ]),
    })
    it('lists only the dates that change: a weekday off and a Saturday worked', () => {
      expect(preview.changes).toEqual([
        { date: '2027-01-04', label: '1月4日 周一', change: 'closes', reason: '元旦', bookings: 3 },
        { date: '2027-01-09', label: '1月9日 周六', change: 'opens', reason: '元旦调休上班', bookings: 0 },
      ])
    })
    it('counts the bookings on closing dates only', () => {
      expect(preview.affectedBookings).toBe(3)
    })
    it('returns twelve Monday-first month grids with every date once', () => {
      expect(preview.months).toHaveLength(12)
      const january = preview.months[0].weeks
      expect(january[0].slice(0, 4)).toEqual([null, null, null, null]) // 2027-01-01 is a Friday
      expect(january[0][4]).toMatchObject({ date: '2027-01-01', day: 1, open: false, change: null, reason: '元旦' })
      expect(preview.months.flatMap((m) => m.weeks.flat()).filter(Boolean)).toHaveLength(365)
    })
  })
  describe('when it replaces a saved arrangement', () => {
    it('lists the dates whose state differs from the saved one', () => {
      const saved = { year: 2027, version: 1, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }] }
      expect(previewArrangement(ARRANGEMENT, { saved, bookings: new Map() }).differsFromSaved.map((d) => [d.date, d.change])).toEqual([
        ['2027-01-04', 'closes'],
        ['2027-01-09', 'opens'],
      ])
    })
  })
})
