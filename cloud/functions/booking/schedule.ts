import { atBeijing, monthDay, type ClockTime, type IsoDate } from '@/core/beijing-time'
import { checkInDeadline, type BookingRules } from '@/core/booking-rules'
import { checkSlot, horizonEnd, slotCapacity, type SlotRefusal } from '@/core/slots'
import type { WorkingCalendar } from '@/core/working-days'
import { AppError, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import { loadCenter } from '@cloud/runtime/center'
import type { CenterRecord, ServiceRecord, SlotTarget } from '@cloud/store/port'

/** A bookable service of a center as of now: its rules, today, the last bookable date, the center's working calendar. */
export interface Schedule {
  center: CenterRecord
  service: ServiceRecord
  rules: BookingRules
  now: Date
  today: IsoDate
  lastDate: IsoDate
  calendar: WorkingCalendar
  capacity: number
}

/** Loads what every booking decision about one service needs; NOT_FOUND for an unknown center or service, CONFLICT for one that takes no bookings. */
export async function loadSchedule(ctx: ActionContext, centerId: string, serviceId: string): Promise<Schedule> {
  const [
    {
      center,
      rules: { booking: rules },
      now,
      today,
      calendar,
    },
    service,
  ] = await Promise.all([loadCenter(ctx, centerId, { calendar: true }), ctx.store.centers.service(centerId, serviceId)])
  if (!service) throw notFound('事项')
  if (!service.bookable) throw new AppError('CONFLICT', '该事项不需要预约，请直接到窗口办理')
  return {
    center,
    service,
    rules,
    now,
    today,
    lastDate: lastBookableDate(today, rules.horizonWorkingDays, calendar),
    calendar,
    capacity: slotCapacity(service),
  }
}

/**
 * horizonEnd, remembered: it walks the calendar day by day (~60 µs), and every
 * booking and availability call of a day asks the same question. The key holds
 * everything the answer depends on, so a changed closure is a new key.
 */
const horizons = new Map<string, IsoDate>()
function lastBookableDate(today: IsoDate, workingDays: number, calendar: WorkingCalendar): IsoDate {
  const key = `${today}|${workingDays}|${calendar.key}`
  let last = horizons.get(key)
  if (last === undefined) {
    last = horizonEnd(today, workingDays, calendar)
    // A handful of centers × one day: a small bound that a long-running server never outgrows.
    if (horizons.size >= 1000) horizons.clear()
    horizons.set(key, last)
  }
  return last
}

/** The wire error for a refused slot: CLOSED with the reason in words, or INVALID_INPUT on `start` for a slot that does not exist. */
export function refusalError(refusal: SlotRefusal, date: IsoDate, rules: BookingRules): AppError {
  switch (refusal.code) {
    case 'closed':
      return new AppError('CLOSED', `${monthDay(date)}（${refusal.reason}）不对外办公，请选择其他日期`)
    case 'beyond_horizon':
      return new AppError('CLOSED', `目前最远可预约到 ${monthDay(refusal.lastDate)}，请选择更近的日期`)
    case 'past_date':
      return new AppError('CLOSED', '该日期已过，请选择其他日期')
    case 'no_such_slot':
      return new AppError('INVALID_INPUT', '没有这个时段，请重新选择', { start: '没有这个时段，请重新选择' })
    case 'too_soon':
      return new AppError('CLOSED', `该时段即将开始或已过，请预约 ${rules.leadMinutes} 分钟以后的时段`)
  }
}

/** The slot a booking may take at `date start`, with its instants and seats; throws CLOSED / INVALID_INPUT when it may not. */
export function bookableSlot(s: Schedule, date: IsoDate, start: ClockTime): SlotTarget {
  const checked = checkSlot({
    date,
    start,
    now: s.now,
    today: s.today,
    lastDate: s.lastDate,
    hours: s.center.hours,
    calendar: s.calendar,
    slotMinutes: s.service.slotMinutes,
    leadMinutes: s.rules.leadMinutes,
  })
  if (!checked.ok) throw refusalError(checked.refusal, date, s.rules)
  const end = atBeijing(date, checked.slot.end)
  return {
    date,
    start,
    end: checked.slot.end,
    startsAt: atBeijing(date, start).toISOString(),
    endsAt: end.toISOString(),
    checkInBy: checkInDeadline(end, s.rules).toISOString(),
    capacity: s.capacity,
  }
}
