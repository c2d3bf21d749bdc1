/**
 * What the CloudBase bookings repo does beyond the port contract: its compensation when the
 * booking cannot be written after the seat was taken, the codes it derives from the booking id (a
 * retry's claim: taken over when the attempt holding it died), and the per-person claim of a
 * reschedule that a create waits for (and that expires when the function holding it died).
 *
 * @timezone
 */
import { requestCode } from '@cloud/store/cloudbase/booking-code-claim'
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
    it('gives the seat and the code back, writes nothing and rethrows', async () => {
      const { db, double, store } = await fresh()
      const broken = createCloudbaseStore(db, {
        ...TEST_PII,
        hash: TEST_PII.hash,
        encrypt: () => {
          throw new Error('key service down')
        },
      })
      await expect(broken.bookings.create(booking(1), slot(), GUARD, nextCode)).rejects.toThrow('key service down')
      expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
      expect(double.dump('booking_codes')).toEqual([])
      expect(double.dump('booking_people')).toEqual([])
      expect(double.dump('bookings')).toEqual([])
      expect((await store.bookings.create(booking(1), slot(), GUARD, nextCode)).kind).toBe('created')
    })
  })

  describe('its booking codes', () => {
    it('are the same for every attempt of one request, and differ between bookings', async () => {
      const { store } = await fresh()
      const first = await store.bookings.create(booking(1), slot(), GUARD, nextCode)
      expect(first.kind === 'created' && first.booking.code).toBe(requestCode(TEST_PII, 'b1', 0))
      expect(requestCode(TEST_PII, 'b1', 0)).toMatch(/^[2-9A-Z]{6}$/)
      expect(requestCode(TEST_PII, 'b1', 1)).not.toBe(requestCode(TEST_PII, 'b1', 0))
      expect(requestCode(TEST_PII, 'b2', 0)).not.toBe(requestCode(TEST_PII, 'b1', 0))
    })

    it('go on to the next when one is another booking’s, never sharing it', async () => {
      const { db, double, store } = await fresh()
      await db.collection('booking_codes').add({ data: { _id: requestCode(TEST_PII, 'b2', 0), bookingId: 'someone-else' } })
      const made = await store.bookings.create(booking(2), slot(), GUARD, nextCode)
      expect(made.kind === 'created' && made.booking.code).toBe(requestCode(TEST_PII, 'b2', 1))
      expect(double.dump('booking_codes').map((c) => c.bookingId)).toEqual(expect.arrayContaining(['someone-else', 'b2']))
      expect(await store.bookings.byCode(requestCode(TEST_PII, 'b2', 1))).toMatchObject({ id: 'b2' })
    })
  })

  describe('when an attempt of the same request holds its code', () => {
    const claimOf = (since: string) => ({ _id: requestCode(TEST_PII, 'b1', 0), bookingId: 'b1', by: 'attempt-1', since })

    it('waits while that attempt may still be at work, taking no seat', async () => {
      const { db, store } = await fresh()
      await db.collection('booking_codes').add({ data: claimOf(NOW) })
      const waiting = store.bookings.create(booking(1), slot(), GUARD, nextCode)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await seats(store)).toBeUndefined()
      // The attempt gave up (it removes its claim): the retry goes on and books.
      await db
        .collection('booking_codes')
        .doc(requestCode(TEST_PII, 'b1', 0))
        .remove()
      expect((await waiting).kind).toBe('created')
      expect(await seats(store)).toEqual({ capacity: 2, booked: 1 })
    })

    it('takes the claim over once it is older than a minute (its function died), keeping the code', async () => {
      const { db, double, store } = await fresh()
      await db.collection('booking_codes').add({ data: claimOf(NOW) })
      const made = await store.bookings.create(booking(1), slot(), { ...GUARD, now: later(61_000) }, nextCode)
      expect(made.kind === 'created' && made.booking.code).toBe(requestCode(TEST_PII, 'b1', 0))
      expect(double.dump('booking_codes')).toHaveLength(1)
      expect(double.dump('booking_codes')[0]).toMatchObject({ bookingId: 'b1', since: later(61_000) })
    })
  })

  describe('when a reschedule of the person is running', () => {
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
