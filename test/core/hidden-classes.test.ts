/**
 * Records built on the hot paths keep one hidden class call after call. On Node 20 (V8 11.3) an object that starts as a
 * spread's copy and then gets keys the copy did not have — `{ ...x, newKey }`, or keys added to `{ ...x }` afterwards —
 * gets a map of its own every call, and everything that reads it (sealing, an INSERT's parameters, JSON.stringify) slows
 * down many times (docs/benchmarks.md, point 5, fourth and fifth rounds). Asked of V8 itself (`%HaveSameMap`).
 */
import v8 from 'node:v8'
import { bookedRecord, type HeldBooking, type SlotTarget } from '@cloud/store/port'
import { orderQueue } from '@/core/queue-order'

v8.setFlagsFromString('--allow-natives-syntax')
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean
v8.setFlagsFromString('--no-allow-natives-syntax')

/** How many of `n` results of `make` have another map than the one before (the first few may settle V8's slack). */
function mapChanges(make: (i: number) => object, n = 200): number {
  let previous = make(0)
  let changes = 0
  for (let i = 1; i < n; i++) {
    const next = make(i)
    if (!haveSameMap(previous, next)) changes++
    previous = next
  }
  return changes
}

describe('the hidden classes of hot records', () => {
  it('tells records of two shapes apart (the check itself works, on any V8)', () => {
    // Keys in another order make another map in every V8; whether a spread's copy with added keys does depends on the
    // version (Node 20's does, every call), so it is not what proves the check.
    const alternating = (i: number) => (i % 2 === 0 ? { a: i, b: i } : { b: i, a: i })
    expect(mapChanges(alternating)).toBe(199)
    expect(mapChanges((i) => ({ a: i, b: i }))).toBe(0)
  })

  it('keeps one for a booking as a create writes it', () => {
    const slot: SlotTarget = {
      date: '2026-11-27',
      start: '09:00',
      end: '09:30',
      startsAt: '2026-11-27T01:00:00.000Z',
      endsAt: '2026-11-27T01:30:00.000Z',
      checkInBy: '2026-11-27T01:45:00.000Z',
      capacity: 2,
    }
    const booking = (i: number): HeldBooking => ({
      id: `b${i}`,
      centerId: 'lsw',
      serviceId: 's',
      openid: `o${i}`,
      requestId: `r${i}`,
      personName: '王建国',
      idSealed: 'v1.x',
      idHash: `h${i}`,
      idMasked: '3702**********0000',
      limitKey: `person_h${i}`,
      phone: '13812345678',
      forSelf: true,
      relation: null,
      note: null,
      createdAt: '2026-11-26T01:00:00.000Z',
    })
    expect(mapChanges((i) => bookedRecord(booking(i), slot, `C${i}`))).toBeLessThanOrEqual(2)
  })

  it('keeps one for the tickets the counter console places', () => {
    const ticket = (i: number) => ({
      id: `t${i}`,
      kind: 'walk_in' as const,
      green: null,
      slotStart: null,
      arrivedAt: '2026-11-26T01:00:00.000Z',
      number: i,
      label: `A${i}`,
    })
    expect(mapChanges((i) => orderQueue([ticket(i)])[0])).toBeLessThanOrEqual(2)
  })
})
