/**
 * The statistics part of the store contract: daily aggregates replaced whole,
 * summed and listed; the per-day reads of each area. Listed in
 * test/store/store-contract.ts; each case gets the store of the current test (fresh, seeded).
 */
import { buildBoard } from '@/core/queue-board'
import { requestNumber } from '@/core/home-certification'
import type { BoardProjector, Store } from '@cloud/store/port'
import { ticket } from './queue'

const AT = '2026-11-26T01:00:00.000Z'
const project: BoardProjector = (day) => buildBoard({ ...day, at: AT, queues: [], windowNames: {} })
const row = (metric: string, n: number, total = 0, k1 = '', k2 = '') => ({ metric, k1, k2, n, total })

export function statsContract(current: () => Store): void {
  it('replaces a day’s rows whole, and sums, lists and dates the built days', async () => {
    const s = current().stats
    await s.replaceDay('lsw', 'bookings', '2026-11-24', [row('booked', 3, 0, 'svc-a'), row('no_show', 1)], true, '2026-11-25T00:00:00.000Z')
    await s.replaceDay('lsw', 'bookings', '2026-11-25', [row('booked', 2, 0, 'svc-a')], false, '2026-11-25T12:00:00.000Z')
    await s.replaceDay('lsw', 'queue', '2026-11-25', [row('wait', 4, 600)], false, '2026-11-25T12:00:00.000Z')
    await s.replaceDay('yz', 'bookings', '2026-11-25', [row('booked', 9, 0, 'svc-a')], false, AT)
    // Rebuilt: the old rows of the day go, the new ones stand.
    await s.replaceDay('lsw', 'bookings', '2026-11-25', [row('booked', 5, 0, 'svc-a'), row('booked', 1, 0, 'svc-b')], false, AT)
    const sums = await s.sum('lsw', '2026-11-24', '2026-11-25')
    expect(sums).toEqual(
      expect.arrayContaining([
        { area: 'bookings', metric: 'booked', k1: 'svc-a', k2: '', n: 8, total: 0 },
        { area: 'bookings', metric: 'booked', k1: 'svc-b', k2: '', n: 1, total: 0 },
        { area: 'bookings', metric: 'no_show', k1: '', k2: '', n: 1, total: 0 },
        { area: 'queue', metric: 'wait', k1: '', k2: '', n: 4, total: 600 },
      ]),
    )
    expect(sums).toHaveLength(4)
    expect(
      (await s.daily('lsw', '2026-11-24', '2026-11-25', [{ area: 'bookings', metric: 'booked' }])).map((r) => [r.date, r.k1, r.n]).sort(),
    ).toEqual([
      ['2026-11-24', 'svc-a', 3],
      ['2026-11-25', 'svc-a', 5],
      ['2026-11-25', 'svc-b', 1],
    ])
    expect(await s.built('lsw', 'bookings', '2026-11-01', '2026-11-30')).toEqual({
      dates: ['2026-11-24', '2026-11-25'],
      oldest: '2026-11-25T00:00:00.000Z',
    })
    expect(await s.unsettledDays('lsw', 'bookings')).toEqual(['2026-11-25'])
    expect(await s.lastBuiltDay('lsw', 'bookings')).toBe('2026-11-25')
    expect(await s.lastBuiltDay('lsw', 'cases')).toBeNull()
  })

  it('reads one Beijing day of each area, and each area’s first day', async () => {
    const store = current()
    expect(await store.stats.areas()).toEqual({ bookings: true, queue: true, homecert: true, cases: true, ratings: true })
    expect(await store.stats.firstDay('lsw', 'queue')).toBeNull()
    // A ticket completed by a clerk.
    await store.queue.issue(ticket('st1'), {
      label: (n) => `A${n}`,
      bookingTo: null,
      event: { at: AT, action: 'issue', actorOpenid: null, actorName: null, window: null, note: null },
      board: project,
    })
    const t = (await store.queue.get('st1'))!
    await store.queue.change(
      'st1',
      t.version,
      { status: 'completed', window: 2, completedAt: AT },
      { event: { at: AT, action: 'complete', actorOpenid: 'dev-clerk-liu', actorName: '刘芳', window: 2, note: null }, board: project },
    )
    expect(await store.stats.ticketsOn('lsw', '2026-11-26')).toEqual([
      {
        queue: 'pension',
        serviceId: 'lsw-pension-enroll',
        kind: 'walk_in',
        arrivedAt: AT,
        calledAt: null,
        startedAt: null,
        completedAt: AT,
        window: 2,
        clerkOpenid: 'dev-clerk-liu',
        clerkName: '刘芳',
      },
    ])
    // A home-certification request submitted at 23:30 Beijing on the 26th (15:30 UTC) belongs to the 26th.
    await store.homecert.create(
      {
        id: 'hc-st',
        centerId: 'lsw',
        communityId: 'lsw-c-lingshanwei',
        requesterOpenid: 'f',
        requestId: 'r',
        elderName: '张',
        elderIdSealed: 's',
        elderIdHash: 'h',
        elderIdMasked: 'm',
        elderBirthDate: '1941-05-01',
        elderPhone: null,
        elderAddress: 'a',
        category: 'elderly',
        disabilitySealed: null,
        disabilityKind: null,
        disabilityGrade: null,
        reason: null,
        requesterSelf: false,
        requesterName: '赵',
        requesterPhone: '13812345678',
        relation: 'parent',
        windows: [],
        note: null,
        waitingSince: '2026-11-26',
        createdAt: '2026-11-26T15:30:00.000Z',
      },
      '2026-11-26',
      requestNumber,
      { action: 'submit', at: AT, actorRole: 'family', actorOpenid: 'f', actorName: '赵', detail: null, note: null },
      () => ({
        id: 'm-hc-st',
        centerId: 'lsw',
        openid: 'f',
        bookingId: null,
        kind: 'homecert',
        title: 't',
        body: 'b',
        templateId: null,
        createdAt: AT,
      }),
    )
    expect(await store.stats.homecertOn('lsw', '2026-11-26')).toEqual([
      {
        status: 'submitted',
        communityId: 'lsw-c-lingshanwei',
        category: 'elderly',
        submittedOn: '2026-11-26',
        visitDate: null,
        waitingSince: '2026-11-26',
      },
    ])
    expect(await store.stats.homecertOn('lsw', '2026-11-27')).toEqual([])
    expect(await store.stats.firstDay('lsw', 'homecert')).toBe('2026-11-26')
    expect(await store.stats.firstDay('lsw', 'queue')).toBe('2026-11-26')
    expect(await store.stats.casesOn('lsw', '2026-11-26')).toEqual([])
    expect(await store.stats.ratingsOn('lsw', '2026-11-26')).toEqual([])
    expect(await store.stats.bookingsOn('yz', '2026-11-26')).toEqual([])
  })
}
