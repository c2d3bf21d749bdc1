import fs from 'node:fs'
import path from 'node:path'
import { actionText } from '@cloud/functions/staff/view'
import { ADMIN, CLERK, delegationHarness, type DelegationHarness } from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'

/**
 * The 操作记录 reads as the rest of the app: actions and states in the words the app uses elsewhere, records by
 * the numbers people know (DB20261126-0001), values in words — no codes, ids or English field names.
 */
let h: DelegationHarness
beforeEach(() => {
  h = delegationHarness()
})
afterEach(() => h.close())

/** A run of ASCII letters (a code like `needs_supplement`, `greenAge`, `worker=`): what the log must not show. */
const CODE = /[A-Za-z_]{3,}/

describe('the audit log in words', () => {
  it('names a case’s steps, states and materials in words, and the case by its number', async () => {
    const c = await h.intake()
    expectOk(await h.advance(c.id, 'start'))
    const staffView = expectOk(await h.call('staffGet', { id: c.id }, CLERK))
    const first = staffView.materials[0]
    expectOk(await h.call('tickMaterial', { id: c.id, index: first.index, status: 'missing' }, CLERK))
    expectOk(await h.advance(c.id, 'ask_supplement'))

    const log = expectOk(await h.callFunction('staff', { action: 'listAudit', centerId: 'lsw', area: 'delegation' }, ADMIN))
    const ofCase = log.items.filter((i) => i.recordId === c.id)
    expect(ofCase.map((i) => [i.actionText, i.detail])).toEqual([
      ['通知补交材料', '办理中 → 待补交材料'],
      ['勾选材料', `${first.name}：缺少`],
      ['开始办理', '已受理 → 办理中'],
      ['窗口收件', c.serviceName],
    ])
    for (const i of ofCase) {
      expect(i).toMatchObject({ recordTypeText: '代办件', recordLabel: c.caseNo })
      expect(`${i.actionText} ${i.detail}`).not.toMatch(CODE)
    }
    // The admin finds the case by the number on its paperwork.
    const byNumber = expectOk(await h.callFunction('staff', { action: 'listAudit', centerId: 'lsw', recordId: c.caseNo }, ADMIN))
    expect(byNumber.items.map((i) => i.actionText)).toEqual(['通知补交材料', '勾选材料', '开始办理', '窗口收件'])
  })

  it('says what a clerk looked for without the phone digits', async () => {
    expectOk(await h.call('staffList', { q: '5678' }, CLERK))
    const log = expectOk(await h.callFunction('staff', { action: 'listAudit', centerId: 'lsw', area: 'delegation' }, ADMIN))
    expect(log.items[0]).toMatchObject({ actionText: '查看代办件列表', detail: '未结束的件，按电话尾号查找' })
    expect(JSON.stringify(log.items[0])).not.toContain('5678')
  })

  it('has words for every action the functions log', () => {
    const dir = path.resolve(__dirname, '../../../cloud/functions')
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && f !== path.join('staff', 'view.ts'))
    const logged = new Set<string>()
    for (const f of files)
      for (const m of fs
        .readFileSync(path.join(dir, f), 'utf8')
        .matchAll(/'((?:queue|homecert|delegation|config|staff|stats|calendar|people|rating)\.[A-Za-z.]+)'/g))
        logged.add(m[1])
    expect(logged.size).toBeGreaterThan(30)
    const missing = [...logged].filter((a) => actionText(a).includes('其他操作') || CODE.test(actionText(a)))
    expect(missing).toEqual([])
    // Logged with the step or outcome in their name.
    for (const a of ['delegation.accept', 'delegation.conclude', 'homecert.certify', 'homecert.not_home'])
      expect(actionText(a)).not.toMatch(CODE)
  })
})
