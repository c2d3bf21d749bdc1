/** The delegation area through its function: who sees and does what, the 消息, the staff list and the audit. */
import { harnessPerTest } from '@test/support/booking-harness'
import { CASE_STEP_NAMES } from '@/core/delegation-states'
import {
  ADMIN,
  caseInput,
  caseStoreViews,
  CLERK,
  delegationHarness,
  GRID,
  jpeg,
  OTHER_CLERK,
  RESIDENT,
  SERVICE,
  STEP_FIELDS,
  YZ_CLERK,
  type DelegationHarness,
} from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'

let h: DelegationHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  h = delegationHarness({}, harnesses.next())
})
afterEach(() => h.close())

const { rows, count, auditActions } = caseStoreViews(() => h)

describe('per-record authorization', () => {
  describe('when a resident asks for a case that is not theirs', () => {
    it('answers exactly as for a case that does not exist', async () => {
      const c = await h.create()
      const other = await h.call('get', { id: c.id }, 'resident-b')
      const missing = await h.call('get', { id: 'cs-does-not-exist' }, 'resident-b')
      expect(other).toEqual(missing)
      expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关代办件' } })
    })
    it('refuses every resident action on it with the same NOT_FOUND', async () => {
      const c = await h.create()
      for (const [action, data] of [
        ['reply', { text: '补好了' }],
        ['withdraw', {}],
        ['uploadPhoto', { dataUrl: jpeg() }],
        ['getPhoto', { photoId: 'ph1' }],
      ] as const) {
        expect(await h.call(action, { id: c.id, ...data }, 'resident-b')).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND', message: '没有找到相关代办件' },
        })
      }
    })
    it('answers NOT_FOUND for the case asked for under another center', async () => {
      const c = await h.create()
      expect(await h.call('get', { id: c.id, centerId: 'yz' }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
    it('answers NOT_FOUND for a counter case nobody has claimed, even to the clerk as a resident', async () => {
      const c = await h.intake()
      expect(await h.call('get', { id: c.id }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('when someone who is not staff of the center calls a staff action', () => {
    it('refuses a resident and a grid worker with FORBIDDEN', async () => {
      const c = await h.create()
      for (const openid of [RESIDENT, GRID]) {
        expect(await h.call('staffList', {}, openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        expect(await h.call('staffGet', { id: c.id }, openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        expect(await h.advance(c.id, 'start', openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        expect(await h.call('intake', caseInput(), openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    })
    it('refuses a clerk of another center with FORBIDDEN here and NOT_FOUND under their own center', async () => {
      const c = await h.create()
      expect(await h.call('staffGet', { id: c.id }, YZ_CLERK)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await h.call('staffGet', { id: c.id, centerId: 'yz' }, YZ_CLERK)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
    it('shows a clerk of another center none of this center’s cases', async () => {
      await h.create()
      const list = await h.call('staffList', { centerId: 'yz', state: 'all' }, YZ_CLERK)
      expect(expectOk(list).items).toEqual([])
    })
  })

  describe('when a clerk acts on a case assigned to someone else', () => {
    it('refuses with FORBIDDEN, until a supervisor reassigns it', async () => {
      const c = await h.intake({}, OTHER_CLERK)
      expect(await h.advance(c.id, 'start', CLERK)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: '该件由测试窗口经办，请主管转派后再办理' },
      })
      expect(await h.call('reassign', { id: c.id, to: CLERK }, CLERK)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      const moved = await h.call('reassign', { id: c.id, to: CLERK, note: '测试窗口请假' }, ADMIN)
      expect(moved).toMatchObject({ ok: true, data: { assignee: { openid: CLERK, name: '刘芳' } } })
      expect(expectOk(moved).timeline.at(-1)).toMatchObject({
        kind: 'reassign',
        actorName: '孙丽',
        note: '转派给刘芳：测试窗口请假',
        fromState: 'accepted',
        toState: 'accepted',
      })
      expect(await h.advance(c.id, 'start', CLERK)).toMatchObject({ ok: true, data: { state: 'processing' } })
    })
    it('lets a clerk hand their own case to a colleague, and refuses someone who is not staff here', async () => {
      const c = await h.intake()
      expect(await h.call('reassign', { id: c.id, to: GRID }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { to: '请选择本中心的工作人员' } },
      })
      expect(await h.call('reassign', { id: c.id, to: YZ_CLERK }, CLERK)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(await h.call('reassign', { id: c.id, to: OTHER_CLERK }, CLERK)).toMatchObject({
        ok: true,
        data: { assignee: { openid: OTHER_CLERK }, canAct: false, steps: [] },
      })
      expect(auditActions(c.id)).toContain('delegation.reassign')
    })
    it('lists the center’s clerks, supervisors and admins to reassign to', async () => {
      const res = await h.call('clerks', {}, CLERK)
      expect(expectOk(res)).toEqual(
        expect.arrayContaining([
          { openid: CLERK, name: '刘芳', rolesText: '窗口人员' },
          { openid: ADMIN, name: '孙丽', rolesText: expect.stringMatching(/管理员/) },
          { openid: OTHER_CLERK, name: '测试窗口', rolesText: '窗口人员' },
        ]),
      )
      expect(expectOk(res).some((s: { openid: string }) => s.openid === GRID)).toBe(false)
    })
  })
})

describe('notifications', () => {
  describe('when a linked case moves through its life', () => {
    it('sends the resident a 消息 at each step they care about, with the case page as link, and none for their own reply', async () => {
      const c = await h.create()
      await h.drive(c.id, ['start', 'ask_supplement'])
      await h.call('reply', { id: c.id, text: '户口簿已找到，明天送到窗口' }, RESIDENT)
      await h.drive(c.id, ['supplement', 'submit', 'conclude', 'deliver'])
      const messages = rows("SELECT title, body, link FROM messages WHERE openid = ? AND kind = 'case' ORDER BY created_at, id", RESIDENT)
      expect(messages.map((m) => m.title).sort()).toEqual(
        ['代办已提交', '代办已受理', '代办开始办理', '请补交材料', '补交的材料已收到', '代办已报送', '代办已办结', '代办已领取'].sort(),
      )
      expect(messages.every((m) => m.link === `/pages/delegation/detail/index?id=${c.id}`)).toBe(true)
      expect(messages.find((m) => m.title === '请补交材料')!.body).toContain('户口簿（户主页和本人页）')
      expect(messages.map((m) => `${m.title}${m.body}`).join('')).not.toContain('补正')
      const concluded = messages.find((m) => m.title === '代办已办结')!.body as string
      const detail = await h.call('staffGet', { id: c.id }, CLERK)
      expect(concluded).toContain('审核通过')
      // Nothing was logged as collected: the resident is not told about originals.
      expect(concluded).toContain('请凭取件码到窗口领取办理结果。')
      expect(concluded).not.toContain('原件')
      expect(expectOk(detail).state).toBe('delivered')
    })
    it('lists the 消息 with its link in 消息 (booking.listMessages)', async () => {
      const c = await h.create()
      const list = await h.callFunction('booking', { action: 'listMessages', centerId: 'lsw' }, RESIDENT)
      expect(list).toMatchObject({
        ok: true,
        data: { items: [{ kind: 'case', title: '代办已提交', bookingId: null, link: `/pages/delegation/detail/index?id=${c.id}` }] },
      })
    })
    it('sends nothing for a counter case nobody has claimed yet', async () => {
      const c = await h.intake()
      await h.drive(c.id, ['start', 'ask_supplement'])
      expect(count("SELECT COUNT(*) AS n FROM messages WHERE kind = 'case'")).toBe(0)
    })
  })
})

describe('delegation.staffList and 差评', () => {
  describe('when a concluded case is rated 不满意 (the rating area’s rate)', () => {
    it('flags the case for the supervisor on the staff list, with the level in words', async () => {
      async function concluded() {
        const c = await h.create()
        await h.drive(c.id, ['start', 'submit', 'conclude'])
        return c
      }
      const low = await concluded()
      const fine = await concluded()
      const rate = (id: string, level: number, reasons: string[] = []) =>
        h.callFunction('rating', { action: 'rate', centerId: 'lsw', service: 'case', id, level, reasons }, RESIDENT)
      expectOk(await rate(low.id, 2, ['slow']))
      expectOk(await rate(fine.id, 3))
      const all = await h.call('staffList', { state: 'all' }, ADMIN)
      expect(expectOk(all).counts.lowRating).toBe(1)
      expect(expectOk(all).items.find((i: { id: string }) => i.id === low.id)).toMatchObject({
        level: 2,
        levelText: '不满意',
        lowRating: true,
      })
      expect(expectOk(all).items.find((i: { id: string }) => i.id === fine.id)).toMatchObject({
        level: 3,
        levelText: '基本满意',
        lowRating: false,
      })
      const flagged = await h.call('staffList', { state: 'all', lowRating: true }, ADMIN)
      expect(expectOk(flagged).items.map((i: { id: string }) => i.id)).toEqual([low.id])
      expect(expectOk(await h.call('staffGet', { id: low.id }, ADMIN)).rating).toEqual({
        levelText: '不满意',
        reasons: ['等候或办理时间太长'],
        comment: null,
        followUpText: '待回复',
      })
    })
  })
})

describe('delegation.staffList', () => {
  describe('when filtering', () => {
    it('combines state, service and assignee, newest first', async () => {
      const a = await h.create()
      const b = await h.intake({ serviceId: 'lsw-pension-enroll' })
      const c = await h.intake({}, OTHER_CLERK)
      await h.drive(b.id, ['start'])
      const ids = async (filters: Record<string, unknown>) => {
        const res = await h.call('staffList', filters, CLERK)
        return res.ok ? res.data.items.map((i: { id: string }) => i.id) : res
      }
      expect(await ids({})).toEqual([c.id, b.id, a.id])
      expect(await ids({ state: 'processing' })).toEqual([b.id])
      expect(await ids({ serviceId: SERVICE })).toEqual([c.id, a.id])
      expect(await ids({ assignee: 'me' })).toEqual([b.id])
      expect(await ids({ assignee: 'unassigned' })).toEqual([a.id])
      expect(await ids({ assignee: OTHER_CLERK })).toEqual([c.id])
      const list = await h.call('staffList', {}, CLERK)
      expect(expectOk(list).counts).toMatchObject({ open: 3, unassigned: 1 })
    })
    it('finds a case by its number typed loosely, or by the last 4 digits of the phone, and masks the phone', async () => {
      const a = await h.create({ phone: '13800001234' })
      await h.create({ phone: '13900005678' }, 'resident-b')
      const byNo = await h.call('staffList', { q: 'db20261126 1' }, CLERK)
      expect(expectOk(byNo).items.map((i: { id: string }) => i.id)).toEqual([a.id])
      const byPhone = await h.call('staffList', { q: '1234' }, CLERK)
      expect(byPhone).toMatchObject({ ok: true, data: { items: [{ id: a.id, phone: '138****1234' }] } })
      expect(await h.call('staffList', { q: '王德福' }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { q: expect.any(String) } },
      })
    })
    it('audits the bulk read without the phone digits searched for', async () => {
      await h.call('staffList', { q: '1234' }, CLERK)
      expect(rows("SELECT detail FROM audit_log WHERE action = 'delegation.staffList'")).toEqual([{ detail: '未结束的件，按电话尾号查找' }])
    })
  })

  describe('when a clerk needs to call the resident', () => {
    it('shows the full phone only through revealPhone, which is audited', async () => {
      const c = await h.create()
      const detail = await h.call('staffGet', { id: c.id }, CLERK)
      expect(expectOk(detail).phone).toBe('139****5678')
      expect(await h.call('revealPhone', { id: c.id }, CLERK)).toMatchObject({ ok: true, data: { phone: '13912345678' } })
      expect(auditActions(c.id)).toEqual(['delegation.revealPhone'])
    })
  })
})

describe('every staff action is audited', () => {
  it('writes one audit row per change, naming the case and no personal data', async () => {
    const c = await h.intake({ phone: '13712345678', applicantName: '李秀英' })
    await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
    await h.call('logOriginal', { id: c.id, kind: 'received', name: '户口簿' }, CLERK)
    await h.drive(c.id, ['start', 'ask_supplement', 'supplement', 'submit'])
    await h.call('reassign', { id: c.id, to: OTHER_CLERK }, CLERK)
    await h.call('newClaimCode', { id: c.id }, ADMIN)
    expect(auditActions(c.id)).toEqual([
      'delegation.intake',
      'delegation.tickMaterial',
      'delegation.original.received',
      'delegation.start',
      'delegation.ask_supplement',
      'delegation.supplement',
      'delegation.submit',
      'delegation.reassign',
      'delegation.newClaimCode',
    ])
    const details = JSON.stringify(rows('SELECT detail FROM audit_log'))
    expect(details).not.toContain('13712345678')
    expect(details).not.toContain('李秀英')
  })
})

it('keeps the test helpers honest: every staff step has its fields', () => {
  expect(Object.keys(STEP_FIELDS).sort()).toEqual([...CASE_STEP_NAMES].sort())
})
