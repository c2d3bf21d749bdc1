/** The delegation area's staff steps through its function: every (state, step), the steps' fields, hand-back and a reply without the material. */
import { CASE_STATES, CASE_STEP_NAMES, nextState, type CaseState, type CaseStep } from '@/core/delegation-states'
import {
  ADMIN,
  caseStoreViews,
  CLERK,
  delegationHarness,
  PATH_TO,
  RESIDENT,
  type DelegationHarness,
} from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'
import { harnessPerTest } from '@test/support/booking-harness'

// Each test in a savepoint of one store, rolled back after it (test/support/booking-harness.ts).
const harnesses = harnessPerTest()
let h: DelegationHarness
beforeEach(() => {
  h = delegationHarness({}, harnesses.next())
})
afterEach(() => h.close())

const { rows, count, auditActions } = caseStoreViews(() => h)

describe('delegation.advance', () => {
  /** Every (state, step) for staff: the allowed ones move the case, the rest answer CONFLICT and change nothing. */
  const combos = CASE_STATES.flatMap((state) => CASE_STEP_NAMES.map((step) => [state, step] as [CaseState, CaseStep]))

  describe.each(combos)('when a case in %s gets the step %s', (state, step) => {
    const to = nextState(state, step, 'staff')
    it(
      to ? `moves it to ${to} with a timeline row naming who, when and the note` : 'refuses with CONFLICT and writes nothing',
      async () => {
        // Only an online request starts 已提交（待受理）; 办结 needs every material received (tested on its own below).
        const c = state === 'applied' ? await h.create() : await h.intake()
        await h.drive(c.id, PATH_TO[state])
        if (step === 'conclude' && to) await h.receiveAll(c.id)
        const before = count('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?', c.id)
        h.setNow('2026-11-26T11:30:00+08:00')
        const res = await h.advance(c.id, step)
        const after = count('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?', c.id)
        if (to) {
          expect(res).toMatchObject({ ok: true, data: { state: to } })
          const last = expectOk(res).timeline.at(-1)
          expect(last).toMatchObject({
            kind: step,
            actor: 'staff',
            actorName: '刘芳',
            at: '2026-11-26T03:30:00.000Z',
            fromState: state,
            toState: to,
          })
          expect(after).toBe(before + 1)
          expect(auditActions(c.id)).toContain(`delegation.${step}`)
        } else {
          expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
          expect(after).toBe(before)
          const latest = await h.call('staffGet', { id: c.id }, CLERK)
          expect(expectOk(latest).state).toBe(state)
        }
      },
    )
  })

  describe('when the step carries what it needs', () => {
    it('keeps the missing items, the department and the result on the timeline', async () => {
      const c = await h.intake()
      const res = await h.drive(c.id, ['start', 'ask_supplement', 'supplement', 'submit', 'conclude'])
      const timeline = res!.ok ? res!.data.timeline : []
      expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
        'accept',
        'start',
        'ask_supplement',
        'supplement',
        'submit',
        'conclude',
      ])
      expect(timeline[2]).toMatchObject({ missing: ['户口簿（户主页和本人页）'], note: '请补交户口簿照片或原件' })
      expect(timeline[4]).toMatchObject({ department: '区社保中心' })
      expect(timeline[5]).toMatchObject({ result: '审核通过，次月起按月发放' })
      expect(res!.ok && res!.data).toMatchObject({
        department: '区社保中心',
        result: '审核通过，次月起按月发放',
        deadline: { stopped: true, overdue: false },
      })
    })
    it('refuses a 补正 request that names nothing, and a rejection without a reason', async () => {
      const c = await h.intake()
      await h.drive(c.id, ['start'])
      expect(await h.advance(c.id, 'ask_supplement', CLERK, { missing: [] })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { missing: '请至少写明一项缺少的材料' } },
      })
      expect(await h.advance(c.id, 'reject', CLERK, {})).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { reason: expect.any(String) } },
      })
    })
    it('assigns an unassigned online case to the clerk who accepts it', async () => {
      const c = await h.create()
      expect(await h.advance(c.id, 'accept')).toMatchObject({ ok: true, data: { assignee: { openid: CLERK, name: '刘芳' } } })
    })
  })

  describe('when the same step is sent twice (a retried tap)', () => {
    it('refuses the second with CONFLICT in words and writes one timeline row', async () => {
      const c = await h.intake()
      await h.advance(c.id, 'start')
      const again = await h.advance(c.id, 'start')
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该件当前办理中，不能开始办理' } })
      expect(count("SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND kind = 'start'", c.id)).toBe(1)
    })
  })

  describe('when two clerks move the same case at once', () => {
    it('lets exactly one step win', async () => {
      const c = await h.intake()
      await h.drive(c.id, ['start'])
      const [a, b] = await Promise.all([h.advance(c.id, 'submit', ADMIN), h.advance(c.id, 'reject', CLERK)])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } })
    })
  })

  describe('when a linked case is handed back at the window', () => {
    it('refuses a wrong pickup code and accepts the resident’s', async () => {
      const c = await h.create()
      await h.drive(c.id, ['start', 'submit', 'conclude'])
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      const code = expectOk(mine).pickupCode
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/)
      expect(await h.advance(c.id, 'deliver', CLERK, { delivery: 'pickup' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { pickupCode: '请输入居民出示的取件码' } },
      })
      const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'
      expect(await h.advance(c.id, 'deliver', CLERK, { delivery: 'pickup', pickupCode: wrong })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { pickupCode: '取件码不正确，请核对' } },
      })
      expect(await h.advance(c.id, 'deliver', CLERK, { delivery: 'pickup', pickupCode: code?.toLowerCase() })).toMatchObject({
        ok: true,
        data: { state: 'delivered', delivery: 'pickup' },
      })
    })
    it('asks how the collector was checked when the case is not linked to anyone', async () => {
      const c = await h.intake()
      await h.drive(c.id, ['start', 'conclude'])
      expect(await h.advance(c.id, 'deliver', CLERK, { delivery: 'pickup' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { note: expect.stringContaining('核验') } },
      })
      expect(await h.advance(c.id, 'deliver', CLERK, { delivery: 'pickup', note: '核验本人身份证' })).toMatchObject({
        ok: true,
        data: { state: 'delivered' },
      })
    })
  })
})

describe('what the resident is told about the hand-back', () => {
  describe('when originals were collected for a home pickup', () => {
    it('names them with the home return, and says they came back on delivery', async () => {
      const c = await h.create({ handover: 'home_pickup', address: '灵山卫街道 3 号楼' })
      await h.drive(c.id, ['start'])
      await h.call('logOriginal', { id: c.id, kind: 'received', name: '户口簿', count: 1 }, CLERK)
      await h.drive(c.id, ['conclude'])
      const concluded = await h.call('get', { id: c.id }, RESIDENT)
      expect(concluded.ok && concluded.data.handBack).toBe('网格员会和您约时间，上门送回办理结果和原件（户口簿 1 份）。')
      await h.advance(c.id, 'deliver', CLERK, { delivery: 'home' })
      const delivered = await h.call('get', { id: c.id }, RESIDENT)
      expect(delivered.ok && delivered.data.handBack).toBe('办理结果已上门送达，原件已归还（户口簿 1 份）。')
      const bodies = rows("SELECT title, body FROM messages WHERE openid = ? AND kind = 'case'", RESIDENT)
      expect(bodies.find((m) => m.title === '代办已办结')!.body).toContain('上门送回办理结果和原件（户口簿 1 份）')
      expect(bodies.find((m) => m.title === '代办已送达')!.body).toContain('原件已归还（户口簿 1 份）')
    })
  })

  describe('when nothing was collected and the result is picked up at the window', () => {
    it('mentions the result only', async () => {
      const c = await h.create()
      await h.drive(c.id, ['start', 'conclude'])
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      expect(mine.ok && mine.data.handBack).toBe('请凭取件码到窗口领取办理结果。')
    })
  })
})

describe('a 补交材料 reply without the material', () => {
  it('records the answer and keeps the case waiting, clock paused, until the clerk confirms', async () => {
    const c = await h.create()
    await h.drive(c.id, ['start', 'ask_supplement'])
    const replied = await h.call('reply', { id: c.id, text: '户口簿明天送到窗口' }, RESIDENT)
    expect(replied).toMatchObject({
      ok: true,
      data: {
        state: 'needs_supplement',
        stateText: '待补交材料',
        canReply: true,
        deadline: { paused: true },
        supplement: { answer: { text: '户口簿明天送到窗口' } },
      },
    })
    expect(replied.ok && replied.data.timeline.at(-1)).toMatchObject({
      kind: 'reply',
      fromState: 'needs_supplement',
      toState: 'needs_supplement',
    })
    const staffSeen = await h.call('staffGet', { id: c.id }, CLERK)
    expect(staffSeen).toMatchObject({
      ok: true,
      data: { state: 'needs_supplement', supplement: { answer: { text: '户口簿明天送到窗口' } } },
    })
    expect(staffSeen.ok && staffSeen.data.steps).toContain('supplement')
    expect(await h.advance(c.id, 'supplement')).toMatchObject({ ok: true, data: { state: 'processing', supplement: null } })
  })
})
