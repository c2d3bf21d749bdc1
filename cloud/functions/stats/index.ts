import { statsInputs } from '@/contract/stats'
import type { CsvExport, Statistics, StatsTable } from '@/contract/stats'
import { addDays, beijingDate, type IsoDate } from '@/core/beijing-time'
import { CASE_STATE_TEXT, type CaseState } from '@/core/delegation-states'
import { toCsv, type CsvCell } from '@/core/csv'
import { categoryName as homecertCategoryName, type HomecertCategory } from '@/core/home-certification'
import { STATUS_TEXT as HOMECERT_STATUS_TEXT, type HomecertStatus } from '@/core/home-certification-states'
import { categoryName, type ServiceCategoryKey } from '@/core/service-categories'
import type { SatisfactionFigures } from '@/core/rating-statistics'
import { perWorkingDay, summarize } from '@/core/statistics-summary'
import { workingDaysIn } from '@/core/working-days'
import { requireCenter } from '@cloud/runtime/center'
import type { ActionContext } from '@cloud/runtime/context'
import { defineFunction } from '@cloud/runtime/dispatch'
import { audit, requireStaff } from '@cloud/runtime/staff'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import { refreshCenterStatistics } from '../jobs/stats'
import { district, districtCsv } from './district'

/**
 * Reads only the daily aggregates (stats_daily, kept by the statistics job in
 * cloud/functions/jobs/stats.ts): a month costs a few hundred summed rows
 * whatever the history holds.
 */
async function statistics(ctx: ActionContext, centerId: string, from: IsoDate, to: IsoDate): Promise<Statistics> {
  await requireCenter(ctx, centerId)
  const today = beijingDate(ctx.now())
  const [rows, days, services, windows, communities, areas, first, calendar] = await Promise.all([
    ctx.store.stats.sum(centerId, from, to),
    ctx.store.stats.daily(centerId, from, to, [
      { area: 'bookings', metric: 'booking' },
      { area: 'queue', metric: 'walk_in' },
    ]),
    ctx.store.config.allServices(centerId),
    ctx.store.centers.windows(centerId),
    ctx.store.homecert.communities(centerId),
    ctx.store.stats.areas(),
    ctx.store.stats.firstDay(centerId, 'bookings'),
    loadCalendar(ctx.store, centerId, today),
  ])
  const last = to < today ? to : today
  const start = first && first > from ? first : from
  const built = start <= last ? await ctx.store.stats.built(centerId, 'bookings', start, last) : { dates: [], oldest: null }
  let expected = 0
  for (let d = start; first && d <= last; d = addDays(d, 1)) expected++
  const serviceName = new Map(services.map((s) => [s.id, s.name]))
  const windowName = new Map(windows.map((w) => [w.number, w.name]))
  const communityName = new Map(communities.map((c) => [c.id, c.name]))
  const summary = summarize(
    rows,
    days,
    {
      service: (id) => serviceName.get(id) ?? '（已删除的事项）',
      queue: (k) => categoryName(k as ServiceCategoryKey),
      window: (n) => windowName.get(n) ?? '',
      community: (id) => communityName.get(id) ?? '（已删除）',
      homecertStatus: (s) => HOMECERT_STATUS_TEXT[s as HomecertStatus] ?? s,
      homecertCategory: (c) => homecertCategoryName(c as HomecertCategory),
      caseState: (s) => CASE_STATE_TEXT[s as CaseState] ?? s,
    },
    { from, to, today },
  )
  const workingDays = workingDaysIn(from, to, calendar)
  const perDay = {
    booked: perWorkingDay(summary.bookingTotals.booked, workingDays),
    walkIns: perWorkingDay(summary.walkInTotal, workingDays),
  }
  return {
    ...summary,
    from,
    to,
    computedAt: built.oldest,
    missingDays: Math.max(0, expected - built.dates.length),
    areas,
    workingDays,
    perWorkingDay: perDay,
  }
}

const pct = (x: number | null) => (x === null ? null : `${x}%`)

/** 好差评 by level, service, window and worker, and the 差评 follow-ups (the names are staff's and windows', never residents'). */
function satisfactionRows(s: Statistics): CsvCell[][] {
  const f = s.satisfaction
  const line = (group: string, name: string, x: SatisfactionFigures): CsvCell[] => [
    group,
    name,
    x.ratings,
    x.average,
    pct(x.satisfiedShare),
    x.low,
  ]
  return [
    ...f.byLevel.map((l): CsvCell[] => ['评价等级', l.text, l.count, null, null, null]),
    ...f.byService.map((x) => line('服务', x.text, x)),
    ...f.byWindow.map((x) => line('窗口', x.windowName || `${x.window} 号窗口`, x)),
    ...f.byWorker.map((x) => line('工作人员', x.name, x)),
    line('合计', '', f),
    ['差评回访', '待回复', f.followUps.open, null, null, null],
    ['差评回访', '已超期未回复', f.followUps.overdue, null, null, null],
    ['差评回访', '已回复', f.followUps.answered, null, null, null],
    ['差评回访', '其中超期回复', f.followUps.answeredLate, null, null, null],
  ]
}

/** Each table of the page as a CSV sheet. No resident's personal data is in any of them: counts, names of services and of the staff who served. */
function sheet(s: Statistics, table: StatsTable): { title: string; header: string[]; rows: CsvCell[][] } {
  switch (table) {
    case 'bookings':
      return {
        title: '预约办理',
        header: ['事项', '预约数', '已签到', '失约', '已取消'],
        rows: [
          ...s.bookings.map((b) => [b.serviceName, b.booked, b.checkedIn, b.noShow, b.cancelled]),
          ['合计', s.bookingTotals.booked, s.bookingTotals.checkedIn, s.bookingTotals.noShow, s.bookingTotals.cancelled],
        ],
      }
    case 'waitlist':
      return {
        title: '候补',
        header: ['事项', '登记候补', '收到空位', '接受', '过期未接'],
        rows: [
          ...s.waitlist.map((w) => [w.serviceName, w.joined, w.offered, w.accepted, w.expired]),
          ['合计', s.waitlistTotals.joined, s.waitlistTotals.offered, s.waitlistTotals.accepted, s.waitlistTotals.expired],
        ],
      }
    case 'walk_ins':
      return {
        title: '现场取号',
        header: ['队列', '事项', '现场取号数'],
        rows: [...s.walkIns.map((w) => [w.queueName, w.serviceName, w.count]), ['合计', '', s.walkInTotal]],
      }
    case 'queues':
      return {
        title: '等候与办理时间',
        header: [
          '队列',
          '取号数',
          '叫号数',
          '平均等候（分钟）',
          '90%等候不超过（分钟）',
          '办结数',
          '平均办理（分钟）',
          '90%办理不超过（分钟）',
        ],
        rows: s.queues.map((q) => [
          q.queueName,
          q.tickets,
          q.wait.count,
          q.wait.avgMinutes,
          q.wait.p90Minutes,
          q.service.count,
          q.service.avgMinutes,
          q.service.p90Minutes,
        ]),
      }
    case 'wait_by_hour':
      return {
        title: '各时段等候',
        header: ['到达时段', '人数', '平均等候（分钟）'],
        rows: s.waitByHour.map((h) => [
          `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
          h.count,
          h.avgMinutes,
        ]),
      }
    case 'windows':
      return {
        title: '窗口办件',
        header: ['窗口', '窗口名称', '工作人员', '办结数'],
        rows: s.windows.map((w) => [`${w.window} 号`, w.windowName, w.clerkName, w.tickets]),
      }
    case 'homecert':
      return {
        title: '上门认证',
        header: ['分组', '项目', '件数'],
        rows: [
          ...s.homecert.byStatus.map((r) => ['状态', r.text, r.count]),
          ...s.homecert.byCommunity.map((r) => ['社区/村', r.name, r.count]),
          ...s.homecert.byCategory.map((r) => ['类别', r.text, r.count]),
          ['合计', '申请数', s.homecert.total],
          ['合计', '已上门', s.homecert.visits],
          ['合计', '平均几天上门', s.homecert.avgDaysToVisit],
          ['合计', '超期未约', s.homecert.overdue],
        ],
      }
    case 'cases':
      return {
        title: '帮办代办',
        header: ['分组', '项目', '件数'],
        rows: [
          ...s.cases.byState.map((r) => ['状态', r.text, r.count]),
          ['合计', '受理数', s.cases.total],
          ['合计', '已办结', s.cases.concluded],
          ['合计', '按时办结', s.cases.onTime],
          ['合计', '按时办结率', pct(s.cases.onTimeRate)],
          ['合计', '超期未办结', s.cases.overdue],
        ],
      }
    case 'satisfaction':
      return {
        title: '满意度',
        header: ['分组', '名称', '评价数', '平均（5 = 非常满意）', '满意率', '差评'],
        rows: satisfactionRows(s),
      }
    case 'daily':
      return { title: '每日办件量', header: ['日期', '预约数', '现场取号数'], rows: s.daily.map((d) => [d.date, d.booked, d.walkIns]) }
  }
}

/** `stats`: statistics of a center for a range of Beijing dates, and their CSV export (an audited bulk read), for the center's admins; 全区概览 for the district's (./district.ts). */
export const stats = defineFunction('stats', statsInputs, ['queue', 'homecert', 'cases', 'config', 'stats', 'ratings'], {
  summary: {
    access: 'signed_in',
    async run({ centerId, from, to }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      return statistics(ctx, centerId, from, to)
    },
  },

  refresh: {
    access: 'signed_in',
    async run({ centerId, from, to }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      await refreshCenterStatistics(ctx.store, centerId, ctx.now())
      return statistics(ctx, centerId, from, to)
    },
  },

  exportCsv: {
    access: 'signed_in',
    async run({ centerId, from, to, table }, ctx): Promise<CsvExport> {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const s = await statistics(ctx, centerId, from, to)
      const { title, header, rows } = sheet(s, table)
      await audit(ctx, admin, 'stats.export', 'stats', table, `${title} ${from}–${to}，${rows.length} 行`)
      return { fileName: `${title}_${from}_${to}.csv`, csv: toCsv(header, rows), rows: rows.length }
    },
  },

  district: { access: 'signed_in', run: district },
  districtCsv: { access: 'signed_in', run: districtCsv },
})
