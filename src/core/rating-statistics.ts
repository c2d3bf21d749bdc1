/**
 * 好差评 in the center's statistics, both steps (src/core/statistics.ts explains them): a day's
 * ratings → counter rows (counted on the day rated), and the summed rows of a range → satisfaction
 * per service, per window and per worker, and where the 差评 follow-ups stand.
 */
import { beijingDate, type IsoDate } from './beijing-time'
import {
  isBadRating,
  RATED_SERVICE_TEXT,
  RATED_SERVICES,
  RATING_LEVEL_TEXT,
  RATING_LEVELS,
  type RatedService,
  type RatingLevel,
} from './rating'
import type { StatRow, SummedRow } from './statistics'

/** What statistics read of one rating. */
export interface RatingFacts {
  service: RatedService
  level: number
  window: number | null
  workerOpenid: string | null
  workerName: string | null
  followUp: { due: IsoDate; answeredAt: string | null } | null
}

const row = (metric: string, k1 = '', k2 = '', n = 1): StatRow => ({ metric, k1, k2, n, total: 0 })

/**
 * A day's ratings: by level and service, by window, by worker (and the worker's name), and each
 * follow-up — open ones by their due day (overdue is decided when read), answered ones on time or late.
 * The rows of one (metric, keys) are summed.
 */
export function ratingDayRows(ratings: readonly RatingFacts[]): StatRow[] {
  const rows: StatRow[] = []
  for (const r of ratings) {
    const level = String(r.level)
    rows.push(row('rating', level, r.service))
    if (r.window !== null) rows.push(row('rating_window', String(r.window), level))
    if (r.workerOpenid) rows.push(row('rating_worker', r.workerOpenid, level), row('worker', r.workerOpenid, r.workerName ?? '', 0))
    const f = r.followUp
    if (f && f.answeredAt) rows.push(row('follow_up', 'answered', beijingDate(f.answeredAt) <= f.due ? 'on_time' : 'late'))
    else if (f) rows.push(row('follow_up', 'open', f.due))
  }
  const by = new Map<string, StatRow>()
  for (const r of rows) {
    const key = `${r.metric}\u0000${r.k1}\u0000${r.k2}`
    const had = by.get(key)
    if (had) had.n += r.n
    else by.set(key, r)
  }
  return [...by.values()]
}

/** How a group of ratings came out: how many, the average level (5 = 非常满意), 满意率 (the first three levels) and 差评. */
export interface SatisfactionFigures {
  ratings: number
  /** Two decimals; null with no rating. */
  average: number | null
  /** 非常满意 + 满意 + 基本满意 over all, in percent with one decimal (the national scheme's 满意率). */
  satisfiedShare: number | null
  /** 不满意 + 非常不满意. */
  low: number
  lowShare: number | null
}

export interface SatisfactionSummary extends SatisfactionFigures {
  byLevel: { level: RatingLevel; text: string; count: number }[]
  byService: (SatisfactionFigures & { service: RatedService; text: string })[]
  byWindow: (SatisfactionFigures & { window: number; windowName: string })[]
  byWorker: (SatisfactionFigures & { openid: string; name: string })[]
  /** The 差评 follow-ups of the range's ratings as of today: open within time, overdue, answered (of them late). */
  followUps: { total: number; open: number; overdue: number; answered: number; answeredLate: number }
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null)

/** @example figures([{ level: 5, count: 1 }, { level: 2, count: 1 }]) // { ratings: 2, average: 3.5, satisfiedShare: 50, low: 1, lowShare: 50 } */
export function figures(counts: readonly { level: number; count: number }[]): SatisfactionFigures {
  const ratings = counts.reduce((s, c) => s + c.count, 0)
  const low = counts.filter((c) => isBadRating(c.level)).reduce((s, c) => s + c.count, 0)
  return {
    ratings,
    average: ratings ? Math.round((counts.reduce((s, c) => s + c.level * c.count, 0) / ratings) * 100) / 100 : null,
    satisfiedShare: percent(ratings - low, ratings),
    low,
    lowShare: percent(low, ratings),
  }
}

/** Groups rows by one key into figures, most ratings first. */
function grouped(rows: readonly SummedRow[], key: (r: SummedRow) => string, level: (r: SummedRow) => number) {
  const by = new Map<string, { level: number; count: number }[]>()
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), { level: level(r), count: r.n }])
  return [...by.entries()]
    .map(([k, counts]) => ({ key: k, ...figures(counts) }))
    .sort((a, b) => b.ratings - a.ratings || a.key.localeCompare(b.key))
}

/** The satisfaction figures of a range from its summed `ratings` rows; `today` decides which open follow-ups are overdue. */
export function summarizeSatisfaction(rows: readonly SummedRow[], windowName: (n: number) => string, today: IsoDate): SatisfactionSummary {
  const of = (metric: string) => rows.filter((r) => r.area === 'ratings' && r.metric === metric)
  const levels = of('rating')
  const byLevel = RATING_LEVELS.map((level) => ({
    level,
    text: RATING_LEVEL_TEXT[level],
    count: levels.filter((r) => Number(r.k1) === level).reduce((s, r) => s + r.n, 0),
  }))
  const byService = RATED_SERVICES.map((service) => ({
    service,
    text: RATED_SERVICE_TEXT[service],
    ...figures(levels.filter((r) => r.k2 === service).map((r) => ({ level: Number(r.k1), count: r.n }))),
  })).filter((s) => s.ratings > 0)
  const byWindow = grouped(
    of('rating_window'),
    (r) => r.k1,
    (r) => Number(r.k2),
  ).map(({ key, ...f }) => ({
    window: Number(key),
    windowName: windowName(Number(key)),
    ...f,
  }))
  const names = new Map(of('worker').map((r) => [r.k1, r.k2]))
  const byWorker = grouped(
    of('rating_worker'),
    (r) => r.k1,
    (r) => Number(r.k2),
  ).map(({ key, ...f }) => ({ openid: key, name: names.get(key) || '—', ...f }))
  const follow = of('follow_up')
  const sum = (pick: (r: SummedRow) => boolean) => follow.filter(pick).reduce((s, r) => s + r.n, 0)
  const open = sum((r) => r.k1 === 'open' && r.k2 >= today)
  const overdue = sum((r) => r.k1 === 'open' && r.k2 < today)
  const answered = sum((r) => r.k1 === 'answered')
  return {
    ...figures(byLevel),
    byLevel,
    byService,
    byWindow,
    byWorker,
    followUps: {
      total: open + overdue + answered,
      open,
      overdue,
      answered,
      answeredLate: sum((r) => r.k1 === 'answered' && r.k2 === 'late'),
    },
  }
}
