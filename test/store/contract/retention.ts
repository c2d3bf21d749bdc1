/**
 * The retention part of the store contract (src/core/retention.ts): each repo's
 * `purgePersonalData` anonymises exactly what the rule calls due, keeps what
 * statistics read, and changes nothing on a second run. Listed in test/store/store-contract.ts.
 */
import { buildBoard } from '@/core/queue-board'
import { ticketLabel } from '@/core/queue-tickets'
import { requestNumber } from '@/core/home-certification'
import { retentionCutoff } from '@/core/retention'
import { ratingRecord } from './rating'
import type {
  BoardProjector,
  HomecertTransition,
  NewBooking,
  NewCase,
  NewCaseEvent,
  NewHomecert,
  NewTicket,
  SlotTarget,
  Store,
} from '@cloud/store/port'

/** 10:00 Beijing; the cut-off (180 days) is 2026-05-30T02:00Z, Beijing date 2026-05-30. */
const NOW = '2026-11-26T02:00:00.000Z'
const CUTOFF = retentionCutoff(new Date(NOW), 180)
const OLD = '2026-05-01T02:00:00.000Z'
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 5)])
const RECENT = '2026-11-20T02:00:00.000Z'

const slotOn = (date: string): SlotTarget => {
  const startsAt = new Date(`${date}T09:00:00+08:00`)
  return {
    date,
    start: '09:00',
    end: '09:30',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    checkInBy: new Date(startsAt.getTime() + 45 * 60_000).toISOString(),
    capacity: 5,
  }
}
const booking = (n: number, over: Partial<NewBooking> = {}): NewBooking => ({
  id: `rb${n}`,
  centerId: 'lsw',
  serviceId: 'lsw-medical-remote',
  openid: `res-${n}`,
  requestId: `rq-${n}`,
  personName: '王建国',
  idSealed: 'v1.sealed',
  idHash: `hash-${n}`,
  idMasked: '3702**********0000',
  limitKey: `person_${over.idHash ?? `hash-${n}`}`,
  phone: '13812345678',
  forSelf: true,
  relation: null,
  note: '带孙子一起来',
  createdAt: '2026-04-01T00:00:00.000Z',
  ...over,
})
const project: BoardProjector = (day) => buildBoard({ ...day, at: NOW, queues: [], windowNames: {} })
const ticket = (id: string, date: string): NewTicket => ({
  id,
  centerId: 'lsw',
  date,
  queue: 'pension',
  serviceId: 'lsw-pension-enroll',
  kind: 'walk_in',
  source: 'resident',
  bookingId: null,
  openid: 'res-t',
  personName: '李秀英',
  slotStart: null,
  late: false,
  notifySoon: false,
  arrivedAt: `${date}T01:00:00.000Z`,
  green: null,
  createdAt: `${date}T01:00:00.000Z`,
})
const request = (n: number, over: Partial<NewHomecert> = {}): NewHomecert => ({
  id: `rh${n}`,
  centerId: 'lsw',
  communityId: 'lsw-c-lingshanwei',
  requesterOpenid: `family-${n}`,
  requestId: `rq-${n}`,
  elderName: '张桂兰',
  elderIdSealed: 'v1.sealed',
  elderIdHash: `elder-${n}`,
  elderIdMasked: '3702**********1234',
  elderBirthDate: '1941-05-01',
  elderPhone: '13700000000',
  elderAddress: '灵山湾路 88 号',
  category: 'elderly',
  disabilitySealed: null,
  disabilityKind: null,
  disabilityGrade: null,
  reason: null,
  requesterSelf: false,
  requesterName: '赵敏',
  requesterPhone: '13812345678',
  relation: 'parent',
  windows: [{ date: '2025-05-02', half: 'am' }],
  note: '请敲门',
  waitingSince: '2025-05-01',
  createdAt: '2025-05-01T01:00:00.000Z',
  ...over,
})
const step = (
  action: HomecertTransition['step']['action'],
  at: string,
  actorRole: HomecertTransition['step']['actorRole'] = 'worker',
): HomecertTransition['step'] => ({
  action,
  at,
  actorRole,
  actorOpenid: actorRole === 'family' ? 'family-x' : 'dev-grid-chen',
  actorName: actorRole === 'family' ? '赵敏' : '陈志强',
  detail: null,
  note: '家里有狗',
})
const caseEvent = (kind: NewCaseEvent['kind'], at: string, actorKind: NewCaseEvent['actorKind'] = 'staff'): NewCaseEvent => ({
  at,
  actorKind,
  actorOpenid: actorKind === 'staff' ? 'clerk' : 'res-c',
  actorName: actorKind === 'staff' ? '刘芳' : '王德福',
  kind,
  note: '住 3 号楼',
})
const newCase = (id: string, acceptedAt: string): NewCase => ({
  id,
  centerId: 'lsw',
  serviceId: 'lsw-pension-claim',
  serviceName: '城乡居民养老保险待遇领取申请',
  processingDays: 5,
  state: 'accepted',
  channel: 'online',
  openid: 'res-c',
  createdBy: 'res-c',
  requestId: `rq-${id}`,
  applicantName: '王德福',
  forSelf: true,
  relation: null,
  phone: '13912345678',
  description: '请帮忙办理',
  handover: 'home_pickup',
  address: '灵山湾路 1 号',
  assigneeOpenid: null,
  assigneeName: null,
  acceptedAt,
  claimCodeHash: null,
  claimExpiresAt: null,
})

export function retentionContract(current: () => Store): void {
  it('bookings: finished ones whose slot ended before the cut-off are anonymised; active and newer ones stay; once', async () => {
    const s = current()
    const made = async (n: number, date: string) => {
      const r = await s.bookings.create(
        booking(n),
        slotOn(date),
        { maxActive: 3, now: '2026-04-01T00:00:00.000Z' },
        () => `R${n}${date.replace(/-/g, '')}`,
      )
      if (r.kind !== 'created') throw new Error(r.kind)
      return r.booking
    }
    await made(1, '2026-05-20')
    await s.bookings.cancel('rb1', '2026-04-02T00:00:00.000Z', '临时有事')
    await made(2, '2026-05-21') // still booked: not finished, kept
    await made(3, '2026-06-10')
    await s.bookings.cancel('rb3', '2026-04-02T00:00:00.000Z', null) // finished after the cut-off: kept

    expect(await s.bookings.purgePersonalData(CUTOFF, NOW)).toBe(1)
    expect(await s.bookings.get('rb1')).toMatchObject({
      personName: '已清除',
      idSealed: '',
      idHash: 'purged:rb1',
      limitKey: 'purged:rb1',
      idMasked: '3702**********0000',
      phone: '',
      note: null,
      cancelReason: null,
      openid: 'purged:rb1',
      status: 'cancelled',
      serviceId: 'lsw-medical-remote',
      date: '2026-05-20',
      centerId: 'lsw',
    })
    expect(await s.bookings.get('rb2')).toMatchObject({ personName: '王建国', idHash: 'hash-2', status: 'booked' })
    expect(await s.bookings.get('rb3')).toMatchObject({ personName: '王建国', idHash: 'hash-3', phone: '13812345678' })
    expect(await s.bookings.purgePersonalData(CUTOFF, NOW)).toBe(0)
    // The person whose old booking was purged books again, and is still held to one active booking per service and day.
    const again = await s.bookings.create(booking(4, { idHash: 'hash-1' }), slotOn('2026-12-01'), { maxActive: 3, now: NOW }, () => 'R4')
    expect(again.kind).toBe('created')
    expect(
      (await s.bookings.create(booking(5, { idHash: 'hash-1' }), slotOn('2026-12-01'), { maxActive: 3, now: NOW }, () => 'R5')).kind,
    ).toBe('person_day_taken')
    expect(await s.bookings.slotCounts('lsw-medical-remote', '2026-05-20', '2026-05-20')).toEqual([expect.objectContaining({ booked: 0 })])
  })

  it('消息 written before the cut-off are deleted, newer ones stay', async () => {
    const s = current()
    const m = (id: string, createdAt: string) => ({
      id,
      centerId: 'lsw',
      openid: 'res-m',
      bookingId: null,
      kind: 'case' as const,
      title: 't',
      body: '王德福',
      templateId: null,
      createdAt,
    })
    await s.messages.send(m('old', OLD))
    await s.messages.send(m('new', RECENT))
    expect(await s.messages.purgeBefore(CUTOFF.before)).toBe(1)
    expect((await s.messages.listFor('lsw', 'res-m', 10)).map((x) => x.id)).toEqual(['new'])
    expect(await s.messages.purgeBefore(CUTOFF.before)).toBe(0)
  })

  it('queue tickets of days before the cut-off date lose the name, openid and notes; the rest stays', async () => {
    const s = current()
    const event = { at: NOW, action: 'issue', actorOpenid: 'res-t', actorName: '李秀英', window: null, note: '带了户口本' }
    for (const [id, date] of [
      ['t-old', '2026-05-29'],
      ['t-edge', '2026-05-30'],
    ] as const) {
      await s.queue.issue(ticket(id, date), { label: (n) => ticketLabel('pension', n), bookingTo: null, event, board: project })
    }
    expect(await s.queue.purgePersonalData(CUTOFF, NOW)).toBe(1)
    expect(await s.queue.get('t-old')).toMatchObject({
      personName: '已清除',
      openid: null,
      queue: 'pension',
      serviceId: 'lsw-pension-enroll',
      date: '2026-05-29',
      arrivedAt: '2026-05-29T01:00:00.000Z',
    })
    expect(await s.queue.events('t-old')).toEqual([
      expect.objectContaining({ action: 'issue', note: null, actorOpenid: null, actorName: '已清除' }),
    ])
    expect(await s.queue.get('t-edge')).toMatchObject({ personName: '李秀英', openid: 'res-t' })
    expect(await s.queue.purgePersonalData(CUTOFF, NOW)).toBe(0)
  })

  it('home certification: closed requests by their last step, certified ones only after next due + the period', async () => {
    const s = current()
    const create = async (n: number) => {
      const r = await s.homecert.create(
        request(n),
        '2025-05-01',
        requestNumber,
        step('submit', '2025-05-01T01:00:00.000Z', 'family'),
        (x) => ({
          id: `mh-${x.id}`,
          centerId: 'lsw',
          openid: x.requesterOpenid,
          bookingId: null,
          kind: 'homecert',
          title: 't',
          body: 'b',
          templateId: null,
          createdAt: RECENT,
        }),
      )
      if (r.kind !== 'created') throw new Error(r.kind)
    }
    const move = (id: string, to: HomecertTransition['to'], at: string, changes: HomecertTransition['changes'] = {}) =>
      s.homecert.transition(id, {
        from: { status: 'submitted', version: 1 },
        to,
        changes,
        step: step(to === 'certified' ? 'certify' : 'cancel', at),
        messages: [],
      })
    for (const n of [1, 2, 3, 4]) await create(n)
    await move('rh1', 'cancelled', OLD) // closed before the cut-off: purged
    // Evidence photos in the file store: the purged request's file goes with it, the kept one's stays.
    const keptPhoto = await s.files.put('homecert/rh2', JPEG, 'jpeg')
    const purgedPhoto = await s.files.put('homecert/rh3', JPEG, 'jpeg')
    await move('rh2', 'certified', '2025-06-01T02:00:00.000Z', {
      certifiedOn: '2025-06-01',
      nextDue: '2026-05-30',
      evidencePhoto: keptPhoto,
    }) // next due + 180 = today: kept
    await move('rh3', 'certified', '2025-05-29T02:00:00.000Z', {
      certifiedOn: '2025-05-29',
      nextDue: '2026-05-29',
      evidencePhoto: purgedPhoto,
    }) // next due + 180 < today: purged
    // rh4 still submitted: active, kept

    expect(await s.homecert.purgePersonalData(CUTOFF, NOW)).toBe(2)
    const purged = {
      elderName: '已清除',
      elderIdSealed: '',
      elderIdMasked: '3702**********1234',
      elderBirthDate: '1941-01-01',
      elderPhone: null,
      elderAddress: '已清除',
      requesterName: '已清除',
      requesterPhone: '',
      note: null,
      communityId: 'lsw-c-lingshanwei',
      category: 'elderly',
      centerId: 'lsw',
    }
    expect(await s.homecert.get('rh1')).toMatchObject({
      ...purged,
      status: 'cancelled',
      elderIdHash: 'purged:rh1',
      requesterOpenid: 'purged:rh1',
    })
    expect(await s.homecert.get('rh3')).toMatchObject({
      ...purged,
      status: 'certified',
      certifiedOn: '2025-05-29',
      nextDue: null,
      evidencePhoto: null,
    })
    expect(await s.files.url(purgedPhoto, 60)).toBeNull()
    expect(await s.files.url(keptPhoto, 60)).not.toBeNull()
    expect(await s.homecert.get('rh2')).toMatchObject({ evidencePhoto: keptPhoto })
    expect(await s.homecert.lastCertified('elder-3')).toBeNull()
    expect(await s.homecert.lastCertified('elder-2')).toMatchObject({ id: 'rh2', elderName: '张桂兰', nextDue: '2026-05-30' })
    expect(await s.homecert.get('rh4')).toMatchObject({ status: 'submitted', elderName: '张桂兰' })
    const timeline = await s.homecert.timeline('rh1')
    expect(timeline.map((t) => [t.actorRole, t.actorName, t.note])).toEqual([
      ['family', '已清除', null],
      ['worker', '陈志强', null],
    ])
    expect(await s.homecert.purgePersonalData(CUTOFF, NOW)).toBe(0)
    // The purged elder may ask again.
    const again = await s.homecert.create(
      request(5, { elderIdHash: 'elder-3' }),
      '2026-11-26',
      requestNumber,
      step('submit', NOW, 'family'),
      (x) => ({
        id: `mh-${x.id}`,
        centerId: 'lsw',
        openid: x.requesterOpenid,
        bookingId: null,
        kind: 'homecert',
        title: 't',
        body: 'b',
        templateId: null,
        createdAt: NOW,
      }),
    )
    expect(again.kind).toBe('created')
  })

  it('cases: final ones whose last step is before the cut-off are anonymised with their timeline, photos and rating comment', async () => {
    const s = current()
    const stored = await s.files.put('cases/rc1', JPEG, 'jpeg')
    const keptFile = await s.files.put('cases/rc2', JPEG, 'jpeg')
    const create = async (id: string, acceptedAt: string) => {
      const r = await s.cases.create(newCase(id, acceptedAt), {
        date: acceptedAt.slice(0, 10),
        numberOf: (seq) => `DB-${id}-${seq}`,
        materials: [{ name: '身份证', copies: '原件' }],
        event: caseEvent('accept', acceptedAt),
        message: () => null,
        maxOpen: 5,
      })
      if (r.kind !== 'created') throw new Error(r.kind)
    }
    await create('rc1', '2026-04-20T02:00:00.000Z')
    await create('rc2', '2026-04-20T02:00:00.000Z')
    await create('rc3', '2026-04-20T02:00:00.000Z')
    expect(
      await s.cases.addPhoto(
        {
          id: 'p1',
          caseId: 'rc1',
          openid: 'res-c',
          bytes: 10,
          eventSeq: null,
          createdAt: '2026-04-21T02:00:00.000Z',
          file: stored,
        },
        3,
      ),
    ).toBe(true)
    // One from before photos moved to the file store: its data URL is deleted with the row.
    const legacy = { id: 'p0', caseId: 'rc1', openid: 'res-c', bytes: 3, eventSeq: null, createdAt: '2026-04-21T02:00:00.000Z' }
    expect(await s.cases.addPhoto({ ...legacy, file: 'data:image/jpeg;base64,/9j/' }, 3)).toBe(true)
    expect(await s.cases.addPhoto({ ...legacy, id: 'p2', caseId: 'rc2', file: keptFile }, 3)).toBe(true)
    await s.cases.step('rc1', {
      from: 'accepted',
      to: 'withdrawn',
      patch: { stoppedAt: OLD },
      event: caseEvent('withdraw', OLD, 'resident'),
    })
    await s.ratings.rate(ratingRecord({ service: 'case', subjectId: 'rc1', openid: 'res-c', level: 2, comment: '态度一般', at: OLD }))
    await s.cases.step('rc2', {
      from: 'accepted',
      to: 'withdrawn',
      patch: { stoppedAt: RECENT },
      event: caseEvent('withdraw', RECENT, 'resident'),
    }) // recent: kept
    await s.cases.step('rc3', { from: 'accepted', to: 'processing', patch: {}, event: caseEvent('start', OLD) }) // not final: kept

    expect(await s.cases.purgePersonalData(CUTOFF, NOW)).toBe(1)
    expect(await s.cases.get('rc1')).toMatchObject({
      applicantName: '已清除',
      phone: '',
      description: '已清除',
      address: null,
      openid: 'purged:rc1',
      createdBy: 'purged:rc1',
      state: 'withdrawn',
      acceptedAt: '2026-04-20T02:00:00.000Z',
      stoppedAt: OLD,
      processingDays: 5,
      serviceId: 'lsw-pension-claim',
    })
    expect((await s.cases.timeline('rc1')).map((e) => [e.actorKind, e.actorName, e.note])).toEqual([
      ['staff', '刘芳', null],
      ['resident', '已清除', null],
    ])
    expect(await s.cases.photo('rc1', 'p1')).toBeNull()
    expect(await s.ratings.get('case', 'rc1')).toMatchObject({ level: 2, reasons: ['slow'], comment: null, openid: 'purged:rc1' })
    expect(await s.cases.photo('rc1', 'p0')).toBeNull()
    expect(await s.files.url(stored, 60)).toBeNull()
    expect(await s.cases.photo('rc2', 'p2')).toMatchObject({ file: keptFile })
    expect(await s.files.url(keptFile, 60)).not.toBeNull()
    expect(await s.cases.get('rc2')).toMatchObject({ applicantName: '王德福', phone: '13912345678' })
    expect(await s.cases.get('rc3')).toMatchObject({ applicantName: '王德福', state: 'processing' })
    expect(await s.cases.listForStaff({ centerId: 'lsw', states: ['withdrawn'], phoneTail: '5678', limit: 10 })).toEqual([
      expect.objectContaining({ id: 'rc2' }),
    ])
    expect(await s.cases.purgePersonalData(CUTOFF, NOW)).toBe(0)
  })
}
