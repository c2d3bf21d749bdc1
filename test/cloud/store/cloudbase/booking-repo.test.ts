/**
 * What the CloudBase bookings repo does beyond the port contract: its compensation when the
 * booking cannot be written after the seat was taken, and the per-person claim that orders a
 * person's requests (and expires when the function holding it died).
 *
 * @timezone
 */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { booking, GUARD, nextCode, NOW, seats, slot } from '@test/store/contract/fixtures'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

async function fresh() {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db)
  return { db: double.db, double, store: createCloudbaseStore(double.db, TEST_PII) }
}

const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()

describe('cloudbaseBookingRepo', () => {
  describe('when the booking cannot be written after its seat was taken', () => {
    it('gives the seat back, frees the person and rethrows', async () => {
      const { double, store } = await fresh()
      const failing = () => {
        throw new Error('code source down')
      }
      await expect(store.bookings.create(booking(1), slot(), GUARD, failing)).rejects.toThrow('code source down')
      expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
      expect(double.dump('booking_people')).toEqual([{ _id: 'person_hash-1', holds: [], busy: null }])
      expect((await store.bookings.create(booking(1), slot(), GUARD, nextCode)).kind).toBe('created')
    })
  })

  describe('when another request of the person is running', () => {
    it('waits for it to finish, then decides with what it wrote', async () => {
      const { db, store } = await fresh()
      await db.collection('booking_people').add({ data: { _id: 'person_p', holds: [], busy: { by: 'other', since: NOW } } })
      const waiting = store.bookings.create(booking(1, { idHash: 'p' }), slot(), GUARD, nextCode)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await store.bookings.get('b1')).toBeNull()
      await db
        .collection('booking_people')
        .doc('person_p')
        .update({ data: { busy: null } })
      expect((await waiting).kind).toBe('created')
    })
  })

  describe('when a claim was left by a function that died', () => {
    it('is ignored once older than a minute', async () => {
      const { db, double, store } = await fresh()
      await db.collection('booking_people').add({ data: { _id: 'person_p', holds: [], busy: { by: 'dead', since: NOW } } })
      const result = await store.bookings.create(booking(1, { idHash: 'p' }), slot(), { ...GUARD, now: later(61_000) }, nextCode)
      expect(result.kind).toBe('created')
      expect(double.dump('booking_people')).toEqual([{ _id: 'person_p', holds: ['b1'], busy: null }])
    })
  })
})
