import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CheckInStatus } from '../contract/queue'
import { roleProps } from './a11y'
import { ticketUrl } from './today-booking'
import './check-in-entry.scss'

/**
 * The 签到取号 entry of a booking: while it can be checked in (from 30 minutes
 * before the slot; after the slot as a walk-in, said so), a button to check in;
 * once checked in, the way to the live ticket; on the day before the window
 * opens, when it opens. Nothing on other days. `checkIn` comes with the booking
 * (BookingDetail), so the booking page asks nothing else.
 */
export function CheckInEntry({ bookingId, checkIn: d }: { bookingId: string; checkIn: CheckInStatus | null }) {
  if (!d) return null
  if (d.ticketId) {
    return (
      <View className="card">
        <Text className="card__title">已签到取号</Text>
        <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: ticketUrl(d.ticketId!) })}>
          查看我的排号
        </Button>
      </View>
    )
  }
  if (d.canCheckIn) {
    return (
      <View className="card">
        <Text className="card__title">到中心了吗？</Text>
        <Text className="card__line">到达中心后，输入大厅屏幕上的签到码即可取号排队。</Text>
        {d.message && (
          <Text className="card__line check-in-entry__late" {...roleProps('note')}>
            {d.message}
          </Text>
        )}
        <Button
          className="btn btn--primary btn--block"
          onClick={() => Taro.navigateTo({ url: `/pages/queue/check-in/index?bookingId=${bookingId}` })}
        >
          签到取号
        </Button>
      </View>
    )
  }
  if (d.timing === 'early' && d.message) {
    return (
      <View className="card">
        <Text className="card__title">签到取号</Text>
        <Text className="card__line">{d.message}</Text>
      </View>
    )
  }
  return null
}
