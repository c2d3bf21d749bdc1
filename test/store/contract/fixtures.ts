/** Records the contract cases write, and small readers through the port. */
import type { BookingRecord, NewBooking, NewMessage, NewWaitEntry, SlotTarget, Store } from '@cloud/store/port'

export const SERVICE = 'lsw-medical-remote'
export const DAY = '2026-11-27'
export const NOW = '2026-11-26T01:00:00.000Z'
export const GUARD = { maxActive: 3, now: NOW }

export function slot(start = '09:00', date = DAY, capacity = 2): SlotTarget {
  const startsAt = new Date(`${date}T${start}:00+08:00`)
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000)
  const end = new Date(endsAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)
  return {
    date,
    start,
    end,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    checkInBy: new Date(endsAt.getTime() + 15 * 60_000).toISOString(),
    capacity,
  }
}

let codes = 0
export const nextCode = () => `C${process.pid % 1000}${String(++codes).padStart(6, '0')}`

/** A booking of person `hash-<n>`; unless a case says otherwise it counts against that person (`limitKey`). */
export function booking(n: number | string, overrides: Partial<NewBooking> = {}): NewBooking {
  const idHash = overrides.idHash ?? `hash-${n}`
  return {
    limitKey: `person_${idHash}`,
    id: `b${n}`,
    centerId: 'lsw',
    serviceId: SERVICE,
    openid: `openid-${n}`,
    requestId: `request-${n}`,
    personName: '王建国',
    idSealed: 'sealed',
    idHash: `hash-${n}`,
    idMasked: '3702**********0000',
    phone: '13812345678',
    forSelf: true,
    relation: null,
    note: null,
    createdAt: NOW,
    ...overrides,
  }
}

/** The seat counter of one slot, as the port reads it. */
export async function seats(store: Store, start = '09:00', date = DAY, serviceId = SERVICE) {
  const counts = await store.bookings.slotCounts(serviceId, date, date)
  const found = counts.find((c) => c.start === start)
  return found ? { capacity: found.capacity, booked: found.booked } : undefined
}

export const kinds = (results: { kind: string }[]) =>
  results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {})

/** The 消息 of a no-show the cases mark. */
export const noShowMessage = (b: BookingRecord): NewMessage => ({
  id: `no-show-${b.id}`,
  centerId: b.centerId,
  openid: b.openid,
  bookingId: b.id,
  kind: 'no_show',
  title: '失约',
  body: b.code,
  templateId: null,
  createdAt: b.updatedAt,
})

/** Entry `w<n>` of person `wait-<n>` (account `wopenid-<n>`), for `start` (null: any time that day). */
export function waitEntry(n: number, start: string | null = '09:00', over: Partial<NewWaitEntry> = {}): NewWaitEntry {
  return {
    id: `w${n}`,
    centerId: 'lsw',
    serviceId: SERVICE,
    serviceName: '异地就医备案',
    date: DAY,
    start,
    openid: `wopenid-${n}`,
    personName: '李秀英',
    idSealed: 'sealed',
    idHash: `wait-${n}`,
    idMasked: '3702**********0000',
    limitKey: `person_wait-${n}`,
    phone: '13912345678',
    forSelf: true,
    relation: null,
    holdMinutes: 15,
    templateId: 'tmpl-offer',
    // Each a millisecond after the one before: the join order (one CloudBase orders joins of one instant arbitrarily).
    joinedAt: new Date(Date.parse(NOW) + n).toISOString(),
    ...over,
  }
}
