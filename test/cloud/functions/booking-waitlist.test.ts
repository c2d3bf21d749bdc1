/** @timezone */
import { runBookingJobs } from '@cloud/functions/jobs'
import { runStatsJobs } from '@cloud/functions/jobs/stats'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { createInput, type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'
import { nthIdNumber } from '@test/support/id-numbers'

let h: BookingHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest({ settings: { ...DEFAULT_SETTINGS, reminderTemplateId: 'tmpl-reminder' } })
beforeEach(() => {
  h = harnesses.next()
  // One seat a slot: the second resident meets a full slot.
  h.store.db.prepare('UPDATE services SET slot_capacity = 1 WHERE id = ?').run('lsw-medical-remote')
})
afterEach(() => h.close())

const create = (n: number, openid: string, over: Parameters<typeof createInput>[1] = {}) =>
  h.call('booking', { action: 'create', ...createInput(n, over) }, openid)
let requests = 0
const join = (n: number, openid: string, over: Record<string, unknown> = {}) =>
  h.call(
    'booking',
    {
      action: 'joinWaitlist',
      centerId: 'lsw',
      serviceId: 'lsw-medical-remote',
      date: '2026-11-27',
      start: '09:00',
      person: { name: '李秀英', idNumber: nthIdNumber(n), phone: '13912345678' },
      forSelf: true,
      consent: true,
      requestId: `join-req-${++requests}`,
      ...over,
    },
    openid,
  )
const mine = async (openid: string) => expectOk(await h.call('booking', { action: 'myWaitlist', centerId: 'lsw' }, openid)).items
const accept = (id: string, openid: string) =>
  h.call('booking', { action: 'acceptOffer', centerId: 'lsw', id, requestId: `accept-req-${++requests}` }, openid)
const rows = () => (h.store.db.prepare('SELECT COUNT(*) AS n FROM waitlist_entries').get() as { n: number }).n

describe('booking.joinWaitlist', () => {
  it('puts a resident in line for a full slot, and one for the full day behind them, each told their place', async () => {
    expectOk(await create(1, 'a'))
    const b = expectOk(await join(2, 'b'))
    expect(b).toMatchObject({ status: 'waiting', statusText: '候补中', ahead: 0, start: '09:00', offer: null, personName: '李秀英' })
    // The whole day is full only when every slot still bookable is: here it is not.
    expect(await join(3, 'c', { start: undefined })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('refuses a slot with seats left, the same person twice, and bad input — writing nothing', async () => {
    expect(await join(2, 'b')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该时段还有空位，请直接预约，不需要候补' } })
    expectOk(await create(1, 'a'))
    expectOk(await join(2, 'b'))
    expect(await join(2, 'b')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('已在该时段的候补中') },
    })
    expect(await join(4, 'd', { consent: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await join(4, 'd', { date: '2026-11-28' })).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
    expect(rows()).toBe(1)
  })

  it('refuses a person who already holds a booking of the service that day', async () => {
    expectOk(await create(1, 'a'))
    expectOk(await create(2, 'b', { start: '10:00' }))
    expect(await join(2, 'b')).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } })
  })
})

describe('when a seat frees', () => {
  it('offers it to the first in line with a 消息 and the subscribe template, holds it, and books it in one tap', async () => {
    const a = expectOk(await create(1, 'a'))
    const b = expectOk(await join(2, 'b'))
    expectOk(await join(3, 'c'))
    expect((await mine('c'))[0].ahead).toBe(1)
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: a.id }, 'a'))

    const [offered] = await mine('b')
    expect(offered).toMatchObject({ status: 'offered', offer: { start: '09:00', expiresAt: '2026-11-26T01:15:00.000Z' }, ahead: null })
    const messages = expectOk(await h.call('booking', { action: 'listMessages', centerId: 'lsw' }, 'b')).items
    expect(messages[0]).toMatchObject({ kind: 'waitlist', title: '候补有空位了', link: `/pages/booking/waitlist/index?id=${b.id}` })
    expect(
      (h.store.db.prepare('SELECT template_id FROM messages WHERE kind = ?').get('waitlist') as { template_id: string }).template_id,
    ).toBe('tmpl-reminder')
    // Held: a create meanwhile finds the slot full.
    expect(await create(9, 'z')).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } })

    const booking = expectOk(await accept(b.id, 'b'))
    expect(booking).toMatchObject({ status: 'booked', start: '09:00', personName: '李秀英' })
    expect(expectOk(await h.call('booking', { action: 'get', centerId: 'lsw', id: booking.id }, 'b')).person.phone).toBe('13912345678')
    expect((await mine('b'))[0]).toMatchObject({ status: 'accepted', bookingId: booking.id })
    expect((await mine('c'))[0]).toMatchObject({ status: 'waiting', ahead: 0 })
  })

  it('passes an offer not accepted in time to the next in line: on read, on accept, and by the jobs timer', async () => {
    const a = expectOk(await create(1, 'a'))
    const b = expectOk(await join(2, 'b'))
    const c = expectOk(await join(3, 'c'))
    expectOk(await join(4, 'd'))
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: a.id }, 'a'))
    h.setNow('2026-11-26T09:15:00+08:00')
    expect(await accept(b.id, 'b')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '保留时间已过，空位已让给下一位候补的人' },
    })
    expect((await mine('c'))[0]).toMatchObject({ status: 'offered', offer: { expiresAt: '2026-11-26T01:30:00.000Z' } })
    h.setNow('2026-11-26T09:31:00+08:00')
    expect(await runBookingJobs({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })).toMatchObject({ offersExpired: 1 })
    expect((await mine('c'))[0].status).toBe('expired')
    expect((await mine('d'))[0].status).toBe('offered')
    expect(await accept(c.id, 'c')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('offers the seats a raised capacity adds', async () => {
    expectOk(await create(1, 'a'))
    expectOk(await join(2, 'b'))
    const config = expectOk(await h.call('config', { action: 'get', centerId: 'lsw' }, 'dev-admin-sun'))
    const { categoryName: _c, retired: _r, upcomingBookings: _u, ...fields } = config.services.find((x) => x.id === 'lsw-medical-remote')!
    expectOk(await h.call('config', { action: 'saveService', centerId: 'lsw', ...fields, slotCapacity: 2 }, 'dev-admin-sun'))
    expect((await mine('b'))[0].status).toBe('offered')
  })
})

describe('候补 in the center’s statistics', () => {
  it('counts, on the date waited for, who joined, was offered a seat, took it and let it run out; the CSV says the same', async () => {
    const a = expectOk(await create(1, 'a'))
    const b = expectOk(await join(2, 'b'))
    expectOk(await join(3, 'c'))
    expectOk(await join(4, 'd'))
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: a.id }, 'a'))
    expectOk(await accept(b.id, 'b'))
    // b's seat frees again: c is offered it and lets it run out; d is offered it next.
    const held = expectOk(await h.call('booking', { action: 'listMine', centerId: 'lsw' }, 'b')).items[0]
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: held.id }, 'b'))
    h.setNow('2026-11-26T09:31:00+08:00')
    await runBookingJobs({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })
    await runStatsJobs({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })
    const range = { centerId: 'lsw', from: '2026-11-27', to: '2026-11-27' }
    const s = expectOk(await h.call('stats', { action: 'summary', ...range }, 'dev-admin-sun'))
    const counts = { joined: 3, offered: 3, accepted: 1, expired: 1 }
    expect(s.waitlistTotals).toEqual(counts)
    expect(s.waitlist).toEqual([{ serviceId: 'lsw-medical-remote', serviceName: '异地就医备案', ...counts }])
    // Counted on the date waited for, not the day they joined.
    const joinDay = expectOk(await h.call('stats', { action: 'summary', ...range, from: '2026-11-26', to: '2026-11-26' }, 'dev-admin-sun'))
    expect(joinDay.waitlistTotals).toEqual({ joined: 0, offered: 0, accepted: 0, expired: 0 })
    const csv = expectOk(await h.call('stats', { action: 'exportCsv', ...range, table: 'waitlist' }, 'dev-admin-sun'))
    expect(csv.csv).toContain('事项,登记候补,收到空位,接受,过期未接\r\n异地就医备案,3,3,1,1\r\n合计,3,3,1,1')
  })
})

describe('leaveWaitlist and who may act on an entry', () => {
  it('lets the owner leave (a held seat passing on), and answers anyone else as for no entry', async () => {
    const a = expectOk(await create(1, 'a'))
    const b = expectOk(await join(2, 'b'))
    expectOk(await join(3, 'c'))
    expect(await h.call('booking', { action: 'leaveWaitlist', centerId: 'lsw', id: b.id }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await accept(b.id, 'c')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expectOk(await h.call('booking', { action: 'cancel', centerId: 'lsw', id: a.id }, 'a'))
    expect(expectOk(await h.call('booking', { action: 'leaveWaitlist', centerId: 'lsw', id: b.id }, 'b')).status).toBe('left')
    expect((await mine('c'))[0].status).toBe('offered')
    expect(await mine('a')).toEqual([])
  })
})
