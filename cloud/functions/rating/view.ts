import type { FollowUpView, RatingCard, RatingView, StaffFollowUp } from '@/contract/rating'
import { beijingDate } from '@/core/beijing-time'
import { FOLLOW_UP_STATE_TEXT, followUpState, RATED_SERVICE_TEXT, RATING_LEVEL_TEXT, RATING_REASONS } from '@/core/rating'
import type { FollowUpRecord, RatingRecord } from '@cloud/store/port'
import type { RatedInstance } from './instances'

function followUpView(f: FollowUpRecord, now: Date): FollowUpView {
  const state = followUpState(f, beijingDate(now))
  return { due: f.due, state, stateText: FOLLOW_UP_STATE_TEXT[state], answer: f.answer, answeredAt: f.answeredAt }
}

/** A rating as the resident reads it (their own words and the center's answer; no staff names). */
export function ratingView(r: RatingRecord, now: Date): RatingView {
  return {
    service: r.service,
    serviceText: RATED_SERVICE_TEXT[r.service],
    level: r.level,
    levelText: RATING_LEVEL_TEXT[r.level],
    reasons: r.reasons.map((key) => ({ key, text: RATING_REASONS[key] })),
    comment: r.comment,
    at: r.at,
    followUp: r.followUp ? followUpView(r.followUp, now) : null,
  }
}

export function ratingCard(instance: RatedInstance, rating: RatingRecord | null, now: Date): RatingCard {
  if (rating) return { rating: ratingView(rating, now), canRate: false, notYet: null }
  return { rating: null, canRate: instance.ended, notYet: instance.ended ? null : instance.notYet }
}

export function staffFollowUp(r: RatingRecord, subjectLabel: string, now: Date): StaffFollowUp {
  const f = r.followUp!
  return {
    ...ratingView(r, now),
    id: r.id,
    subjectId: r.subjectId,
    subjectLabel,
    workerName: r.workerName,
    window: r.window,
    followUp: { ...followUpView(f, now), answeredByName: f.answeredByName },
  }
}
