/** How pages show a booking that cloud/functions/booking/view.ts shaped: its state in words. */
import { Text } from '@tarojs/components'
import type { BookingStatus } from '../contract/booking'

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
