/**
 * The delegation area (帮办代办) through its function, where Beijing dates and clocks decide: case numbers per day,
 * the promised time limit, 办结, claim codes and their 7 days. The rest of the area: delegation-transitions,
 * delegation-access and delegation-materials (.test.ts), which read no Beijing date.
 * @timezone
 */
import { harnessPerTest } from '@test/support/booking-harness'
import { caseInput, caseStoreViews, CLERK, delegationHarness, RESIDENT, type DelegationHarness } from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'

let h: DelegationHarness
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  h = delegationHarness({}, harnesses.next())
})
afterEach(() => h.close())

const { rows, count, auditActions } = caseStoreViews(() => h)

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
