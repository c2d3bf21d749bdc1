/**
 * @timezone
 * The queue's tickets other than a booking's check-in (test/cloud/functions/queue-check-in.test.ts): walk-ins from
 * the kiosk, a resident's own tickets, the hall display.
 */
import { bookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { queueHarness, QUEUE_DAY, type QueueHarness } from '@test/support/queue-harness'
import { expectOk } from '@test/support/expect-ok'
import { codeFromQrText } from '@/core/queue-check-in'

let q: QueueHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  q = queueHarness(harnesses.next())
})
afterEach(() => q.h.close())

const ticketRows = () => (q.h.store.db.prepare('SELECT COUNT(*) AS n FROM queue_tickets').get() as { n: number }).n

describe('queue.issueWalkIn', () => {
  it('returns numbers per queue letter in order, with the people ahead', async () => {
    const a1 = await q.walkIn('lsw-pension-enroll')
    const a2 = await q.walkIn('lsw-pension-claim')
    const b1 = await q.walkIn('lsw-cert-counter')
    expect([a1, a2, b1].map((r) => expectOk(r).ticket.label)).toEqual(['A001', 'A002', 'B001'])
    expect(a2).toMatchObject({ ok: true, data: { ahead: 1, estimatedMinutes: 5, ticket: { kind: 'walk_in', personName: null } } })
  })
  it('returns the same ticket for a retried request', async () => {
    const body = {
      action: 'issueWalkIn' as const,
      centerId: 'lsw',
      serviceId: 'lsw-pension-enroll',
      requestId: 'kiosk-retry-0001',
      source: 'kiosk',
    }
    const first = await q.h.call('queue', body, 'dev-clerk-liu')
    const again = await q.h.call('queue', body, 'dev-clerk-liu')
    expect(expectOk(again).ticket.id).toBe(expectOk(first).ticket.id)
    expect(ticketRows()).toBe(1)
  })
  it('puts a clerk-flagged or certificate-holding walk-in in the green channel', async () => {
    await q.walkIn('lsw-pension-enroll')
    const flagged = await q.walkIn('lsw-pension-enroll', { green: 'clerk', source: 'clerk' })
    expect(flagged).toMatchObject({ ok: true, data: { ahead: 0, ticket: { green: 'clerk', reason: '等候中' } } })
  })
  it('refuses on a closed day with CLOSED', async () => {
    q.h.setNow('2026-11-28T10:00:00+08:00')
    expect(await q.walkIn()).toEqual({
      ok: false,
      error: { code: 'CLOSED', message: '今天（周末休息）不对外办公，不能签到取号；预约了今天的，请改约到其他日期' },
    })
  })
  it('refuses a resident with FORBIDDEN', async () => {
    expect(await q.walkIn('lsw-pension-enroll', {}, 'dev-resident-wang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  describe('when the Beijing day changes', () => {
    it('restarts every queue at 001 at Beijing midnight, whatever the host’s zone', async () => {
      q.h.setNow('2026-11-26T23:59:59+08:00')
      await q.walkIn()
      const last = await q.walkIn()
      q.h.setNow('2026-11-27T00:00:00+08:00')
      const first = await q.walkIn()
      expect(last).toMatchObject({ ok: true, data: { ticket: { label: 'A002' } } })
      expect(first).toMatchObject({ ok: true, data: { ticket: { label: 'A001' }, ahead: 0 } })
      const rows = q.h.store.db.prepare('SELECT date, label FROM queue_tickets ORDER BY created_at').all()
      expect(rows).toEqual([
        { date: '2026-11-26', label: 'A001' },
        { date: '2026-11-26', label: 'A002' },
        { date: '2026-11-27', label: 'A001' },
      ])
    })
  })
})

describe('queue.myTicket and queue.myTickets', () => {
  it('returns the place in the queue and the estimate, then the window in words once called', async () => {
    await q.walkIn('lsw-medical-enroll')
    await q.walkIn('lsw-medical-enroll')
    const b = await q.book()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    // Appointments go before walk-ins: nobody is ahead.
    const t = await q.checkIn(b.id)
    const id = expectOk(t).id
    const mine = () => q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id })
    expect(await mine()).toMatchObject({ ok: true, data: { ahead: 0, headline: '下一位就是您，请留意叫号' } })
    // A green-channel walk-in goes ahead of the appointment.
    await q.walkIn('lsw-medical-enroll', { green: 'clerk' })
    expect(await mine()).toMatchObject({ ok: true, data: { ahead: 1, estimatedMinutes: 5, headline: '前面还有 1 人，预计等候约 5 分钟' } })
    await q.callNext(2)
    await q.callNext(3)
    expect(await mine()).toMatchObject({
      ok: true,
      data: { status: 'called', window: 3, windowName: '社保医保', headline: '请到 3 号窗口办理', ahead: null },
    })
    const list = await q.h.call('queue', { action: 'myTickets', centerId: 'lsw' })
    expect(expectOk(list).items.map((x: { id: string }) => x.id)).toEqual([id])
  })
  it('answers NOT_FOUND for someone else’s ticket', async () => {
    const walk = await q.walkIn()
    expect(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id: expectOk(walk).ticket.id })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到相关排队号' },
    })
  })
  it('sends a 消息 to the resident when called, linking to the ticket', async () => {
    const b = await q.book()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    const t = await q.checkIn(b.id)
    await q.callNext(2)
    const messages = await q.h.store.messages.listFor('lsw', 'resident-a', 10)
    expect(messages[0]).toMatchObject({
      kind: 'queue',
      title: '叫号提醒',
      body: '请 C001 号到 2 号窗口办理（异地就医备案）',
      bookingId: b.id,
      link: `/pages/queue/ticket/index?id=${expectOk(t).id}`,
    })
  })
})

describe('queue.display', () => {
  it('gives the hall a QR link with a link domain (QR_LINK_BASE), whose code checks the booking in', async () => {
    const linked = queueHarness(bookingHarness({ settings: { reminderTemplateId: null, qrLinkBase: 'https://bm.example.gov.cn' } }))
    try {
      const b = await linked.book({ start: '09:30' })
      const shown = expectOk(await linked.h.call('queue', { action: 'display', centerId: 'lsw' }, 'dev-admin-sun'))
      expect(shown.checkIn.qrText).toBe(`https://bm.example.gov.cn/c/lsw/${linked.code()}`)
      const scanned = codeFromQrText(shown.checkIn.qrText, 'lsw')
      const t = await linked.h.call('queue', { action: 'checkIn', centerId: 'lsw', bookingId: b.id, code: scanned! }, 'resident-a')
      expect(t).toMatchObject({ ok: true, data: { bookingId: b.id } })
    } finally {
      linked.h.close()
    }
  })
  it('returns the board and the current code to staff', async () => {
    await q.walkIn()
    const res = await q.h.call('queue', { action: 'display', centerId: 'lsw' }, 'dev-admin-sun')
    expect(res).toMatchObject({
      ok: true,
      data: {
        centerName: '灵山卫街道公共服务中心',
        checkIn: { code: q.code(), qrText: `bianmin-checkin:lsw:${q.code()}`, changesAt: '2026-11-26T01:05:00.000Z', rotateMinutes: 5 },
        board: { date: QUEUE_DAY, version: 1, calls: [] },
      },
    })
    expect(expectOk(res).board.queues.find((x: { queue: string }) => x.queue === 'pension')).toMatchObject({
      waiting: 1,
      order: ['A001'],
    })
  })
  it('refuses a resident with FORBIDDEN: the code is for the hall only', async () => {
    expect(await q.h.call('queue', { action: 'display', centerId: 'lsw' }, 'dev-resident-wang')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
