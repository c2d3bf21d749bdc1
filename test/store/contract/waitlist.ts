import { retentionCutoff } from '@/core/retention'
import type { Store } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'
import { booking, DAY, GUARD, kinds, nextCode, NOW, seats, SERVICE, slot, waitEntry as entry } from './fixtures'

const LATER = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString()
const accept = (s: Store, id: string, n: number, now = NOW, start = '09:00') =>
  s.waitlist.accept(
    id,
    { id: `bw${n}`, requestId: `accept-${n}`, note: null, createdAt: now },
    slot(start),
    { maxActive: 3, now },
    nextCode,
  )

/** Fills the 09:00 slot (2 seats) with b1, b2. */
async function fullSlot(s: Store) {
  for (const n of [1, 2]) expect((await s.bookings.create(booking(n), slot(), GUARD, nextCode)).kind).toBe('created')
}

const status = async (s: Store, id: string) => (await s.waitlist.get(id))?.status

export function waitlistContract(store: StoreAccess): void {
  describe('join', () => {
    it('keeps the join order, answers a repeated request with its entry and a second entry of one person with the first', async () => {
      await fullSlot(store())
      const first = await store().waitlist.join(entry(1), NOW)
      const second = await store().waitlist.join(entry(2), NOW)
      expect(first).toMatchObject({ kind: 'joined', entry: { id: 'w1', status: 'waiting', personName: '李秀英', phone: '13912345678' } })
      expect(second.entry.seq).toBeGreaterThan(first.entry.seq)
      expect((await store().waitlist.join(entry(1), NOW)).kind).toBe('duplicate')
      expect(await store().waitlist.join(entry(3, '09:00', { idHash: 'wait-1' }), NOW)).toMatchObject({
        kind: 'already',
        entry: { id: 'w1' },
      })
      // The whole day is another line for the same person.
      expect((await store().waitlist.join(entry(4, null, { idHash: 'wait-1' }), NOW)).kind).toBe('joined')
      expect((await store().waitlist.line(SERVICE, DAY)).map((p) => p.start)).toEqual(['09:00', '09:00', null])
      expect((await store().waitlist.listMine('lsw', 'wopenid-1', DAY)).map((e) => e.id)).toEqual(['w1'])
    })

    it('lets one of 10 concurrent joins of one person into the line', async () => {
      await fullSlot(store())
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store().waitlist.join(entry(10 + i, '09:00', { idHash: 'p' }), NOW)),
      )
      expect(kinds(results)).toEqual({ joined: 1, already: 9 })
      expect(await store().waitlist.line(SERVICE, DAY)).toHaveLength(1)
    })

    it('offers a seat that is free when someone joins at once', async () => {
      await store().bookings.create(booking(1), slot(), GUARD, nextCode)
      expect(await store().waitlist.join(entry(1), NOW)).toMatchObject({
        kind: 'joined',
        entry: { status: 'offered', offerStart: '09:00' },
      })
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
    })
  })

  describe('when a seat frees', () => {
    it('offers a cancelled seat to the first in line, keeps it counted, and writes the 消息 with the template', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      await store().waitlist.join(entry(2), NOW)
      await store().bookings.cancel('b1', NOW, null)
      expect(await store().waitlist.get('w1')).toMatchObject({ status: 'offered', offerStart: '09:00', offerExpiresAt: LATER(15) })
      expect(await status(store(), 'w2')).toBe('waiting')
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
      // Held: nobody else can book it meanwhile.
      expect(await store().bookings.create(booking(9), slot(), GUARD, nextCode)).toEqual({ kind: 'slot_full' })
      const [message] = await store().messages.listFor('lsw', 'wopenid-1', 10)
      expect(message).toMatchObject({
        id: 'waitlist-offer-w1',
        kind: 'waitlist',
        templateId: 'tmpl-offer',
        link: '/pages/booking/waitlist/index?id=w1',
      })
      expect(message.body).toContain('异地就医备案')
    })

    it('gives the seat back to the slot when nobody waits for it', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1, '10:00'), NOW)
      await store().bookings.cancel('b1', NOW, null)
      expect(await seats(store())).toEqual({ capacity: 2, booked: 1 })
      expect(await status(store(), 'w1')).toBe('waiting')
    })

    it('offers it to an earlier "any time that day" entry before a later one for the slot', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1, null), NOW)
      await store().waitlist.join(entry(2, '09:00'), NOW)
      await store().bookings.cancel('b2', NOW, null)
      expect(await store().waitlist.get('w1')).toMatchObject({ status: 'offered', offerStart: '09:00' })
      expect(await status(store(), 'w2')).toBe('waiting')
    })

    it('offers the seat a reschedule leaves', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      expect((await store().bookings.reschedule('b1', slot('10:00'), NOW)).kind).toBe('moved')
      expect(await status(store(), 'w1')).toBe('offered')
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
    })

    it('offers free seats to the line: fill finds them, and a join meets one at once', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1, '10:00'), NOW)
      // Freed while nobody waited for 09:00: back to the slot.
      await store().bookings.cancel('b1', NOW, null)
      expect(await store().waitlist.fill(SERVICE, DAY, NOW)).toEqual([])
      await store().waitlist.join(entry(2, null), NOW)
      expect(await store().waitlist.get('w2')).toMatchObject({ status: 'offered', offerStart: '09:00' })
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
      // Not once the slot has begun: nobody could use the seat.
      await store().waitlist.leave('w2', NOW)
      await store().waitlist.join(entry(3, null), '2026-11-27T01:00:00.000Z')
      expect(await status(store(), 'w3')).toBe('waiting')
      expect(await seats(store())).toEqual({ capacity: 2, booked: 1 })
    })
  })

  describe('accept', () => {
    it('books the held seat without taking another, once', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      await store().bookings.cancel('b1', NOW, null)
      const result = await accept(store(), 'w1', 1)
      expect(result).toMatchObject({
        kind: 'accepted',
        booking: { id: 'bw1', status: 'booked', start: '09:00', openid: 'wopenid-1', personName: '李秀英' },
      })
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
      expect(await store().waitlist.get('w1')).toMatchObject({ status: 'accepted', bookingId: 'bw1' })
      expect(await store().bookings.get('bw1')).toMatchObject({ phone: '13912345678', limitKey: 'person_wait-1' })
      expect(await accept(store(), 'w1', 1)).toMatchObject({ kind: 'duplicate', booking: { id: 'bw1', phone: '13912345678' } })
      expect(await store().waitlist.line(SERVICE, DAY)).toEqual([])
    })

    it('refuses an entry without an offer, and the person’s limits', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      expect(await accept(store(), 'w1', 1)).toMatchObject({ kind: 'not_offered', entry: { id: 'w1' } })
      expect(await accept(store(), 'nobody', 1)).toEqual({ kind: 'not_offered', entry: null })
      // The person already booked this service that day (at 10:00) meanwhile.
      await store().bookings.create(booking(5, { idHash: 'wait-1', limitKey: 'person_wait-1' }), slot('10:00'), GUARD, nextCode)
      await store().bookings.cancel('b1', NOW, null)
      expect(await accept(store(), 'w1', 1)).toEqual({ kind: 'person_day_taken' })
      expect(await status(store(), 'w1')).toBe('offered')
    })

    it('lets one of an accept and a create of one person at once have the day, with their earlier booking counted', async () => {
      for (const n of [1, 2]) {
        const person = { idHash: `wait-${n}`, limitKey: `person_wait-${n}` }
        // An earlier booking of theirs on another day: the holder's record exists before the race.
        await store().bookings.create(booking(10 + n, person), slot('09:00', '2026-11-30'), GUARD, nextCode)
      }
      await fullSlot(store())
      for (const n of [1, 2]) await store().waitlist.join(entry(n), NOW)
      for (const id of ['b1', 'b2']) await store().bookings.cancel(id, NOW, null)
      const raced = await Promise.all(
        [1, 2].flatMap((n) => [
          accept(store(), `w${n}`, n),
          store().bookings.create(booking(20 + n, { idHash: `wait-${n}`, limitKey: `person_wait-${n}` }), slot('10:00'), GUARD, nextCode),
        ]),
      )
      for (const pair of [raced.slice(0, 2), raced.slice(2)]) {
        expect(pair.filter((r) => r.kind === 'accepted' || r.kind === 'created')).toHaveLength(1)
        expect(pair.filter((r) => r.kind === 'person_day_taken')).toHaveLength(1)
      }
      // Each holder's record counts what got through: a third booking that day is refused, one on another day is not.
      for (const n of [1, 2]) {
        const again = (m: number, date: string) =>
          store().bookings.create(booking(m, { idHash: `wait-${n}`, limitKey: `person_wait-${n}` }), slot('11:00', date), GUARD, nextCode)
        expect((await again(30 + n, DAY)).kind).toBe('person_day_taken')
        expect((await again(40 + n, '2026-12-01')).kind).toBe('created')
      }
    })

    it('expires an offer past its hold and passes the seat on to the next in line', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      await store().waitlist.join(entry(2), NOW)
      await store().bookings.cancel('b1', NOW, null)
      expect(await accept(store(), 'w1', 1, LATER(15))).toMatchObject({ kind: 'expired', entry: { status: 'expired' } })
      expect(await store().waitlist.get('w2')).toMatchObject({ status: 'offered', offerExpiresAt: LATER(30) })
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
    })
  })

  describe('expireDue and leave', () => {
    it('expires due offers, passes each seat on, and gives it back when the line is empty', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      await store().waitlist.join(entry(2, null), NOW)
      await store().bookings.cancel('b1', NOW, null)
      expect(await store().waitlist.expireDue(LATER(14))).toEqual([])
      expect((await store().waitlist.expireDue(LATER(15))).map((e) => e.id)).toEqual(['w1'])
      expect(await status(store(), 'w2')).toBe('offered')
      expect((await store().waitlist.expireDue(LATER(30))).map((e) => e.id)).toEqual(['w2'])
      expect(await seats(store())).toEqual({ capacity: 2, booked: 1 })
      expect(await store().waitlist.line(SERVICE, DAY)).toEqual([])
    })

    it('passes a held seat on when its holder leaves, and answers null for one not in line', async () => {
      await fullSlot(store())
      await store().waitlist.join(entry(1), NOW)
      await store().waitlist.join(entry(2), NOW)
      await store().bookings.cancel('b1', NOW, null)
      expect(await store().waitlist.leave('w1', NOW)).toMatchObject({ status: 'left' })
      expect(await status(store(), 'w2')).toBe('offered')
      expect(await store().waitlist.leave('w1', NOW)).toBeNull()
      expect(await seats(store())).toEqual({ capacity: 2, booked: 2 })
    })
  })

  describe('statistics', () => {
    it('reads the day’s entries for the daily aggregates: joined, offered, accepted, expired', async () => {
      await fullSlot(store())
      for (const n of [1, 2, 3]) await store().waitlist.join(entry(n), NOW)
      await store().bookings.cancel('b1', NOW, null)
      await store().waitlist.expireDue(LATER(15))
      await accept(store(), 'w2', 2, LATER(16))
      const facts = await store().stats.waitlistOn('lsw', DAY)
      expect([...facts].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { serviceId: SERVICE, status: 'accepted', offered: true },
        { serviceId: SERVICE, status: 'expired', offered: true },
        { serviceId: SERVICE, status: 'waiting', offered: false },
      ])
      expect(await store().stats.waitlistOn('yz', DAY)).toEqual([])
    })
  })

  describe('retention', () => {
    // 180 days after 2026-12-03: entries of days before it (DAY is 2026-11-27) are due.
    const cutoff = retentionCutoff(new Date('2027-06-01T02:00:00.000Z'), 180)

    it('purges the person of entries of days before the cut-off date, keeps the line’s facts, and once only', async () => {
      await fullSlot(store())
      for (const n of [1, 2, 3]) await store().waitlist.join(entry(n), NOW)
      await store().bookings.cancel('b1', NOW, null)
      await store().waitlist.join(entry(4, null, { date: cutoff.beforeDate }), NOW)

      expect(await store().waitlist.purgePersonalData(cutoff, NOW)).toBe(3)
      expect(await store().waitlist.get('w1')).toMatchObject({
        personName: '已清除',
        phone: '',
        idSealed: '',
        idHash: 'purged:w1',
        limitKey: 'purged:w1',
        openid: 'purged:w1',
        templateId: null,
        status: 'offered',
        serviceId: SERVICE,
        date: DAY,
        start: '09:00',
      })
      expect(await store().waitlist.listMine('lsw', 'wopenid-2', '2026-01-01')).toEqual([])
      expect(await store().waitlist.get('w4')).toMatchObject({ personName: '李秀英', openid: 'wopenid-4', idHash: 'wait-4' })
      expect(await store().stats.waitlistOn('lsw', DAY)).toHaveLength(3)
      expect(await store().waitlist.purgePersonalData(cutoff, NOW)).toBe(0)
      // Nothing of the purged entry still holds the person's place in that line.
      expect((await store().waitlist.join(entry(5, '09:00', { idHash: 'wait-2' }), NOW)).kind).toBe('joined')
    })
  })
}
