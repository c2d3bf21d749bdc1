/** @timezone */
import { dateRange, dateStrip, NO_SLOTS_LEFT, type HorizonDay } from '@/core/date-strip'
import type { OpeningHours } from '@/core/opening-hours'
import { planDays } from '@/core/slots'
import { workingCalendar } from '@/core/working-calendar'
import { horizonEnd } from '@/core/slots'

const HOURS: OpeningHours = {
  sessions: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:00' },
  ],
}

/** The horizon as getAvailability plans it: from the Beijing date of `now` through 7 working days. */
function horizon(now: string, closed: Record<string, string> = {}, last?: string): HorizonDay[] {
  const calendar = workingCalendar({ centerDays: { closed, open: {} } })
  const instant = new Date(now)
  const today = now.slice(0, 10)
  return planDays(today, last ?? horizonEnd(today, 7, calendar), instant, HOURS, calendar, 30, 30).map((d) => ({
    date: d.date,
    open: d.status.open,
    reason: d.status.reason,
    slots: d.slots,
  }))
}

const days = (strip: ReturnType<typeof dateStrip>) => strip.items.filter((i) => i.kind === 'day').map((i) => i.date)
const notes = (strip: ReturnType<typeof dateStrip>) => strip.items.flatMap((i) => (i.kind === 'closed' ? [i.text] : []))

describe('dateRange', () => {
  it('writes one date alone', () => {
    expect(dateRange('2026-12-05', '2026-12-05')).toBe('12月5日')
  })
  it('writes the month once within a month', () => {
    expect(dateRange('2026-10-01', '2026-10-07')).toBe('10月1日–7日')
  })
  it('writes both months across a month or a year end', () => {
    expect(dateRange('2026-11-28', '2026-12-01')).toBe('11月28日–12月1日')
    expect(dateRange('2026-12-31', '2027-01-01')).toBe('12月31日–1月1日')
  })
})

describe('dateStrip', () => {
  describe('when today is a Saturday', () => {
    const strip = dateStrip(horizon('2026-12-05T10:00:00+08:00'))
    it('starts at Monday, the weekend folded into one note before the strip', () => {
      expect(strip.before?.text).toBe('12月5日–6日 周末休息')
      expect(strip.before).toMatchObject({ from: '2026-12-05', to: '2026-12-06' })
      expect(strip.items[0]).toEqual({ kind: 'day', date: '2026-12-07' })
    })
    it('folds the next weekend into one item between Friday and Monday', () => {
      const friday = strip.items.findIndex((i) => i.kind === 'day' && i.date === '2026-12-11')
      expect(strip.items[friday + 1]).toMatchObject({ kind: 'closed', text: '12月12日–13日 周末休息' })
      expect(strip.items[friday + 2]).toEqual({ kind: 'day', date: '2026-12-14' })
    })
  })

  describe('when today is an ordinary Thursday morning', () => {
    const strip = dateStrip(horizon('2026-11-26T09:00:00+08:00'))
    it('starts today, with nothing before the strip', () => {
      expect(strip.before).toBeNull()
      expect(strip.items[0]).toEqual({ kind: 'day', date: '2026-11-26' })
    })
    it('ends at the horizon end, the last working day, with no note after it', () => {
      expect(strip.items.at(-1)).toEqual({ kind: 'day', date: '2026-12-07' })
      expect(days(strip)).toHaveLength(8)
      expect(notes(strip)).toEqual(['11月28日–29日 周末休息', '12月5日–6日 周末休息'])
    })
  })

  describe('when the list is cut short in a closed run (a shorter range asked for)', () => {
    it('keeps the run as the last item', () => {
      const strip = dateStrip(horizon('2026-11-26T09:00:00+08:00', {}, '2026-11-29'))
      expect(strip.items.map((i) => (i.kind === 'day' ? i.date : i.text))).toEqual(['2026-11-26', '2026-11-27', '11月28日–29日 周末休息'])
    })
  })

  describe('when today’s last slot is past the lead time', () => {
    it('folds today into the note before the strip with the weekend after it', () => {
      const strip = dateStrip(horizon('2026-11-27T16:45:00+08:00'))
      expect(strip.before?.text).toBe(`11月27日 ${NO_SLOTS_LEFT}，11月28日–29日 周末休息`)
      expect(strip.before?.spans.map((s) => s.reason)).toEqual([NO_SLOTS_LEFT, '周末休息'])
      expect(strip.items[0]).toEqual({ kind: 'day', date: '2026-11-30' })
    })
    it('keeps today while one slot still starts after the lead time', () => {
      const strip = dateStrip(horizon('2026-11-27T16:00:00+08:00'))
      expect(strip.before).toBeNull()
      expect(strip.items[0]).toEqual({ kind: 'day', date: '2026-11-27' })
    })
  })

  describe('when a holiday week comes (国庆)', () => {
    it('folds the seven days into one note named by the holiday', () => {
      const strip = dateStrip(horizon('2026-09-29T09:00:00+08:00'))
      expect(notes(strip)[0]).toBe('10月1日–7日 国庆节')
      // The 调休 Saturday is a working day like any other.
      expect(days(strip)).toContain('2026-10-10')
    })
  })

  describe('when holidays run across a year end', () => {
    it('folds the center’s closure, 元旦 and the weekend into one run, each span with its reason', () => {
      const strip = dateStrip(horizon('2026-12-28T09:00:00+08:00', { '2026-12-30': '年终盘点', '2026-12-31': '年终盘点' }))
      const run = strip.items.find((i) => i.kind === 'closed' && i.from === '2026-12-30')
      expect(run).toMatchObject({ to: '2027-01-03', text: '12月30日–31日 年终盘点，1月1日 元旦，1月2日–3日 周末休息' })
      expect(strip.items[strip.items.indexOf(run!) + 1]).toEqual({ kind: 'day', date: '2027-01-04' })
    })
    it('writes one span across the year when the reason is the same', () => {
      const strip = dateStrip(horizon('2026-12-30T09:00:00+08:00', { '2026-12-31': '元旦' }))
      expect(notes(strip)[0]).toBe('12月31日–1月1日 元旦，1月2日–3日 周末休息')
    })
  })

  describe('when the center closes a day inside a weekend run', () => {
    it('keeps one run, the closure named where it falls', () => {
      const strip = dateStrip(horizon('2026-11-30T09:00:00+08:00', { '2026-12-04': '系统升级', '2026-12-07': '设备检修' }))
      expect(notes(strip)).toEqual(['12月4日 系统升级，12月5日–6日 周末休息，12月7日 设备检修'])
      const run = strip.items.find((i) => i.kind === 'closed')!
      expect(run.kind === 'closed' && run.spans.map((s) => [s.from, s.to])).toEqual([
        ['2026-12-04', '2026-12-04'],
        ['2026-12-05', '2026-12-06'],
        ['2026-12-07', '2026-12-07'],
      ])
    })
  })

  describe('when every slot of a day is full', () => {
    it('keeps the day (it is waited for, not closed)', () => {
      const full = horizon('2026-11-26T09:00:00+08:00').map((d) =>
        d.date === '2026-11-27' ? { ...d, slots: d.slots.map(() => ({ tooSoon: false })) } : d,
      )
      expect(days(dateStrip(full))).toContain('2026-11-27')
    })
  })

  describe('when no day can be chosen', () => {
    it('puts every day in the note and leaves the strip empty', () => {
      const strip = dateStrip(horizon('2026-11-28T09:00:00+08:00', {}, '2026-11-29'))
      expect(strip.items).toEqual([])
      expect(strip.before?.text).toBe('11月28日–29日 周末休息')
    })
  })

  describe('when an open day has no sessions', () => {
    it('folds it as having no slots left', () => {
      const strip = dateStrip([
        { date: '2026-11-26', open: true, slots: [] },
        { date: '2026-11-27', open: true, slots: [{ tooSoon: false }] },
      ])
      expect(strip.before?.text).toBe(`11月26日 ${NO_SLOTS_LEFT}`)
    })
  })
})
