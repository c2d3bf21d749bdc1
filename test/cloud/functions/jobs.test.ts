/** @timezone */
import { markNoShows, reconcileSeats, runBookingJobs, sendReminders, type JobContext } from '@cloud/functions/jobs'
import { CLAIM_EXPIRES_MS } from '@cloud/store/cloudbase/booking-code-claim'
import { booking, GUARD, nextCode, NOW, seats, slot } from '@test/store/contract/fixtures'
import { freshCloudbase, storeFailingOn } from '@test/support/cloudbase-failing-store'
import { createInput, type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'

let h: BookingHarness
let jobs: JobContext
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  h = harnesses.next()
  jobs = { store: h.store, now: h.now, settings: { reminderTemplateId: 'tmpl-reminder' } }
})
afterEach(() => h.close())

const book = async (n: number, overrides: Parameters<typeof createInput>[1] = {}, openid = 'resident-a') => {
  return expectOk(await h.call('booking', { action: 'create', ...createInput(n, overrides) }, openid))
}
const messages = async (openid = 'resident-a') => {
  const res = await h.call('booking', { action: 'listMessages', centerId: 'lsw' }, openid)
  return res.ok ? (res.data.items as { kind: string; title: string; body: string; bookingId: string }[]) : []
}

describe('markNoShows', () => {
  describe('when a booking is not checked in by slot end + 15 minutes', () => {
    it('marks it 失约 and leaves a 消息 for its owner', async () => {
      const b = await book(1)
      h.setNow('2026-11-27T09:44:59+08:00')
      expect(await markNoShows(jobs)).toEqual([])
      h.setNow('2026-11-27T09:45:00+08:00')
      expect((await markNoShows(jobs)).map((x) => x.id)).toEqual([b.id])
      expect((await h.store.bookings.get(b.id))?.status).toBe('no_show')
      expect(await messages()).toEqual([expect.objectContaining({ kind: 'no_show', title: '失约提醒', bookingId: b.id })])
      expect((await messages())[0].body).toContain('异地就医备案')
      expect(await messages('resident-b')).toEqual([])
    })
    it('runs twice without a second mark or message', async () => {
      await book(1)
      h.setNow('2026-11-28T09:00:00+08:00')
      await markNoShows(jobs)
      expect(await markNoShows(jobs)).toEqual([])
      expect(await messages()).toHaveLength(1)
    })
  })
  describe('when the booking was checked in, or cancelled', () => {
    it('leaves it alone', async () => {
      const a = await book(1)
      const c = await book(2, { start: '10:00' })
      h.store.db.prepare("UPDATE bookings SET status = 'checked_in' WHERE id = ?").run(a.id)
      await h.call('booking', { action: 'cancel', centerId: 'lsw', id: c.id })
      h.setNow('2026-11-28T09:00:00+08:00')
      expect(await markNoShows(jobs)).toEqual([])
    })
  })
})

describe('sendReminders', () => {
  describe('on the day before, from 09:00 Beijing time', () => {
    it('writes one reminder per booking of tomorrow, with the configured template', async () => {
      h.setNow('2026-11-25T08:00:00+08:00')
      const tomorrow = await book(1, { date: '2026-11-26', start: '14:00' })
      await book(2, { date: '2026-11-27' })
      h.setNow('2026-11-25T08:59:00+08:00')
      expect(await sendReminders(jobs)).toBe(0)
      h.setNow('2026-11-25T09:00:00+08:00')
      expect(await sendReminders(jobs)).toBe(1)
      expect(await sendReminders(jobs)).toBe(0)
      const list = await messages()
      expect(list).toHaveLength(1)
      expect(list[0]).toMatchObject({ kind: 'reminder', title: '预约提醒', bookingId: tomorrow.id })
      expect(list[0].body).toBe(
        `您预约的「异地就医备案」在明天（11月26日 周四 14:00–14:30），地点：灵山卫街道公共服务中心（青岛西海岸新区灵山卫街道灵山湾路 1 号（街道办事处一楼））。预约码 ${tomorrow.code}，请带齐材料按时签到。`,
      )
      expect(h.store.db.prepare('SELECT template_id FROM messages').get()).toEqual({ template_id: 'tmpl-reminder' })
    })
    it('is the same Beijing day whatever the server’s clock zone: 01:30 UTC is 09:30 Beijing', async () => {
      h.setNow('2026-11-25T08:00:00+08:00')
      await book(1, { date: '2026-11-26', start: '14:00' })
      h.setNow('2026-11-25T01:30:00Z')
      expect(await sendReminders(jobs)).toBe(1)
    })
  })
  describe('when a booking was cancelled or moved', () => {
    it('skips the cancelled one and reminds the moved one again for its new day', async () => {
      h.setNow('2026-11-25T08:00:00+08:00')
      const cancelled = await book(1, { date: '2026-11-26', start: '14:00' })
      const moved = await book(2, { date: '2026-11-26', start: '15:00' })
      await h.call('booking', { action: 'cancel', centerId: 'lsw', id: cancelled.id })
      h.setNow('2026-11-25T10:00:00+08:00')
      expect(await sendReminders(jobs)).toBe(1)
      await h.call('booking', { action: 'reschedule', centerId: 'lsw', id: moved.id, date: '2026-11-27', start: '09:00' })
      h.setNow('2026-11-26T10:00:00+08:00')
      expect(await sendReminders(jobs)).toBe(1)
      expect((await messages()).filter((m) => m.bookingId === moved.id)).toHaveLength(2)
    })
  })
})

describe('runBookingJobs', () => {
  it('runs both and reports the counts', async () => {
    h.setNow('2026-11-25T08:00:00+08:00')
    await book(1, { date: '2026-11-25', start: '09:00' })
    await book(2, { date: '2026-11-26', start: '09:00' })
    h.setNow('2026-11-25T10:00:00+08:00')
    expect(await runBookingJobs(jobs)).toEqual({ noShows: 1, reminders: 1, offersExpired: 0, seatsReturned: 0 })
  })
})

describe('reconcileSeats', () => {
  it('gives back, on CloudBase, the seat of a create that died between its seat and its booking, once a minute has passed', async () => {
    const { db, store } = await freshCloudbase()
    const dying = storeFailingOn(db, 'bookings', {
      add: () => Promise.reject(new Error('down')),
      doc: () => ({ get: () => Promise.reject(new Error('down')) }),
    })
    await expect(dying.bookings.create(booking(1), slot(), GUARD, nextCode)).rejects.toThrow('down')
    const run = (ms: number) => reconcileSeats({ store, now: () => new Date(Date.parse(NOW) + ms), settings: { reminderTemplateId: null } })
    expect(await run(CLAIM_EXPIRES_MS - 1_000)).toBe(0)
    expect(await run(CLAIM_EXPIRES_MS)).toBe(1)
    expect(await run(CLAIM_EXPIRES_MS)).toBe(0)
    expect(await seats(store)).toEqual({ capacity: 2, booked: 0 })
  })
})
