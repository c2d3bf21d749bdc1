import type { BookingDetail, BookingSummary } from '@/contract/booking'
import { longDate, weekdayName } from '@/core/beijing-time'
import { canChange, STATUS_TEXT } from '@/core/booking-rules'
import { calendarFile } from '@/core/ics'
import { maskMobile } from '@/core/phone'
import { relationName } from '@/core/relations'
import type { BookingRecord, CenterRecord, ServiceRecord, WindowRecord } from '@cloud/store/port'

/**
 * What a booking looks like on the wire. The ID number only ever leaves masked;
 * the phone leaves in full only to the booking's owner.
 */
export function bookingSummary(b: BookingRecord, center: Pick<CenterRecord, 'name'>, serviceName: string, now: Date): BookingSummary {
  const changeable = canChange(b.status, new Date(b.startsAt), now)
  return {
    id: b.id,
    code: b.code,
    centerId: b.centerId,
    centerName: center.name,
    serviceId: b.serviceId,
    serviceName,
    date: b.date,
    weekday: weekdayName(b.date),
    start: b.start,
    end: b.end,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    statusText: STATUS_TEXT[b.status],
    personName: b.personName,
    canCancel: changeable,
    canReschedule: changeable,
  }
}

export function bookingDetail(
  b: BookingRecord,
  center: CenterRecord,
  service: ServiceRecord,
  windows: WindowRecord[],
  viewerOpenid: string | null,
  now: Date,
): BookingDetail {
  const summary = bookingSummary(b, center, service.name, now)
  const when = `${longDate(b.date)} ${weekdayName(b.date)} ${b.start}–${b.end}`
  const materials = service.materials.map((m) => `${m.name}（${m.copies}）`).join('、')
  const ics = calendarFile({
    uid: `${b.id}@bianmin-service-center`,
    start: new Date(b.startsAt),
    end: new Date(b.endsAt),
    stamp: now,
    summary: `预约办事：${service.name}`,
    location: `${center.name}，${center.address}`,
    description: `预约码 ${b.code}\n时间 ${when}\n请带齐：${materials}\n咨询电话 ${center.phone}`,
    alarmMinutesBefore: 60,
  })
  return {
    ...summary,
    person: {
      name: b.personName,
      idNumberMasked: b.idMasked,
      phone: viewerOpenid === b.openid ? b.phone : maskMobile(b.phone),
      forSelf: b.forSelf,
      relation: b.relation,
      relationName: b.relation ? relationName(b.relation) : null,
    },
    note: b.note,
    center: { name: center.name, address: center.address, phone: center.phone },
    windows: windows.filter((w) => service.windowIds.includes(w.id)).map((w) => ({ number: w.number, name: w.name })),
    materials: service.materials,
    createdAt: b.createdAt,
    cancelledAt: b.cancelledAt,
    checkInBy: b.checkInBy,
    ics,
    icsFileName: `预约-${b.code}.ics`,
  }
}
