/** How pages show a booking that cloud/functions/booking/view.ts shaped: its state in words. */
import { Text, View } from '@tarojs/components'
import type { BookingStatus, WaitEntry } from '../contract/booking'
import type { Material } from '../core/materials'

const TONE: Record<BookingStatus, string> = {
  booked: 'tag--info',
  checked_in: 'tag--ok',
  completed: 'tag--ok',
  cancelled: 'tag--warn',
  no_show: 'tag--bad',
}

/** A booking's state in words; the colour only repeats what the words say. */
export function BookingStatusTag({ status, text }: { status: BookingStatus; text: string }) {
  return <Text className={`tag ${TONE[status]}`}>{text}</Text>
}

const WAIT_TONE: Record<WaitEntry['status'], string> = {
  waiting: 'tag--info',
  offered: 'tag--ok',
  accepted: 'tag--ok',
  expired: 'tag--warn',
  left: 'tag--warn',
}

/** A 候补 entry's state in words; the colour only repeats what the words say. */
export function WaitStatusTag({ entry }: { entry: Pick<WaitEntry, 'status' | 'statusText'> }) {
  return <Text className={`tag ${WAIT_TONE[entry.status]}`}>{entry.statusText}</Text>
}

/** What to bring to the counter, as the booking form (before 确认预约) and the booking page list it. */
export function MaterialsCard({ materials }: { materials: Material[] }) {
  if (materials.length === 0) return null
  return (
    <View className="card">
      <Text className="card__title">请带齐这些材料</Text>
      {materials.map((m) => (
        <Text key={m.name} className="card__line">
          · {m.name}（{m.copies}）{m.note ? `：${m.note}` : ''}
        </Text>
      ))}
    </View>
  )
}
