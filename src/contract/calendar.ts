import * as z from 'zod/mini'
import type { ArrangementPreview } from '../core/arrangement-preview'
import type { ArrangementLine, ArrangementSource } from '../core/year-arrangement'
import { arrangementProblems } from '../core/year-arrangement'
import { centerId, freeText, isoDateField } from './common'

/** The first and last year an arrangement may be entered for (years before 2025 are all in the package). */
export const ARRANGEMENT_YEARS = { first: 2025, last: 2100 } as const

const year = z
  .number({ error: '请填写年份' })
  .check(
    z.int({ error: '年份请填写整数' }),
    z.gte(ARRANGEMENT_YEARS.first, { error: `年份应在 ${ARRANGEMENT_YEARS.first}–${ARRANGEMENT_YEARS.last} 之间` }),
    z.lte(ARRANGEMENT_YEARS.last, { error: `年份应在 ${ARRANGEMENT_YEARS.first}–${ARRANGEMENT_YEARS.last} 之间` }),
  )

/** One line of the notice: a holiday's days off and its make-up working days. */
const line = z.object(
  {
    name: freeText('假日名称', { min: 2, max: 12 }),
    from: isoDateField('放假开始日期'),
    to: isoDateField('放假结束日期'),
    workdays: z._default(
      z.array(isoDateField('调休上班日'), { error: '调休上班日格式不正确' }).check(z.maxLength(6, { error: '每行最多 6 个调休上班日' })),
      [],
    ),
  },
  { error: '放假安排格式不正确' },
)

const arrangementFields = {
  year,
  lines: z
    .array(line, { error: '请填写放假安排' })
    .check(z.minLength(1, { error: '请至少填写一行放假安排' }), z.maxLength(12, { error: '最多 12 行' })),
}

/** Checks an arrangement whole (src/core/year-arrangement.ts `arrangementProblems`): each problem at the line or date it names. */
const wholeArrangement = (ctx: z.core.ParsePayload<{ year: number; lines: ArrangementLine[] }>) => {
  for (const [path, message] of Object.entries(arrangementProblems(ctx.value))) {
    ctx.issues.push({ code: 'custom', path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message, input: ctx.value })
  }
}

/** A year's arrangement as the State Council's notice reads it. */
export const arrangementInput = z.object(arrangementFields, { error: '请填写放假安排' }).check(wholeArrangement)

/** What the preview answered, handed back to confirm exactly it. */
const previewHash = z.string({ error: '请先预览，确认后再保存' }).check(z.regex(/^[0-9a-f]{64}$/, { error: '请先预览，确认后再保存' }))

/** `calendar`: the working-day calendar of the whole district — the yearly arrangements (区级管理员) and what staff are told about them. */
export const calendarInputs = {
  /** Which years are known and from where, and the years awaiting their arrangement (the 工作台 and 中心管理 banner). Any signed-in caller. */
  status: z.object({ centerId: z.optional(centerId) }),
  /** A year's arrangement as stored (district admins). */
  getYear: z.object({ year }),
  /** What saving would change: the month grid, the dates that change, the bookings on closing dates, and the hash to confirm (district admins). */
  previewYear: arrangementInput,
  /** Saves the year's arrangement previewed with `confirm`; a second save of a year replaces the first only through its own preview (district admins). */
  saveYear: z.object({ ...arrangementFields, confirm: previewHash }, { error: '请填写放假安排' }).check(wholeArrangement),
}

export interface CalendarYear {
  year: number
  source: ArrangementSource
  /** 系统内置, 区里录入, 尚未录入 */
  sourceText: string
  /** 0 while none is stored. */
  version: number
  enteredByName: string | null
  enteredAt: string | null
}

export interface CalendarStatus {
  today: string
  /** This year and the next, with where their arrangement comes from. */
  years: CalendarYear[]
  /** Years whose arrangement is wanted now, each with the sentence the banner shows. */
  awaiting: { year: number; text: string }[]
  /** The caller is a 区级管理员 (may enter arrangements). */
  canEnter: boolean
}

export interface YearArrangementView extends CalendarYear {
  /** The stored lines; empty for a year not entered. */
  lines: ArrangementLine[]
}

export interface PreviewView extends ArrangementPreview {
  /** Hand back as `confirm` to save exactly this. */
  hash: string
  /** A saved arrangement of the year exists and this would replace it. */
  replacing: boolean
  savedVersion: number
}

/** A booking (still to be attended) on a day that is now closed. No personal data: each resident got a 消息 with 改约. */
export interface ClosedDayBooking {
  centerName: string
  serviceName: string
  date: string
  weekday: string
  start: string
  end: string
  /** Why the day is closed. */
  reason: string
}

export interface SaveYearResult {
  year: YearArrangementView
  /** Bookings on days the arrangement closes, from today on, in every center; each resident was sent a 消息 with a one-tap 改约. */
  affected: ClosedDayBooking[]
  notice: string
}

export interface CalendarOutputs {
  status: CalendarStatus
  getYear: YearArrangementView
  previewYear: PreviewView
  saveYear: SaveYearResult
}
