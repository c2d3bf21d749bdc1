/** How pages show a booking that cloud/functions/booking/view.ts shaped: its state in words. */
import { Text } from '@tarojs/components'
import type { BookingStatus, WaitEntry } from '../contract/booking'

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
