import type { IsoDate } from './beijing-time'
import { addWorkingDays, type WorkingCalendar } from './working-days'

/**
 * 好差评: the resident's rating of one service they received — a counter visit (its queue ticket
 * 办结), a home-certification outcome, a delegated case 办结 — on the five levels of the national
 * 政务服务"好差评" scheme. The last two levels are a 差评: they need at least one reason, and they
 * open a follow-up the center's admin answers within a number of working days with what was put right.
 */

/** What was rated: one counter visit, one home certification, one delegated case. */
export type RatedService = 'counter' | 'homecert' | 'case'
export const RATED_SERVICES: readonly RatedService[] = ['counter', 'homecert', 'case']
export const RATED_SERVICE_TEXT: Record<RatedService, string> = { counter: '窗口办事', homecert: '上门认证', case: '帮办代办' }

/** 5 非常满意 … 1 非常不满意 (higher is better, so an average reads like the old stars). */
export type RatingLevel = 1 | 2 | 3 | 4 | 5
/** Best first: the order the buttons are shown in. */
export const RATING_LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1]
export const RATING_LEVEL_TEXT: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

/** 不满意 and 非常不满意: reasons required, a follow-up opened. @example isBadRating(2) // true */
export function isBadRating(level: number): boolean {
  return level <= 2
}

/** The fixed reasons a 差评 picks from (plus optional words of their own). */
export const RATING_REASONS = {
  slow: '等候或办理时间太长',
  attitude: '工作人员态度不好',
  unclear: '政策或要求没有讲清楚',
  repeat: '没有一次办好，还要再跑',
  materials: '要的材料太多或不合理',
  result: '对办理结果不满意',
  other: '其他原因',
} as const
export type RatingReason = keyof typeof RATING_REASONS
export const RATING_REASON_KEYS = Object.keys(RATING_REASONS) as RatingReason[]

/** Why a rating cannot be taken as given, in the resident's words; null when it can. */
export type RatingProblem = { field: 'reasons' | 'comment'; message: string } | null

/**
 * The one rule of what a rating must say: a 差评 names at least one reason, and 其他原因 says which in words;
 * a good rating carries no reasons.
 * @example ratingProblem(2, [], '') // { field: 'reasons', message: '请至少选择一个不满意的原因' }
 * @example ratingProblem(4, [], '') // null
 */
export function ratingProblem(level: RatingLevel, reasons: readonly RatingReason[], comment: string): RatingProblem {
  if (!isBadRating(level)) return reasons.length ? { field: 'reasons', message: '满意的评价不需要选择原因' } : null
  if (!reasons.length) return { field: 'reasons', message: '请至少选择一个不满意的原因' }
  if (reasons.includes('other') && !comment.trim()) return { field: 'comment', message: '选择了“其他原因”，请写一下是什么原因' }
  return null
}

/** A center's rules for ratings (its overrides over the defaults). */
export interface RatingRules {
  /** Working days the admin has to answer a 差评, counted from the day after it was given. */
  followUpWorkingDays: number
}
export const DEFAULT_RATING_RULES: RatingRules = { followUpWorkingDays: 5 }
export const FOLLOW_UP_DAYS_RANGE = { min: 1, max: 20 } as const

/** @example ratingRulesFor({ followUpWorkingDays: 3 }).followUpWorkingDays // 3 */
export function ratingRulesFor(overrides?: Partial<RatingRules> | null): RatingRules {
  return { ...DEFAULT_RATING_RULES, ...(overrides ?? {}) }
}

/**
 * The last day to answer a 差评 given on `ratedOn`: that many working days after it.
 * @example followUpDue('2026-11-27', 5, calendar) // '2026-12-04' (Friday → the next Friday)
 */
export function followUpDue(ratedOn: IsoDate, rules: RatingRules, calendar: WorkingCalendar): IsoDate {
  return addWorkingDays(ratedOn, rules.followUpWorkingDays, calendar)
}

export type FollowUpState = 'open' | 'overdue' | 'answered'
export const FOLLOW_UP_STATE_TEXT: Record<FollowUpState, string> = { open: '待回复', overdue: '已超期未回复', answered: '已回复' }

/**
 * Where a follow-up stands on `today`: answered, or open until its due day, overdue after it.
 * @example followUpState({ due: '2026-12-04', answeredAt: null }, '2026-12-07') // 'overdue'
 */
export function followUpState(f: { due: IsoDate; answeredAt: string | null }, today: IsoDate): FollowUpState {
  if (f.answeredAt) return 'answered'
  return today > f.due ? 'overdue' : 'open'
}
