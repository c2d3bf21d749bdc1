/**
 * The queue part of the store contract: what the queue function relies on,
 * whichever adapter holds the tickets. Called by describeStoreContract with the
 * store of the current test (fresh and seeded with the demo centers).
 */
import { buildBoard } from '@/core/queue-board'
import { ticketLabel } from '@/core/queue-tickets'
import type { BoardProjector, NewBooking, NewTicket, NewTicketEvent, SlotTarget, Store } from '@cloud/store/port'

export const AT = '2026-11-26T01:00:00.000Z'
const DAY = '2026-11-26'
export const project: BoardProjector = (day) =>
  buildBoard({ ...day, at: AT, queues: [{ queue: 'pension', windows: [2, 3] }], windowNames: {} })
export const event: NewTicketEvent = { at: AT, action: 'issue', actorOpenid: 'dev-clerk-liu', actorName: '刘芳', window: null, note: null }

export const ticket = (id: string, extra: Partial<NewTicket> = {}): NewTicket => ({
  id,
  centerId: 'lsw',
  date: DAY,
  queue: 'pension',
  serviceId: 'lsw-pension-enroll',
  kind: 'walk_in',
  source: 'kiosk',
  bookingId: null,
  openid: null,
  personName: null,
  slotStart: null,
  late: false,
  notifySoon: false,
  arrivedAt: AT,
  green: null,
  createdAt: AT,
  ...extra,
})

function booking(n: number): NewBooking {
  return {
    id: `qb${n}`,
    centerId: 'lsw',
    serviceId: 'lsw-medical-remote',
    openid: `openid-${n}`,
    requestId: `request-${n}`,
    personName: '王建国',
    idSealed: 'sealed',
    idHash: `hash-${n}`,
    idMasked: '3702**********0000',
    limitKey: `person_hash-${n}`,
    phone: '13812345678',
    forSelf: true,
    relation: null,
    note: null,
    createdAt: AT,
  }
}
const slot: SlotTarget = {
  date: DAY,
  start: '09:00',
  end: '09:30',
  startsAt: '2026-11-26T01:00:00.000Z',
  endsAt: '2026-11-26T01:30:00.000Z',
  checkInBy: '2026-11-26T01:45:00.000Z',
  capacity: 5,
}
let codes = 0

/** Issues ticket `t` (checking its booking in when `checkIn`) with the queue's label and one board per write. */
export const issueTicket = (store: Store, t: NewTicket, checkIn = false) =>
  store.queue.issue(t, { label: (n) => ticketLabel(t.queue, n), bookingTo: checkIn ? 'checked_in' : null, event, board: project })

export function queueContract(current: () => Store): void {
  const issue = (t: NewTicket, checkIn = false) => issueTicket(current(), t, checkIn)
  const call = (window: number, serviceIds = ['lsw-pension-enroll']) =>
    current().queue.callNext(
      { centerId: 'lsw', date: DAY, window, serviceIds, at: AT, actor: { openid: 'dev-clerk-liu', name: '刘芳' } },
      (w) => w[0],
      { note: () => null, board: project },
    )
  const book = async (n: number) => {
    const r = await current().bookings.create(booking(n), slot, { maxActive: 3, now: AT }, () => `Q${String(++codes).padStart(5, '0')}`)
    if (r.kind !== 'created') throw new Error(`booking ${n}: ${r.kind}`)
    return r.booking
  }

  describe('issue', () => {
    it('numbers per center, date and queue, and answers the first ticket for a repeated id', async () => {
      const a = await issue(ticket('t1'))
      const b = await issue(ticket('t2'))
      const other = await issue(ticket('t3', { date: '2026-11-27' }))
      const again = await issue(ticket('t1'))
      expect([a, b, other].map((r) => r.kind === 'issued' && r.ticket.label)).toEqual(['A001', 'A002', 'A001'])
      expect(again).toMatchObject({ kind: 'existing', ticket: { id: 't1', label: 'A001' } })
      expect(await current().queue.counters('lsw', DAY)).toEqual([{ queue: 'pension', lastNumber: 2, served: 0, serviceSeconds: 0 }])
      expect((await current().queue.events('t1')).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([['issue', null, 'waiting']])
    })

    it('keeps whether the resident allowed the 即将到号 notice, through a change and a call', async () => {
      await issue(ticket('t1', { openid: 'res-1', notifySoon: true }))
      await issue(ticket('t2', { openid: 'res-2' }))
      expect((await current().queue.get('t1'))?.notifySoon).toBe(true)
      expect((await current().queue.get('t2'))?.notifySoon).toBe(false)
      expect((await call(2))?.notifySoon).toBe(true)
      expect((await current().queue.openTickets('lsw', DAY)).map((t) => [t.id, t.notifySoon]).sort()).toEqual([
        ['t1', true],
        ['t2', false],
      ])
    })
    it('gives 40 tickets issued at once 40 different numbers', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(ticket(`c${i}`))))
      const labels = results.map((r) => (r.kind === 'issued' ? r.ticket.label : r.kind))
      expect(new Set(labels).size).toBe(40)
      expect([...labels].sort()[39]).toBe('A040')
      expect((await current().queue.board('lsw', DAY))!.queues.find((q) => q.queue === 'pension')!.waiting).toBe(40)
    })

    it('keeps the day’s board in step: one version per write', async () => {
      await issue(ticket('t1'))
      await issue(ticket('t2'))
      expect(await current().queue.board('lsw', DAY)).toMatchObject({
        version: 2,
        queues: [{ queue: 'pension', waiting: 2, order: ['A001', 'A002'] }],
      })
      expect(await current().queue.board('lsw', '2026-11-27')).toBeNull()
    })

    it('checks the booking in with its ticket, once, however often it is asked', async () => {
      const b = await book(1)
      const first = await issue(ticket(`tk-${b.id}`, { bookingId: b.id, kind: 'appointment', openid: b.openid }), true)
      const again = await issue(ticket(`tk-${b.id}`, { bookingId: b.id, kind: 'appointment', openid: b.openid }), true)
      expect(first.kind).toBe('issued')
      expect(again).toMatchObject({ kind: 'existing', ticket: { id: `tk-${b.id}` } })
      expect((await current().bookings.get(b.id))!.status).toBe('checked_in')
      expect(await current().queue.byBooking(b.id)).toMatchObject({ id: `tk-${b.id}`, label: 'A001' })
    })

    it('gives one ticket when the same booking is checked in twice at once', async () => {
      const b = await book(2)
      const both = await Promise.all([1, 2].map(() => issue(ticket(`tk-${b.id}`, { bookingId: b.id, openid: b.openid }), true)))
      expect(both.map((r) => r.kind).sort()).toEqual(['existing', 'issued'])
      expect((await current().queue.mine(b.openid, 'lsw', DAY)).length).toBe(1)
    })

    describe('when asked to check in a booking that is no longer booked', () => {
      it('writes nothing: no ticket, no number taken', async () => {
        await issue(ticket('t1'))
        expect(await issue(ticket('t2', { bookingId: 'bk-missing' }), true)).toEqual({ kind: 'booking_not_booked' })
        expect(await current().queue.get('t2')).toBeNull()
        expect((await current().queue.counters('lsw', DAY))[0].lastNumber).toBe(1)
      })
    })
  })

  describe('change', () => {
    it('applies a patch only at the version read, with its event', async () => {
      await issue(ticket('t1'))
      const t = (await current().queue.get('t1'))!
      const changed = await current().queue.change(
        't1',
        t.version,
        { status: 'called', window: 2, calledAt: AT, lastCalledAt: AT },
        { event: { ...event, action: 'call', window: 2 }, board: project },
      )
      expect(changed).toMatchObject({ status: 'called', window: 2, version: t.version + 1 })
      expect(
        await current().queue.change('t1', t.version, { status: 'skipped' }, { event: { ...event, action: 'skip' }, board: project }),
      ).toBeNull()
      expect((await current().queue.get('t1'))!.status).toBe('called')
      expect((await current().queue.events('t1')).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
        ['issue', null, 'waiting'],
        ['call', 'waiting', 'called'],
      ])
      expect((await current().queue.board('lsw', DAY))!.calls).toMatchObject([{ label: 'A001', window: 2 }])
    })

    it('lets only one of two changes at the same version through', async () => {
      await issue(ticket('t1'))
      const t = (await current().queue.get('t1'))!
      const both = await Promise.all(
        (['serving', 'skipped'] as const).map((status) =>
          current().queue.change('t1', t.version, { status }, { event: { ...event, action: status }, board: project }),
        ),
      )
      expect(both.filter(Boolean)).toHaveLength(1)
      expect(await current().queue.events('t1')).toHaveLength(2)
    })

    it('completes the booking and adds the service time to the queue’s counter when told', async () => {
      const b = await book(3)
      await issue(ticket(`tk-${b.id}`, { bookingId: b.id }), true)
      const t = (await current().queue.get(`tk-${b.id}`))!
      await current().queue.change(
        t.id,
        t.version,
        { status: 'completed', completedAt: AT },
        { event, board: project, completeBooking: true, served: { queue: 'pension', seconds: 300.4 } },
      )
      expect((await current().bookings.get(b.id))!.status).toBe('completed')
      expect((await current().queue.counters('lsw', DAY))[0]).toMatchObject({ served: 1, serviceSeconds: 300 })
      expect(await current().queue.completedAt('lsw', DAY, 0)).toBe(0)
    })
  })

  describe('callNext', () => {
    it('calls the ticket `pick` chooses among the window’s services, or answers null', async () => {
      await issue(ticket('t1'))
      await issue(ticket('t2', { serviceId: 'lsw-dibao', queue: 'civil_affairs' }))
      const called = await call(4, ['lsw-dibao'])
      expect(called).toMatchObject({ id: 't2', status: 'called', window: 4, calledBy: 'dev-clerk-liu' })
      expect(await call(4, ['lsw-dibao'])).toBeNull()
      expect((await current().queue.openTickets('lsw', DAY)).map((t) => [t.id, t.status])).toEqual(
        expect.arrayContaining([
          ['t1', 'waiting'],
          ['t2', 'called'],
        ]),
      )
    })

    it('never hands one ticket to two windows: 12 calls at once over 8 tickets call each once', async () => {
      for (let i = 0; i < 8; i++) await issue(ticket(`w${i}`))
      const called = await Promise.all(Array.from({ length: 12 }, (_, i) => call(i + 1)))
      const ids = called.filter(Boolean).map((t) => t!.id)
      expect(ids).toHaveLength(8)
      expect(new Set(ids).size).toBe(8)
      expect((await current().queue.board('lsw', DAY))!.queues.find((q) => q.queue === 'pension')!.waiting).toBe(0)
    })
  })
}
