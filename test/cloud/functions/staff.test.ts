/** @timezone */
import { type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'

const ADMIN = 'dev-admin-sun'
const NEWCOMER = 'o-newcomer-0001'

describe('staff function', () => {
  let h: BookingHarness
  // Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
  const harnesses = harnessPerTest()
  beforeEach(() => (h = harnesses.next()))
  afterEach(() => h.close())
  // Answers are read loosely here: each test checks the envelope it expects.
  const call = (...args: Parameters<BookingHarness['call']>): Promise<any> => h.call(...args)

  const invite = async (grant: object = { role: 'counter', windows: [4, 5] }, name = '张明') => {
    const res = await call('staff', { action: 'createInvite', centerId: 'lsw', name, grant }, ADMIN)
    expect(res).toMatchObject({ ok: true })
    return res.data
  }

  describe('with a QR link domain (QR_LINK_BASE)', () => {
    const linked = harnessPerTest({ settings: { reminderTemplateId: null, qrLinkBase: 'https://bm.example.gov.cn' } })
    it('gives the invite a QR link WeChat’s 扫一扫 opens, whose code redeems as typed', async () => {
      const hl = linked.next()
      try {
        const inv = expectOk(
          await hl.call(
            'staff',
            { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'counter', windows: [4] } },
            ADMIN,
          ),
        )
        expect(inv.qrText).toBe(`https://bm.example.gov.cn/j/${inv.code}`)
        const redeemed = await hl.call('staff', { action: 'redeemInvite', code: inv.qrText! }, NEWCOMER)
        expect(redeemed).toMatchObject({ ok: true, data: { centerId: 'lsw' } })
      } finally {
        hl.close()
      }
    })
  })

  describe('invite lifecycle', () => {
    it('returns a code, a QR text and a 48-hour expiry, and keeps only the hash', async () => {
      const inv = await invite()
      expect(inv.code).toMatch(/^[2-9A-HJKMNP-TW-Z]{8}$/)
      expect(inv.qrText).toBe(`BMINVITE:${inv.code}`)
      expect(inv).toMatchObject({
        status: 'pending',
        statusText: '待使用',
        grant: { role: 'counter', windows: [4, 5], text: '窗口人员（4、5 号窗口）' },
      })
      expect(new Date(inv.expiresAt).getTime() - h.now().getTime()).toBe(48 * 3600_000)
      const row = h.store.db.prepare('SELECT * FROM staff_invites WHERE id = ?').get(inv.id) as Record<string, string>
      expect(JSON.stringify(row)).not.toContain(inv.code)
      const listed = await call('staff', { action: 'listInvites', centerId: 'lsw' }, ADMIN)
      expect(listed.data.items[0]).toMatchObject({ id: inv.id, code: null, codeText: `尾号 ${inv.code.slice(-2)}` })
    })

    it('binds the caller with the role and scope, once', async () => {
      const inv = await invite()
      const preview = await call('staff', { action: 'previewInvite', code: inv.code.toLowerCase() }, NEWCOMER)
      expect(preview.data).toMatchObject({
        centerId: 'lsw',
        centerName: '灵山卫街道公共服务中心',
        name: '张明',
        grant: { text: '窗口人员（4、5 号窗口）' },
        alreadyHeld: [],
      })
      const redeemed = await call('staff', { action: 'redeemInvite', code: inv.qrText }, NEWCOMER)
      expect(redeemed.data).toMatchObject({ centerId: 'lsw', name: '张明', grants: [{ role: 'counter', windows: [4, 5] }] })
      const me = await call('center', { action: 'me', centerId: 'lsw' }, NEWCOMER)
      expect(me.data).toMatchObject({ staffName: '张明', roles: [{ role: 'counter', windows: [4, 5] }] })

      const again = await call('staff', { action: 'redeemInvite', code: inv.code }, 'o-someone-else')
      expect(again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已被使用') })
      expect(await h.store.staff.rolesOf('lsw', 'o-someone-else')).toEqual([])
      // The same person again: what they hold, no error and no second audit entry.
      const mine = await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER)
      expectOk(mine)
      const log = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'staff.redeem', limit: 10 })
      expect(log).toHaveLength(1)
      expect(log[0]).toMatchObject({ actorOpenid: NEWCOMER, actorName: '张明', recordType: 'invite', recordId: inv.id })
    })

    it('refuses an expired invite, even one second after 48 hours', async () => {
      const inv = await invite()
      h.setNow(new Date(h.now().getTime() + 48 * 3600_000))
      const res = await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER)
      expect(res.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已过期') })
      expect(await h.store.staff.rolesOf('lsw', NEWCOMER)).toEqual([])
      const listed = await call('staff', { action: 'listInvites', centerId: 'lsw' }, ADMIN)
      expect(listed.data.items[0].status).toBe('expired')
    })

    it('accepts it one second before expiry', async () => {
      const inv = await invite()
      h.setNow(new Date(h.now().getTime() + 48 * 3600_000 - 1000))
      expectOk(await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER))
    })

    it('refuses a cancelled invite and cannot cancel a used one', async () => {
      const a = await invite()
      expect((await call('staff', { action: 'cancelInvite', centerId: 'lsw', id: a.id }, ADMIN)).data.status).toBe('cancelled')
      expect((await call('staff', { action: 'redeemInvite', code: a.code }, NEWCOMER)).error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('作废'),
      })
      const b = await invite()
      await call('staff', { action: 'redeemInvite', code: b.code }, NEWCOMER)
      expect((await call('staff', { action: 'cancelInvite', centerId: 'lsw', id: b.id }, ADMIN)).error.code).toBe('CONFLICT')
    })

    it('answers NOT_FOUND to a wrong code and RATE_LIMITED after ten in an hour', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await call('staff', { action: 'redeemInvite', code: 'ABCDEFGH' }, NEWCOMER)).error).toMatchObject({
          code: 'NOT_FOUND',
          fields: { code: expect.any(String) },
        })
      }
      const inv = await invite()
      expect((await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER)).error.code).toBe('RATE_LIMITED')
      h.setNow(new Date(h.now().getTime() + 3601_000))
      expectOk(await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER))
    })

    it('adds to the scope a person already holds in that role', async () => {
      const inv = await invite({ role: 'counter', windows: [5] })
      await call('staff', { action: 'redeemInvite', code: inv.code }, 'dev-clerk-liu')
      expect((await h.store.staff.rolesOf('lsw', 'dev-clerk-liu')).map((g) => g.grant)).toEqual([
        { role: 'counter', windows: [1, 2, 3, 5] },
      ])
    })

    it('refuses a scope the center does not have, and a counter role without windows', async () => {
      const noWindow = await call(
        'staff',
        { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'counter', windows: [42] } },
        ADMIN,
      )
      expect(noWindow.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'grant.windows': '本中心没有 42 号窗口' } })
      const empty = await call('staff', { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'counter' } }, ADMIN)
      expect(empty.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'grant.windows': '请至少选择一个窗口' } })
      const grid = await call(
        'staff',
        { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'grid', communities: ['不存在村'] } },
        ADMIN,
      )
      expect(grid.error.fields['grant.communities']).toContain('不存在村')
      const badName = await call('staff', { action: 'createInvite', centerId: 'lsw', name: 'Tom', grant: { role: 'admin' } }, ADMIN)
      expect(badName.error.fields.name).toBe('请填写身份证上的中文姓名')
    })

    it("gives the role in the invite's center only", async () => {
      const inv = await invite({ role: 'grid', communities: ['东风村'] })
      await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER)
      expect(await h.store.staff.rolesOf('yz', NEWCOMER)).toEqual([])
      expect((await call('staff', { action: 'listStaff', centerId: 'yz' }, NEWCOMER)).error.code).toBe('FORBIDDEN')
    })
  })

  describe('staff list, scopes and revoking', () => {
    it('lists people with their roles in words', async () => {
      const res = await call('staff', { action: 'listStaff', centerId: 'lsw' }, ADMIN)
      const sun = res.data.members.find((m: { openid: string }) => m.openid === ADMIN)
      expect(sun).toMatchObject({ name: '孙丽', isSelf: true, grants: [{ role: 'admin', text: '管理员' }, { role: 'supervisor' }] })
      expect(res.data.windows).toHaveLength(6)
      expect(res.data.communities.map((c: { name: string }) => c.name)).toContain('东风村')
    })

    it("changes a clerk's windows and audits it", async () => {
      const res = await call(
        'staff',
        { action: 'setGrant', centerId: 'lsw', openid: 'dev-clerk-liu', grant: { role: 'counter', windows: [2] } },
        ADMIN,
      )
      expect(res.data.members.find((m: { openid: string }) => m.openid === 'dev-clerk-liu').grants).toEqual([
        { role: 'counter', windows: [2], text: '窗口人员（2 号窗口）' },
      ])
      const [entry] = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'staff.', limit: 1 })
      expect(entry).toMatchObject({
        action: 'staff.setGrant',
        recordType: 'staff',
        recordId: 'dev-clerk-liu',
        detail: '窗口人员（2 号窗口）',
      })
    })

    it('refuses a scope change for someone who is not staff', async () => {
      expect(
        (await call('staff', { action: 'setGrant', centerId: 'lsw', openid: 'dev-resident-wang', grant: { role: 'admin' } }, ADMIN)).error
          .code,
      ).toBe('NOT_FOUND')
    })

    it('revokes a grid role and drops the worker as responsible for their communities', async () => {
      await call('staff', { action: 'revokeGrant', centerId: 'lsw', openid: 'dev-grid-chen', role: 'grid' }, ADMIN)
      expect(await h.store.staff.rolesOf('lsw', 'dev-grid-chen')).toEqual([])
      const communities = await h.store.homecert.communities('lsw')
      expect(communities.filter((c) => c.responsibleOpenid === 'dev-grid-chen')).toEqual([])
    })

    it('refuses to remove the last admin, themself included', async () => {
      const res = await call('staff', { action: 'revokeGrant', centerId: 'lsw', openid: ADMIN, role: 'admin' }, ADMIN)
      expect(res.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('唯一的管理员') })
      expect((await h.store.staff.rolesOf('lsw', ADMIN)).some((g) => g.grant.role === 'admin')).toBe(true)
    })

    it('lets an admin step down once a second admin exists', async () => {
      const inv = await invite({ role: 'admin' }, '王强')
      await call('staff', { action: 'redeemInvite', code: inv.code }, NEWCOMER)
      expectOk(await call('staff', { action: 'revokeGrant', centerId: 'lsw', openid: ADMIN, role: 'admin' }, ADMIN))
      // Now the newcomer is the last one.
      expect((await call('staff', { action: 'revokeGrant', centerId: 'lsw', openid: NEWCOMER, role: 'admin' }, NEWCOMER)).error.code).toBe(
        'CONFLICT',
      )
    })
  })

  describe('audit log', () => {
    it('filters by person, area, record and Beijing dates, newest first, in pages of 30', async () => {
      // A clerk's call six days ago, then today's admin work.
      h.store.db
        .prepare(
          "INSERT INTO audit_log (center_id, actor_openid, actor_name, action, record_type, record_id, detail, at) VALUES ('lsw', 'dev-clerk-liu', '刘芳', 'queue.callNext', 'ticket', 't-9', '1 号窗口 A001', '2026-11-20T01:00:00.000Z')",
        )
        .run()
      for (let i = 0; i < 35; i++) await invite({ role: 'counter', windows: [1 + (i % 6)] })
      await call('staff', { action: 'setGrant', centerId: 'lsw', openid: 'dev-clerk-liu', grant: { role: 'counter', windows: [2] } }, ADMIN)

      const first = await call('staff', { action: 'listAudit', centerId: 'lsw' }, ADMIN)
      expect(first.data.items).toHaveLength(30)
      expect(first.data.items[0]).toMatchObject({ action: 'staff.setGrant', actionText: '修改岗位范围', actorName: '孙丽' })
      const second = await call('staff', { action: 'listAudit', centerId: 'lsw', cursor: first.data.nextCursor }, ADMIN)
      expect(second.data.items).toHaveLength(7)
      expect(second.data.nextCursor).toBeNull()

      const byClerk = await call('staff', { action: 'listAudit', centerId: 'lsw', actorOpenid: 'dev-clerk-liu' }, ADMIN)
      expect(byClerk.data.items.map((i: { action: string }) => i.action)).toEqual(['queue.callNext'])
      expect(byClerk.data.items[0].actionText).toBe('叫号')
      const byArea = await call('staff', { action: 'listAudit', centerId: 'lsw', area: 'queue' }, ADMIN)
      expect(byArea.data.items).toHaveLength(1)
      const byRecord = await call('staff', { action: 'listAudit', centerId: 'lsw', recordType: 'staff', recordId: 'dev-clerk-liu' }, ADMIN)
      expect(byRecord.data.items.map((i: { action: string }) => i.action)).toEqual(['staff.setGrant'])
      // 2026-11-20 09:00 Beijing is inside 11-20 and outside 11-21…11-26.
      expect(
        (await call('staff', { action: 'listAudit', centerId: 'lsw', from: '2026-11-20', to: '2026-11-20' }, ADMIN)).data.items,
      ).toHaveLength(1)
      expect(
        (await call('staff', { action: 'listAudit', centerId: 'lsw', from: '2026-11-21', to: '2026-11-26', area: 'queue' }, ADMIN)).data
          .items,
      ).toHaveLength(0)
      expect((await call('staff', { action: 'listAudit', centerId: 'lsw', from: '2026-11-26', to: '2026-11-20' }, ADMIN)).error.code).toBe(
        'INVALID_INPUT',
      )
    })
  })

  describe('role checks', () => {
    const calls: [string, Record<string, unknown>][] = [
      ['createInvite', { name: '张明', grant: { role: 'admin' } }],
      ['listInvites', {}],
      ['cancelInvite', { id: 'inv-x' }],
      ['listStaff', {}],
      ['setGrant', { openid: 'dev-clerk-liu', grant: { role: 'counter', windows: [1] } }],
      ['revokeGrant', { openid: 'dev-clerk-liu', role: 'counter' }],
      ['listAudit', {}],
    ]
    for (const who of ['dev-resident-wang', 'dev-clerk-liu', 'dev-grid-chen', 'dev-supervisor-zhou', 'dev-clerk-yz']) {
      it(`refuses ${who} with FORBIDDEN on every action`, async () => {
        for (const [action, params] of calls) {
          const res = await call('staff', { action, centerId: 'lsw', ...params }, who)
          expect([action, res.error?.code]).toEqual([action, 'FORBIDDEN'])
        }
      })
    }
    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      expect((await call('staff', { action: 'listStaff', centerId: 'lsw' }, null)).error.code).toBe('UNAUTHENTICATED')
      expect((await call('staff', { action: 'redeemInvite', code: 'ABCDEFGH' }, null)).error.code).toBe('UNAUTHENTICATED')
    })
  })
})
