import * as z from 'zod/mini'
import {
  RATED_SERVICES,
  RATING_REASON_KEYS,
  ratingProblem,
  type FollowUpState,
  type RatedService,
  type RatingLevel,
  type RatingReason,
} from '../core/rating'
import { centerScoped, freeText, recordId } from './common'

/** The service instance rated: a counter visit (its ticket's id, or the booking's), a home certification, a delegated case. */
const subject = {
  service: z.enum(RATED_SERVICES, { error: '请说明评价的是哪项服务' }),
  id: recordId('办理记录'),
}

/** A rating's key, `<service>:<instance id>` (one rating per instance). */
const ratingKey = z
  .string({ error: '请提供评价' })
  .check(z.regex(new RegExp(`^(${RATED_SERVICES.join('|')}):[A-Za-z0-9_-]{1,64}$`), { error: '评价编号格式不正确' }))

const level = z
  .number({ error: '请选择满意程度' })
  .check(z.int({ error: '请选择满意程度' }), z.gte(1, { error: '请选择满意程度' }), z.lte(5, { error: '请选择满意程度' }))

/** `rating` (好差评): the resident rates a service they received; the center's admin answers each 差评. */
export const ratingInputs = {
  /** The caller's own instance: its rating if given, and whether it can be rated now. */
  get: z.extend(centerScoped, subject),
  /** Once per instance, by its own resident, after it ended; 不满意 and 非常不满意 name at least one reason. */
  rate: z
    .extend(centerScoped, {
      ...subject,
      level,
      reasons: z._default(z.array(z.enum(RATING_REASON_KEYS, { error: '请从列表中选择原因' }), { error: '原因格式不正确' }), []),
      comment: z._default(freeText('评价内容', { max: 200, multiline: true }), ''),
    })
    .check((ctx) => {
      const v = ctx.value
      const problem = ratingProblem(v.level as RatingLevel, v.reasons, v.comment)
      if (problem) ctx.issues.push({ code: 'custom', path: [problem.field], message: problem.message, input: v[problem.field] })
    }),
  // The center's admin.
  /** 差评 follow-ups: open ones (overdue first, then by due day) or answered ones (latest first). */
  followUps: z.extend(centerScoped, { answered: z._default(z.boolean({ error: '筛选格式不正确' }), false) }),
  /** What was put right, in words the resident reads; once per follow-up. Audited. */
  answer: z.extend(centerScoped, {
    id: ratingKey,
    answer: freeText('整改回复', { min: 5, max: 500, multiline: true }),
  }),
}

export interface FollowUpView {
  /** The last day to answer, Beijing date. */
  due: string
  state: FollowUpState
  /** 待回复, 已超期未回复 or 已回复: the state in words (never colour alone). */
  stateText: string
  answer: string | null
  answeredAt: string | null
}

export interface RatingView {
  service: RatedService
  /** e.g. 窗口办事 */
  serviceText: string
  level: RatingLevel
  /** e.g. 基本满意 */
  levelText: string
  reasons: { key: RatingReason; text: string }[]
  comment: string | null
  at: string
  followUp: FollowUpView | null
}

/** What the resident's page shows: their rating, or whether they can give one (and if not yet, why). */
export interface RatingCard {
  rating: RatingView | null
  canRate: boolean
  /** Why not yet, e.g. 办结后可以评价; null when it can be rated or was rated. */
  notYet: string | null
}

/** A 差评 as the admin's follow-up list shows it: what was rated, by whom it was served, and the follow-up. */
export interface StaffFollowUp extends RatingView {
  id: string
  subjectId: string
  /** What the admin reads to find it: the ticket number, the request or case number. */
  subjectLabel: string
  workerName: string | null
  window: number | null
  followUp: FollowUpView & { answeredByName: string | null }
}

export interface RatingOutputs {
  get: RatingCard
  rate: RatingCard
  followUps: { items: StaffFollowUp[]; counts: { open: number; overdue: number }; followUpWorkingDays: number }
  answer: StaffFollowUp
}
