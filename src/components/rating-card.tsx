import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { RatingCard as Card, RatingView } from '../contract/rating'
import { beijingDate, monthDay } from '../core/beijing-time'
import {
  isBadRating,
  RATING_LEVEL_TEXT,
  RATING_LEVELS,
  RATING_REASON_KEYS,
  RATING_REASONS,
  type RatedService,
  type RatingLevel,
  type RatingReason,
} from '../core/rating'
import { useAction } from '../hooks/use-action'
import { useCall } from '../hooks/use-call'
import { roleProps } from './a11y'
import './rating-card.scss'

interface Props {
  centerId: string
  service: RatedService
  /** The ticket's or booking's id (counter), the request's (homecert), the case's. */
  id: string
}

/** The rating given, and what the center answered to a 差评 (or by when it will). */
function GivenRating({ r }: { r: RatingView }) {
  const f = r.followUp
  return (
    <View className="card rating-card">
      <Text className="card__title">您的评价</Text>
      <Text className="rating-card__given">{r.levelText}</Text>
      {r.reasons.length > 0 && <Text className="card__line">{`原因：${r.reasons.map((x) => x.text).join('、')}`}</Text>}
      {r.comment && <Text className="card__line">{r.comment}</Text>}
      {!f && <Text className="card__line">谢谢您的评价。</Text>}
      {f?.state === 'answered' && (
        <View className="rating-card__answer">
          <Text className="card__line rating-card__answer-title">{`服务中心的回复（${monthDay(beijingDate(f.answeredAt!))}）`}</Text>
          <Text className="card__line">{f.answer}</Text>
        </View>
      )}
      {f?.state === 'open' && <Text className="card__line">{`服务中心会在 ${monthDay(f.due)} 前回复您，回复会发到“消息”。`}</Text>}
      {f?.state === 'overdue' && (
        <Text className="card__line rating-card__overdue">{`⚠ 已超期未回复：服务中心应在 ${monthDay(f.due)} 前回复您，我们会督促尽快处理。`}</Text>
      )}
    </View>
  )
}

/** 好差评 after a service: five big buttons in words; 不满意 and 非常不满意 ask why. */
function RatingForm({ centerId, service, id, onDone }: Props & { onDone: (c: Card) => void }) {
  const [level, setLevel] = useState<RatingLevel | null>(null)
  const [reasons, setReasons] = useState<RatingReason[]>([])
  const [comment, setComment] = useState('')
  const rate = useAction('rating', 'rate', { fieldsInMessage: true })
  const bad = level !== null && isBadRating(level)

  // A choice answers the problem said before it (no stale ⚠ beside a form that is now right).
  const choose = (l: RatingLevel) => {
    rate.reset()
    setLevel(l)
    if (!isBadRating(l)) setReasons([])
  }
  const toggle = (r: RatingReason) => {
    rate.reset()
    setReasons((now) => (now.includes(r) ? now.filter((x) => x !== r) : [...now, r]))
  }
  const send = async () => {
    if (level === null) {
      rate.fail('请先选择满意程度')
      return
    }
    const next = await rate.run({ centerId, service, id, level, reasons, comment: comment.trim() })
    if (next) onDone(next)
  }

  return (
    <View className="card rating-card">
      <Text className="card__title" id={`rate-title-${id}`}>
        请评价本次服务
      </Text>
      <View className="choices choices--column" {...roleProps('radiogroup')} aria-labelledby={`rate-title-${id}`}>
        {RATING_LEVELS.map((l) => (
          <Button
            key={l}
            className={`choice rating-card__level ${level === l ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={level === l}
            onClick={() => choose(l)}
          >
            {level === l ? `✓ ${RATING_LEVEL_TEXT[l]}` : RATING_LEVEL_TEXT[l]}
          </Button>
        ))}
      </View>
      {bad && (
        <View>
          <Text className="field__label" id={`rate-reasons-${id}`}>
            哪里不满意？（至少选一项）
          </Text>
          <View className="choices choices--column" aria-labelledby={`rate-reasons-${id}`}>
            {RATING_REASON_KEYS.map((r) => (
              <Button
                key={r}
                className={`choice rating-card__reason ${reasons.includes(r) ? 'choice--on' : ''}`}
                {...roleProps('checkbox')}
                aria-checked={reasons.includes(r)}
                onClick={() => toggle(r)}
              >
                {reasons.includes(r) ? `✓ ${RATING_REASONS[r]}` : RATING_REASONS[r]}
              </Button>
            ))}
          </View>
        </View>
      )}
      <Text className="field__label" id={`rate-comment-${id}`}>
        {bad ? '想说的话（选了“其他原因”请写明）' : '想说的话（可不填）'}
      </Text>
      <Textarea
        className="text-area text-area--tall"
        value={comment}
        maxlength={200}
        aria-labelledby={`rate-comment-${id}`}
        placeholder="哪里好、哪里需要改进"
        onInput={(e) => setComment(e.detail.value)}
      />
      {bad && <Text className="card__line">不满意的评价会交给服务中心负责人，在规定的工作日内回复您。</Text>}
      {rate.failure && (
        <Text className="field__error" {...roleProps('alert')}>
          ⚠ {rate.failure.message}
        </Text>
      )}
      <Button className="btn btn--primary btn--block" disabled={rate.busy || undefined} onClick={send}>
        {rate.busy ? '正在提交…' : '提交评价'}
      </Button>
    </View>
  )
}

/**
 * The rating of one service the resident received, on its page (ticket, booking, home certification, case):
 * the form once it has ended, then the rating and the center's answer. Nothing before it ended.
 */
export function RatingCard(props: Props) {
  const card = useCall('rating', 'get', { centerId: props.centerId, service: props.service, id: props.id })
  const [latest, setLatest] = useState<Card | null>(null)
  const c = latest ?? card.data
  if (!c) return null
  if (c.rating) return <GivenRating r={c.rating} />
  if (c.canRate) return <RatingForm {...props} onDone={setLatest} />
  return null
}
