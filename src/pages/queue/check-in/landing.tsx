import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { saveCenterId } from '@/api/session'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import { TodayBookingLines, ticketUrl } from '@/components/today-booking'
import type { TodayBooking } from '@/contract/queue'
import { useCall } from '@/hooks/use-call'

const formUrl = (bookingId: string, code: string) => `/pages/queue/check-in/index?bookingId=${bookingId}&code=${code}`

/**
 * The check-in page opened from the hall QR's link (WeChat's 扫一扫, a phone's camera): the center and the code came
 * with the link, so it asks only which of today's bookings — none to ask when there is one to check in, which opens the
 * check-in form at once with the code filled in (one tap: 签到取号). The link's center becomes the device's center.
 */
export function CheckInLanding({ centerId, code }: { centerId: string; code: string }) {
  useEffect(() => saveCenterId(centerId), [centerId])
  const today = useCall('queue', 'today', { centerId })
  const items = today.data?.items ?? []
  const open = items.filter((b) => b.checkIn.canCheckIn && !b.checkIn.ticketId)
  const only = items.length === 1 && open.length === 1 ? open[0] : null

  useEffect(() => {
    if (only) Taro.redirectTo({ url: formUrl(only.bookingId, code) })
  }, [only, code])

  return (
    <PageShell loading={(today.loading && !today.data) || !!only} error={today.error} onRetry={today.reload}>
      {today.data && items.length === 0 && (
        <View className="card" {...roleProps('status')}>
          <Text className="card__title">您今天在本中心没有预约</Text>
          <Text className="card__line">没有预约也能办：请到大厅的取号机或服务窗口现场取号。</Text>
          <Text className="card__line">若是替家人预约的，请用预约时的微信扫码。</Text>
          <Button className="btn btn--primary btn--block mine-gap" onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </Button>
        </View>
      )}
      {today.data && items.length > 0 && !only && (
        <View>
          <View className="card">
            <Text className="card__title">请选择要签到的预约</Text>
            <Text className="card__line">签到码已从大厅屏幕上带过来，不用再输入。</Text>
          </View>
          {items.map((b) => (
            <Choice key={b.bookingId} b={b} code={code} />
          ))}
        </View>
      )}
    </PageShell>
  )
}

function Choice({ b, code }: { b: TodayBooking; code: string }) {
  const s = b.checkIn
  return (
    <View className="card today-booking">
      <TodayBookingLines b={b} />
      {s.ticketId ? (
        <Button className="btn btn--block mine-gap" onClick={() => Taro.redirectTo({ url: ticketUrl(s.ticketId!) })}>
          查看我的排号
        </Button>
      ) : (
        s.canCheckIn && (
          <Button className="btn btn--primary btn--block mine-gap" onClick={() => Taro.redirectTo({ url: formUrl(b.bookingId, code) })}>
            为这个预约签到
          </Button>
        )
      )}
    </View>
  )
}
