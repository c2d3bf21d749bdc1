/**
 * Free-text fields across the areas refuse control characters and bidirectional overrides with a
 * field error, through the one building block of the contract (src/contract/common.ts `freeText`),
 * and write nothing: a spoofed text never reaches the hall board, the staff pages or the audit log.
 */
import { fingerprint } from '@test/hardening/fixtures'
import { bookingHarness, createInput } from '@test/support/booking-harness'
import { ADMIN, caseInput, RESIDENT } from '@test/support/delegation-harness'
import { submitInput } from '@test/support/homecert'

const RLO = '\u202e'
const message = (label: string) => `${label}里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入`

describe('free-text fields', () => {
  const h = bookingHarness()
  afterAll(() => h.close())

  const cases: [string, Parameters<typeof h.call>[0], Record<string, unknown>, string | null, string, string][] = [
    ['the booking note', 'booking', { action: 'create', ...createInput(1, { note: `请安排${RLO}靠窗座位` }) }, RESIDENT, 'note', '备注'],
    [
      'the case description',
      'delegation',
      { action: 'create', ...caseInput({ description: `补办\u0007退休证明` }) },
      RESIDENT,
      'description',
      '需要办理的内容',
    ],
    [
      'the elder’s address',
      'homecert',
      { action: 'submit', ...submitInput({ elder: { ...submitInput().elder, address: `灵山卫街道${RLO}88 号` } }) },
      'dev-family-zhao',
      'elder.address',
      '住址',
    ],
    ['a window name', 'config', { action: 'saveWindow', centerId: 'lsw', number: 9, name: `综合\u2066窗口` }, ADMIN, 'name', '窗口名称'],
    [
      'a community name',
      'config',
      { action: 'saveCommunity', centerId: 'lsw', name: `新村\n社区`, responsibleOpenid: null },
      ADMIN,
      'name',
      '社区/村名称',
    ],
    [
      'a closure reason',
      'config',
      { action: 'setDay', centerId: 'lsw', date: '2026-12-01', open: false, reason: `系统${RLO}升级` },
      ADMIN,
      'reason',
      '原因',
    ],
  ]

  it.each(cases)('refuse a control character in %s with a field error and write nothing', async (_name, fn, data, openid, field, label) => {
    const before = fingerprint(h.store.db)
    const res = await h.call(fn, data, openid)
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { [field]: message(label) } } })
    expect(fingerprint(h.store.db)).toBe(before)
  })

  it('keeps line breaks in a text area (the case description)', async () => {
    const res = await h.call('delegation', { action: 'create', ...caseInput({ description: '补办退休证明\n原件已遗失' }) }, RESIDENT)
    expect(res).toMatchObject({ ok: true })
  })
})
