/** @timezone */
import { harnessPerTest } from '@test/support/booking-harness'
import type { Envelope } from '@/contract/envelope'
import { expectOk } from '@test/support/expect-ok'
import { homecertDriver } from '@test/support/homecert'
import { queueHarness, type QueueHarness } from '@test/support/queue-harness'
import { delegationHarness } from '@test/support/delegation-harness'

let q: QueueHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  q = queueHarness(harnesses.next())
})
afterEach(() => q.h.close())

const ADMIN = 'dev-admin-sun'
const RESIDENT = 'resident-a'
// Answers are read loosely here (any action of the function): each test checks the envelope it expects.
const rating = (data: Record<string, unknown>, openid: string | null = RESIDENT) =>
  q.h.call('rating', { centerId: 'lsw', ...data }, openid) as Promise<Envelope<any>>
const rows = (sql: string, ...params: unknown[]) => q.h.store.db.prepare(sql).all(...params) as Record<string, unknown>[]

/** A booking for 10:00 today checked in, served at window 2 by 刘芳 and, unless told, completed. */
async function counterVisit(complete = true) {
  const b = await q.book()
  q.h.setNow('2026-11-26T09:40:00+08:00')
  const ticketId = expectOk(await q.checkIn(b.id)).id as string
  expectOk(await q.callNext(2))
  expectOk(await q.act('start', 2, ticketId))
  if (complete) expectOk(await q.act('complete', 2, ticketId))
  return { bookingId: b.id as string, ticketId }
}

describe('rating.get and rating.rate', () => {
  describe('when a counter visit is not finished', () => {
    it('offers no rating and refuses one with CONFLICT, writing nothing', async () => {
      const { bookingId } = await counterVisit(false)
      expect(expectOk(await rating({ action: 'get', service: 'counter', id: bookingId }))).toEqual({
        rating: null,
        canRate: false,
        notYet: '窗口办结后可以评价',
      })
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 5 })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '窗口办结后可以评价' },
      })
      expect(rows('SELECT id FROM ratings')).toEqual([])
    })
  })

  describe('when a counter visit is 办结', () => {
    it('takes one rating by the booking’s id, keyed to the ticket, with the window and the clerk who served', async () => {
      const { bookingId, ticketId } = await counterVisit()
      expect(expectOk(await rating({ action: 'get', service: 'counter', id: bookingId }))).toMatchObject({ canRate: true, notYet: null })
      const rated = expectOk(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 4, comment: '很快' }))
      expect(rated).toMatchObject({
        canRate: false,
        rating: { service: 'counter', serviceText: '窗口办事', level: 4, levelText: '满意', comment: '很快', followUp: null },
      })
      // The ticket's page asks by the ticket's id and sees the same rating.
      expect(expectOk(await rating({ action: 'get', service: 'counter', id: ticketId })).rating).toMatchObject({ levelText: '满意' })
      expect(await rating({ action: 'rate', service: 'counter', id: ticketId, level: 1, reasons: ['slow'] })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '这项服务您已评价过，每项只能评价一次' },
      })
      expect(rows('SELECT id, level, window_no, worker_openid, worker_name, follow_up_due FROM ratings')).toEqual([
        { id: `counter:${ticketId}`, level: 4, window_no: 2, worker_openid: 'dev-clerk-liu', worker_name: '刘芳', follow_up_due: null },
      ])
    })

    it('answers NOT_FOUND to another resident, as for a visit that does not exist', async () => {
      const { bookingId } = await counterVisit()
      const none = await rating({ action: 'get', service: 'counter', id: 'zz0000000000000000000000000000ff' }, 'resident-b')
      expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await rating({ action: 'get', service: 'counter', id: bookingId }, 'resident-b')).toEqual(none)
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 5 }, 'resident-b')).toEqual(none)
      expect(await q.h.call('rating', { action: 'get', centerId: 'yz', service: 'counter', id: bookingId }, RESIDENT)).toEqual(none)
      expect(rows('SELECT id FROM ratings')).toEqual([])
    })
  })

  describe('when the rating is 不满意 or 非常不满意', () => {
    it('refuses it without a reason, or 其他原因 without words, by field, writing nothing', async () => {
      const { bookingId } = await counterVisit()
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 2 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { reasons: '请至少选择一个不满意的原因' } },
      })
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 1, reasons: ['other'] })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { comment: expect.stringContaining('其他原因') } },
      })
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 6 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { level: '请选择满意程度' } },
      })
      expect(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 5, reasons: ['nope'] })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(rows('SELECT id FROM ratings')).toEqual([])
    })

    it('opens a follow-up due in 5 working days (Thursday → next Thursday), or the center’s own number', async () => {
      const { bookingId } = await counterVisit()
      const rated = expectOk(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 2, reasons: ['slow', 'attitude'] }))
      expect(rated.rating).toMatchObject({
        reasons: [
          { key: 'slow', text: '等候或办理时间太长' },
          { key: 'attitude', text: '工作人员态度不好' },
        ],
        followUp: { due: '2026-12-03', state: 'open', stateText: '待回复', answer: null },
      })
      expectOk(await q.h.call('config', { action: 'updateRatingRules', centerId: 'lsw', followUpWorkingDays: 3 }, ADMIN))
      const other = await q.book({ serviceId: 'lsw-pension-enroll', start: '10:30' })
      q.h.setNow('2026-11-26T10:05:00+08:00')
      const walk = expectOk(await q.checkIn(other.id)).id as string
      expectOk(await q.callNext(3))
      expectOk(await q.act('start', 3, walk))
      expectOk(await q.act('complete', 3, walk))
      const second = expectOk(await rating({ action: 'rate', service: 'counter', id: walk, level: 1, reasons: ['repeat'] }))
      expect(second.rating?.followUp?.due).toBe('2026-12-01')
    })
  })

  describe('when a home certification has its outcome', () => {
    it('lets the requesting family rate it (the grid worker is the one rated), and nobody before', async () => {
      const hc = homecertDriver(q.h)
      const r = await hc.submit()
      await hc.assign(r.id)
      await hc.schedule(r.id)
      const family = 'dev-family-zhao'
      expect(await rating({ action: 'rate', service: 'homecert', id: r.id, level: 5 }, family)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '上门认证有结果后可以评价' },
      })
      q.h.setNow('2026-11-27T09:30:00+08:00')
      await hc.startVisit(r.id)
      await hc.outcome(r.id, 'certified')
      expect(await rating({ action: 'get', service: 'homecert', id: r.id }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(expectOk(await rating({ action: 'rate', service: 'homecert', id: r.id, level: 5 }, family)).rating).toMatchObject({
        serviceText: '上门认证',
        levelText: '非常满意',
      })
      expect(rows('SELECT worker_openid, worker_name, window_no FROM ratings')).toEqual([
        { worker_openid: 'dev-grid-chen', worker_name: '陈志强', window_no: null },
      ])
    })
  })
})

describe('a delegated case', () => {
  it('is rated in the ratings area once 办结, by its resident only', async () => {
    const d = delegationHarness()
    try {
      const c = await d.create()
      const rate = (openid: string) =>
        d.callFunction('rating', { action: 'rate', centerId: 'lsw', service: 'case', id: c.id, level: 3 }, openid)
      expect(await rate(RESIDENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '代办件办结后可以评价' } })
      await d.drive(c.id, ['start', 'submit', 'conclude'])
      expect(await rate('resident-b')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(expectOk(await rate(RESIDENT)).rating).toMatchObject({ serviceText: '帮办代办', levelText: '基本满意' })
    } finally {
      d.close()
    }
  })
})

describe('rating.followUps and rating.answer', () => {
  async function badCounterRating() {
    const { bookingId, ticketId } = await counterVisit()
    expectOk(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 1, reasons: ['slow'], comment: '等了一小时' }))
    return { bookingId, id: `counter:${ticketId}` }
  }

  it('lists the center’s open 差评 for its admin only, overdue ones said in words', async () => {
    const { id } = await badCounterRating()
    for (const who of ['dev-clerk-liu', 'dev-supervisor-zhou', RESIDENT, 'dev-clerk-yz'])
      expect(await rating({ action: 'followUps' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(expectOk(await rating({ action: 'followUps' }, ADMIN))).toMatchObject({
      counts: { open: 1, overdue: 0 },
      followUpWorkingDays: 5,
      items: [
        {
          id,
          subjectLabel: '2026-11-26 C001 号',
          levelText: '非常不满意',
          workerName: '刘芳',
          window: 2,
          comment: '等了一小时',
          followUp: { state: 'open' },
        },
      ],
    })
    q.h.setNow('2026-12-04T09:00:00+08:00')
    expect(expectOk(await rating({ action: 'followUps' }, ADMIN))).toMatchObject({
      counts: { open: 1, overdue: 1 },
      items: [{ followUp: { due: '2026-12-03', state: 'overdue', stateText: '已超期未回复' } }],
    })
  })

  it('answers once, audited; the resident sees the answer on the page and gets a 消息', async () => {
    const { bookingId, id } = await badCounterRating()
    q.h.setNow('2026-11-27T10:00:00+08:00')
    expect(await rating({ action: 'answer', id, answer: '好' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { answer: expect.any(String) } },
    })
    expect(await rating({ action: 'answer', id, answer: '已为该时段加开一个窗口' }, 'dev-clerk-liu')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const answered = expectOk(await rating({ action: 'answer', id, answer: '已为该时段加开一个窗口' }, ADMIN))
    expect(answered.followUp).toMatchObject({
      state: 'answered',
      stateText: '已回复',
      answeredByName: '孙丽',
      answer: '已为该时段加开一个窗口',
    })
    expect(await rating({ action: 'answer', id, answer: '第二次回复内容' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这条差评已经回复过了' },
    })
    expect(expectOk(await rating({ action: 'get', service: 'counter', id: bookingId })).rating?.followUp).toMatchObject({
      state: 'answered',
      answer: '已为该时段加开一个窗口',
    })
    expect(rows("SELECT title, link FROM messages WHERE kind = 'rating' AND openid = ?", RESIDENT)).toEqual([
      { title: '您的评价已有回复', link: `/pages/booking/detail/index?id=${bookingId}` },
    ])
    expect(rows("SELECT actor_openid, record_id, record_label, detail FROM audit_log WHERE action = 'rating.answer'")).toEqual([
      { actor_openid: ADMIN, record_id: id, record_label: '2026-11-26 C001 号', detail: '窗口办事：非常不满意' },
    ])
    expect(expectOk(await rating({ action: 'followUps', answered: true }, ADMIN)).items.map((i: { id: string }) => i.id)).toEqual([id])
    // Another center's admin would not find it: the id is answered NOT_FOUND there.
    expect(
      await q.h.call('rating', { action: 'answer', centerId: 'lsw', id: 'counter:nope', answer: '已为该时段加开一个窗口' }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})

describe('statistics of ratings', () => {
  it('shows a new rating and an answered follow-up at once, without 立即更新数据', async () => {
    const { bookingId, ticketId } = await counterVisit()
    const summary = async () =>
      expectOk(await q.h.call('stats', { action: 'summary', centerId: 'lsw', from: '2026-11-01', to: '2026-11-30' }, ADMIN)).satisfaction
    expect((await summary()).ratings).toBe(0)
    expectOk(await rating({ action: 'rate', service: 'counter', id: bookingId, level: 2, reasons: ['slow'] }))
    expect(await summary()).toMatchObject({
      ratings: 1,
      low: 1,
      byService: [{ service: 'counter', ratings: 1, average: 2 }],
      byWindow: [{ window: 2, ratings: 1 }],
      byWorker: [{ name: '刘芳', ratings: 1 }],
      followUps: { total: 1, open: 1, overdue: 0, answered: 0 },
    })
    q.h.setNow('2026-12-08T09:00:00+08:00')
    expect((await summary()).followUps).toMatchObject({ open: 0, overdue: 1 })
    expectOk(await rating({ action: 'answer', id: `counter:${ticketId}`, answer: '已提醒窗口加快办理' }, ADMIN))
    expect((await summary()).followUps).toEqual({ total: 1, open: 0, overdue: 0, answered: 1, answeredLate: 1 })
  })
})
