/** @timezone */
import { markNoShows } from '@cloud/functions/jobs'
import { currentCheckInCode } from '@cloud/functions/queue/check-in-code'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { TEST_PII, harnessPerTest } from '@test/support/booking-harness'
import { queueHarness, QUEUE_DAY, type QueueHarness } from '@test/support/queue-harness'
import { expectOk } from '@test/support/expect-ok'

let q: QueueHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  q = queueHarness(harnesses.next())
})
afterEach(() => q.h.close())

const bookingStatus = (id: string) =>
  (q.h.store.db.prepare('SELECT status FROM bookings WHERE id = ?').get(id) as { status: string }).status
const ticketRows = () => (q.h.store.db.prepare('SELECT COUNT(*) AS n FROM queue_tickets').get() as { n: number }).n

describe('queue.checkIn', () => {
  describe('when the resident checks in within the window with the code on the screen', () => {
    it('returns an appointment ticket numbered in its queue, and the booking is checked in', async () => {
      const b = await q.book({ start: '10:00' })
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const res = await q.checkIn(b.id)
      expect(res).toMatchObject({
        ok: true,
        data: {
          label: 'C001',
          queue: 'medical',
          queueName: '医疗保障',
          kind: 'appointment',
          kindText: '预约',
          status: 'waiting',
          statusText: '等候中',
          serviceName: '异地就医备案',
          personName: '王建国',
          ahead: 0,
          headline: '下一位就是您，请留意叫号',
          notice: null,
          green: null,
          bookingId: b.id,
          date: QUEUE_DAY,
        },
      })
      expect(bookingStatus(b.id)).toBe('checked_in')
    })

    it('returns the same ticket when the resident checks in again, and stores one', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const first = await q.checkIn(b.id)
      q.h.setNow('2026-11-26T09:52:00+08:00')
      const again = await q.checkIn(b.id)
      // A retry with a stale code still finds the ticket it already has.
      const stale = await q.checkIn(b.id, 'resident-a', { code: '000000' })
      expect(first.ok && again.ok && stale.ok).toBe(true)
      expect(expectOk(again).id).toBe(expectOk(first).id)
      expect(expectOk(stale).label).toBe('C001')
      expect(ticketRows()).toBe(1)
    })

    it('accepts the code shown just before the screen changed, not the one before that', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:44:00+08:00')
      const old = q.code()
      q.h.setNow('2026-11-26T09:46:00+08:00')
      const older = await q.h.call('queue', {
        action: 'checkIn',
        centerId: 'lsw',
        bookingId: b.id,
        code: currentCheckInCode(TEST_PII, 'lsw', new Date('2026-11-26T09:36:00+08:00')).code,
      })
      expect(older).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(await q.checkIn(b.id, 'resident-a', { code: old })).toMatchObject({ ok: true })
    })
  })

  describe('when the code is wrong', () => {
    it('refuses with INVALID_INPUT on the code field and writes nothing', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const right = q.code()
      const res = await q.checkIn(b.id, 'resident-a', { code: right === '123456' ? '654321' : '123456' })
      expect(res).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: '签到码不正确或已过期，请输入大厅屏幕上正在显示的签到码',
          fields: { code: '签到码不正确或已过期，请看大厅屏幕上的最新签到码' },
        },
      })
      expect(ticketRows()).toBe(0)
      expect(bookingStatus(b.id)).toBe('booked')
    })
    it('refuses a code of another center', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      expect(await q.checkIn(b.id, 'resident-a', { code: q.code('yz') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    })
    it('says what a code looks like when it is not six digits', async () => {
      const b = await q.book()
      expect(await q.checkIn(b.id, 'resident-a', { code: '12ab' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { code: '签到码是大厅屏幕上的 6 位数字' } },
      })
    })
  })

  describe('when it is too early', () => {
    it('refuses with CLOSED and says when check-in opens', async () => {
      const b = await q.book({ start: '10:00' })
      q.h.setNow('2026-11-26T09:29:00+08:00')
      expect(await q.checkIn(b.id)).toEqual({
        ok: false,
        error: { code: 'CLOSED', message: '签到从 09:30 开始（预约时段前 30 分钟），请稍后再签到' },
      })
      expect(ticketRows()).toBe(0)
    })
  })

  describe('when the booking is for another day', () => {
    it('refuses with CLOSED and names the day', async () => {
      const b = await q.book({ date: '2026-11-27', start: '09:00' })
      expect(await q.checkIn(b.id)).toEqual({
        ok: false,
        error: { code: 'CLOSED', message: '您的预约在 11月27日，请在预约当天到中心签到' },
      })
    })
  })

  describe('when the resident is later than the slot but before the no-show deadline', () => {
    it('returns a walk-in ticket and says so; the booking counts as checked in, never as a no-show', async () => {
      const b = await q.book({ start: '10:00' })
      q.h.setNow('2026-11-26T10:35:00+08:00')
      const res = await q.checkIn(b.id)
      expect(res).toMatchObject({
        ok: true,
        data: {
          kind: 'walk_in',
          kindText: '现场取号',
          notice: '您已超过预约时段（10:00–10:30），已改为现场取号，按到达顺序排队；本次不记失约。',
        },
      })
      expect(bookingStatus(b.id)).toBe('checked_in')
      q.h.setNow('2026-11-26T12:00:00+08:00')
      expect(await markNoShows({ store: q.h.store, now: q.h.now, settings: DEFAULT_SETTINGS })).toEqual([])
      expect(bookingStatus(b.id)).toBe('checked_in')
      // The ticket page keeps saying it, in short.
      const mine = await q.h.call('queue', { action: 'myTicket', centerId: 'lsw', id: expectOk(res).id })
      expect(mine).toMatchObject({ ok: true, data: { notice: '您到达时已超过预约时段，已改为现场取号，按到达顺序排队。' } })
    })

    it('puts the late resident behind an appointment and behind walk-ins who came before', async () => {
      const late = await q.book({ start: '09:30' })
      const onTime = await q.book({ start: '11:00' })
      q.h.setNow('2026-11-26T10:05:00+08:00')
      await q.walkIn('lsw-medical-enroll')
      q.h.setNow('2026-11-26T10:06:00+08:00')
      const lateTicket = await q.checkIn(late.id)
      q.h.setNow('2026-11-26T10:31:00+08:00')
      await q.checkIn(onTime.id)
      const console = await q.act('console', 2)
      expect(expectOk(console).waiting.map((t: { label: string; reason: string }) => [t.label, t.reason])).toEqual([
        ['C003', '预约 11:00'],
        ['C001', '现场取号 10:05'],
        ['C002', '现场取号 10:06（预约已过时段）'],
      ])
      expect(expectOk(lateTicket).label).toBe('C002')
    })
  })

  describe('when the resident comes after the no-show deadline', () => {
    it('returns a walk-in ticket and marks the booking a no-show in the same write, before any job runs', async () => {
      const b = await q.book({ start: '10:00' })
      q.h.setNow('2026-11-26T10:50:00+08:00')
      const res = await q.checkIn(b.id)
      expect(res).toMatchObject({
        ok: true,
        data: { kind: 'walk_in', notice: '您已超过签到截止时间（10:45），本次预约记为失约；已为您现场取号，按到达顺序排队。' },
      })
      // What the notice says is what 我的预约 reads: 已失约, not 待办理.
      expect(bookingStatus(b.id)).toBe('no_show')
      const mine = await q.h.call('booking', { action: 'get', centerId: 'lsw', id: b.id }, 'resident-a')
      expect(expectOk(mine).statusText).toBe('已失约')
      // The job finds nothing left to mark.
      expect(await markNoShows({ store: q.h.store, now: q.h.now, settings: DEFAULT_SETTINGS })).toEqual([])
      // Checking in again answers the same ticket.
      expectOk(await q.checkIn(b.id))
      expect(ticketRows()).toBe(1)
    })
  })

  describe('when the booking is not the caller’s, or is cancelled', () => {
    it('answers NOT_FOUND for someone else’s booking, as for one that does not exist', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const other = await q.checkIn(b.id, 'resident-b')
      const none = await q.checkIn('bk-does-not-exist', 'resident-b')
      expect(other).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关预约' } })
      expect(none).toEqual(other)
    })
    it('refuses a cancelled booking with CONFLICT', async () => {
      const b = await q.book()
      await q.h.call('booking', { action: 'cancel', centerId: 'lsw', id: b.id })
      q.h.setNow('2026-11-26T09:40:00+08:00')
      expect(await q.checkIn(b.id)).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该预约已取消，不能签到' } })
    })
    it('answers UNAUTHENTICATED to an anonymous caller', async () => {
      expect(await q.h.call('queue', { action: 'checkIn', centerId: 'lsw', bookingId: 'x', code: '123456' }, null)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
    })
  })

  describe('the green channel from the ID number', () => {
    it('puts a person who turns 70 today first, with the reason; one who turns 70 tomorrow waits for their slot', async () => {
      const younger = await q.book({ start: '10:00', birth: '1956-11-27' })
      const seventy = await q.book({ start: '10:00', birth: '1956-11-26' })
      q.h.setNow('2026-11-26T09:45:00+08:00')
      const a = await q.checkIn(younger.id)
      const b = await q.checkIn(seventy.id)
      expect(expectOk(a).green).toBeNull()
      expect(expectOk(b).green).toBe('绿色通道：70 岁以上')
      const console = await q.act('console', 2)
      expect(expectOk(console).waiting.map((t: { label: string; reason: string }) => [t.label, t.reason])).toEqual([
        ['C002', '绿色通道：70 岁以上'],
        ['C001', '预约 10:00'],
      ])
    })
    it('takes a disability certificate the resident says they hold', async () => {
      const b = await q.book()
      q.h.setNow('2026-11-26T09:40:00+08:00')
      expect(await q.checkIn(b.id, 'resident-a', { disability: true })).toMatchObject({ ok: true, data: { green: '绿色通道：持残疾人证' } })
    })
  })
})

describe('queue.checkInStatus', () => {
  it('returns early, then open, then checked_in with the ticket', async () => {
    const b = await q.book({ start: '10:00' })
    const status = () => q.h.call('queue', { action: 'checkInStatus', centerId: 'lsw', bookingId: b.id })
    q.h.setNow('2026-11-26T09:10:00+08:00')
    expect(await status()).toMatchObject({
      ok: true,
      data: {
        timing: 'early',
        canCheckIn: false,
        message: '签到从 09:30 开始（预约时段前 30 分钟），请稍后再签到',
        opensAt: '2026-11-26T01:30:00.000Z',
        ticketId: null,
      },
    })
    q.h.setNow('2026-11-26T09:30:00+08:00')
    expect(await status()).toMatchObject({ ok: true, data: { timing: 'open', canCheckIn: true, message: null } })
    const t = await q.checkIn(b.id)
    expect(await status()).toMatchObject({ ok: true, data: { timing: 'checked_in', canCheckIn: false, ticketId: expectOk(t).id } })
  })
  it('returns late with the walk-in explanation after the slot', async () => {
    const b = await q.book({ start: '10:00' })
    q.h.setNow('2026-11-26T10:31:00+08:00')
    expect(await q.h.call('queue', { action: 'checkInStatus', centerId: 'lsw', bookingId: b.id })).toMatchObject({
      ok: true,
      data: {
        timing: 'late',
        canCheckIn: true,
        message: '您已超过预约时段（10:00–10:30），现在签到将改为现场取号，按到达顺序排队；本次不记失约。',
      },
    })
  })
})

describe('queue.today', () => {
  describe('when the resident has a booking today and one tomorrow', () => {
    it('returns today’s only, with where to go and its check-in as it stands', async () => {
      const b = await q.book({ start: '10:00' })
      await q.book({ date: '2026-11-27', start: '10:00' })
      const today = () => q.h.call('queue', { action: 'today', centerId: 'lsw' })
      q.h.setNow('2026-11-26T08:30:00+08:00')
      expect(await today()).toMatchObject({
        ok: true,
        data: {
          today: QUEUE_DAY,
          items: [
            {
              bookingId: b.id,
              serviceName: '异地就医备案',
              start: '10:00',
              end: '10:30',
              statusText: '待办理',
              where: expect.stringMatching(/号窗口）$/),
              checkIn: { timing: 'early', canCheckIn: false },
            },
          ],
        },
      })
      q.h.setNow('2026-11-26T09:40:00+08:00')
      const t = await q.checkIn(b.id)
      expect(await today()).toMatchObject({
        ok: true,
        data: { items: [{ checkIn: { timing: 'checked_in', ticketId: t.ok && t.data.id } }] },
      })
    })
  })
  describe('when someone else asks', () => {
    it('returns nothing of the resident’s', async () => {
      await q.book({ start: '10:00' })
      expect(await q.h.call('queue', { action: 'today', centerId: 'lsw' }, 'resident-b')).toMatchObject({ ok: true, data: { items: [] } })
    })
  })
})

describe('queue.checkInByCode', () => {
  it('lets a clerk check a booking in by its booking code, without the on-site code', async () => {
    const b = await q.book()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    const res = await q.act('checkInByCode', 2, undefined, 'dev-clerk-liu', { code: b.code.toLowerCase() })
    expect(res).toMatchObject({ ok: true, data: { label: 'C001', kind: 'appointment', personName: '王建国', position: null } })
    // The resident then sees the same ticket as theirs.
    expect(await q.checkIn(b.id)).toMatchObject({ ok: true, data: { label: 'C001' } })
    expect((await q.h.store.audit.list({ centerId: 'lsw', actionPrefix: 'queue.', limit: 10 })).map((e) => e.action)).toEqual([
      'queue.checkInByCode',
    ])
  })
  it('answers NOT_FOUND for a code of another center’s booking and FORBIDDEN for a resident', async () => {
    const b = await q.book()
    q.h.setNow('2026-11-26T09:40:00+08:00')
    expect(await q.h.call('queue', { action: 'checkInByCode', centerId: 'yz', window: 1, code: b.code }, 'dev-clerk-yz')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await q.act('checkInByCode', 2, undefined, 'resident-a', { code: b.code })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
