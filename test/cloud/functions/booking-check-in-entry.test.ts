/**
 * The booking page and the check-in page open on one call each (issue 21, point 1): booking.get carries the 签到取号
 * entry (what queue.checkInStatus answers), and checkInStatus of a booking already checked in carries the ticket (what
 * queue.myTicket answers), so neither page asks a second function.
 * @timezone
 */
import { expectOk } from '@test/support/expect-ok'
import { queueHarness, type QueueHarness } from '@test/support/queue-harness'

let q: QueueHarness
beforeEach(() => {
  q = queueHarness()
})
afterEach(() => q.h.close())

const get = (id: string, openid = 'resident-a') => q.h.call('booking', { action: 'get', centerId: 'lsw', id }, openid)
const status = (bookingId: string) => q.h.call('queue', { action: 'checkInStatus', centerId: 'lsw', bookingId })

describe('booking.get and create: the check-in entry', () => {
  it('answers what checkInStatus answers, before the window, while it is open and once checked in', async () => {
    const b = await q.book({ start: '10:00' })
    // create answers it too: the booking page opened after 确认预约 asks nothing.
    const { booking: _booking, ticket: _ticket, ...early } = expectOk(await status(b.id))
    expect(b.checkIn).toEqual(early)
    expect(b.checkIn).toMatchObject({ timing: 'early', canCheckIn: false })

    q.h.setNow('2026-11-26T09:40:00+08:00')
    const open = expectOk(await get(b.id)).checkIn
    expect(open).toMatchObject({ timing: 'open', canCheckIn: true, ticketId: null })
    const { booking: _b2, ticket: _t2, ...openStatus } = expectOk(await status(b.id))
    expect(open).toEqual(openStatus)

    const t = expectOk(await q.checkIn(b.id))
    expect(expectOk(await get(b.id)).checkIn).toMatchObject({ timing: 'checked_in', ticketId: t.id })
  })

  it('is null for a cancelled booking', async () => {
    const b = await q.book({ start: '10:00' })
    expectOk(await q.h.call('booking', { action: 'cancel', centerId: 'lsw', id: b.id }))
    expect(expectOk(await get(b.id)).checkIn).toBeNull()
  })
})

describe('queue.checkInStatus of a booking already checked in', () => {
  it('answers the ticket as myTicket does, so the page hands it to the ticket page', async () => {
    const b = await q.book({ start: '10:00' })
    expect(expectOk(await status(b.id)).ticket).toBeNull()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    const t = expectOk(await q.checkIn(b.id))
    const answered = expectOk(await status(b.id))
    expect(answered.ticketId).toBe(t.id)
    expect(answered.ticket).toEqual(expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id: t.id })))
  })
})
