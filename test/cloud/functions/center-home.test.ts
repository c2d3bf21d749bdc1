/** @timezone */
import { bookingHarness, createInput, harnessPerTest, type BookingHarness } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'
import { nthIdNumber } from '@test/support/id-numbers'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'

/** 首页's first screen in one call (issue 21): the center's card, who I am, 今天的预约 and the 消息 not yet seen. */
describe('center.home', () => {
  let h: BookingHarness
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses = harnessPerTest({ now: new Date('2026-11-26T08:00:00+08:00') })
  beforeEach(() => {
    h = harnesses.next()
  })
  afterEach(() => h.close())

  describe('when a first visit names no center', () => {
    it('answers the district’s first center, as a visitor', async () => {
      const home = expectOk(await h.call('center', { action: 'home' }, null))
      expect(home.center).toMatchObject({ id: 'lsw', name: '灵山卫街道公共服务中心' })
      expect(home.center.today.date).toBe('2026-11-26')
      expect(home.me).toEqual({ openid: null, name: null, roles: [], staffName: null, district: false })
      expect(home.today).toEqual([])
      expect(home.unreadMessages).toBe(0)
    })
  })

  describe('when a resident has a booking today and one tomorrow', () => {
    it('lists today’s only, with where to go and its check-in, as queue.today does', async () => {
      const today = expectOk(await h.call('booking', { action: 'create', ...createInput(1, { date: '2026-11-26', start: '09:30' }) }))
      expectOk(await h.call('booking', { action: 'create', ...createInput(2, { date: '2026-11-27', start: '09:30' }) }))
      const home = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }))
      const queueToday = expectOk(await h.call('queue', { action: 'today', centerId: 'lsw' }))
      expect(home.today.map((b) => b.bookingId)).toEqual([today.id])
      expect(home.today).toEqual(queueToday.items)
      expect(home.me.openid).toBe('resident-a')
    })

    it('shows none of them to another resident', async () => {
      expectOk(await h.call('booking', { action: 'create', ...createInput(1, { date: '2026-11-26', start: '09:30' }) }))
      const other = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }, 'resident-b'))
      expect(other.today).toEqual([])
    })
  })

  describe('when the resident has 消息', () => {
    const send = (id: string, createdAt: string, openid = 'resident-a') =>
      h.store.messages.send({
        id,
        centerId: 'lsw',
        openid,
        bookingId: null,
        kind: 'case',
        title: '进度',
        body: '已受理',
        templateId: null,
        createdAt,
      })

    it('counts those after the newest one the device has shown, and only the caller’s', async () => {
      await send('m1', '2026-11-25T01:00:00.000Z')
      await send('m2', '2026-11-25T02:00:00.000Z')
      await send('m3', '2026-11-25T03:00:00.000Z')
      await send('other', '2026-11-25T04:00:00.000Z', 'resident-b')
      const all = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }))
      expect(all.unreadMessages).toBe(3)
      const after = expectOk(await h.call('center', { action: 'home', centerId: 'lsw', messagesSeenAt: '2026-11-25T01:00:00.000Z' }))
      expect(after.unreadMessages).toBe(2)
      const none = expectOk(await h.call('center', { action: 'home', centerId: 'lsw', messagesSeenAt: '2026-11-25T03:00:00.000Z' }))
      expect(none.unreadMessages).toBe(0)
    })
  })

  describe('when the resident has recorded who they are (我的身份)', () => {
    it('names them masked, as 我的 shows it, and no one else by it', async () => {
      const before = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }))
      expect(before.me.name).toBeNull()
      expectOk(await h.call('people', { action: 'saveIdentity', name: '王建国', idNumber: nthIdNumber(7) }))
      const after = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }))
      expect(after.me).toMatchObject({ openid: 'resident-a', name: '王**', staffName: null })
      expect(JSON.stringify(after)).not.toContain('王建国')
      const other = expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }, 'resident-b'))
      expect(other.me.name).toBeNull()
    })
  })

  describe('whether this server offers the demo identities (选择身份)', () => {
    it('says no by default (CloudBase, a production server)', async () => {
      expect(expectOk(await h.call('center', { action: 'home', centerId: 'lsw' }, null)).demoIdentities).toBe(false)
    })

    it('says yes on the local server in dev mode', async () => {
      const dev = bookingHarness({ now: new Date('2026-11-26T08:00:00+08:00'), settings: { ...DEFAULT_SETTINGS, demoIdentities: true } })
      try {
        expect(expectOk(await dev.call('center', { action: 'home', centerId: 'lsw' }, null)).demoIdentities).toBe(true)
      } finally {
        dev.close()
      }
    })
  })

  describe('when the center does not exist', () => {
    it('answers NOT_FOUND', async () => {
      const res = await h.call('center', { action: 'home', centerId: 'nowhere' })
      expect(res.ok).toBe(false)
      if (!res.ok) expect(res.error.code).toBe('NOT_FOUND')
    })
  })

  describe('when messagesSeenAt is not a short string', () => {
    it('answers INVALID_INPUT', async () => {
      const res = await h.call('center', { action: 'home', centerId: 'lsw', messagesSeenAt: 'x'.repeat(41) })
      expect(res.ok).toBe(false)
      if (!res.ok) expect(res.error.code).toBe('INVALID_INPUT')
    })
  })
})
