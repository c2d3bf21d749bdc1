/** Records the contract cases write, and small readers through the port. */
import type { NewBooking, SlotTarget, Store } from '@cloud/store/port'

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
