/** How staff pages show a configuration change (config's answer): the notice and the bookings it touched. */
import { Text, View } from '@tarojs/components'
import { roleProps } from '@/components/a11y'
import type { AffectedSlotView } from '@/contract/config'
import { monthDay } from '@/core/beijing-time'

/** What a change did to appointments already made: the notice, and each slot that kept more bookings than the new settings hold. */
export function ChangeNotice({ notice, affected }: { notice: string; affected: AffectedSlotView[] }) {
  return (
    <View className={`card ${affected.length ? 'notice--bad' : 'notice--ok'}`} {...roleProps(affected.length ? 'alert' : 'status')}>
      <Text className="card__line">✓ {notice}</Text>
      {affected.length > 0 && <Text className="card__title mine-gap">受影响的已预约时段（预约均已保留）</Text>}
      {affected.map((a) => (
        <Text key={`${a.serviceId}-${a.date}-${a.start}`} className="card__line">
          · {a.serviceName} {monthDay(a.date)} {a.weekday} {a.start}：已约 {a.booked} 人，{a.reasonText}
          {a.reason === 'over_capacity'
            ? `（该时段名额保留为 ${a.capacity}，不再接受新预约）`
            : a.reason === 'closed_day'
              ? '，已发消息请办事人改约'
              : '，请联系办事人'}
        </Text>
      ))}
    </View>
  )
}
