/**
 * The 候补 race of issue 20, written once and run on two stores that share one database: two processes on one
 * SQLite file (test/server/waitlist-race.test.ts, each process driven through test/support/waitlist-race-worker.ts)
 * and two store instances on one CloudBase double. A slot of SEATS seats is booked out, LINE residents join
 * its line from both sides at once (every tenth for "any time that day"), then the seats are freed one after
 * another; each offer is raced — two accepts from both sides, with the expiry sweep beside them — and every
 * fourth offer is left to run out, raced by an accept that comes too late and the sweep.
 */
import type { NewBooking, NewWaitEntry, SlotTarget, Store } from '@cloud/store/port'

export const SEATS = 100
export const LINE = 500
export const HOLD_MINUTES = 15
export const SERVICE = 'lsw-medical-remote'
/** A slot far enough ahead that every offer of the race is made before it begins. */
export const SLOT: SlotTarget = {
  date: '2026-12-30',
  start: '09:00',
  end: '09:30',
  startsAt: '2026-12-30T01:00:00.000Z',
  endsAt: '2026-12-30T01:30:00.000Z',
  checkInBy: '2026-12-30T01:45:00.000Z',
  capacity: SEATS,
}
export const T0 = Date.parse('2026-11-26T01:00:00.000Z')
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString()

/** What one side of the race can do: plain data in and out, so a process can answer it over a pipe. */
export interface RaceSide {
  create(n: number): Promise<string>
  join(n: number): Promise<string>
  cancel(bookingId: string, at: string): Promise<boolean>
  /** The kind of the answer. */
  accept(entryId: string, requestId: string, now: string): Promise<string>
  expireDue(at: string): Promise<string[]>
}

export function booking(n: number): NewBooking {
  return {
    id: `race-b${n}`,
    centerId: 'lsw',
    serviceId: SERVICE,
    openid: `race-booker-${n}`,
    requestId: `race-request-${n}`,
    personName: '王建国',
    idSealed: 'sealed',
    idHash: `race-booker-hash-${n}`,
    idMasked: '3702**********0000',
    limitKey: `person_race-booker-hash-${n}`,
    phone: '13812345678',
    forSelf: true,
    relation: null,
    note: null,
    createdAt: at(0),
  }
}

export function entry(n: number): NewWaitEntry {
  return {
    id: `race-w${String(n).padStart(3, '0')}`,
    centerId: 'lsw',
    serviceId: SERVICE,
    serviceName: '异地就医备案',
    date: SLOT.date,
    start: n % 10 === 0 ? null : SLOT.start,
    openid: `race-waiter-${n}`,
    personName: '李秀英',
    idSealed: 'sealed',
    idHash: `race-waiter-hash-${n}`,
    idMasked: '3702**********0000',
    limitKey: `person_race-waiter-hash-${n}`,
    phone: '13912345678',
    forSelf: true,
    relation: null,
    holdMinutes: HOLD_MINUTES,
    templateId: null,
    joinedAt: at(0),
  }
}

/** One side as a store in this process answers it. `tag` keeps booking codes of the two sides apart. */
export function storeSide(store: Store, tag: string): RaceSide {
  let codes = 0
  const newCode = () => `${tag}${String(++codes).padStart(6, '0')}`
  return {
    async create(n) {
      return (await store.bookings.create(booking(n), SLOT, { maxActive: 3, now: at(0) }, newCode)).kind
    },
    async join(n) {
      return (await store.waitlist.join(entry(n), at(0))).kind
    },
    async cancel(id, when) {
      return (await store.bookings.cancel(id, when, null)) !== null
    },
    async accept(id, requestId, now) {
      const b = { id: `race-accept-${requestId}`, requestId, note: null, createdAt: now }
      return (await store.waitlist.accept(id, b, SLOT, { maxActive: 3, now }, newCode)).kind
    },
    async expireDue(when) {
      return (await store.waitlist.expireDue(when)).map((e) => e.id)
    },
  }
}

/** What the race did, for the test's assertions (read afterwards through `reader`). */
export interface RaceOutcome {
  joins: Record<string, number>
  /** Per freed seat: the entries offered it, in order (the last one accepted it). */
  offers: string[][]
  /** The answers of the two racing accepts of each accepted offer. */
  acceptKinds: string[][]
  /** The entries left to expire. */
  letExpire: string[]
}

/** Runs the race on two sides sharing one database; `reader` reads that database for the checks. */
export async function runWaitlistRace(sides: [RaceSide, RaceSide], reader: Store): Promise<RaceOutcome> {
  const created = await Promise.all(Array.from({ length: SEATS }, (_, n) => sides[n % 2].create(n)))
  if (created.some((k) => k !== 'created')) throw new Error(`the slot was not booked out: ${created.join(',')}`)
  const joined = await Promise.all(Array.from({ length: LINE }, (_, n) => sides[n % 2].join(n)))
  const joins = joined.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {})

  // The line in join order, read once; every offer must go to the first entry still waiting in it.
  const order = (await Promise.all(Array.from({ length: LINE }, (_, n) => reader.waitlist.get(entry(n).id))))
    .map((e) => e!)
    .sort((x, y) => x.seq - y.seq || (x.id < y.id ? -1 : 1))
    .map((e) => e.id)
  let next = 0
  /** The entry holding the offer now: the first in `order` not yet done with; anything else breaks line order. */
  const offeredNow = async () => {
    while (next < order.length && ['accepted', 'expired'].includes((await reader.waitlist.get(order[next]))!.status)) next++
    const first = await reader.waitlist.get(order[next])
    if (first?.status !== 'offered') throw new Error(`the first in line (${order[next]}) is ${first?.status}, not offered`)
    return first.id
  }

  const offers: string[][] = []
  const acceptKinds: string[][] = []
  const letExpire: string[] = []
  let clock = 0
  for (let seat = 0; seat < SEATS; seat++) {
    clock += 3 * HOLD_MINUTES
    const [a, b] = seat % 2 ? [sides[1], sides[0]] : sides
    if (!(await a.cancel(booking(seat).id, at(clock)))) throw new Error(`booking ${seat} was not cancelled`)
    const chain: string[] = []
    let holder = await offeredNow()
    chain.push(holder)
    if (seat % 4 === 3) {
      // Left to run out: an accept that comes too late races the sweep; the seat passes on exactly once.
      letExpire.push(holder)
      clock += HOLD_MINUTES
      await Promise.all([a.accept(holder, `late-${seat}`, at(clock)), b.expireDue(at(clock))])
      holder = await offeredNow()
      chain.push(holder)
    }
    // Two taps from both sides, and the sweep beside them (nothing due yet).
    const kinds = await Promise.all([
      a.accept(holder, `a-${seat}`, at(clock + 1)),
      b.accept(holder, `b-${seat}`, at(clock + 1)),
      a.expireDue(at(clock + 1)),
    ])
    acceptKinds.push(kinds.slice(0, 2) as string[])
    offers.push(chain)
  }
  return { joins, offers, acceptKinds, letExpire }
}
