/** @timezone */
import { workingCalendar, type EnteredArrangement } from '@/core/working-calendar'

/** An arrangement for 2027 as a district would enter it (made up for the tests: not the State Council's). */
const ENTERED_2027: EnteredArrangement = {
  year: 2027,
  version: 1,
  lines: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: ['2027-01-09'] },
    { name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: ['2027-02-20'] },
  ],
}

describe('workingCalendar', () => {
  describe('when the package holds the year (2026)', () => {
    const calendar = workingCalendar()
    it('returns a statutory holiday closed with its name', () => {
      expect(calendar.dayStatus('2026-10-01')).toEqual({ date: '2026-10-01', open: false, kind: 'holiday', reason: '国庆节' })
    })
    it('returns a day of the 放假调休 range closed (the 7th is no statutory day)', () => {
      expect(calendar.dayStatus('2026-10-07')).toMatchObject({ open: false, kind: 'holiday', reason: '国庆节' })
    })
    it('returns a 调休 Saturday open', () => {
      expect(calendar.dayStatus('2026-10-10')).toMatchObject({ open: true, kind: 'adjusted_workday', reason: '国庆节调休上班' })
    })
    it('returns the day after the holiday as an ordinary workday', () => {
      expect(calendar.dayStatus('2026-10-08')).toEqual({ date: '2026-10-08', open: true, kind: 'workday' })
    })
    it('returns an ordinary weekend closed', () => {
      expect(calendar.dayStatus('2026-11-28')).toMatchObject({ open: false, kind: 'weekend', reason: '周末休息' })
    })
    it('says where the year comes from', () => {
      expect(calendar.sourceOf(2026)).toBe('package')
    })
  })

  describe('when nobody has entered the year and the package lacks it (2027)', () => {
    const calendar = workingCalendar()
    it('returns 元旦 closed with its reason', () => {
      expect(calendar.dayStatus('2027-01-01')).toEqual({ date: '2027-01-01', open: false, kind: 'holiday', reason: '元旦' })
    })
    it('returns every statutory day closed: 除夕 to 初三, 清明, 劳动节 1–2, 端午, 中秋, 国庆 1–3', () => {
      const closed = [
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-04-05',
        '2027-05-01',
        '2027-05-02',
        '2027-06-09',
        '2027-09-15',
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
      ]
      expect(closed.map((d) => calendar.dayStatus(d).reason)).toEqual([
        '春节',
        '春节',
        '春节',
        '春节',
        '清明节',
        '劳动节',
        '劳动节',
        '端午节',
        '中秋节',
        '国庆节',
        '国庆节',
        '国庆节',
      ])
    })
    it('returns the other weekdays open (no 调休 guessed) and weekends closed', () => {
      expect(calendar.dayStatus('2027-01-04')).toMatchObject({ open: true, kind: 'workday' })
      expect(calendar.dayStatus('2027-02-09')).toMatchObject({ open: true, kind: 'workday' }) // 初四, a Tuesday
      expect(calendar.dayStatus('2027-01-09')).toMatchObject({ open: false, kind: 'weekend' })
    })
    it('says the year is unknown', () => {
      expect(calendar.sourceOf(2027)).toBe('unknown')
    })
  })

  describe('when the district entered the year (2027)', () => {
    const calendar = workingCalendar({ arrangements: [ENTERED_2027] })
    it('returns a weekday of an entered range closed with the line’s name', () => {
      expect(calendar.dayStatus('2027-01-04')).toMatchObject({ open: false, kind: 'holiday', reason: '元旦' })
      expect(calendar.dayStatus('2027-02-10')).toMatchObject({ open: false, kind: 'holiday', reason: '春节' })
    })
    it('returns an entered make-up Saturday open', () => {
      expect(calendar.dayStatus('2027-01-09')).toMatchObject({ open: true, kind: 'adjusted_workday', reason: '元旦调休上班' })
    })
    it('keeps the statutory days the lines do not cover closed', () => {
      expect(calendar.dayStatus('2027-10-01')).toMatchObject({ open: false, reason: '国庆节' })
    })
    it('says the year was entered, and changes its key with the version', () => {
      expect(calendar.sourceOf(2027)).toBe('entered')
      expect(workingCalendar({ arrangements: [{ ...ENTERED_2027, version: 2 }] }).key).not.toBe(calendar.key)
    })
  })

  describe('when an arrangement lists a statutory day as a working day', () => {
    it('keeps the statutory day closed', () => {
      const wrong: EnteredArrangement = {
        year: 2027,
        version: 1,
        lines: [{ name: '国庆节', from: '2027-10-02', to: '2027-10-07', workdays: ['2027-10-01'] }],
      }
      expect(workingCalendar({ arrangements: [wrong] }).dayStatus('2027-10-01')).toMatchObject({ open: false, reason: '国庆节' })
    })
  })

  describe('when the center has its own decisions on top', () => {
    const calendar = workingCalendar({
      arrangements: [ENTERED_2027],
      centerDays: { closed: { '2027-01-09': '停电', '2026-11-30': '系统升级' }, open: { '2027-01-03': '集中认证日' } },
    })
    it('closes an entered make-up Saturday the center closed', () => {
      expect(calendar.dayStatus('2027-01-09')).toMatchObject({ open: false, kind: 'center_closed', reason: '停电' })
    })
    it('opens a day of an entered range the center opened', () => {
      expect(calendar.dayStatus('2027-01-03')).toMatchObject({ open: true, kind: 'center_open', reason: '集中认证日' })
    })
    it('closes a package-year workday the center closed', () => {
      expect(calendar.dayStatus('2026-11-30')).toMatchObject({ open: false, kind: 'center_closed', reason: '系统升级' })
    })
  })
})
