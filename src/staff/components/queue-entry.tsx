import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Grant } from '@/core/staff-roles'

/** The queue's desks on the staff home: the console for counter staff and admins, the hall screen and the kiosk for the devices they set up. */
export function QueueEntry({ roles }: { roles: Grant[] }) {
  if (!roles.some((r) => r.role === 'counter' || r.role === 'admin')) return null
  return (
    <View className="card">
      <Text className="card__title">叫号</Text>
      <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: '/staff/pages/queue/index' })}>
        叫号台
      </Button>
      <Text className="card__line mine-gap">在大厅设备上打开（打开后设备保持登录）：</Text>
      <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/board/index' })}>
        大厅叫号屏（含签到码）
      </Button>
      <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/kiosk/index' })}>
        自助取号机
      </Button>
    </View>
  )
}
