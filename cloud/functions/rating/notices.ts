import { RATED_SERVICE_TEXT } from '@/core/rating'
import type { NewMessage, RatingRecord } from '@cloud/store/port'

/** The 消息 telling the resident what the center put right after their 差评; one per rating (its id names it). */
export function answerMessage(r: RatingRecord, link: string, at: string): NewMessage {
  return {
    id: `rating-answer-${r.id}`,
    centerId: r.centerId,
    openid: r.openid,
    bookingId: null,
    kind: 'rating',
    title: '您的评价已有回复',
    body: `您对${RATED_SERVICE_TEXT[r.service]}的意见，服务中心已回复：${r.followUp?.answer ?? ''}`.slice(0, 200),
    templateId: null,
    link,
    createdAt: at,
  }
}
