import type { BookingDetail, BookingSummary } from '@/contract/booking'
import { weekdayName } from '@/core/beijing-time'
import { canChange, STATUS_TEXT } from '@/core/booking-rules'
import { maskMobile } from '@/core/phone'
import { sexOf } from '@/core/id-number'
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

/** What every booking of one service at one center shows alike. */
interface ServicePart {
  center: BookingDetail['center']
  windows: BookingDetail['windows']
}

/**
 * The service's part of a booking's detail, remembered per service record while the center and windows are the same
 * objects too: the SQLite store hands back the same frozen records until the configuration changes (a change makes
 * new objects, so nothing stale is ever found), and every create answers its detail. Only frozen records are
 * remembered, so nothing can change one under the memo; a store that reads afresh (CloudBase) simply never hits.
 */
const serviceParts = new WeakMap<ServiceRecord, { center: CenterRecord; windows: WindowRecord[]; part: ServicePart }>()

function servicePart(center: CenterRecord, service: ServiceRecord, windows: WindowRecord[]): ServicePart {
  const known = serviceParts.get(service)
  if (known && known.center === center && known.windows === windows) return known.part
  const part: ServicePart = Object.freeze({
    center: Object.freeze({
      name: center.name,
      address: center.address,
      phone: center.phone,
      location: Object.freeze({ latitude: center.latitude, longitude: center.longitude }),
    }),
    windows: Object.freeze(
      windows.filter((w) => service.windowIds.includes(w.id)).map((w) => Object.freeze({ number: w.number, name: w.name })),
    ) as BookingDetail['windows'],
  })
  if (Object.isFrozen(service) && Object.isFrozen(center) && Object.isFrozen(windows)) serviceParts.set(service, { center, windows, part })
  return part
}

export function bookingDetail(
  b: BookingRecord,
  center: CenterRecord,
  service: ServiceRecord,
  windows: WindowRecord[],
  viewerOpenid: string | null,
  now: Date,
): Omit<BookingDetail, 'checkIn'> {
  const part = servicePart(center, service, windows)
  // Added onto the summary, not `{ ...summary, person, … }`: on Node 20 that literal gets a map of its own every time
  // (~13 µs, and its JSON.stringify 20 µs instead of 2; see bookedRecord in cloud/store/port/booking.ts).
  return Object.assign(bookingSummary(b, center, service.name, now), {
    person: {
      name: b.personName,
      idNumberMasked: b.idMasked,
      phone: viewerOpenid === b.openid ? b.phone : maskMobile(b.phone),
      forSelf: b.forSelf,
      relation: b.relation,
      relationName: b.relation ? relationName(b.relation, sexOf(b.idMasked)) : null,
    },
    note: b.note,
    center: part.center,
    windows: part.windows,
    materials: service.materials,
    createdAt: b.createdAt,
    cancelledAt: b.cancelledAt,
    checkInBy: b.checkInBy,
  })
}
