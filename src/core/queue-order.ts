import { beijingClock, type ClockTime, type IsoDate } from './beijing-time'
import { ageOn } from './id-number'
import type { GreenReason, TicketKind } from './queue-tickets'

/** The age from which a resident goes first (绿色通道), unless a center sets another. */
export const GREEN_CHANNEL_AGE = 70

/**
 * Whether a ticket goes through the green channel, and why: aged `minAge` or
 * more on `today` (from the birth date in the ID number), a disability
 * certificate, or a clerk's flag — in that order of reasons.
 * @example greenChannel({ birthDate: '1956-11-26' }, '2026-11-26') // 'age'
 * @example greenChannel({ birthDate: '1956-11-27' }, '2026-11-26') // null
 */
export function greenChannel(
  facts: { birthDate?: IsoDate | null; disability?: boolean; clerk?: boolean },
  today: IsoDate,
  minAge = GREEN_CHANNEL_AGE,
): GreenReason | null {
  if (facts.birthDate && ageOn(facts.birthDate, today) >= minAge) return 'age'
  if (facts.disability) return 'disability'
  if (facts.clerk) return 'clerk'
  return null
}

/** A green-channel reason in words. @example greenText('age') // '70 岁以上' */
export function greenText(reason: GreenReason, minAge = GREEN_CHANNEL_AGE): string {
  return reason === 'age' ? `${minAge} 岁以上` : reason === 'disability' ? '持残疾人证' : '工作人员标记'
}

/** What the ordering rule looks at. */
export interface Orderable {
  id: string
  kind: TicketKind
  green: GreenReason | null
  /** The booked slot's start, for appointments. */
  slotStart: ClockTime | null
  /** When the resident checked in or took the number (ISO instant); kept through a transfer. */
  arrivedAt: string
  /** A walk-in that came from a booking checked in after its slot. */
  late?: boolean
  /** The day's number in its queue: the order of issue, for tickets that arrived in the same millisecond. */
  number?: number
}

export type Placed<T> = T & {
  /** 1 = next. */
  position: number
  /** Why it is there, in words: 绿色通道：70 岁以上 / 预约 09:30 / 现场取号 09:12. */
  reason: string
}

const CLASS = { green: 0, appointment: 1, walk_in: 2 } as const

const classOf = (t: Orderable) => (t.green ? CLASS.green : CLASS[t.kind])

function reasonOf(t: Orderable, minAge: number): string {
  if (t.green) return `绿色通道：${greenText(t.green, minAge)}`
  if (t.kind === 'appointment') return `预约 ${t.slotStart}`
  return `现场取号 ${beijingClock(t.arrivedAt)}${t.late ? '（预约已过时段）' : ''}`
}

/**
 * The order in which waiting tickets are called: the green channel first (by
 * arrival), then appointments by slot time (then arrival), then walk-ins by
 * arrival; the number, then the id, break exact ties so every process agrees. Each ticket comes
 * back with its position and the reason, for the console and the resident.
 * @example orderQueue([walkIn0912, appt0930, green]).map((t) => t.reason) // ['绿色通道：70 岁以上', '预约 09:30', '现场取号 09:12']
 */
export function orderQueue<T extends Orderable>(tickets: readonly T[], minAge = GREEN_CHANNEL_AGE): Placed<T>[] {
  return (
    [...tickets]
      .sort((a, b) => {
        const byClass = classOf(a) - classOf(b)
        if (byClass !== 0) return byClass
        if (classOf(a) === CLASS.appointment) {
          const bySlot = (a.slotStart ?? '').localeCompare(b.slotStart ?? '')
          if (bySlot !== 0) return bySlot
        }
        const byArrival = new Date(a.arrivedAt).getTime() - new Date(b.arrivedAt).getTime()
        if (byArrival !== 0) return byArrival
        const byNumber = (a.number ?? 0) - (b.number ?? 0)
        if (byNumber !== 0) return byNumber
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
      })
      // Copied into an empty object, not `{ ...t, position, reason }` (nor keys added to `{ ...t }`): on Node 20 a spread's
      // copy that gets keys added has a hidden class of its own every call, and its readers (the console's views,
      // JSON.stringify) slow down many times (docs/benchmarks.md, point 5 fifth round).
      .map((t, i) => Object.assign({}, t, { position: i + 1, reason: reasonOf(t, minAge) }))
  )
}
