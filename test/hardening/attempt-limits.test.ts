/**
 * Attempt limits (issue 17): nobody guesses a consent code. Wrong codes — by the elder from WeChat or by a clerk at
 * the counter — are counted per caller and per person; the 5th in 15 minutes locks the action for 15 minutes, said in
 * Chinese, and while locked even the right code is refused. Refused additions to 亲友 are limited the same way.
 * Through the real dispatcher on a real SQLite file; the counts live in the store (cloud/functions/people/attempts.ts).
 */
import { bookingHarness, type BookingHarness } from '@test/support/booking-harness'
import { expectOk, type CallData } from '@test/support/expect-ok'
import { idNumberFor, nthIdNumber } from '@test/support/id-numbers'
import type { ActionName } from '@/contract'

const WANG = 'dev-resident-wang'
const LI = 'dev-resident-li'
const CLERK = 'dev-clerk-liu'
const OTHER_CLERK = 'dev-clerk-ma'
const LI_ID = nthIdNumber(200)
const WRONG = 'ABCD EFGH'
const LOCKED = '确认码输错次数太多，请 15 分钟后再试；也可以带身份证到服务中心窗口办理。'

let h: BookingHarness
beforeEach(() => {
  h = bookingHarness()
})
afterEach(() => h.close())

const people = <A extends ActionName<'people'>>(data: CallData<A>, openid: string) => h.call('people', data, openid)
const ok = async <A extends ActionName<'people'>>(data: CallData<A>, openid: string) => expectOk(await people(data, openid))
const minutesLater = (m: number) => h.setNow(new Date(h.now().getTime() + m * 60_000))

/** 王建国 lists 李秀英; she has a verified identity of her own. The code she would confirm with. */
async function pendingMother(): Promise<string> {
  const added = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
  await ok({ action: 'saveIdentity', name: '李秀英', idNumber: LI_ID }, LI)
  await ok({ action: 'verifyIdentity' }, LI)
  return added.code!
}

describe('people.confirmConsent attempts', () => {
  it('locks the elder out after 5 wrong codes in 15 minutes, even for the right code, and opens again after', async () => {
    const code = await pendingMother()
    for (let i = 0; i < 5; i++)
      expect(await people({ action: 'confirmConsent', code: WRONG }, LI)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await people({ action: 'confirmConsent', code }, LI)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: LOCKED } })
    expect((await ok({ action: 'me' }, WANG)).relatives[0].consent).toBe('pending')
    minutesLater(16)
    expect(await ok({ action: 'confirmConsent', code }, LI)).toMatchObject({ consentText: '本人已在微信确认' })
  })
  it('counts 4 wrong codes as no lock', async () => {
    const code = await pendingMother()
    for (let i = 0; i < 4; i++) await people({ action: 'confirmConsent', code: WRONG }, LI)
    expect(await ok({ action: 'confirmConsent', code }, LI)).toMatchObject({ relation: 'parent' })
  })
})

describe('people.counterConfirm attempts', () => {
  it('locks a clerk after 5 wrong codes, and the person on the ID card for every clerk', async () => {
    const code = await pendingMother()
    for (let i = 0; i < 5; i++)
      expect(await people({ action: 'counterConfirm', centerId: 'lsw', code: WRONG, idNumber: LI_ID }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    const locked = { ok: false, error: { code: 'RATE_LIMITED', message: LOCKED } }
    expect(await people({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, CLERK)).toEqual(locked)
    // Another clerk with the same ID card: the person is locked too, so tries cannot be spread over clerks.
    expect(await people({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, OTHER_CLERK)).toEqual(locked)
    // The clerk with another person's card is locked as a clerk.
    expect(await people({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: nthIdNumber(201) }, CLERK)).toEqual(locked)
    minutesLater(16)
    expect(await ok({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, OTHER_CLERK)).toMatchObject({
      consentText: '已在窗口确认',
    })
  })
  it('does not count a caller who is not staff (refused before any code is looked at)', async () => {
    const code = await pendingMother()
    for (let i = 0; i < 6; i++)
      expect(await people({ action: 'counterConfirm', centerId: 'lsw', code: WRONG, idNumber: LI_ID }, WANG)).toMatchObject({
        error: { code: 'FORBIDDEN' },
      })
    expect(await ok({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, CLERK)).toMatchObject({ name: '李秀英' })
  })
})

describe('people.addRelative attempts', () => {
  it('locks after 5 refused additions in 15 minutes, and a good addition is refused while locked', async () => {
    const unborn = idNumberFor('2030-01-01', 1)
    for (let i = 0; i < 5; i++)
      expect(await people({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: unborn }, WANG)).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      })
    expect(await people({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '亲友信息输错次数太多，请 15 分钟后再试；也可以带身份证到服务中心窗口办理。' },
    })
    expect((await ok({ action: 'me' }, WANG)).relatives).toEqual([])
    // Another account is not locked.
    expect(await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, 'dev-family-zhao')).toMatchObject({
      relative: { name: '李秀英' },
    })
  })
})
