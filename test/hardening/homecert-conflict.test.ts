/**
 * No leak by CONFLICT (issue 17): `homecert.submit` for an elder who already has a request in progress (or was
 * certified this year) must tell a stranger nothing — the same words as for any elder the stranger may not ask
 * about — while the family that owns the request, the elder themself (verified) and a relative the elder
 * consented to are told where it stands. Through the real dispatcher on a real SQLite file.
 */
import { CANNOT_SUBMIT_TEXT } from '@cloud/functions/homecert/resident'
import { bookingHarness, type BookingHarness } from '@test/support/booking-harness'
import { expectOk, type CallData } from '@test/support/expect-ok'
import { ELDER_85, FAMILY, homecertDriver, submitInput, WORKER } from '@test/support/homecert'
import { idNumberFor } from '@test/support/id-numbers'
import type { ActionName } from '@/contract'

const STRANGER = 'dev-resident-wang'
const RELATIVE = 'dev-resident-li'
const OTHER_ELDER = { name: '孙秀兰', idNumber: idNumberFor('1940-03-02', 12) }

let h: BookingHarness
let d: ReturnType<typeof homecertDriver>
beforeEach(() => {
  h = bookingHarness()
  d = homecertDriver(h)
})
afterEach(() => h.close())

const submit = (openid: string, elder = ELDER_85) =>
  h.call('homecert', { action: 'submit', ...submitInput({ elder: { ...submitInput().elder, ...elder } }) }, openid)
const people = <A extends ActionName<'people'>>(data: CallData<A>, openid: string) => h.call('people', data, openid)

describe('homecert.submit for an elder with a request in progress', () => {
  it('answers a stranger in words that name no number, status or requester', async () => {
    await d.submit()
    const res = await submit(STRANGER)
    expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message: CANNOT_SUBMIT_TEXT } })
    expect(JSON.stringify(res)).not.toMatch(/20261126|待派单|赵敏|张桂兰/)
  })
  it('answers the stranger the same for an elder certified this year', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id, '2026-11-26', 'pm', WORKER, '电话约定今天下午')
    await d.outcome(r.id, 'certified')
    expect(await submit(STRANGER)).toEqual({ ok: false, error: { code: 'CONFLICT', message: CANNOT_SUBMIT_TEXT } })
    // The family that asked still learns when the next one is due.
    const own = await submit(FAMILY)
    expect(!own.ok && own.error.message).toContain('本年度不用再认证')
  })
  it('tells the family that asked where to find it', async () => {
    await d.submit()
    const res = await submit(FAMILY)
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!res.ok && res.error.message).toBe(
      '该老人已有进行中的申请（编号 20261126-001，待派单），请在「我的上门认证」查看，不用重复申请。',
    )
  })
  it('tells a relative the elder consented to, but not one still waiting for consent', async () => {
    await d.submit()
    // 李秀英 lists the elder; while the elder has not confirmed, she is a stranger to the request.
    const added = expectOk(
      await people({ action: 'addRelative', relation: 'parent', name: ELDER_85.name, idNumber: ELDER_85.idNumber }, RELATIVE),
    )
    expect(await submit(RELATIVE)).toEqual({ ok: false, error: { code: 'CONFLICT', message: CANNOT_SUBMIT_TEXT } })
    expectOk(await people({ action: 'counterConfirm', centerId: 'lsw', code: added.code!, idNumber: ELDER_85.idNumber }, 'dev-clerk-liu'))
    const res = await submit(RELATIVE)
    expect(!res.ok && res.error.message).toContain('编号 20261126-001')
    expect(!res.ok && res.error.message).toContain('由其他家人提交')
  })
  it('accepts the same stranger’s request for an elder who has none', async () => {
    await d.submit()
    expect(expectOk(await submit(STRANGER, OTHER_ELDER))).toMatchObject({ status: 'submitted' })
  })
})
