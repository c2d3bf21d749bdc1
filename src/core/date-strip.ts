import { addDays, monthDay, type IsoDate } from './beijing-time'

/** A day as the booking horizon lists it (the availability answer's days fit this). */
export interface HorizonDay {
  date: IsoDate
  /** The center works that day. */
  open: boolean
  /** Why it is closed, in the resident's words (周末休息, 国庆节, 系统升级). */
  reason?: string
  /** The day's slots; one that starts within the lead time (or has started) can no longer be chosen. */
  slots: { tooSoon: boolean }[]
}

/** Days next to each other that cannot be chosen for the same reason, e.g. 12月5日–6日 周末休息. */
export interface ClosedSpan {
  from: IsoDate
  to: IsoDate
  /** 12月5日–6日, 12月31日–1月1日, or one date. */
  range: string
  reason: string
}

/** A run of days that cannot be chosen, folded into one note of its spans. */
export interface ClosedRun {
  from: IsoDate
  to: IsoDate
  spans: ClosedSpan[]
  /** The spans in one line: 1月1日 元旦，1月2日–3日 周末休息. */
  text: string
}

export type StripItem = { kind: 'day'; date: IsoDate } | ({ kind: 'closed' } & ClosedRun)

export interface DateStrip {
  /** The days before the first one that can be chosen (today's closed weekend, today past its last slot), or null. */
  before: ClosedRun | null
  /** Starts with a day that can be chosen; later closed runs are one item each, between the days (and after the last). */
  items: StripItem[]
}

/** An open day with no slot left to choose: today after its last slot's lead time, or a day without sessions. */
export const NO_SLOTS_LEFT = '已无可约时段'

/**
 * A date range as residents write it: the month once when both ends share it.
 * @example dateRange('2026-12-05', '2026-12-06') // '12月5日–6日'
 * @example dateRange('2026-12-31', '2027-01-01') // '12月31日–1月1日'
 */
export function dateRange(from: IsoDate, to: IsoDate): string {
  if (from === to) return monthDay(from)
  if (from.slice(0, 7) === to.slice(0, 7)) return `${monthDay(from)}–${Number(to.slice(8, 10))}日`
  return `${monthDay(from)}–${monthDay(to)}`
}

/** Why a day cannot be chosen, or null when it can (a full day can: it is waited for). */
function refusal(day: HorizonDay): string | null {
  if (!day.open) return day.reason ?? '休息'
  return day.slots.some((s) => !s.tooSoon) ? null : NO_SLOTS_LEFT
}

function fold(days: { date: IsoDate; reason: string }[]): ClosedRun {
  const spans: ClosedSpan[] = []
  for (const d of days) {
    const last = spans.at(-1)
    if (last && last.reason === d.reason && addDays(last.to, 1) === d.date) {
      last.to = d.date
      last.range = dateRange(last.from, d.date)
    } else spans.push({ from: d.date, to: d.date, range: monthDay(d.date), reason: d.reason })
  }
  return { from: days[0].date, to: days.at(-1)!.date, spans, text: spans.map((s) => `${s.range} ${s.reason}`).join('，') }
}

/**
 * The booking date strip: it starts at the first day that can be chosen, and each run of days that cannot
 * (weekends, holidays, the center's closures, today once its slots are past) is one note instead of a card a day.
 * @example dateStrip([sat, sun, mon]) // { before: { text: '12月5日–6日 周末休息', … }, items: [{ kind: 'day', date: '2026-12-07' }] }
 */
export function dateStrip(days: HorizonDay[]): DateStrip {
  const items: StripItem[] = []
  let before: ClosedRun | null = null
  let run: { date: IsoDate; reason: string }[] = []
  const close = () => {
    if (!run.length) return
    if (items.length) items.push({ kind: 'closed', ...fold(run) })
    else before = fold(run)
    run = []
  }
  for (const day of days) {
    const reason = refusal(day)
    if (reason) run.push({ date: day.date, reason })
    else {
      close()
      items.push({ kind: 'day', date: day.date })
    }
  }
  close()
  return { before, items }
}
