/** @timezone */
import { CASE_STATES, CASE_STEP_NAMES, nextState, type CaseState, type CaseStep } from '@/core/delegation-states'
import {
  ADMIN,
  caseInput,
  CLERK,
  delegationHarness,
  GRID,
  OTHER_CLERK,
  PATH_TO,
  RESIDENT,
  SERVICE,
  STEP_FIELDS,
  YZ_CLERK,
  type DelegationHarness,
} from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'
import { openFields, SEALED_FIELDS } from '@cloud/store/sealed-fields'
import { TEST_PII } from '@test/support/test-keys'
import { signedParts } from '@cloud/store/sqlite/local-files'
import fs from 'node:fs'
import path from 'node:path'

let h: DelegationHarness
beforeEach(() => {
  h = delegationHarness()
})
afterEach(() => h.close())

/** Rows as stored, with a 消息's sealed body opened. */
const rows = (sql: string, ...params: unknown[]) =>
  (h.store.db.prepare(sql).all(...params) as Record<string, unknown>[]).map((r) => openFields(TEST_PII, r, SEALED_FIELDS.message))
const count = (sql: string, ...params: unknown[]) => (h.store.db.prepare(sql).get(...params) as { n: number }).n
const auditActions = (recordId: string) =>
  rows('SELECT action FROM audit_log WHERE record_id = ? ORDER BY id', recordId).map((r) => r.action)
/** A tiny real JPEG header followed by filler: enough for the magic-byte check. */
const jpeg = (bytes = 2000) =>
  `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]).toString('base64')}`
/** The photo files of a case in the store's files folder. */
const filesOf = (caseId: string) => {
  const dir = path.join(h.store.files.dir, 'cases', caseId)
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}
/** What the local server answers for a photo URL (cloud/server/file-route.ts serves it the same way). */
const served = (url: string) => h.store.files.readSigned(...signedParts(url))
const png = () =>
  `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]).toString('base64')}`

describe('delegation.create', () => {
  describe('when a resident applies online', () => {
    it('returns the case 已提交（待受理） with a readable number, no promise yet and the checklist from the guide', async () => {
      const c = await h.create()
      expect(c).toMatchObject({
        caseNo: 'DB20261126-0001',
        state: 'applied',
        stateText: '已提交（待受理）',
        serviceName: '城乡居民养老保险待遇领取申请',
        applicantName: '王德福',
        forSelf: false,
        relationName: '父母',
        channel: 'online',
        phone: '13912345678',
        handover: 'window',
        deadline: null,
        handBack: null,
        canWithdraw: true,
        canReply: false,
      })
      expect(c.materials.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([
        ['本人居民身份证', 'pending'],
        ['户口簿', 'pending'],
        ['本人社会保障卡或银行卡', 'pending'],
        ['城乡居民养老保险待遇申领表', 'pending'],
      ])
      expect(c.timeline).toEqual([
        expect.objectContaining({
          seq: 1,
          kind: 'apply',
          text: '网上提交',
          actor: 'resident',
          actorName: '您',
          fromState: null,
          toState: 'applied',
          note: '网上申请',
        }),
      ])
    })
    it('starts the promised clock when a clerk accepts it, not when it was sent', async () => {
      const c = await h.create() // Thu 26 Nov
      h.setNow('2026-11-27T10:00:00+08:00') // accepted Fri 27 Nov: 5 working days → Fri 4 Dec
      const accepted = await h.advance(c.id, 'accept')
      expect(accepted).toMatchObject({
        ok: true,
        data: {
          state: 'accepted',
          acceptedAt: '2026-11-27T02:00:00.000Z',
          assignee: { openid: CLERK },
          deadline: { dueDate: '2026-12-04' },
        },
      })
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      expect(mine).toMatchObject({
        ok: true,
        data: { stateText: '已受理', deadline: { text: '承诺 12月4日 周五 前办结（还剩 5 个工作日）' } },
      })
      const titles = rows("SELECT title, body FROM messages WHERE openid = ? AND kind = 'case' ORDER BY created_at", RESIDENT)
      expect(titles.map((m) => m.title)).toEqual(['代办已提交', '代办已受理'])
      expect(titles[1].body).toContain('承诺 12月4日 周五 前办结')
    })
    it('lists it for staff as waiting to be accepted', async () => {
      await h.create()
      await h.intake()
      const list = await h.call('staffList', { state: 'applied' }, CLERK)
      expect(list).toMatchObject({ ok: true, data: { counts: { applied: 1 } } })
      expect(list.ok && list.data.items.map((i: { stateText: string }) => i.stateText)).toEqual(['已提交（待受理）'])
    })
    it('numbers the day’s cases in order', async () => {
      const numbers = [(await h.create()).caseNo, (await h.create({}, 'resident-b')).caseNo, (await h.intake()).caseNo]
      expect(numbers).toEqual(['DB20261126-0001', 'DB20261126-0002', 'DB20261126-0003'])
    })
    it('starts again at 0001 on the next Beijing day', async () => {
      await h.create()
      h.setNow('2026-11-27T00:05:00+08:00')
      expect((await h.create()).caseNo).toBe('DB20261127-0001')
    })
    it('sends a 消息 of kind case that opens the case page', async () => {
      const c = await h.create()
      const messages = rows("SELECT kind, title, body, link, booking_id FROM messages WHERE openid = ? AND kind = 'case'", RESIDENT)
      expect(messages).toEqual([
        {
          kind: 'case',
          title: '代办已提交',
          body: expect.stringContaining('DB20261126-0001'),
          link: `/pages/delegation/detail/index?id=${c.id}`,
          booking_id: null,
        },
      ])
      expect(messages[0].body).toContain('等待窗口受理')
      expect(messages[0].body).not.toMatch(/承诺 \d/)
    })
  })

  describe('when the same submit is retried', () => {
    it('returns the first case and takes no second number', async () => {
      const input = caseInput()
      const first = await h.call('create', input, RESIDENT)
      const again = await h.call('create', input, RESIDENT)
      expect(expectOk(again).id).toBe(expectOk(first).id)
      expect(count('SELECT COUNT(*) AS n FROM cases')).toBe(1)
      expect(count("SELECT last AS n FROM case_sequences WHERE date = '2026-11-26'")).toBe(1)
    })
  })

  describe('when the input is wrong', () => {
    it('refuses a service that is not delegable with CONFLICT', async () => {
      expect(await h.call('create', caseInput({ serviceId: 'lsw-flexible-enroll' }), RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
    })
    it('refuses an unknown service and a service of another center with NOT_FOUND', async () => {
      expect(await h.call('create', caseInput({ serviceId: 'no-such' }), RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(await h.call('create', caseInput({ serviceId: 'yz-dibao' }), RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
    it('asks for the address of a home pickup, the relation, the consent, each by field', async () => {
      const res = await h.call('create', caseInput({ handover: 'home_pickup', relation: undefined }), RESIDENT)
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { address: '请填写上门收取材料的地址', relation: '请选择与办事人的关系' } },
      })
      const noConsent = await h.call('create', { ...caseInput(), consent: false }, RESIDENT)
      expect(noConsent).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { consent: '请确认已阅读并同意《个人信息保护说明》' } },
      })
    })
    it('refuses a bad phone and a name that is not a name', async () => {
      const res = await h.call('create', caseInput({ phone: '12345', applicantName: 'A' }), RESIDENT)
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { phone: '请填写 11 位手机号码', applicantName: expect.any(String) } },
      })
    })
    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      expect(await h.call('create', caseInput(), null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })
  })

  describe('when a resident already has 5 open cases', () => {
    it('refuses a 6th with LIMIT_REACHED, and accepts again once one is withdrawn', async () => {
      const cases = []
      for (let i = 0; i < 5; i++) cases.push(await h.create())
      expect(await h.call('create', caseInput(), RESIDENT)).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } })
      await h.call('withdraw', { id: cases[0].id }, RESIDENT)
      expectOk(await h.call('create', caseInput(), RESIDENT))
    })
  })
})

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

describe('办结 and the checklist', () => {
  describe('when a required material is neither received nor waived', () => {
    it('refuses 办结 with CONFLICT naming it, and writes nothing', async () => {
      const c = await h.intake()
      await h.drive(c.id, ['start'])
      await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 1, status: 'missing' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 2, status: 'received' }, CLERK)
      const before = count('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?', c.id)
      const detail = await h.call('staffGet', { id: c.id }, CLERK)
      expect(detail.ok && detail.data.concludeRefusal).toBe(
        '还有材料未收齐：户口簿（缺少）、城乡居民养老保险待遇申领表（待核对）。请收齐，或注明免交原因后再办结',
      )
      const refused = await h.advance(c.id, 'conclude')
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('户口簿（缺少）') } })
      expect(count('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?', c.id)).toBe(before)
      expect(auditActions(c.id)).not.toContain('delegation.conclude')
    })
  })

  describe('when the missing items are received or waived with a reason', () => {
    it('concludes, and both sides see the waiver’s reason', async () => {
      const c = await h.create()
      await h.drive(c.id, ['start'])
      for (const index of [0, 2]) await h.call('tickMaterial', { id: c.id, index, status: 'received' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 1, status: 'received' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 3, status: 'not_applicable', reason: '申领表由窗口代填' }, CLERK)
      expect(await h.advance(c.id, 'conclude')).toMatchObject({ ok: true, data: { state: 'concluded', concludeRefusal: null } })
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      expect(mine.ok && mine.data.materials[3]).toMatchObject({ statusText: '免交', reason: '申领表由窗口代填' })
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

describe('补正 by the resident', () => {
  async function waiting() {
    const c = await h.create()
    await h.drive(c.id, ['start', 'ask_supplement'])
    return c
  }

  describe('when the case waits for a supplement', () => {
    it('shows what is missing, then takes the reply with photos and resumes the clock', async () => {
      const c = await waiting()
      const seen = await h.call('get', { id: c.id }, RESIDENT)
      expect(seen).toMatchObject({
        ok: true,
        data: {
          state: 'needs_supplement',
          canReply: true,
          supplement: { missing: ['户口簿（户主页和本人页）'], note: '请补交户口簿照片或原件' },
          deadline: { paused: true },
        },
      })
      const p1 = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      const p2 = await h.call('uploadPhoto', { id: c.id, dataUrl: png() }, RESIDENT)
      expect(p1).toMatchObject({ ok: true, data: { photoId: expect.stringMatching(/^ph/), bytes: 2000 } })
      const ids = [expectOk(p1).photoId, expectOk(p2).photoId]
      const replied = await h.call('reply', { id: c.id, text: '户口簿照片见附件', photoIds: ids }, RESIDENT)
      expect(replied).toMatchObject({
        ok: true,
        data: { state: 'processing', canReply: false, supplement: null, deadline: { paused: false } },
      })
      expect(expectOk(replied).timeline.at(-1)).toMatchObject({
        kind: 'supplement',
        actor: 'resident',
        actorName: '您',
        note: '户口簿照片见附件',
        photoIds: ids,
      })
      // A URL, not the bytes: it serves the photo, and expires in 10 minutes.
      const staffSees = expectOk(await h.call('getPhoto', { id: c.id, photoId: ids[0] }, CLERK))
      expect(staffSees).toMatchObject({
        photoId: ids[0],
        url: expect.stringMatching(new RegExp(`^/files/cases/${c.id}/[0-9a-f]{32}\\.jpg\\?e=`)),
      })
      expect(new Date(staffSees.expiresAt).getTime() - Date.now()).toBeGreaterThan(590_000)
      expect(served(staffSees.url)).toEqual({ bytes: Buffer.from(jpeg().split(',')[1], 'base64'), contentType: 'image/jpeg' })
      const residentSees = expectOk(await h.call('getPhoto', { id: c.id, photoId: ids[1] }, RESIDENT))
      expect(served(residentSees.url)).toMatchObject({ contentType: 'image/png' })
      expect(auditActions(c.id)).toContain('delegation.getPhoto')
    })
    it('keeps photos out of the audit log and the timeline rows (only their ids)', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(p).photoId] }, RESIDENT)
      await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, CLERK)
      const logged = JSON.stringify([rows('SELECT * FROM audit_log'), rows('SELECT * FROM case_events'), rows('SELECT * FROM messages')])
      expect(logged).not.toContain('base64')
      // The photo row names its file; the bytes are in the files folder, 0600.
      const [row] = rows('SELECT file FROM case_photos')
      expect(row.file).toMatch(new RegExp(`^cases/${c.id}/[0-9a-f]{32}\\.jpg$`))
      expect(fs.statSync(path.join(h.store.files.dir, row.file as string)).mode & 0o777).toBe(0o600)
    })
    it('still shows a photo stored inside the row before photos moved to the file store', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(p).photoId] }, RESIDENT)
      h.store.db.prepare('UPDATE case_photos SET file = ?').run(png())
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, CLERK)).toMatchObject({ ok: true, data: { url: png() } })
    })
    it('answers NOT_FOUND for a photo whose file is gone', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      fs.rmSync(path.join(h.store.files.dir, 'cases', c.id), { recursive: true })
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })

  describe('when a photo is not acceptable', () => {
    it('refuses a seventh photo waiting to be sent with LIMIT_REACHED, and a reply with four', async () => {
      const c = await waiting()
      const ids: string[] = []
      for (let i = 0; i < 6; i++) {
        const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
        ids.push(expectOk(p).photoId)
      }
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'LIMIT_REACHED' },
      })
      // The refused photo's file was taken back: six files for six photos.
      expect(filesOf(c.id)).toHaveLength(6)
      expect(await h.call('reply', { id: c.id, text: '见照片', photoIds: ids.slice(0, 4) }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { photoIds: '一次最多附 3 张照片' } },
      })
    })
    it('drops the photos uploaded but left out of the reply', async () => {
      const c = await waiting()
      const kept = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      const dropped = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(kept).photoId] }, RESIDENT)
      expect(rows('SELECT id FROM case_photos')).toEqual([{ id: expectOk(kept).photoId }])
      expect(filesOf(c.id)).toEqual([path.basename(rows('SELECT file FROM case_photos')[0].file as string)])
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(dropped).photoId }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
    it('refuses more than 44 KB with PAYLOAD_TOO_LARGE', async () => {
      const c = await waiting()
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg(44 * 1024 + 10) }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE' },
      })
      expect(filesOf(c.id)).toEqual([])
    })
    it('refuses a file that only claims to be a JPEG', async () => {
      const c = await waiting()
      const fake = `data:image/jpeg;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: fake }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(filesOf(c.id)).toEqual([])
      expect(count('SELECT COUNT(*) AS n FROM case_photos')).toBe(0)
    })
    it('refuses an upload when no supplement is asked for with CONFLICT', async () => {
      const c = await h.create()
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it('refuses a reply with a photo that is not the resident’s pending one, and writes nothing', async () => {
      const c = await waiting()
      const res = await h.call('reply', { id: c.id, text: '见照片', photoIds: ['ph-someone-else'] }, RESIDENT)
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { photoIds: expect.any(String) } } })
      expect((await h.call('get', { id: c.id }, RESIDENT)).ok && (await h.call('get', { id: c.id }, RESIDENT))).toMatchObject({
        data: { state: 'needs_supplement' },
      })
    })
  })

  describe('when the resident takes a step the state does not allow', () => {
    it.each(CASE_STATES.filter((s) => s !== 'needs_supplement'))('refuses a reply in %s with CONFLICT', async (state) => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO[state])
      expect(await h.call('reply', { id: c.id, text: '补好了' }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it.each(CASE_STATES)('answers a withdrawal in %s as the table says', async (state) => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO[state])
      const res = await h.call('withdraw', { id: c.id, reason: '不需要了' }, RESIDENT)
      if (nextState(state, 'withdraw', 'resident')) expect(res).toMatchObject({ ok: true, data: { state: 'withdrawn', deadline: null } })
      else expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it('explains why a case already sent to the department cannot be withdrawn', async () => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO.submitted)
      expect(await h.call('withdraw', { id: c.id }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '材料已报送部门，不能再撤销；如有疑问请联系窗口' },
      })
    })
  })
})

describe('the promised time limit through the function', () => {
  describe('when a case pauses in 待补正 from Monday to Wednesday', () => {
    it('moves the due date by 2 working days and flags it on the staff list when due', async () => {
      const c = await h.create()
      await h.advance(c.id, 'accept') // Thu 26 Nov, 5 working days: due Thu 3 Dec
      h.setNow('2026-11-27T09:00:00+08:00')
      await h.drive(c.id, ['start'])
      h.setNow('2026-11-30T10:00:00+08:00')
      await h.drive(c.id, ['ask_supplement'])
      h.setNow('2026-12-02T15:00:00+08:00')
      // Words without the material leave the clock paused until the clerk confirms.
      const replied = await h.call('reply', { id: c.id, text: '已补' }, RESIDENT)
      expect(replied).toMatchObject({ ok: true, data: { state: 'needs_supplement', deadline: { paused: true } } })
      const confirmed = await h.advance(c.id, 'supplement')
      expect(confirmed).toMatchObject({ ok: true, data: { deadline: { dueDate: '2026-12-07', paused: false, remainingWorkingDays: 3 } } })

      h.setNow('2026-12-04T09:00:00+08:00')
      const soon = await h.call('staffList', { due: 'soon' }, CLERK)
      expect(soon).toMatchObject({
        ok: true,
        data: { items: [{ caseNo: c.caseNo, deadline: { dueSoon: true } }], counts: { dueSoon: 1, dueToday: 0, overdue: 0 } },
      })

      h.setNow('2026-12-07T09:00:00+08:00')
      const today = await h.call('staffList', { due: 'today' }, CLERK)
      expect(today).toMatchObject({ ok: true, data: { today: '2026-12-07', items: [{ caseNo: c.caseNo }], counts: { dueToday: 1 } } })

      h.setNow('2026-12-08T09:00:00+08:00')
      const late = await h.call('staffList', { due: 'overdue' }, CLERK)
      expect(late).toMatchObject({ ok: true, data: { items: [{ caseNo: c.caseNo, deadline: { overdue: true } }], counts: { overdue: 1 } } })
      expect((await h.call('get', { id: c.id }, RESIDENT)).ok && (await h.call('get', { id: c.id }, RESIDENT))).toMatchObject({
        data: { deadline: { overdue: true, text: expect.stringContaining('已超过承诺时限') } },
      })
    })
  })

  describe('when the service is 当场办结', () => {
    it('promises the day of acceptance', async () => {
      const c = await h.create({ serviceId: 'lsw-pension-enroll' })
      const accepted = await h.advance(c.id, 'accept')
      expect(accepted.ok && accepted.data.deadline).toMatchObject({
        dueDate: '2026-11-26',
        dueSoon: true,
        text: '承诺今天（11月26日 周四）办结',
      })
    })
  })

  describe('when the center closes a day the case counts on', () => {
    it('moves the due date past the closure', async () => {
      h.store.db.prepare("INSERT INTO center_days (center_id, date, open, reason) VALUES ('lsw', '2026-11-30', 0, '系统升级')").run()
      expect(expectOk(await h.advance((await h.create()).id, 'accept')).deadline?.dueDate).toBe('2026-12-04')
    })
  })
})

describe('claim codes', () => {
  describe('when a clerk opens a case at the counter', () => {
    it('returns an 8-character code valid for 7 days, stored only as a hash', async () => {
      const c = await h.intake()
      expect(c).toMatchObject({
        channel: 'counter',
        linked: false,
        assignee: { openid: CLERK },
        claim: { code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/), expiresAt: '2026-12-03T16:00:00.000Z' },
      })
      const stored = JSON.stringify(rows('SELECT * FROM cases'))
      expect(stored).not.toContain(c.claim!.code)
      expect(auditActions(c.id)).toEqual(['delegation.intake'])
    })
  })

  describe('when the resident enters the code', () => {
    it('links the case to them, once; anyone else then gets NOT_FOUND', async () => {
      const c = await h.intake()
      const code = c.claim!.code.toLowerCase().replace(/(.{4})/, '$1 ')
      const claimed = await h.call('claim', { code }, RESIDENT)
      expect(claimed).toMatchObject({ ok: true, data: { id: c.id, caseNo: c.caseNo } })
      expect(expectOk(claimed).timeline.at(-1)).toMatchObject({ kind: 'claim', actor: 'resident' })
      expectOk(await h.call('get', { id: c.id }, RESIDENT))
      expect(await h.call('claim', { code: c.claim!.code }, 'resident-b')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '领取码不正确或已被使用，请核对后再输入' },
      })
      expect((await h.call('get', { id: c.id }, 'resident-b')).ok).toBe(false)
    })
    it('answers the same resident sending it again with their case (a retried tap), without a second timeline row', async () => {
      const c = await h.intake()
      await h.call('claim', { code: c.claim!.code }, RESIDENT)
      expect(await h.call('claim', { code: c.claim!.code }, RESIDENT)).toMatchObject({ ok: true, data: { id: c.id } })
      expect(count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'claim'")).toBe(1)
    })
    it('refuses the code after 7 days with CONFLICT, and a fresh code from the clerk works', async () => {
      const c = await h.intake()
      h.setNow('2026-12-04T00:00:01+08:00')
      expect(await h.call('claim', { code: c.claim!.code }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '领取码已过期，请联系窗口重新获取' },
      })
      const fresh = await h.call('newClaimCode', { id: c.id }, CLERK)
      expect(fresh).toMatchObject({ ok: true, data: { expiresAt: '2026-12-11T16:00:00.000Z' } })
      expectOk(await h.call('claim', { code: expectOk(fresh).code }, RESIDENT))
      expect(await h.call('newClaimCode', { id: c.id }, CLERK)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it('still accepts the code on its 7th day', async () => {
      const c = await h.intake()
      h.setNow('2026-12-03T23:59:00+08:00')
      expectOk(await h.call('claim', { code: c.claim!.code }, RESIDENT))
    })
    it('stops the old code when the clerk issues a new one', async () => {
      const c = await h.intake()
      await h.call('newClaimCode', { id: c.id }, CLERK)
      expect(await h.call('claim', { code: c.claim!.code }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
    it('refuses a malformed code by field', async () => {
      expect(await h.call('claim', { code: '0O1I' }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { code: '领取码是 8 位字母和数字，请核对' } },
      })
    })
  })

  describe('when someone guesses codes', () => {
    it('refuses after 10 wrong codes in an hour with RATE_LIMITED, even a right one, and lets them try again an hour later', async () => {
      const c = await h.intake()
      for (let i = 0; i < 10; i++)
        expect(await h.call('claim', { code: 'ZZZZZZZZ' }, 'guesser')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await h.call('claim', { code: c.claim!.code }, 'guesser')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
      h.setNow('2026-11-26T10:01:00+08:00')
      expectOk(await h.call('claim', { code: c.claim!.code }, 'guesser'))
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

describe('checklist and originals', () => {
  describe('when a clerk ticks materials', () => {
    it('records each item’s status with who ticked it and when', async () => {
      const c = await h.intake()
      h.setNow('2026-11-26T10:15:00+08:00')
      await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 1, status: 'missing' }, CLERK)
      expect(await h.call('tickMaterial', { id: c.id, index: 3, status: 'not_applicable' }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { reason: '请写明免交原因' } },
      })
      const res = await h.call('tickMaterial', { id: c.id, index: 3, status: 'not_applicable', reason: '申领表由窗口代填' }, CLERK)
      expect(
        res.ok &&
          res.data.materials.map(
            (m: { status: string; statusText: string; reason: string | null; byName: string | null; at: string | null }) => [
              m.status,
              m.statusText,
              m.reason,
              m.byName,
              m.at,
            ],
          ),
      ).toEqual([
        ['received', '已收到', null, '刘芳', '2026-11-26T02:15:00.000Z'],
        ['missing', '缺少', null, '刘芳', '2026-11-26T02:15:00.000Z'],
        ['pending', '待核对', null, null, null],
        ['not_applicable', '免交', '申领表由窗口代填', '刘芳', '2026-11-26T02:15:00.000Z'],
      ])
      expect(await h.call('tickMaterial', { id: c.id, index: 9, status: 'received' }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(auditActions(c.id).filter((a) => a === 'delegation.tickMaterial')).toHaveLength(3)
    })
    it('shows the resident the status without the clerk’s name', async () => {
      const c = await h.create()
      await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      expect(expectOk(mine).materials[0]).toEqual({
        index: 0,
        name: '本人居民身份证',
        copies: '原件',
        note: null,
        status: 'received',
        statusText: '已收到',
        reason: null,
      })
    })
  })

  describe('when originals change hands', () => {
    it('logs each received and returned original, refuses a second return, and gives back the rest with the result', async () => {
      const c = await h.intake()
      const r1 = await h.call('logOriginal', { id: c.id, kind: 'received', name: '户口簿', count: 1 }, CLERK)
      const r2 = await h.call('logOriginal', { id: c.id, kind: 'received', name: '银行卡', count: 1, note: '尾号 8899' }, OTHER_CLERK)
      const ids = expectOk(r2).originals.map((o) => o.id)
      expect(expectOk(r2).originalsHeld.map((o: { name: string }) => o.name)).toEqual(['户口簿', '银行卡'])
      const back = await h.call('logOriginal', { id: c.id, kind: 'returned', receivedId: ids[0] }, CLERK)
      expect(expectOk(back).originalsHeld.map((o: { name: string }) => o.name)).toEqual(['银行卡'])
      expect(await h.call('logOriginal', { id: c.id, kind: 'returned', receivedId: ids[0] }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const delivered = await h.drive(c.id, ['start', 'submit', 'conclude', 'deliver'])
      expect(delivered!.ok && delivered!.data).toMatchObject({ state: 'delivered', originalsHeld: [] })
      expect(delivered!.ok && delivered!.data.originals.at(-1)).toMatchObject({
        kind: 'returned',
        name: '银行卡',
        receivedId: ids[1],
        note: '随办理结果上门送还',
        byName: '刘芳',
      })
      expectOk(r1)
    })
    it('refuses to return an original of another case', async () => {
      const a = await h.intake()
      const b = await h.intake()
      const got = await h.call('logOriginal', { id: a.id, kind: 'received', name: '户口簿' }, CLERK)
      const id = expectOk(got).originals[0].id
      expect(await h.call('logOriginal', { id: b.id, kind: 'returned', receivedId: id }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
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
