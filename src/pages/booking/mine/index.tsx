import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { devOpenid } from '@/api/session'
import { PageShell, SignInFirst } from '@/components/page-shell'
import { BookingStatusTag } from '@/components/booking-view'
import { Tabs } from '@/components/tabs'
import type { BookingTab } from '@/contract/booking'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'
import { dayLabel } from '@/core/beijing-time'

const TABS: { key: BookingTab; name: string; empty: string }[] = [
  { key: 'upcoming', name: '待办理', empty: '没有待办理的预约。在“办事指南”里选一个事项就可以预约。' },
  { key: 'done', name: '已完成', empty: '还没有办完的预约。' },
  { key: 'cancelled', name: '已取消、失约', empty: '没有取消或失约的预约。' },
]

/** 我的预约: three tabs, each booking a tap away from its code and details. */
export default function MyBookings() {
  const centerId = useCenterId()
  const [tab, setTab] = useState<BookingTab>('upcoming')
  const signedIn = process.env.TARO_ENV === 'weapp' || !!devOpenid()
  const list = useCall('booking', 'listMine', centerId && signedIn ? { centerId, tab } : null)
  useShownAgain(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  const current = TABS.find((t) => t.key === tab)!

  if (!signedIn) return <SignInFirst />
  return (
    <PageShell error={list.error} onRetry={list.reload}>
      <Tabs tabs={TABS} current={tab} onChange={setTab} />
      {list.loading && !list.data && <Text className="card__line">正在加载…</Text>}
      {list.data && list.data.items.length === 0 && (
        <View className="card">
          <Text className="card__line">{current.empty}</Text>
        </View>
      )}
      {list.data?.items.map((b) => (
        <Button key={b.id} className="card card-button" onClick={() => Taro.navigateTo({ url: `/pages/booking/detail/index?id=${b.id}` })}>
          <View className="row-spread">
            <Text className="card__title">{b.serviceName}</Text>
            <BookingStatusTag status={b.status} text={b.statusText} />
          </View>
          <Text className="card__line">
            {dayLabel(b.date)} {b.start}–{b.end}
          </Text>
          <Text className="card__line">
            办事人：{b.personName} · 预约码 {b.code}
          </Text>
        </Button>
      ))}
    </PageShell>
  )
}
