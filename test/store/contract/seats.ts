import type { Store } from '@cloud/store/port'
import type { StoreAccess, StoreHarness } from '../store-contract'
import { booking, DAY, GUARD, nextCode, noShowMessage, NOW, seats, SERVICE, slot, waitEntry as entry } from './fixtures'

/** Two minutes after the cases' bookings: no function that took their seats can still be at work. */
const LATER = new Date(Date.parse(NOW) + 120_000).toISOString()
const NEXT_DAY = '2026-11-28'

const create = async (s: Store, n: number, start = '09:00') => (await s.bookings.create(booking(n), slot(start), GUARD, nextCode)).kind

export function seatsContract(store: StoreAccess, harness: StoreHarness): void {
  describe('reconcileSeats', () => {
    it('gives back nothing while every seat counted is held: bookings, a 候补 offer, a cancel’s and a reschedule’s seats', async () => {
      const s = store()
      for (const n of [1, 2]) expect(await create(s, n)).toBe('created')
      expect((await s.waitlist.join(entry(1), NOW)).kind).toBe('joined')
      // b1's seat goes to w1 (an offer holds it); b3 moves from 10:00 to 10:30; b4 is a no-show.
      await s.bookings.cancel('b1', NOW, null)
      expect((await s.waitlist.get('w1'))?.status).toBe('offered')
      expect(await create(s, 3, '10:00')).toBe('created')
      expect((await s.bookings.reschedule('b3', slot('10:30'), NOW)).kind).toBe('moved')
      expect(await create(s, 4, '11:00')).toBe('created')
      expect(await s.bookings.markNoShows('2026-11-27T04:00:00.000Z', noShowMessage)).toHaveLength(3)
      expect(await s.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      const counts = await s.bookings.slotCounts(SERVICE, DAY, DAY)
      expect(counts.map(({ start, booked }) => [start, booked])).toEqual([
        ['09:00', 2],
        ['10:00', 0],
        ['10:30', 1],
        ['11:00', 1],
      ])
    })

    it('gives a stranded seat back, so the slot books to its capacity again; a second run gives nothing', async () => {
      const s = store()
      expect(await create(s, 1)).toBe('created')
      await harness().strandSeat(SERVICE, DAY, '09:00')
      expect(await create(s, 2)).toBe('slot_full')
      expect(await s.bookings.reconcileSeats(DAY, LATER)).toEqual([{ serviceId: SERVICE, date: DAY, start: '09:00', seats: 1 }])
      expect(await seats(s)).toEqual({ capacity: 2, booked: 1 })
      expect(await s.bookings.reconcileSeats(DAY, LATER)).toEqual([])
      expect(await create(s, 2)).toBe('created')
      expect(await create(s, 3)).toBe('slot_full')
      expect(await seats(s)).toEqual({ capacity: 2, booked: 2 })
    })

    it('offers a stranded seat to the first in the slot’s 候补 line', async () => {
      const s = store()
      expect(await create(s, 1)).toBe('created')
      await harness().strandSeat(SERVICE, DAY, '09:00')
      expect((await s.waitlist.join(entry(1), NOW)).entry.status).toBe('waiting')
      expect(await s.bookings.reconcileSeats(DAY, LATER)).toEqual([{ serviceId: SERVICE, date: DAY, start: '09:00', seats: 1 }])
      expect(await s.waitlist.get('w1')).toMatchObject({ status: 'offered', offerStart: '09:00' })
      expect(await seats(s)).toEqual({ capacity: 2, booked: 2 })
      expect(await create(s, 2)).toBe('slot_full')
    })

    it('looks at no slot before `from`', async () => {
      const s = store()
      expect(await create(s, 1)).toBe('created')
      await harness().strandSeat(SERVICE, DAY, '09:00')
      expect(await s.bookings.reconcileSeats(NEXT_DAY, LATER)).toEqual([])
      expect(await seats(s)).toEqual({ capacity: 2, booked: 2 })
    })
  })
}
