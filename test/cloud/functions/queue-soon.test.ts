/**
 * @timezone
 * 即将到号 (issue 20 point 2): a checked-in resident who allowed it gets a 消息 when `soonAhead` people (3 by
 * default, per center) are ahead, once per ticket, and the call 消息 when called.
 */
import { queueHarness, type QueueHarness } from '@test/support/queue-harness'
import { expectOk } from '@test/support/expect-ok'
import { bookingHarness } from '@test/support/booking-harness'

let q: QueueHarness
beforeEach(() => {
  q = queueHarness()
})
afterEach(() => q.h.close())

const soonMessages = async (openid = 'resident-a') =>
  (await q.h.store.messages.listFor('lsw', openid, 50)).filter((m) => m.title === '即将到号')

/** resident-a checks in (allowing 即将到号 or not), then five green-channel walk-ins of the same queue go ahead of her. */
async function fiveAhead(extra: Record<string, unknown>): Promise<string> {
  const b = await q.book()
  q.h.setNow('2026-11-26T09:40:00+08:00')
  const t = expectOk(await q.checkIn(b.id, 'resident-a', extra))
  for (let i = 0; i < 5; i++) await q.walkIn('lsw-medical-enroll', { green: 'clerk', source: 'clerk' })
  expect(expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id: t.id })).ahead).toBe(5)
  return t.id
}

const ahead = async (id: string) => expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id })).ahead

describe('queue 即将到号', () => {
  it('tells the resident once when 3 are ahead, and again when called', async () => {
    const id = await fiveAhead({ notifySoon: true })
    const soonNote = async () => expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id })).soonNote
    expect(await soonNote()).toBe('前面还剩 3 人时，会发消息提醒您回大厅。')
    await q.callNext(2)
    expect(await ahead(id)).toBe(4)
    expect(await soonMessages()).toEqual([])
    await q.callNext(2)
    expect(await ahead(id)).toBe(3)
    expect(await soonNote()).toBeNull()
    expect(await soonMessages()).toEqual([
      expect.objectContaining({
        id: `queue-soon-${id}`,
        kind: 'queue',
        body: '您的 C001 号前面还有 3 人，请回到大厅留意叫号（异地就医备案）',
        link: `/pages/queue/ticket/index?id=${id}`,
      }),
    ])
    for (let i = 0; i < 3; i++) await q.callNext(2)
    const called = expectOk(await q.callNext(2)).ticket
    expect(called).toMatchObject({ id, status: 'called' })
    const mine = await q.h.store.messages.listFor('lsw', 'resident-a', 50)
    expect(mine.filter((m) => m.title === '叫号提醒')).toHaveLength(1)
    expect(mine.filter((m) => m.title === '即将到号')).toHaveLength(1)
  })

  it('does not tell the same ticket twice when the queue moves back to 3 ahead', async () => {
    const id = await fiveAhead({ notifySoon: true })
    await q.callNext(2)
    const second = expectOk(await q.callNext(2)).ticket!
    expect(await soonMessages()).toHaveLength(1)
    // The called person did not come (skipped), comes back among the waiting (4 ahead again) and is called again: 3 ahead once more.
    expectOk(await q.act('skip', 2, second.id))
    expect(expectOk(await q.act('putBack', 2, second.id))).toMatchObject({ status: 'waiting' })
    expect(await ahead(id)).toBe(4)
    await q.callNext(2)
    expect(await ahead(id)).toBe(3)
    expect(await soonMessages()).toHaveLength(1)
  })

  it('sends nothing early to a resident who did not allow it (the call 消息 still comes)', async () => {
    const id = await fiveAhead({})
    expect(expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id })).soonNote).toBeNull()
    for (let i = 0; i < 5; i++) await q.callNext(2)
    expect(await ahead(id)).toBe(0)
    expect(await soonMessages()).toEqual([])
    await q.callNext(2)
    expect((await q.h.store.messages.listFor('lsw', 'resident-a', 50)).map((m) => m.title)).toEqual(['叫号提醒'])
  })

  it('counts the people ahead the center set', async () => {
    await q.h.store.config.setQueueRules('lsw', { soonAhead: 2 })
    const id = await fiveAhead({ notifySoon: true })
    for (let i = 0; i < 2; i++) await q.callNext(2)
    expect(await ahead(id)).toBe(3)
    expect(await soonMessages()).toEqual([])
    await q.callNext(2)
    expect(await soonMessages()).toEqual([
      expect.objectContaining({ body: '您的 C001 号前面还有 2 人，请回到大厅留意叫号（异地就医备案）' }),
    ])
  })

  it('names the queue template on the 即将到号 and call 消息 of a resident who allowed it, and on nobody else’s', async () => {
    q.h.close()
    q = queueHarness(bookingHarness({ settings: { reminderTemplateId: null, queueTemplateId: 'tmpl-queue' } }))
    const theirBooking = await q.book({ openid: 'resident-b' })
    const allowed = await fiveAhead({ notifySoon: true })
    const other = expectOk(await q.checkIn(theirBooking.id, 'resident-b'))
    for (let i = 0; i < 7; i++) await q.callNext(2)
    expect(expectOk(await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id: allowed })).status).toBe('called')
    const mine = await q.h.store.messages.listFor('lsw', 'resident-a', 50)
    expect(mine.map((m) => [m.title, m.templateId]).sort()).toEqual([
      ['即将到号', 'tmpl-queue'],
      ['叫号提醒', 'tmpl-queue'],
    ])
    const theirs = await q.h.store.messages.listFor('lsw', 'resident-b', 50)
    expect(theirs.map((m) => [m.title, m.templateId])).toEqual([['叫号提醒', null]])
    expect(other.id).not.toBe(allowed)
  })

  it('refuses a notifySoon that is not a yes/no with INVALID_INPUT, and checks nobody in', async () => {
    const b = await q.book()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    expect(await q.checkIn(b.id, 'resident-a', { notifySoon: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { notifySoon: '请选择是否接收即将到号提醒' } },
    })
    expect(q.h.store.db.prepare('SELECT COUNT(*) AS n FROM queue_tickets').get()).toEqual({ n: 0 })
  })
})
