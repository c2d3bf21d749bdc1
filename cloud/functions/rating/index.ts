import { ratingInputs } from '@/contract/rating'
import { beijingDate } from '@/core/beijing-time'
import { followUpDue, isBadRating, RATED_SERVICE_TEXT, RATING_LEVEL_TEXT, ratingRulesFor } from '@/core/rating'
import { conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import { defineFunction } from '@cloud/runtime/dispatch'
import { audit, requireStaff } from '@cloud/runtime/staff'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import { ratingId, type RatingRecord } from '@cloud/store/port'
import { refreshRatingStatistics } from '../jobs/stats'
import { ratedInstance, type RatedInstance } from './instances'
import { answerMessage } from './notices'
import { ratingCard, staffFollowUp } from './view'

/** The most follow-ups one list answers. */
const FOLLOW_UP_LIST_LIMIT = 200

/** The caller's own instance; anyone else's answers NOT_FOUND, as for none. */
async function ownInstance(ctx: ActionContext, centerId: string, service: RatedInstance['service'], id: string): Promise<RatedInstance> {
  const found = await ratedInstance(ctx, centerId, service, id)
  if (!found || found.openid !== ctx.openid) throw notFound('办理记录')
  return found
}

/** What the admin reads to find a rated instance (the instance may have been purged since: then its kind alone). */
async function labelOf(ctx: ActionContext, r: RatingRecord): Promise<{ label: string; link: string }> {
  const found = await ratedInstance(ctx, r.centerId, r.service, r.subjectId)
  return { label: found?.label ?? r.subjectId, link: found?.link ?? '/pages/messages/index' }
}

/** `rating` (好差评): a resident rates a service they received, once, after it ended; the center's admin answers each 差评. */
export const rating = defineFunction('rating', ratingInputs, ['bookings', 'queue', 'homecert', 'cases', 'stats', 'ratings'], {
  get: {
    access: 'signed_in',
    async run({ centerId, service, id }, ctx) {
      const instance = await ownInstance(ctx, centerId, service, id)
      return ratingCard(instance, await ctx.store.ratings.get(service, instance.subjectId), ctx.now())
    },
  },

  rate: {
    access: 'signed_in',
    async run({ centerId, service, id, level, reasons, comment }, ctx) {
      const instance = await ownInstance(ctx, centerId, service, id)
      if (!instance.ended) throw conflict(instance.notYet)
      const now = ctx.now()
      const at = now.toISOString()
      let followUp: RatingRecord['followUp'] = null
      if (isBadRating(level)) {
        const [calendar, overrides] = await Promise.all([
          loadCalendar(ctx.store, centerId, beijingDate(now)),
          ctx.store.ratings.rules(centerId),
        ])
        const due = followUpDue(beijingDate(now), ratingRulesFor(overrides), calendar)
        followUp = { due, answer: null, answeredAt: null, answeredBy: null, answeredByName: null }
      }
      const record: RatingRecord = {
        id: ratingId(service, instance.subjectId),
        centerId,
        service,
        subjectId: instance.subjectId,
        openid: ctx.openid!,
        level: level as RatingRecord['level'],
        reasons,
        comment: comment || null,
        at,
        serviceId: instance.serviceId,
        window: instance.window,
        workerOpenid: instance.workerOpenid,
        workerName: instance.workerName,
        followUp,
      }
      if (!(await ctx.store.ratings.rate(record))) throw conflict('这项服务您已评价过，每项只能评价一次')
      await refreshRatingStatistics(ctx.store, centerId, at, now)
      return ratingCard(instance, record, now)
    },
  },

  followUps: {
    access: 'signed_in',
    async run({ centerId, answered }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      const now = ctx.now()
      const today = beijingDate(now)
      const [rows, open, overrides] = await Promise.all([
        ctx.store.ratings.followUps(centerId, answered, FOLLOW_UP_LIST_LIMIT),
        answered ? ctx.store.ratings.followUps(centerId, false, FOLLOW_UP_LIST_LIMIT) : null,
        ctx.store.ratings.rules(centerId),
      ])
      const openRows = open ?? rows
      const items = await Promise.all(rows.map(async (r) => staffFollowUp(r, (await labelOf(ctx, r)).label, now)))
      return {
        items,
        counts: {
          open: openRows.length,
          overdue: openRows.filter((r) => r.followUp!.due < today).length,
        },
        followUpWorkingDays: ratingRulesFor(overrides).followUpWorkingDays,
      }
    },
  },

  answer: {
    access: 'signed_in',
    async run({ centerId, id, answer }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const before = await ctx.store.ratings.get(...splitId(id))
      if (!before || before.centerId !== centerId || !before.followUp) throw notFound('差评回访')
      if (before.followUp.answeredAt) throw conflict('这条差评已经回复过了')
      const now = ctx.now()
      const at = now.toISOString()
      const answered = await ctx.store.ratings.answer(id, { answer, at, by: admin.openid, byName: admin.name })
      if (!answered) throw conflict('这条差评已经回复过了')
      const { label, link } = await labelOf(ctx, answered)
      await ctx.store.messages.send(answerMessage(answered, link, at))
      await audit(
        ctx,
        admin,
        'rating.answer',
        'rating',
        { id, label },
        `${RATED_SERVICE_TEXT[answered.service]}：${RATING_LEVEL_TEXT[answered.level]}`,
      )
      await refreshRatingStatistics(ctx.store, centerId, answered.at, now)
      return staffFollowUp(answered, label, now)
    },
  },
})

/** `case:c-1` → ['case', 'c-1'] (the contract checked the shape). */
function splitId(id: string): [RatingRecord['service'], string] {
  const at = id.indexOf(':')
  return [id.slice(0, at) as RatingRecord['service'], id.slice(at + 1)]
}
