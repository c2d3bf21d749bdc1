import type { ClosedDayBooking } from '@/contract/calendar'
import { dayLabel, type IsoDate, monthDay, weekdayName } from '@/core/beijing-time'
import type { BookingRules } from '@/core/booking-rules'
import type { WorkingCalendar } from '@/core/working-days'
import type { ActionContext } from '@cloud/runtime/context'
import type { BookingRecord, CenterRecord, NewMessage } from '@cloud/store/port'

/** The day-before reminder (written by the reminders job; in WeChat also the subscribe message with `templateId`). Once per booking and date. */
export function reminderMessage(
  b: BookingRecord,
  serviceName: string,
  center: Pick<CenterRecord, 'name' | 'address'>,
  templateId: string | null,
  at: string,
): NewMessage {
  return {
    id: `reminder-${b.id}-${b.date}`,
    centerId: b.centerId,
    openid: b.openid,
    bookingId: b.id,
    kind: 'reminder',
    title: '预约提醒',
    body: `您预约的「${serviceName}」在明天（${dayLabel(b.date)} ${b.start}–${b.end}），地点：${center.name}（${center.address}）。预约码 ${b.code}，请带齐材料按时签到。`,
    templateId,
    createdAt: at,
  }
}

/** The 失约 notice (written by the no-shows job with the booking's new state), with the center's block rule in words. */
export function noShowMessage(b: BookingRecord, serviceName: string, rules: BookingRules, at: string): NewMessage {
  return {
    id: `no-show-${b.id}`,
    centerId: b.centerId,
    openid: b.openid,
    bookingId: b.id,
    kind: 'no_show',
    title: '失约提醒',
    body: `您预约的「${serviceName}」（${monthDay(b.date)} ${b.start}–${b.end}）未按时签到，已记为失约。${rules.noShowWindowDays} 天内失约 ${rules.noShowLimit} 次将暂停预约 ${rules.noShowBlockDays} 天。`,
    templateId: null,
    createdAt: at,
  }
}

/**
 * Bookings left on days that are now closed (a saved yearly arrangement, a center's closure):
 * each resident gets a 消息 — and in WeChat the reminder's subscribe message — that opens 改约
 * with one tap, and the staff who closed the days get the list. The booking itself is kept:
 * the resident moves or cancels it. Sending again is a no-op (the 消息 id is the booking's and the date's).
 */
export function closedDayMessage(b: BookingRecord, serviceName: string, reason: string, templateId: string | null, at: string): NewMessage {
  return {
    id: `closure-${b.id}-${b.date}`,
    centerId: b.centerId,
    openid: b.openid,
    bookingId: b.id,
    kind: 'closure',
    title: '预约日不办公，请改约',
    body: `您预约的「${serviceName}」在 ${dayLabel(b.date)} ${b.start}–${b.end}，这一天（${reason}）中心不对外办公。请点此改约到其他时间；不需要了也可以取消。`,
    templateId,
    // The booking's day and time come along, so 改约 says which booking it moves (当前预约 … ，这一天不办公).
    link: `/pages/booking/slots/index?serviceId=${b.serviceId}&rescheduleId=${b.id}&date=${b.date}&start=${b.start}`,
    createdAt: at,
  }
}

/** Of `dates`, those the center's calendar closes; their booked bookings each get the 消息; the list for staff. */
export async function noticeClosedDays(
  ctx: Pick<ActionContext, 'store' | 'now' | 'settings'>,
  center: CenterRecord,
  calendar: WorkingCalendar,
  dates: readonly IsoDate[],
): Promise<ClosedDayBooking[]> {
  const closed = dates.filter((d) => !calendar.dayStatus(d).open)
  if (!closed.length) return []
  const bookings = await ctx.store.bookings.bookedOn(center.id, closed)
  if (!bookings.length) return []
  const services = new Map((await ctx.store.config.allServices(center.id)).map((s) => [s.id, s.name]))
  const at = ctx.now().toISOString()
  const out: ClosedDayBooking[] = []
  for (const b of bookings) {
    const reason = calendar.dayStatus(b.date).reason ?? '休息'
    const serviceName = services.get(b.serviceId) ?? '预约事项'
    await ctx.store.messages.send(closedDayMessage(b, serviceName, reason, ctx.settings?.reminderTemplateId ?? null, at))
    out.push({ centerName: center.name, serviceName, date: b.date, weekday: weekdayName(b.date), start: b.start, end: b.end, reason })
  }
  return out
}
