import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { roleProps } from '@/components/a11y'
import { useCall } from '@/hooks/use-call'

/**
 * 工作台 and 中心管理: from 1 November, a year whose arrangement (放假调休) nobody has entered
 * is named with the step to take and who takes it; a 区级管理员 gets the way there.
 */
export function CalendarBanner() {
  const status = useCall('calendar', 'status', {})
  const s = status.data
  if (!s || s.awaiting.length === 0) return null
  return (
    <View className="card banner banner--warn" {...roleProps('status')}>
      {s.awaiting.map((a) => (
        <Text key={a.year} className="banner__text card__line">
          ⚠ {a.text}
        </Text>
      ))}
      {s.canEnter && (
        <Button className="btn btn--primary btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/calendar/index' })}>
          录入 {s.awaiting[0].year} 年放假安排
        </Button>
      )}
    </View>
  )
}
