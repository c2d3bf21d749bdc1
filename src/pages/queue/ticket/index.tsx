import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { takeHandedTicket } from '@/api/handed-over'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import { RatingCard } from '@/components/rating-card'
import type { MyTicket } from '@/contract/queue'
import { beijing, beijingClock } from '@/core/beijing-time'
import { useCenterId } from '@/hooks/use-center'
import { usePolling } from '@/hooks/use-polling'
import './index.scss'

/** Asked every second: a call shows on this page within two seconds. */
const POLL_MS = 1000

const TONE: Record<MyTicket['status'], string> = {
  waiting: 'tag--info',
  called: 'tag--ok',
  serving: 'tag--ok',
  completed: 'tag--ok',
  skipped: 'tag--warn',
}

/** Each call (and recall) once: the phone vibrates in WeChat when it is this ticket's turn. */
function useCallAlert(t: MyTicket | null) {
  const alerted = useRef<string | null>(null)
  useEffect(() => {
    if (!t || t.status !== 'called') return
    const key = `${t.id}|${t.window}|${t.recalls}`
    if (alerted.current === key) return
    alerted.current = key
    if (process.env.TARO_ENV === 'weapp') Taro.vibrateLong().catch(() => undefined)
  }, [t])
}

/** 我的排号: the number, the people ahead and the wait, and — big and clear — the window when called. Live. */
export default function TicketPage() {
  const { params } = useRouter()
  const centerId = useCenterId()
  const id = params.id ?? ''
  // Opened from 签到取号: the ticket it already has is the first screen.
  const [handed] = useState(() => takeHandedTicket(id))
  const ticket = usePolling('queue', 'myTicket', centerId && id ? { centerId, id } : null, POLL_MS, {
    watchBoardOf: centerId ?? undefined,
    initial: handed,
  })
  const t = ticket.data
  useCallAlert(t)

  const called = t?.status === 'called'
  return (
    <PageShell loading={ticket.loading && !t} error={t ? null : ticket.error} onRetry={ticket.refresh}>
      {t && (
        <View>
          {called && (
            <View className="call" {...roleProps('alert')} aria-live="assertive">
              <Text className="call__label">{t.label} 号</Text>
              <Text className="call__window">请到 {t.window} 号窗口</Text>
              <Text className="call__line">
                {t.windowName ? `${t.windowName} · ` : ''}
                {t.serviceName}
              </Text>
              {t.recalls > 0 && <Text className="call__line">已第 {t.recalls + 1} 次呼叫您，请尽快前往</Text>}
            </View>
          )}

          <View className="card code-card number">
            <View className="code-card__head number__head">
              <Text className="number__queue">{t.queueName}</Text>
              <Text className={`tag ${TONE[t.status]}`}>{t.statusText}</Text>
            </View>
            {!called && (
              <Text className="big-code number__label" aria-label={`您的号码 ${t.label}`}>
                {t.label}
              </Text>
            )}
            {t.status === 'waiting' && t.ahead !== null && t.ahead > 0 ? (
              <View aria-live="polite">
                <Text className="number__headline">前面还有 {t.ahead} 人</Text>
                <Text className="number__wait">预计等候约 {Math.max(1, t.estimatedMinutes ?? 0)} 分钟</Text>
              </View>
            ) : (
              <Text className="number__headline" aria-live="polite">
                {t.headline}
              </Text>
            )}
            {t.status === 'waiting' && (
              <Text className="card__line">
                叫到您时本页会大字提醒{process.env.TARO_ENV === 'weapp' ? '并振动' : ''}，也请留意大厅屏幕。
              </Text>
            )}
          </View>

          {t.soonNote && (
            <View className="card notice" {...roleProps('note')}>
              <Text>{t.soonNote}</Text>
            </View>
          )}

          {t.notice && (
            <View className="card notice" {...roleProps('note')}>
              <Text>{t.notice}</Text>
            </View>
          )}

          {centerId && t.status === 'completed' && <RatingCard centerId={centerId} service="counter" id={t.id} />}

          <View className="card">
            <Text className="card__title">{t.serviceName}</Text>
            {t.personName && <Text className="card__line">办事人：{t.personName}</Text>}
            <Text className="card__line">
              {t.kindText} · {beijingClock(t.arrivedAt)} 签到取号
            </Text>
            {t.green && <Text className="card__line green">{t.green}，优先办理</Text>}
          </View>

          <Text className="updated" aria-live="off">
            {ticket.error ? `网络不稳，正在重试（上次更新 ${beijingClock(t.now)}）` : `已自动更新 ${beijing(t.now).format('HH:mm:ss')}`}
          </Text>

          {t.bookingId && (
            <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: `/pages/booking/detail/index?id=${t.bookingId}` })}>
              查看预约详情
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
