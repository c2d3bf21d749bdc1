/**
 * 全区概览: one line per center of the deployment, for the district's read-only page and its CSV. Built from
 * the same daily aggregates as each center's statistics (summarize), plus the hall's live counts of today.
 */
import type { IsoDate } from './beijing-time'
import type { CsvCell } from './csv'
import type { SummedRow } from './statistics'
import { summarize, type StatsNames } from './statistics-summary'

export interface DistrictCenterLine {
  centerId: string
  centerName: string
  /** Now, in the hall: people waiting (called or not yet) and tickets completed today. */
  today: { waiting: number; served: number }
  /** Over the range. */
  bookings: { booked: number; checkedIn: number; noShow: number }
  /** As of today's aggregates: 帮办代办 past their promised date, 上门认证 not scheduled in time. */
  overdue: { cases: number; homecert: number }
  /** Over the range: ratings, 满意率 in percent (null without ratings), 差评, and 差评 follow-ups past their due day. */
  satisfaction: { ratings: number; satisfiedShare: number | null; low: number; followUpsOverdue: number }
}

/** Names the district line never shows: only totals are read from the summary. */
const NO_NAMES: StatsNames = {
  service: () => '',
  queue: () => '',
  window: () => '',
  community: () => '',
  homecertStatus: () => '',
  homecertCategory: () => '',
  caseState: () => '',
}

/**
 * One center's line from its summed aggregates of the range (`rangeRows`) and of today (`todayRows`).
 * @example districtLine({ id: 'lsw', name: '灵山卫' }, [], [], { waiting: 0, served: 0 }, { from: '2026-12-01', to: '2026-12-04', today: '2026-12-04' }).bookings
 *   // { booked: 0, checkedIn: 0, noShow: 0 }
 */
export function districtLine(
  center: { id: string; name: string },
  rangeRows: readonly SummedRow[],
  todayRows: readonly SummedRow[],
  live: { waiting: number; served: number },
  range: { from: IsoDate; to: IsoDate; today: IsoDate },
): DistrictCenterLine {
  const inRange = summarize(rangeRows, [], NO_NAMES, range)
  const now = summarize(todayRows, [], NO_NAMES, { from: range.today, to: range.today, today: range.today })
  const { booked, checkedIn, noShow } = inRange.bookingTotals
  const s = inRange.satisfaction
  return {
    centerId: center.id,
    centerName: center.name,
    today: live,
    bookings: { booked, checkedIn, noShow },
    overdue: { cases: now.cases.overdue, homecert: now.homecert.overdue },
    satisfaction: { ratings: s.ratings, satisfiedShare: s.satisfiedShare, low: s.low, followUpsOverdue: s.followUps.overdue },
  }
}

/** The district's total over its centers (满意率 weighted by ratings). */
export function districtTotal(lines: readonly DistrictCenterLine[]): Omit<DistrictCenterLine, 'centerId' | 'centerName'> {
  const sum = (pick: (l: DistrictCenterLine) => number) => lines.reduce((n, l) => n + pick(l), 0)
  const ratings = sum((l) => l.satisfaction.ratings)
  const satisfied = sum((l) =>
    l.satisfaction.satisfiedShare === null ? 0 : (l.satisfaction.satisfiedShare * l.satisfaction.ratings) / 100,
  )
  return {
    today: { waiting: sum((l) => l.today.waiting), served: sum((l) => l.today.served) },
    bookings: { booked: sum((l) => l.bookings.booked), checkedIn: sum((l) => l.bookings.checkedIn), noShow: sum((l) => l.bookings.noShow) },
    overdue: { cases: sum((l) => l.overdue.cases), homecert: sum((l) => l.overdue.homecert) },
    satisfaction: {
      ratings,
      satisfiedShare: ratings ? Math.round((satisfied / ratings) * 1000) / 10 : null,
      low: sum((l) => l.satisfaction.low),
      followUpsOverdue: sum((l) => l.satisfaction.followUpsOverdue),
    },
  }
}

export const DISTRICT_CSV_HEADER = [
  '服务中心',
  '今日等候',
  '今日已办',
  '预约',
  '已签到',
  '失约',
  '代办超期',
  '上门认证超期',
  '评价数',
  '满意率',
  '差评',
  '差评回访超期',
] as const

/** A line as a CSV row (满意率 as 95.5%, empty without ratings). */
export function districtCsvRow(name: string, l: Omit<DistrictCenterLine, 'centerId' | 'centerName'>): CsvCell[] {
  return [
    name,
    l.today.waiting,
    l.today.served,
    l.bookings.booked,
    l.bookings.checkedIn,
    l.bookings.noShow,
    l.overdue.cases,
    l.overdue.homecert,
    l.satisfaction.ratings,
    l.satisfaction.satisfiedShare === null ? '' : `${l.satisfaction.satisfiedShare}%`,
    l.satisfaction.low,
    l.satisfaction.followUpsOverdue,
  ]
}
