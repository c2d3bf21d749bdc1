/**
 * The seat reconcile on CloudBase (cloud/store/cloudbase/seat-reconcile.ts) beyond the port contract: the seat a create
 * leaves when it dies between its seat and its booking, given back only once no function of the slot can be at work,
 * and never a seat that a create, a cancel, a 候补 offer or an accept moves while the reconcile reads and writes.
 */
import { addDays } from '@/core/beijing-time'
import { CLAIM_EXPIRES_MS } from '@cloud/store/cloudbase/booking-code-claim'
import type { DbApi } from '@cloud/store/cloudbase/db-api'
import { BOOKING_COLLECTIONS } from '@cloud/store/cloudbase/booking-repo'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { cloudbaseSeatReconcile } from '@cloud/store/cloudbase/seat-reconcile'
import { slotId } from '@cloud/store/cloudbase/slot-id'
import type { Store } from '@cloud/store/port'
import { booking, DAY, GUARD, nextCode, NOW, seats, SERVICE, slot, waitEntry as entry } from '@test/store/contract/fixtures'
import { freshCloudbase, storeFailingOn } from '@test/support/cloudbase-failing-store'
import { TEST_PII } from '@test/support/test-keys'

const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()
const down = () => Promise.reject(new Error('database down'))

/** A create of booking `n` at `now` that dies between its seat and its booking: its add fails and nothing is given back. */
async function deadCreate(db: DbApi, n: number, capacity = 2, now = NOW) {
  const dying = storeFailingOn(db, 'bookings', { add: down, doc: () => ({ get: down }) })
  await expect(dying.bookings.create(booking(n), slot('09:00', DAY, capacity), { ...GUARD, now }, nextCode)).rejects.toThrow(
    'database down',
  )
}

const create = async (s: Store, n: number, capacity = 2, now = NOW) =>
  (await s.bookings.create(booking(n), slot('09:00', DAY, capacity), { ...GUARD, now }, nextCode)).kind

/** The bookings of the 09:00 slot that hold a seat. */
const holding = (double: Awaited<ReturnType<typeof freshCloudbase>>['double']) =>
  double.dump('bookings').filter((b) => b.start === '09:00' && b.date === DAY && b.status === 'booked').length

/** Which request a racer goes before: by its collection and method (`get`, `update`), and the collections read before it. */
type When = (collection: string, method: string, seen: Map<string, number>) => boolean

/**
 * `db` whose requests run `racer` once, just before the first one that `when` picks, so another writer's action lands
 * between the reconcile's reads, or before its write.
 */
function racedDb(db: DbApi, when: When, racer: () => Promise<unknown>): DbApi {
  let raced = false
  const seen = new Map<string, number>()
  const chained = ['where', 'orderBy', 'limit', 'skip']
  const hook = <Q extends object>(q: Q, collection: string): Q =>
    new Proxy(q, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        const name = String(prop)
        if (chained.includes(name)) return (...args: unknown[]) => hook(value.apply(target, args), collection)
        if (name !== 'get' && name !== 'update') return value.bind(target)
        return async (...args: unknown[]) => {
          if (!raced && when(collection, name, seen)) {
            raced = true
            await racer()
          }
          if (name === 'get') seen.set(collection, (seen.get(collection) ?? 0) + 1)
          return value.apply(target, args)
        }
      },
    })
  return Object.assign(Object.create(db), { collection: (n: string) => hook(db.collection(n), n) })
}

const racedStore = (db: DbApi, when: When, racer: () => Promise<unknown>) => createCloudbaseStore(racedDb(db, when, racer), TEST_PII)

/** Between the reconcile's two counts: before the second of the 候补 offers and the bookings is read. */
const betweenCounts: When = (collection, method, seen) =>
  method === 'get' &&
  ((collection === 'bookings' && seen.has('waitlist_entries')) || (collection === 'waitlist_entries' && seen.has('bookings')))
/** Before the reconcile's write of a counter. */
const beforeWrite: When = (collection, method) => collection === 'booking_slots' && method === 'update'

const LATER = at(CLAIM_EXPIRES_MS)

/**
 * Books the 09:00 slot (of `capacity` seats) from booking `n` on until it is full, and answers how many it took: the
 * slot then holds exactly `capacity` bookings, never more (oversold) and never fewer (a seat lost).
 */
async function fillUp(s: Store, double: Awaited<ReturnType<typeof freshCloudbase>>['double'], capacity: number, n: number) {
  let took = 0
  while (took <= capacity && (await create(s, n + took, capacity, LATER)) === 'created') took++
  expect(holding(double)).toBe(capacity)
  expect(await seats(s)).toEqual({ capacity, booked: capacity })
  return took
}

describe('cloudbaseSeatReconcile', () => {
  describe('when a create died between its seat and its booking', () => {
    it('leaves the seat counted; the job gives it back after CLAIM_EXPIRES_MS, not before, and the slot books to capacity', async () => {
      const { db, double, store } = await freshCloudbase()
      await deadCreate(db, 1)
      expect(await seats(store)).toEqual({ capacity: 2, booked: 1 })
      expect(double.dump('bookings')).toEqual([])
      expect(await store.bookings.reconcileSeats(DAY, at(CLAIM_EXPIRES_MS - 1))).toEqual([])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 1 })
      expect(await store.bookings.reconcileSeats(DAY, at(CLAIM_EXPIRES_MS))).toEqual([
        { serviceId: SERVICE, date: DAY, start: '09:00', seats: 1 },
      ])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
      // Run again: nothing more.
      expect(await store.bookings.reconcileSeats(DAY, at(CLAIM_EXPIRES_MS))).toEqual([])
      // The dead request's retry (its claim taken over) and another one book the slot's two seats; a third is refused.
      expect(await create(store, 1, 2, at(CLAIM_EXPIRES_MS + 1_000))).toBe('created')
      expect(await create(store, 2, 2, at(CLAIM_EXPIRES_MS + 1_000))).toBe('created')
      expect(await create(store, 3, 2, at(CLAIM_EXPIRES_MS + 1_000))).toBe('slot_full')
      expect(await seats(store)).toEqual({ capacity: 2, booked: 2 })
    })

    it('leaves alone the seat a reschedule took and has not yet moved its booking into', async () => {
      const { db, double, store } = await freshCloudbase()
      expect(await create(store, 1, 2, at(-2 * CLAIM_EXPIRES_MS))).toBe('created')
      // The reconcile runs half a minute into the reschedule, between its new seat (10:00) and its move (the second
      // transaction, after its claim on the person).
      let transactions = 0
      const moving: DbApi = Object.assign(Object.create(db), {
        runTransaction: async (...args: Parameters<DbApi['runTransaction']>) => {
          if (++transactions === 2) expect(await store.bookings.reconcileSeats(DAY, at(30_000))).toEqual([])
          return db.runTransaction(...args)
        },
      })
      const mover = createCloudbaseStore(moving, TEST_PII)
      expect((await mover.bookings.reschedule('b1', slot('10:00', DAY, 1), NOW)).kind).toBe('moved')
      expect(transactions).toBeGreaterThanOrEqual(2)
      expect(await store.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      expect((await store.bookings.create(booking(2), slot('10:00', DAY, 1), { ...GUARD, now: LATER }, nextCode)).kind).toBe('slot_full')
      expect(double.dump('bookings').filter((b) => b.start === '10:00')).toHaveLength(1)
    })

    it('waits while any seat of the slot was taken within CLAIM_EXPIRES_MS, whoever took it', async () => {
      const { db, store } = await freshCloudbase()
      await deadCreate(db, 1, 3)
      expect(await create(store, 2, 3, at(30_000))).toBe('created')
      expect(await store.bookings.reconcileSeats(DAY, at(CLAIM_EXPIRES_MS))).toEqual([])
      expect(await store.bookings.reconcileSeats(DAY, at(30_000 + CLAIM_EXPIRES_MS))).toMatchObject([{ seats: 1 }])
      expect(await seats(store)).toEqual({ capacity: 3, booked: 1 })
    })
  })

  describe('when another writer moves a seat of the slot while the reconcile works', () => {
    it('skips the counter when a create takes a seat between its read and its write; the next run gives it back', async () => {
      const { db, double, store } = await freshCloudbase()
      await deadCreate(db, 1)
      const raced = racedStore(db, beforeWrite, async () => expect(await create(store, 2, 2, LATER)).toBe('created'))
      expect(await raced.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 2 })
      expect(await store.bookings.reconcileSeats(DAY, at(2 * CLAIM_EXPIRES_MS))).toMatchObject([{ seats: 1 }])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 1 })
      expect(holding(double)).toBe(1)
    })

    it('skips it when a cancel frees a seat and the 候补 line is offered it between its counts: never oversold', async () => {
      const { db, double, store } = await freshCloudbase()
      expect(await create(store, 1)).toBe('created')
      await deadCreate(db, 2)
      expect((await store.waitlist.join(entry(1), NOW)).entry.status).toBe('waiting')
      // b1's seat leaves its booking and becomes w1's offer after the offers were counted and before the bookings were.
      const raced = racedStore(db, betweenCounts, async () => {
        await store.bookings.cancel('b1', LATER, null)
        expect((await store.waitlist.get('w1'))?.status).toBe('offered')
      })
      expect(await raced.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 2 })
      // The next run gives back the dead create's seat only; w1 accepts; the slot takes one more booking and no other.
      expect(await store.bookings.reconcileSeats(DAY, LATER)).toMatchObject([{ seats: 1 }])
      const accepted = await store.waitlist.accept(
        'w1',
        { id: 'bw1', requestId: 'accept-1', note: null, createdAt: LATER },
        slot(),
        { ...GUARD, now: LATER },
        nextCode,
      )
      expect(accepted.kind).toBe('accepted')
      expect(await fillUp(store, double, 2, 3)).toBe(1)
    })

    it('skips it when a cancel moves a seat into `offering` between its counts and dies before offering it: never oversold', async () => {
      const { db, double, store } = await freshCloudbase()
      expect(await create(store, 1)).toBe('created')
      await deadCreate(db, 2)
      // The cancel commits (b1 cancelled, its seat in `offering`), then its function fails before it looks at the line.
      const query = { orderBy: () => query, limit: () => query, get: down }
      const dying = storeFailingOn(db, 'waitlist_entries', { where: () => query })
      const raced = racedStore(db, betweenCounts, () => expect(dying.bookings.cancel('b1', LATER, null)).rejects.toThrow('database down'))
      expect(await raced.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      expect(double.dump('booking_slots')).toMatchObject([{ booked: 2, offering: 1 }])
      // The next run gives the dead create's seat back beside the parked one; the pump frees both.
      expect(await store.bookings.reconcileSeats(DAY, LATER)).toMatchObject([{ seats: 1 }])
      expect(await fillUp(store, double, 2, 3)).toBe(2)
    })

    it('counts a 候补 offer accepted between its counts (at worst twice, never not at all): never oversold', async () => {
      const { db, double, store } = await freshCloudbase()
      for (const n of [1, 2]) expect(await create(store, n, 3)).toBe('created')
      await deadCreate(db, 3, 3)
      expect((await store.waitlist.join(entry(1), NOW)).entry.status).toBe('waiting')
      await store.bookings.cancel('b2', NOW, null)
      expect((await store.waitlist.get('w1'))?.status).toBe('offered')
      // The offer becomes a booking (the counter untouched) after one count and before the other.
      const raced = racedStore(db, betweenCounts, async () => {
        const accepted = await store.waitlist.accept(
          'w1',
          { id: 'bw1', requestId: 'accept-1', note: null, createdAt: LATER },
          slot('09:00', DAY, 3),
          { ...GUARD, now: LATER },
          nextCode,
        )
        expect(accepted.kind).toBe('accepted')
      })
      const first = await raced.bookings.reconcileSeats(DAY, LATER)
      const second = await store.bookings.reconcileSeats(DAY, LATER)
      expect([...first, ...second].reduce((n, s) => n + s.seats, 0)).toBe(1)
      expect(await fillUp(store, double, 3, 4)).toBe(1)
    })

    it('gives a seat back once when two runs reconcile at once', async () => {
      const { db, store } = await freshCloudbase()
      await deadCreate(db, 1)
      const other = createCloudbaseStore(db, TEST_PII)
      const runs = await Promise.all([store.bookings.reconcileSeats(DAY, LATER), other.bookings.reconcileSeats(DAY, LATER)])
      expect(runs.flat()).toEqual([{ serviceId: SERVICE, date: DAY, start: '09:00', seats: 1 }])
      expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
    })

    it('misses no booking of a slot when a booking of another leaves the count between two pages of it', async () => {
      const { db, double, store } = await freshCloudbase()
      // In `_id` order: b1, b2 at 10:00, then b3 at 09:00, read two a page.
      for (const [n, start] of [
        [1, '10:00'],
        [2, '10:00'],
        [3, '09:00'],
      ] as const)
        expect((await store.bookings.create(booking(n), slot(start), GUARD, nextCode)).kind).toBe('created')
      const secondPage: When = (collection, method, seen) => collection === 'bookings' && method === 'get' && seen.get('bookings') === 1
      const raced = racedDb(db, secondPage, () => store.bookings.cancel('b1', LATER, null))
      const reconcile = cloudbaseSeatReconcile(raced, TEST_PII, BOOKING_COLLECTIONS, 2)
      expect(await reconcile(DAY, LATER)).toEqual([])
      expect(await fillUp(store, double, 2, 4)).toBe(1)
    })
  })

  describe('what a run costs', () => {
    it('is 4 requests for a center’s 8 days × 13 slots all full (1 040 bookings) with nothing to give back; 5 more for one seat', async () => {
      const { db, double, store } = await freshCloudbase()
      const days = Array.from({ length: 8 }, (_, i) => addDays(DAY, i))
      // 08:30, 09:00, … 14:30.
      const starts = Array.from({ length: 13 }, (_, i) => {
        const minutes = 8 * 60 + 30 + 30 * i
        return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
      })
      const add = (collection: string, data: Record<string, unknown>) => db.collection(collection).add({ data })
      for (const date of days)
        for (const start of starts) {
          const slotDoc = { serviceId: SERVICE, centerId: 'lsw', date, start, capacity: 10, booked: 10, remaining: 0, v: 10, takenAt: NOW }
          await add('booking_slots', { _id: slotId(SERVICE, date, start), ...slotDoc })
          await Promise.all(
            Array.from({ length: 10 }, (_, k) =>
              add('bookings', { _id: `b-${date}-${start}-${k}`, centerId: 'lsw', serviceId: SERVICE, date, start, status: 'booked' }),
            ),
          )
        }
      const run = (label: string) => double.requests.during(label, () => store.bookings.reconcileSeats(DAY, LATER))
      expect(await run('nothing stranded')).toEqual([])
      await db.collection('bookings').doc(`b-${DAY}-09:00-0`).remove()
      expect(await run('one seat stranded')).toMatchObject([{ start: '09:00', seats: 1 }])
      const requests = (label: string) => {
        const c = double.requests.perCall().find((call) => call.label === label)!.counts
        return c.reads + c.writes + c.starts + c.commits + c.aborts
      }
      expect([requests('nothing stranded'), requests('one seat stranded')]).toEqual([4, 9])
    })
  })
})
