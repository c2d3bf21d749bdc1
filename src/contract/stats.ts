import * as z from 'zod/mini'
import type { DistrictCenterLine } from '../core/district-overview'
import type { StatsSummary } from '../core/statistics-summary'
import { centerScoped, isoDateField } from './common'

/** Longest range one request may cover. */
export const MAX_STATS_DAYS = 366

const dates = { from: isoDateField('开始日期'), to: isoDateField('结束日期') }
const rangeCheck = (ctx: z.core.ParsePayload<{ from: string; to: string }>) => {
  const { from, to } = ctx.value
  if (to < from) ctx.issues.push({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期', input: to })
  else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_STATS_DAYS)
    ctx.issues.push({ code: 'custom', path: ['to'], message: `一次最多统计 ${MAX_STATS_DAYS} 天`, input: to })
}
const range = z.extend(centerScoped, dates).check(rangeCheck)
/** The district's view covers every center: no center in the input. */
const districtRange = z.object(dates).check(rangeCheck)

/** The tables of the statistics page, each exportable as CSV. */
export const STATS_TABLES = [
  'bookings',
  'waitlist',
  'walk_ins',
  'queues',
  'wait_by_hour',
  'windows',
  'homecert',
  'cases',
  'satisfaction',
  'daily',
] as const
export type StatsTable = (typeof STATS_TABLES)[number]

/** `stats`: the center's statistics for a range of Beijing dates, read from daily aggregates; CSV exports (audited). Admins only. */
export const statsInputs = {
  summary: range,
  exportCsv: z.extend(range, { table: z.enum(STATS_TABLES, { error: '没有这个统计表' }) }),
  /** Rebuilds the center's daily aggregates that can still change (what the periodic job does), then answers the summary. */
  refresh: range,
  /** 全区概览 (区级管理员 only): every center of the deployment on one line each, read-only. */
  district: districtRange,
  /** The same lines as a CSV file (audited in every center's log). */
  districtCsv: districtRange,
}

export interface Statistics extends StatsSummary {
  from: string
  to: string
  /** When the oldest aggregate the range reads was built; null when none exists yet. */
  computedAt: string | null
  /** Days of the range (up to today) the statistics job has not built yet. */
  missingDays: number
  /** Working days of the range by the center's calendar, and the day's average over them (null with none). */
  workingDays: number
  perWorkingDay: { booked: number | null; walkIns: number | null }
  /** Areas whose records this deployment holds; the others show as not yet available. */
  areas: { bookings: boolean; queue: boolean; homecert: boolean; cases: boolean; ratings: boolean }
}

export interface CsvExport {
  fileName: string
  /** UTF-8 text starting with a byte-order mark, CRLF line ends. */
  csv: string
  rows: number
}

export interface DistrictOverview {
  from: string
  to: string
  today: string
  centers: DistrictCenterLine[]
  total: Omit<DistrictCenterLine, 'centerId' | 'centerName'>
}

export interface StatsOutputs {
  summary: Statistics
  exportCsv: CsvExport
  refresh: Statistics
  district: DistrictOverview
  districtCsv: CsvExport
}
