import { createInput, type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'

/** The booking form and the booking page each open on one call (issue 21): booking.form, and create's full answer. */
describe('booking.form', () => {
  let h: BookingHarness
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses = harnessPerTest()
  beforeEach(() => {
    h = harnesses.next()
  })
  afterEach(() => h.close())

  describe('when the resident has never booked', () => {
    it('answers the service with what to bring, no one on file and nothing to fill in', async () => {
      const form = expectOk(await h.call('booking', { action: 'form', centerId: 'lsw', serviceId: 'lsw-medical-remote' }))
      const guide = expectOk(await h.call('center', { action: 'getService', centerId: 'lsw', serviceId: 'lsw-medical-remote' }))
      expect(form.service).toEqual({ id: 'lsw-medical-remote', name: '异地就医备案', materials: guide.materials })
      expect(form.service.materials.length).toBeGreaterThan(0)
      expect(form.people).toMatchObject({ identity: null, relatives: [] })
      expect(form.lastPerson).toBeNull()
    })
  })

  describe('when the resident booked before and recorded who they are', () => {
    it('answers 我的身份 as people.me does, and the name and whole phone of the latest booking', async () => {
      expectOk(await h.call('people', { action: 'saveIdentity', name: '王建国', idNumber: createInput(1).person.idNumber! }))
      expectOk(await h.call('booking', { action: 'create', ...createInput(2, { date: '2026-11-27', start: '09:00' }) }))
      const later = createInput(3, { date: '2026-11-30', start: '09:00' })
      expectOk(await h.call('booking', { action: 'create', ...later, person: { ...later.person, name: '李秀英', phone: '13900001111' } }))
      const form = expectOk(await h.call('booking', { action: 'form', centerId: 'lsw', serviceId: 'lsw-medical-remote' }))
      expect(form.people).toEqual(expectOk(await h.call('people', { action: 'me' })))
      expect(form.lastPerson).toEqual({ name: '李秀英', phone: '13900001111' })
    })

    it('fills in nothing for another resident', async () => {
      expectOk(await h.call('booking', { action: 'create', ...createInput(2) }))
      const other = expectOk(await h.call('booking', { action: 'form', centerId: 'lsw', serviceId: 'lsw-medical-remote' }, 'resident-b'))
      expect(other.lastPerson).toBeNull()
    })
  })

  describe('when the service does not exist', () => {
    it('answers NOT_FOUND', async () => {
      const res = await h.call('booking', { action: 'form', centerId: 'lsw', serviceId: 'nothing-here' })
      expect(res.ok ? null : res.error.code).toBe('NOT_FOUND')
    })
  })
})

describe('booking.create', () => {
  let h: BookingHarness
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses2 = harnessPerTest()
  beforeEach(() => {
    h = harnesses2.next()
  })
  afterEach(() => h.close())

  describe('when a booking is made, and when the same request comes again', () => {
    it('answers what booking.get answers, both times', async () => {
      const input = createInput(1)
      const made = expectOk(await h.call('booking', { action: 'create', ...input }))
      const got = expectOk(await h.call('booking', { action: 'get', centerId: 'lsw', id: made.id }))
      expect(made).toEqual(got)
      // The .ics is the page's to build when asked (bookingCalendarFile): no answer carries it.
      expect(made).not.toHaveProperty('ics')
      expect(made.windows.length).toBeGreaterThan(0)
      expect(expectOk(await h.call('booking', { action: 'create', ...input }))).toEqual(got)
    })
  })
})
