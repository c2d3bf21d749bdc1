import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { devOpenid } from '@/api/session'
import { roleProps } from '@/components/a11y'
import { WaitStatusTag } from '@/components/booking-view'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell, SignInFirst } from '@/components/page-shell'
import type { WaitEntry } from '@/contract/booking'
import { beijing, dayLabel } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'

const when = (e: WaitEntry) => `${dayLabel(e.date)} ${e.start ?? '当天任意时段'}`

/** 我的候补: place in line, a seat held for you (确认预约, one tap), leave the line. */
export default function MyWaitlist() {
  const centerId = useCenterId()
  const signedIn = process.env.TARO_ENV === 'weapp' || !!devOpenid()
  const list = useCall('booking', 'myWaitlist', centerId && signedIn ? { centerId } : null)
  useShownAgain(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  const accept = useAction('booking', 'acceptOffer')
  const leave = useAction('booking', 'leaveWaitlist')
  const [leaving, setLeaving] = useState<WaitEntry | null>(null)
  const failure = accept.failure ?? leave.failure

  const take = async (e: WaitEntry) => {
    if (!centerId) return
    const booking = await accept.run({ centerId, id: e.id })
    if (booking) Taro.redirectTo({ url: `/pages/booking/detail/index?id=${booking.id}&created=1` })
    else list.reload()
  }
  const quit = async () => {
    if (!centerId || !leaving) return
    await leave.run({ centerId, id: leaving.id })
    setLeaving(null)
    list.reload()
  }

  if (!signedIn) return <SignInFirst />
  return (
    <PageShell loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
      {failure && (
        <View className="card failure-card" {...roleProps('alert')}>
          <Text className="failure-card__text">{failure.message}</Text>
        </View>
      )}
      {leaving && (
        <ConfirmPanel
          question="确定退出候补吗？"
          detail={`${leaving.serviceName} ${when(leaving)}。退出后排队位置不再保留。`}
          confirmText="退出候补"
          cancelText="继续候补"
          busy={leave.busy}
          onConfirm={quit}
          onCancel={() => setLeaving(null)}
        />
      )}
      {list.data && list.data.items.length === 0 && (
        <View className="card">
          <Text className="card__line">没有候补。某个时段约满时，可以在选择时段时点“候补”排队，有人取消就会通知您。</Text>
        </View>
      )}
      {list.data?.items.map((e) => (
        <View key={e.id} className="card">
          <View className="row-spread">
            <Text className="card__title">{e.serviceName}</Text>
            <WaitStatusTag entry={e} />
          </View>
          <Text className="card__line">候补时间：{when(e)}</Text>
          <Text className="card__line">办事人：{e.personName}</Text>
          {e.status === 'waiting' && e.ahead !== null && (
            <Text className="card__line">{e.ahead === 0 ? '您排在第一位，有空位会先通知您。' : `前面还有 ${e.ahead} 人。`}</Text>
          )}
          {e.offer && (
            <View>
              <Text className="card__line">
                有空位了：{dayLabel(e.date)} {e.offer.start}，为您保留到 {beijing(e.offer.expiresAt).format('HH:mm')}，过时让给下一位。
              </Text>
              <Button className="btn btn--primary btn--block" disabled={accept.busy || undefined} onClick={() => take(e)}>
                {accept.busy ? '正在确认…' : '确认预约'}
              </Button>
            </View>
          )}
          {e.status === 'accepted' && e.bookingId && (
            <Button
              className="btn btn--block mine-gap"
              onClick={() => Taro.navigateTo({ url: `/pages/booking/detail/index?id=${e.bookingId}` })}
            >
              查看预约
            </Button>
          )}
          {(e.status === 'waiting' || e.status === 'offered') && (
            <Button
              className="btn btn--block mine-gap"
              onClick={() => {
                leave.reset()
                setLeaving(e)
              }}
            >
              退出候补
            </Button>
          )}
        </View>
      ))}
    </PageShell>
  )
}
