/**
 * The second step of the center's statistics (src/core/statistics.ts has the first): the rows of a
 * date range, summed per key by the store, → the figures and tables the admin reads.
 */
import { addDays, type IsoDate } from './beijing-time'
import { summarizeSatisfaction, type SatisfactionSummary } from './rating-statistics'
import { percentileMinutes, type StatsArea, type SummedRow } from './statistics'

export interface DailyPoint {
  date: IsoDate
  booked: number
  walkIns: number
}

export interface TimeFigures {
  count: number
  /** Minutes, one decimal; null with no ticket. */
  avgMinutes: number | null
  p90Minutes: number | null
}

/** What the names of things are (services, queues, windows, communities, statuses). */
export interface StatsNames {
  service: (id: string) => string
  queue: (key: string) => string
  window: (n: number) => string
  community: (id: string) => string
  homecertStatus: (s: string) => string
  homecertCategory: (c: string) => string
  caseState: (s: string) => string
}

export interface StatsSummary {
  bookings: { serviceId: string; serviceName: string; booked: number; checkedIn: number; noShow: number; cancelled: number }[]
  bookingTotals: { booked: number; checkedIn: number; noShow: number; cancelled: number }
  /** 候补, counted on the date waited for: joined the line, offered a freed seat, took it, let the offer run out. */
  waitlist: { serviceId: string; serviceName: string; joined: number; offered: number; accepted: number; expired: number }[]
  waitlistTotals: { joined: number; offered: number; accepted: number; expired: number }
  walkIns: { queue: string; queueName: string; serviceId: string; serviceName: string; count: number }[]
  walkInTotal: number
  queues: { queue: string; queueName: string; tickets: number; wait: TimeFigures; service: TimeFigures }[]
  waitByHour: { hour: number; count: number; avgMinutes: number }[]
  windows: { window: number; windowName: string; clerkName: string; tickets: number }[]
  homecert: {
    total: number
    byStatus: { status: string; text: string; count: number }[]
    byCommunity: { communityId: string; name: string; count: number }[]
    byCategory: { category: string; text: string; count: number }[]
    visits: number
    avgDaysToVisit: number | null
    overdue: number
  }
  cases: {
    total: number
    byState: { state: string; text: string; count: number }[]
    concluded: number
    onTime: number
    onTimeRate: number | null
    overdue: number
  }
  satisfaction: SatisfactionSummary
  daily: DailyPoint[]
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10

/** A total spread over the working days of a range, one decimal; null when the range has none. @example perWorkingDay(45, 21) // 2.1 */
export function perWorkingDay(total: number, workingDays: number): number | null {
  return workingDays > 0 ? oneDecimal(total / workingDays) : null
}
const byCountDesc = <T extends { count: number }>(a: T, b: T) => b.count - a.count

function times(rows: readonly SummedRow[], metric: string, queue: string): TimeFigures {
  const sum = rows.find((r) => r.metric === metric && r.k1 === queue)
  const hist = rows.filter((r) => r.metric === `${metric}_hist` && r.k1 === queue)
  const count = sum?.n ?? 0
  return { count, avgMinutes: count ? oneDecimal(sum!.total / count / 60) : null, p90Minutes: percentileMinutes(hist, 0.9) }
}

/**
 * The figures of a range from its summed rows (`rows`: one per area, metric and
 * keys over the whole range) and its daily series (`days`: per-date rows of the
 * `booking`/`booked` and `walk_in` metrics). Every list is sorted for reading.
 */
export function summarize(
  rows: readonly SummedRow[],
  days: readonly (SummedRow & { date: IsoDate })[],
  names: StatsNames,
  range: { from: IsoDate; to: IsoDate; today: IsoDate },
): StatsSummary {
  const of = (area: StatsArea, metric: string) => rows.filter((r) => r.area === area && r.metric === metric)
  const count = (area: StatsArea, metric: string, k1?: string, k2?: string) =>
    of(area, metric)
      .filter((r) => (k1 === undefined || r.k1 === k1) && (k2 === undefined || r.k2 === k2))
      .reduce((s, r) => s + r.n, 0)

  const serviceIds = [...new Set(of('bookings', 'booking').map((r) => r.k1))]
  const bookings = serviceIds
    .map((id) => ({
      serviceId: id,
      serviceName: names.service(id),
      booked: count('bookings', 'booking', id, 'booked'),
      checkedIn: count('bookings', 'booking', id, 'checked_in'),
      noShow: count('bookings', 'booking', id, 'no_show'),
      cancelled: count('bookings', 'booking', id, 'cancelled'),
    }))
    .sort((a, b) => b.booked - a.booked || a.serviceName.localeCompare(b.serviceName))
  const bookingTotals = {
    booked: count('bookings', 'booking', undefined, 'booked'),
    checkedIn: count('bookings', 'booking', undefined, 'checked_in'),
    noShow: count('bookings', 'booking', undefined, 'no_show'),
    cancelled: count('bookings', 'booking', undefined, 'cancelled'),
  }

  const waitSteps = (k1?: string) => ({
    joined: count('bookings', 'waitlist', k1, 'joined'),
    offered: count('bookings', 'waitlist', k1, 'offered'),
    accepted: count('bookings', 'waitlist', k1, 'accepted'),
    expired: count('bookings', 'waitlist', k1, 'expired'),
  })
  const waitlist = [...new Set(of('bookings', 'waitlist').map((r) => r.k1))]
    .map((id) => ({ serviceId: id, serviceName: names.service(id), ...waitSteps(id) }))
    .sort((a, b) => b.joined - a.joined || a.serviceName.localeCompare(b.serviceName))

  const walkIns = of('queue', 'walk_in')
    .map((r) => ({ queue: r.k1, queueName: names.queue(r.k1), serviceId: r.k2, serviceName: names.service(r.k2), count: r.n }))
    .sort(byCountDesc)
  const queueRows = of('queue', 'tickets')
  const queues = queueRows
    .map((r) => ({
      queue: r.k1,
      queueName: names.queue(r.k1),
      tickets: r.n,
      wait: times(of('queue', 'wait').concat(of('queue', 'wait_hist')), 'wait', r.k1),
      service: times(of('queue', 'service').concat(of('queue', 'service_hist')), 'service', r.k1),
    }))
    .sort((a, b) => b.tickets - a.tickets)
  const waitByHour = of('queue', 'wait_hour')
    .map((r) => ({ hour: Number(r.k1), count: r.n, avgMinutes: oneDecimal(r.total / r.n / 60) }))
    .sort((a, b) => a.hour - b.hour)
  const clerkNames = new Map(of('queue', 'clerk').map((r) => [r.k1, r.k2]))
  const windows = of('queue', 'window_clerk')
    .map((r) => ({
      window: Number(r.k1),
      windowName: names.window(Number(r.k1)),
      clerkName: r.k2 ? (clerkNames.get(r.k2) ?? '（已离岗人员）') : '（未记录）',
      tickets: r.n,
    }))
    .sort((a, b) => a.window - b.window || b.tickets - a.tickets)

  const visit = of('homecert', 'hc_visit')
  const visits = visit.reduce((s, r) => s + r.n, 0)
  const homecert = {
    total: count('homecert', 'hc_status'),
    byStatus: of('homecert', 'hc_status')
      .map((r) => ({ status: r.k1, text: names.homecertStatus(r.k1), count: r.n }))
      .sort(byCountDesc),
    byCommunity: of('homecert', 'hc_community')
      .map((r) => ({ communityId: r.k1, name: names.community(r.k1), count: r.n }))
      .sort(byCountDesc),
    byCategory: of('homecert', 'hc_category')
      .map((r) => ({ category: r.k1, text: names.homecertCategory(r.k1), count: r.n }))
      .sort(byCountDesc),
    visits,
    avgDaysToVisit: visits ? oneDecimal(visit.reduce((s, r) => s + r.total, 0) / visits) : null,
    overdue: count('homecert', 'hc_overdue'),
  }

  const concluded = count('cases', 'case_concluded')
  const onTime = count('cases', 'case_on_time')
  const cases = {
    total: count('cases', 'case_state'),
    byState: of('cases', 'case_state')
      .map((r) => ({ state: r.k1, text: names.caseState(r.k1), count: r.n }))
      .sort(byCountDesc),
    concluded,
    onTime,
    onTimeRate: concluded ? oneDecimal((onTime / concluded) * 100) : null,
    overdue: count('cases', 'case_overdue'),
  }

  const satisfaction = summarizeSatisfaction(rows, names.window, range.today)

  const daily: DailyPoint[] = []
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    const today = days.filter((r) => r.date === d)
    daily.push({
      date: d,
      booked: today.filter((r) => r.area === 'bookings' && r.metric === 'booking' && r.k2 === 'booked').reduce((s, r) => s + r.n, 0),
      walkIns: today.filter((r) => r.area === 'queue' && r.metric === 'walk_in').reduce((s, r) => s + r.n, 0),
    })
  }

  return {
    bookings,
    bookingTotals,
    waitlist,
    waitlistTotals: waitSteps(),
    walkIns,
    walkInTotal: walkIns.reduce((s, r) => s + r.count, 0),
    queues,
    waitByHour,
    windows,
    homecert,
    cases,
    satisfaction,
    daily,
  }
}
