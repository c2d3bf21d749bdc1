import { createHash } from 'node:crypto'
import type { ClosedDayBooking } from '@/contract/calendar'
import { addDays, beijingDate, monthDay, weekdayName, type IsoDate } from '@/core/beijing-time'
import { workingCalendar } from '@/core/working-calendar'
import { datesOf, type YearArrangement } from '@/core/year-arrangement'
import type { ActionContext } from '@cloud/runtime/context'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import type { ArrangementRecord, Store } from '@cloud/store/port'
import { noticeClosedDays } from '../booking/notices'

/** What a save needs of its caller's context: the store, the clock, the settings (an action's, or the import's). */
export type SaveContext = Pick<ActionContext, 'store' | 'now' | 'settings'>

/** The stored arrangement of a year, if any. */
export async function storedYear(store: Store, year: number): Promise<ArrangementRecord | undefined> {
  return (await store.calendar.arrangements()).find((a) => a.year === year)
}

/**
 * The hash a preview answers and a save hands back: of the arrangement as validated and the
 * version it would replace, so a save confirms exactly what was previewed, over exactly what
 * was stored when it was previewed.
 */
export function previewHash(a: YearArrangement, savedVersion: number): string {
  return createHash('sha256')
    .update(JSON.stringify({ year: a.year, lines: a.lines, savedVersion }))
    .digest('hex')
}

/** The arrangement in words, as the audit log keeps it (e.g. 元旦 1月1日–1月3日；春节 2月5日–2月11日，2月20日（周六）上班). */
export function arrangementText(a: YearArrangement): string {
  return a.lines
    .map((l) => {
      const range = l.from === l.to ? monthDay(l.from) : `${monthDay(l.from)}–${monthDay(l.to)}`
      const work = l.workdays.length ? `，${l.workdays.map((d) => `${monthDay(d)}（${weekdayName(d)}）`).join('、')}上班` : ''
      return `${l.name} ${range}放假${work}`
    })
    .join('；')
}

/** Dates of the year from `today` on (the days a change can still matter for). */
export function remainingDates(year: number, today: IsoDate): IsoDate[] {
  const from = `${year}-01-01` > today ? `${year}-01-01` : today
  return from > `${year}-12-31` ? [] : datesOf(from, `${year}-12-31`)
}

/** Booked bookings per date, over every center, on the dates of the year (from today) that `arrangement` closes nationally. */
export async function bookingsOnClosingDates(store: Store, arrangement: YearArrangement, today: IsoDate): Promise<Map<IsoDate, number>> {
  const calendar = workingCalendar({ arrangements: [{ ...arrangement, version: 0 }] })
  const closing = remainingDates(arrangement.year, today).filter((d) => !calendar.dayStatus(d).open)
  const counts = new Map<IsoDate, number>()
  if (!closing.length) return counts
  for (const center of await store.centers.list()) {
    for (const b of await store.bookings.bookedOn(center.id, closing)) counts.set(b.date, (counts.get(b.date) ?? 0) + 1)
  }
  return counts
}

export type StoreResult = { kind: 'saved'; record: ArrangementRecord; affected: ClosedDayBooking[] } | { kind: 'changed' }

/**
 * Stores the year's arrangement over version `replacing` (0: none yet) — refused as `changed` when
 * another save came first — then, center by center on its own calendar, sends each resident
 * booked on a day that is now closed a 消息 with 改约, and lists those bookings.
 */
export async function storeArrangement(
  ctx: SaveContext,
  arrangement: YearArrangement,
  by: { openid: string; name: string; source: ArrangementRecord['source'] },
  replacing: number,
): Promise<StoreResult> {
  const now = ctx.now()
  const record: ArrangementRecord = {
    year: arrangement.year,
    lines: arrangement.lines,
    version: replacing + 1,
    source: by.source,
    enteredBy: by.openid,
    enteredByName: by.name,
    enteredAt: now.toISOString(),
  }
  if (!(await ctx.store.calendar.saveArrangement(record))) return { kind: 'changed' }
  const today = beijingDate(now)
  const dates = remainingDates(arrangement.year, today)
  const affected: ClosedDayBooking[] = []
  for (const center of await ctx.store.centers.list()) {
    affected.push(...(await noticeClosedDays(ctx, center, await loadCalendar(ctx.store, center.id, today), dates)))
  }
  return { kind: 'saved', record, affected }
}

/** The sentence the 工作台 / 中心管理 banner shows for a year awaiting its arrangement. */
export function awaitingText(year: number, forDistrictAdmin: boolean): string {
  const who = forDistrictAdmin ? '请您在下方“年度放假安排”中录入' : '请区级管理员在“工作台 → 年度放假安排”中录入'
  return `${year} 年的放假安排还没有录入。国务院办公厅发布通知后，${who}。录入前，${year} 年只按法定节假日和周末休息，调休上班日不开放预约。`
}

/** Today's year and the next (what the status lists). */
export const statusYears = (today: IsoDate) => [Number(today.slice(0, 4)), Number(addDays(today, 366).slice(0, 4))]
