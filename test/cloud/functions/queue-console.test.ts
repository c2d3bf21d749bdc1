/** @timezone */
import type { ActionName } from '@/contract'
import { expectOk } from '@test/support/expect-ok'
import { queueHarness, type QueueHarness } from '@test/support/queue-harness'
import { harnessPerTest } from '@test/support/booking-harness'

// Each test in a savepoint of one store, rolled back after it (test/support/booking-harness.ts).
const harnesses = harnessPerTest()
let q: QueueHarness
beforeEach(() => {
  q = queueHarness(harnesses.next())
})
afterEach(() => q.h.close())

const walkInId = async (serviceId = 'lsw-pension-enroll', extra: Record<string, unknown> = {}) =>
  expectOk(await q.walkIn(serviceId, extra)).ticket.id as string
const status = (id: string) => (q.h.store.db.prepare('SELECT status FROM queue_tickets WHERE id = ?').get(id) as { status: string }).status

describe('queue.callNext', () => {
  it('calls the first ticket by the ordering rule among this window’s services, with the reason on its timeline', async () => {
    await walkInId('lsw-pension-enroll')
    await walkInId('lsw-disability-card')
    const green = await walkInId('lsw-pension-claim', { green: 'disability' })
    const res = expectOk(await q.callNext(2))
    expect(res).toMatchObject({
      message: '已呼叫 A002，请 A002 号到 2 号窗口办理',
      ticket: { id: green, label: 'A002', status: 'called', window: 2, reason: '已叫号 · 2 号窗口' },
    })
    const detail = expectOk(await q.act('ticket', 2, green))
    expect(
      detail.events.map((e: { text: string; actorName: string | null; note: string | null }) => [e.text, e.actorName, e.note]),
    ).toEqual([
      ['取号', '刘芳', '自助取号'],
      ['叫号 · 2 号窗口', '刘芳', '绿色通道：持残疾人证'],
    ])
  })

  it('never gives a window a ticket of a service it does not serve', async () => {
    await walkInId('lsw-pension-enroll')
    expect(expectOk(await q.callNext(4, 'dev-clerk-ma'))).toEqual({ ticket: null, message: '4 号窗口目前没有等候的号' })
    expect(expectOk(await q.callNext(1))).toEqual({ ticket: null, message: '1 号窗口目前没有等候的号' })
    expect(expectOk(await q.callNext(3)).ticket?.label).toBe('A001')
  })

  it('audits every call with who, which window and which ticket', async () => {
    const id = await walkInId()
    await q.callNext(3)
    const [entry] = await q.h.store.audit.list({ centerId: 'lsw', actionPrefix: 'queue.callNext', limit: 5 })
    expect(entry).toMatchObject({
      actorOpenid: 'dev-clerk-liu',
      actorName: '刘芳',
      recordType: 'ticket',
      recordId: id,
      recordLabel: 'A001',
      detail: '3 号窗口，现场取号 09:00',
    })
  })
})

describe('queue.console across a clerk’s windows', () => {
  describe('when nobody waits at her current window but people wait at another of hers', () => {
    it('returns each window’s waiting count and where to call, and calling for that window serves the waiting person', async () => {
      // 社保 enrolment is served at windows 2 and 3, not at window 1.
      await walkInId('lsw-pension-enroll')
      await walkInId('lsw-pension-enroll')
      const desk = expectOk(await q.act('console', 1))
      expect(desk.counts.waiting).toBe(0)
      expect(desk.windows.map((w: { number: number; waiting: number }) => [w.number, w.waiting])).toEqual([
        [1, 0],
        [2, 2],
        [3, 2],
      ])
      expect(desk.elsewhere).toEqual({ text: '1 号窗口无人等候；2 号窗口有 2 人等候，3 号窗口有 2 人等候', callFor: 2 })
      expect(expectOk(await q.callNext(desk.elsewhere!.callFor)).ticket).toMatchObject({ label: 'A001', window: 2 })
      expect(expectOk(await q.act('console', 1)).elsewhere?.text).toBe('1 号窗口无人等候；2 号窗口有 1 人等候，3 号窗口有 1 人等候')
    })
  })

  describe('when people wait at her current window, or nowhere among hers', () => {
    it('returns no hint', async () => {
      expect(expectOk(await q.act('console', 1)).elsewhere).toBeNull()
      await walkInId('lsw-pension-enroll')
      expect(expectOk(await q.act('console', 2)).elsewhere).toBeNull()
      // 马丽 works windows 4–6, which do not serve it.
      expect(expectOk(await q.act('console', 4, undefined, 'dev-clerk-ma')).elsewhere).toBeNull()
    })
  })

  it('refuses a call for, or the desk of, a window that is not hers with FORBIDDEN', async () => {
    await walkInId('lsw-disability-card')
    expect(await q.callNext(4)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您不能操作 4 号窗口' } })
    expect(await q.h.call('queue', { action: 'console', centerId: 'lsw', window: 1 }, 'dev-clerk-ma')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您不能操作 1 号窗口' },
    })
  })
})

describe('console actions', () => {
  describe('when a ticket is served the ordinary way', () => {
    it('goes called → recalled twice → serving → completed, completes the booking, and feeds the average', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const id = expectOk(await q.checkIn(b.id)).id
      expectOk(await q.callNext(2))
      expect(expectOk(await q.act('recall', 2, id))).toMatchObject({ status: 'called', recalls: 1 })
      expect(expectOk(await q.act('recall', 2, id))).toMatchObject({
        status: 'called',
        recalls: 2,
        reason: '已叫号 · 2 号窗口 · 重呼 2 次',
      })
      q.h.setNow('2026-11-26T09:42:00+08:00')
      expect(expectOk(await q.act('start', 2, id))).toMatchObject({ status: 'serving' })
      q.h.setNow('2026-11-26T09:54:00+08:00')
      expect(expectOk(await q.act('complete', 2, id))).toMatchObject({ status: 'completed', statusText: '已办结' })
      expect((q.h.store.db.prepare('SELECT status FROM bookings WHERE id = ?').get(b.id) as { status: string }).status).toBe('completed')
      const display = expectOk(await q.h.call('queue', { action: 'display', centerId: 'lsw' }, 'dev-clerk-liu'))
      expect(display.board.queues.find((x: { queue: string }) => x.queue === 'medical')).toMatchObject({ served: 1, averageMinutes: 12 })
      const console = expectOk(await q.act('console', 2))
      expect(console.counts).toEqual({ waiting: 0, skipped: 0, completedHere: 1, completedToday: 1 })
      // Each step is on the timeline and in the audit log.
      const detail = expectOk(await q.act('ticket', 2, id))
      expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['check_in', 'call', 'recall', 'recall', 'start', 'complete'])
      const audited = (await q.h.store.audit.list({ centerId: 'lsw', actionPrefix: 'queue.', limit: 20 })).map((e) => e.action).reverse()
      expect(audited).toEqual(['queue.callNext', 'queue.recall', 'queue.recall', 'queue.start', 'queue.complete'])
    })
  })

  describe('when a called person does not come', () => {
    it('skips, puts back once in the original place, and refuses a second put-back with CONFLICT', async () => {
      const first = await walkInId()
      q.h.setNow('2026-11-26T09:05:00+08:00')
      const second = await walkInId()
      expectOk(await q.callNext(2))
      expect(expectOk(await q.act('skip', 2, first))).toMatchObject({ status: 'skipped', canPutBack: true })
      expect(expectOk(await q.act('console', 2)).skipped.map((t: { id: string }) => t.id)).toEqual([first])
      expect(expectOk(await q.act('putBack', 2, first))).toMatchObject({ status: 'waiting', window: null })
      const waiting = expectOk(await q.act('console', 2)).waiting
      expect(waiting.map((t) => [t.id, t.position, t.reason])).toEqual([
        [first, 1, '现场取号 09:00'],
        [second, 2, '现场取号 09:05'],
      ])
      // Called again, this time at window 3, and skipped again: no second chance.
      expect(expectOk(await q.callNext(3)).ticket?.id).toBe(first)
      expectOk(await q.act('skip', 3, first))
      expect(await q.act('putBack', 3, first)).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'A001 已恢复过一次排队，不能再次恢复' },
      })
    })
  })

  describe('when a ticket is in the wrong queue', () => {
    it('transfers it to another service’s queue with its number and arrival time kept', async () => {
      const id = await walkInId('lsw-pension-enroll')
      q.h.setNow('2026-11-26T09:30:00+08:00')
      await walkInId('lsw-disability-card')
      expectOk(await q.callNext(2))
      const moved = expectOk(await q.act('transfer', 2, id, 'dev-clerk-liu', { serviceId: 'lsw-disability-subsidy' }))
      expect(moved).toMatchObject({
        label: 'A001',
        queue: 'disability',
        serviceName: '残疾人两项补贴申请',
        status: 'waiting',
        window: null,
      })
      // At window 4 it is first: it arrived at 09:00, before the D ticket of 09:30.
      const console = expectOk(await q.act('console', 4, undefined, 'dev-clerk-ma'))
      expect(console.waiting.map((t: { label: string; reason: string }) => [t.label, t.reason])).toEqual([
        ['A001', '现场取号 09:00'],
        ['D001', '现场取号 09:30'],
      ])
      expect(expectOk(await q.callNext(4, 'dev-clerk-ma')).ticket?.label).toBe('A001')
      const detail = expectOk(await q.act('ticket', 4, id, 'dev-clerk-ma'))
      expect(detail.events.find((e: { action: string }) => e.action === 'transfer')).toMatchObject({
        note: '转到「残疾人两项补贴申请」',
        actorName: '刘芳',
      })
    })
    it('refuses a transfer to the same service or to an unknown one', async () => {
      const id = await walkInId('lsw-pension-enroll')
      expect(await q.act('transfer', 2, id, 'dev-clerk-liu', { serviceId: 'lsw-pension-enroll' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(await q.act('transfer', 2, id, 'dev-clerk-liu', { serviceId: 'yz-dibao' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(status(id)).toBe('waiting')
    })
  })

  describe('when a clerk sees someone who should go first', () => {
    it('flags the green channel: the ticket moves to the front, and cannot be flagged twice', async () => {
      await walkInId()
      const later = await walkInId()
      expect(expectOk(await q.act('setGreen', 2, later))).toMatchObject({ green: 'clerk' })
      expect(expectOk(await q.act('console', 2)).waiting[0]).toMatchObject({ id: later, position: 1, reason: '绿色通道：工作人员标记' })
      expect(await q.act('setGreen', 2, later)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'A002 已在绿色通道' } })
    })
  })

  describe('when an action does not fit the ticket’s state', () => {
    // Each forbidden transition answers CONFLICT and changes nothing.
    it.each<[ActionName<'queue'>, string, string]>([
      ['start', 'waiting', 'A001 等候中，不能开始办理'],
      ['complete', 'waiting', 'A001 等候中，不能办结'],
      ['recall', 'waiting', 'A001 等候中，不能重呼'],
      ['skip', 'waiting', 'A001 等候中，不能过号'],
      ['putBack', 'waiting', 'A001 等候中，不能恢复排队'],
      ['complete', 'called', 'A001 已叫号，不能办结'],
      ['putBack', 'called', 'A001 已叫号，不能恢复排队'],
      ['setGreen', 'called', 'A001 已叫号，不能标记绿色通道'],
      ['recall', 'serving', 'A001 办理中，不能重呼'],
      ['skip', 'serving', 'A001 办理中，不能过号'],
      ['start', 'serving', 'A001 办理中，不能开始办理'],
      ['start', 'completed', 'A001 已办结，不能开始办理'],
      ['recall', 'completed', 'A001 已办结，不能重呼'],
      ['transfer', 'completed', 'A001 已办结，不能转到其他事项'],
      ['start', 'skipped', 'A001 已过号，不能开始办理'],
      ['complete', 'skipped', 'A001 已过号，不能办结'],
    ])('refuses %s on a %s ticket', async (action, state, message) => {
      const id = await walkInId()
      const path: Record<string, ('call' | ActionName<'queue'>)[]> = {
        waiting: [],
        called: ['call'],
        serving: ['call', 'start'],
        completed: ['call', 'start', 'complete'],
        skipped: ['call', 'skip'],
      }
      for (const step of path[state]) expectOk(step === 'call' ? await q.callNext(2) : await q.act(step, 2, id))
      const res = await q.act(action, 2, id, 'dev-clerk-liu', action === 'transfer' ? { serviceId: 'lsw-dibao' } : {})
      expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message } })
      expect(status(id)).toBe(state)
    })
  })
})

describe('who may use the console', () => {
  const ACTIONS: ActionName<'queue'>[] = [
    'console',
    'callNext',
    'recall',
    'skip',
    'putBack',
    'start',
    'complete',
    'setGreen',
    'transfer',
    'ticket',
  ]

  it.each(ACTIONS)('refuses a resident calling %s with FORBIDDEN', async (action) => {
    const id = await walkInId()
    const res = await q.act(
      action,
      2,
      action === 'console' || action === 'callNext' ? undefined : id,
      'dev-resident-wang',
      action === 'transfer' ? { serviceId: 'lsw-dibao' } : {},
    )
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } })
    expect(status(id)).toBe('waiting')
  })

  it('refuses a grid worker and another center’s clerk with FORBIDDEN, an anonymous caller with UNAUTHENTICATED', async () => {
    await walkInId()
    expect(await q.callNext(2, 'dev-grid-chen')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await q.callNext(1, 'dev-clerk-yz')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await q.h.call('queue', { action: 'callNext', centerId: 'lsw', window: 2 }, null)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('refuses a clerk at a window that is not theirs with FORBIDDEN', async () => {
    await walkInId()
    expect(await q.callNext(2, 'dev-clerk-ma')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您不能操作 2 号窗口' } })
    expect(await q.act('console', 4)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您不能操作 4 号窗口' } })
  })

  it('refuses a clerk acting on a ticket at another clerk’s window with FORBIDDEN', async () => {
    const id = await walkInId('lsw-disability-card')
    expectOk(await q.callNext(4, 'dev-clerk-ma'))
    // 刘芳 names her own window, but the ticket is at 马丽's window 4.
    expect(await q.act('skip', 2, id)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'D001 不在 2 号窗口' } })
    expect(status(id)).toBe('called')
  })

  it('refuses a waiting ticket whose service the window does not serve with FORBIDDEN', async () => {
    const id = await walkInId('lsw-disability-card')
    expect(await q.act('setGreen', 2, id)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'D001 不在 2 号窗口' } })
  })

  it('lets an admin work any window, and answers NOT_FOUND for a window that does not exist', async () => {
    await walkInId('lsw-disability-card')
    expect(expectOk(await q.callNext(4, 'dev-admin-sun')).ticket?.label).toBe('D001')
    expect(expectOk(await q.act('console', 4, undefined, 'dev-admin-sun')).windows).toHaveLength(6)
    expect(await q.callNext(9, 'dev-admin-sun')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关窗口' } })
  })

  it('shows a clerk only their own windows', async () => {
    expect(expectOk(await q.act('console', 1)).windows.map((w: { number: number }) => w.number)).toEqual([1, 2, 3])
  })

  it('answers NOT_FOUND for a ticket of another center', async () => {
    const id = await walkInId()
    expect(await q.h.call('queue', { action: 'skip', centerId: 'yz', window: 1, id }, 'dev-clerk-yz')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
