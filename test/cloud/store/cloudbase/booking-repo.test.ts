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
import type { LimitHolderRule, NewWaitEntry } from '@cloud/store/port'
import { booking, DAY, GUARD, nextCode, NOW, seats, SERVICE, slot } from '@test/store/contract/fixtures'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { freshCloudbase, storeFailingOn } from '@test/support/cloudbase-failing-store'
import { TEST_PII } from '@test/support/test-keys'

const fresh = freshCloudbase

/** The 候补 entry `w1` of a person for the 09:00 slot. */
const waiting = (person: { idHash: string; limitKey: string }): NewWaitEntry => ({
  id: 'w1',
  centerId: 'lsw',
  serviceId: SERVICE,
  serviceName: '异地就医备案',
  date: DAY,
  start: '09:00',
  openid: 'wopenid-1',
  personName: '李秀英',
  idSealed: 'sealed',
  idMasked: '3702**********0000',
  phone: '13912345678',
  forSelf: true,
  relation: null,
  holdMinutes: 15,
  templateId: null,
  joinedAt: NOW,
  ...person,
})

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

  describe('when the booking cannot be written after its hold', () => {
    it('gives the seat and the code back, and leaves no hold anyone waits for', async () => {
      const { db, double, store } = await fresh()
      // Adding a booking document fails (the database answers an error).
      const broken = storeFailingOn(db, 'bookings', { add: () => Promise.reject(new Error('database down')) })
      await expect(broken.bookings.create(booking(1), slot(), GUARD, nextCode)).rejects.toThrow('database down')
      expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
      expect(double.dump('booking_codes')).toEqual([])
      expect(double.dump('bookings')).toEqual([])
      expect(double.dump('booking_people')).toMatchObject([{ _id: 'person_hash-1', writing: null }])
      // Not kept waiting for a booking that will never be written: the next request of the person books at once.
      expect((await store.bookings.create(booking(2, { idHash: 'hash-1' }), slot('10:00'), GUARD, nextCode)).kind).toBe('created')
    })
  })

  describe('when the maker’s relatives cannot be read (a limit holder its rule decides)', () => {
    it('gives the code back, takes no seat, writes nothing and rethrows; a retry of the request books', async () => {
      const { db, double, store } = await fresh()
      // Reading an owner's list of relatives fails (the database answers an error).
      const broken = storeFailingOn(db, 'relative_lists', { doc: () => ({ get: () => Promise.reject(new Error('database down')) }) })
      const rule: LimitHolderRule = { identity: false, decide: () => 'person_hash-1' }
      await expect(broken.bookings.create(booking(1, { limitKey: rule }), slot(), GUARD, nextCode)).rejects.toThrow('database down')
      expect(await seats(store)).toBeUndefined()
      expect(double.dump('booking_codes')).toEqual([])
      expect(double.dump('booking_people')).toEqual([])
      expect(double.dump('bookings')).toEqual([])
      // Its code was given back: the retry is not kept waiting for a claim nobody holds.
      const retried = await store.bookings.create(booking(1, { limitKey: rule }), slot(), GUARD, nextCode)
      expect(retried.kind === 'created' && retried.booking).toMatchObject({ id: 'b1', limitKey: 'person_hash-1' })
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

  describe('when a create of the person has written its hold and not yet its booking', () => {
    const writing = { _id: 'person_p', holds: ['bX'], busy: null, writing: { id: 'bX', since: NOW }, v: 1 }

    it('waits for that booking, then counts it', async () => {
      const { db, store } = await fresh()
      await db.collection('booking_people').add({ data: writing })
      const waiting = store.bookings.create(booking(1, { idHash: 'p' }), slot('09:00'), GUARD, nextCode)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await store.bookings.get('b1')).toBeNull()
      // That create writes its booking (the person, this service, this day): the waiting one is refused on it.
      expect((await store.bookings.create(booking('X', { idHash: 'p' }), slot('10:00'), GUARD, nextCode)).kind).toBe('created')
      expect(await waiting).toEqual({ kind: 'person_day_taken' })
      expect(await seats(store, '09:00')).toEqual({ capacity: 2, booked: 0 })
    })

    it('holds the limits when every booking is slow to write: 10 concurrent requests, exactly maxActive through', async () => {
      // Each booking arrives 50 ms after its hold: every other request of the person reads the hold before its booking.
      const double = createCloudbaseDouble({
        latency: (r) => (r.action === 'database.insertDocument' && r.params.collectionName === 'bookings' ? 50 : 0),
      })
      await seedCloudbase(double.db)
      const store = createCloudbaseStore(double.db, TEST_PII)
      const days = Array.from({ length: 10 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`)
      const results = await Promise.all(
        days.map((day, i) => store.bookings.create(booking(i, { idHash: 'p' }), slot('09:00', day), GUARD, nextCode)),
      )
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(3)
      expect(results.filter((r) => r.kind === 'too_many_active')).toHaveLength(7)
      expect(double.dump('bookings')).toHaveLength(3)
    })

    it('counts nothing for it once older than a minute (its function died)', async () => {
      const { db, double, store } = await fresh()
      await db.collection('booking_people').add({ data: writing })
      const made = await store.bookings.create(booking(1, { idHash: 'p' }), slot(), { ...GUARD, now: later(61_000) }, nextCode)
      expect(made.kind).toBe('created')
      expect(double.dump('booking_people')).toMatchObject([{ holds: ['b1'], writing: { id: 'b1' }, v: 2 }])
    })
  })

  describe('when a 候补 accept of the person writes their record while a create decides on it', () => {
    it('the create’s write finds the record moved on, and decides again counting the accepted booking', async () => {
      // The create's compare-and-set on the holder's record arrives 100 ms late: the accept commits in between.
      const double = createCloudbaseDouble({
        latency: (r) =>
          r.action === 'database.modifyDocument' && r.params.collectionName === 'booking_people' && !r.params.transactionId ? 100 : 0,
      })
      await seedCloudbase(double.db)
      const store = createCloudbaseStore(double.db, TEST_PII)
      const person = { idHash: 'p', limitKey: 'person_p' }
      await store.bookings.create(booking(11, person), slot('09:00', '2026-11-30'), GUARD, nextCode)
      for (const n of [1, 2]) await store.bookings.create(booking(n), slot(), GUARD, nextCode)
      await store.waitlist.join(waiting(person), NOW)
      await store.bookings.cancel('b1', NOW, null)
      const [created, accepted] = await Promise.all([
        store.bookings.create(booking(21, person), slot('10:00'), GUARD, nextCode),
        store.waitlist.accept('w1', { id: 'bw1', requestId: 'accept-1', note: null, createdAt: NOW }, slot(), GUARD, nextCode),
      ])
      expect(accepted.kind).toBe('accepted')
      expect(created).toEqual({ kind: 'person_day_taken' })
      expect(double.dump('booking_people').find((d) => d._id === 'person_p')).toMatchObject({ holds: ['b11', 'bw1'] })
    })
  })

  describe('when a claim was left by a function that died', () => {
    it('is ignored once older than a minute', async () => {
      const { db, double, store } = await fresh()
      await db.collection('booking_people').add({ data: { _id: 'person_p', holds: [], busy: { by: 'dead', since: NOW } } })
      const result = await store.bookings.create(booking(1, { idHash: 'p' }), slot(), { ...GUARD, now: later(61_000) }, nextCode)
      expect(result.kind).toBe('created')
      expect(double.dump('booking_people')).toMatchObject([{ _id: 'person_p', holds: ['b1'], busy: null }])
    })
  })
})
