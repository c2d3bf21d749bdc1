/** @timezone */
import { markNoShows } from '@cloud/functions/jobs'
import { devVerifier } from '@cloud/functions/people/verifier'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { bookingHarness, createInput, type BookingHarness } from '@test/support/booking-harness'
import { nthIdNumber } from '@test/support/id-numbers'
import { expectOk, type CallData } from '@test/support/expect-ok'
import type { ActionName } from '@/contract'

const WANG = 'dev-resident-wang'
const LI = 'dev-resident-li'
const CLERK = 'dev-clerk-liu'
const STRANGER = 'stranger'
const WANG_ID = nthIdNumber(100)
const LI_ID = nthIdNumber(200)

let h: BookingHarness
beforeEach(() => {
  h = bookingHarness()
})
afterEach(() => h.close())

const people = <A extends ActionName<'people'>>(data: CallData<A>, openid: string | null) => h.call('people', data, openid)
/** The action's answer, typed by the contract, after asserting it succeeded. */
const ok = async <A extends ActionName<'people'>>(data: CallData<A>, openid: string) => expectOk(await people(data, openid))
const book = (openid: string, overrides: Parameters<typeof createInput>[1] = {}, idNumber = WANG_ID) =>
  h.call(
    'booking',
    { action: 'create', ...createInput(0, { person: { name: '王建国', idNumber, phone: '13812345678' }, ...overrides }) },
    openid,
  )
const verified = async (openid: string, name: string, idNumber: string) => {
  await ok({ action: 'saveIdentity', name, idNumber }, openid)
  return ok({ action: 'verifyIdentity' }, openid)
}
/** 王建国 lists 李秀英 as his parent; she confirms with the code from her own WeChat. */
async function consentedMother() {
  const added = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
  await verified(LI, '李秀英', LI_ID)
  await ok({ action: 'confirmConsent', code: added.code }, LI)
  return added.relative.id as string
}

describe('people.saveIdentity and me', () => {
  it('records the resident’s own name and ID number sealed, answering them masked and self-declared', async () => {
    expect(await ok({ action: 'me' }, WANG)).toEqual({ identity: null, canVerify: true, verifyMethod: 'dev', relatives: [] })
    const saved = await ok({ action: 'saveIdentity', name: ' 王建国 ', idNumber: WANG_ID }, WANG)
    expect(saved).toEqual({
      name: '王建国',
      idMasked: `${WANG_ID.slice(0, 4)}**********${WANG_ID.slice(-4)}`,
      status: 'self_declared',
      statusText: '自行填报',
    })
    const row = JSON.stringify(h.store.db.prepare('SELECT * FROM identities').all())
    expect(row).not.toContain(WANG_ID)
    expect(row).not.toContain('王建国')
  })
  it('refuses a wrong ID number with a field error and stores nothing', async () => {
    const res = await people(
      { action: 'saveIdentity', name: '王建国', idNumber: WANG_ID.slice(0, 17) + (WANG_ID.endsWith('1') ? '2' : '1') },
      WANG,
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { idNumber: expect.any(String) } } })
    expect(await ok({ action: 'me' }, WANG)).toMatchObject({ identity: null })
  })
  it('answers UNAUTHENTICATED to an anonymous caller', async () => {
    expect(await people({ action: 'me' }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('people.verifyIdentity', () => {
  it('verifies a demo persona under their own name locally, and keeps it when the same person is saved again', async () => {
    expect(await verified(WANG, '王建国', WANG_ID)).toMatchObject({ status: 'verified', statusText: '已实名核验' })
    expect(await ok({ action: 'saveIdentity', name: '王建国', idNumber: WANG_ID }, WANG)).toMatchObject({ status: 'verified' })
    // Another ID number is another person: self-declared again.
    expect(await ok({ action: 'saveIdentity', name: '王建国', idNumber: nthIdNumber(101) }, WANG)).toMatchObject({
      status: 'self_declared',
    })
  })
  it('refuses a persona under another name, and anyone the deployment cannot verify', async () => {
    await ok({ action: 'saveIdentity', name: '李秀英', idNumber: LI_ID }, WANG)
    expect(await people({ action: 'verifyIdentity' }, WANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await ok({ action: 'saveIdentity', name: '王建国', idNumber: WANG_ID }, STRANGER)
    expect(await people({ action: 'verifyIdentity' }, STRANGER)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('自行填报') },
    })
    expect(await ok({ action: 'me' }, STRANGER)).toMatchObject({ canVerify: false, identity: { status: 'self_declared' } })
  })
})

describe('when identity verification is off (IDENTITY_VERIFICATION=off)', () => {
  it('says so in me, refuses to verify, and records identities as 自行填报', async () => {
    h.setVerifier(null)
    await ok({ action: 'saveIdentity', name: '王建国', idNumber: WANG_ID }, WANG)
    expect(await ok({ action: 'me' }, WANG)).toMatchObject({ canVerify: false, verifyMethod: null, identity: { statusText: '自行填报' } })
    expect(await people({ action: 'verifyIdentity' }, WANG)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '本服务暂未开通实名核验，您的身份按“自行填报”记录' },
    })
  })
  it('no longer trusts an identity verified while it was on: 自行填报, and bookings count against the account', async () => {
    await verified(WANG, '王建国', WANG_ID)
    h.setVerifier(null)
    expect(await ok({ action: 'me' }, WANG)).toMatchObject({ identity: { status: 'self_declared', statusText: '自行填报' } })
    const booked = expectOk(await book(WANG))
    const row = h.store.db.prepare('SELECT limit_key FROM bookings WHERE id = ?').get(booked.id) as { limit_key: string }
    expect(row.limit_key).toBe(`account_${WANG}`)
    h.setVerifier(devVerifier)
    expect(await ok({ action: 'me' }, WANG)).toMatchObject({ identity: { status: 'verified' } })
  })
})

describe('people relatives and consent', () => {
  it('adds a relative pending with a one-time code; adding them again answers the same record without a code', async () => {
    const added = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    expect(added).toMatchObject({
      code: expect.stringMatching(/^[A-Z2-9]{4} [A-Z2-9]{4}$/),
      relative: { consent: 'pending', consentText: '待本人确认', relationText: '母亲', name: '李秀英' },
    })
    const again = await ok({ action: 'addRelative', relation: 'other', name: '李秀英', idNumber: LI_ID }, WANG)
    expect(again).toEqual({ relative: added.relative, code: null })
    expect((await ok({ action: 'me' }, WANG)).relatives).toEqual([added.relative])
  })
  it('lets only the owner renew a code or remove the relative; others get NOT_FOUND', async () => {
    const { relative } = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    expect(await people({ action: 'newConsentCode', id: relative.id }, STRANGER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await people({ action: 'removeRelative', id: relative.id }, STRANGER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await ok({ action: 'newConsentCode', id: relative.id }, WANG)).code).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4}$/)
    expect(await ok({ action: 'removeRelative', id: relative.id }, WANG)).toEqual({ removed: true })
    expect((await ok({ action: 'me' }, WANG)).relatives).toEqual([])
  })
  it('takes the elder’s consent from their own verified WeChat, once', async () => {
    const { code, relative } = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    // Not verified yet: the code alone proves nothing.
    await ok({ action: 'saveIdentity', name: '李秀英', idNumber: LI_ID }, LI)
    const unverified = await people({ action: 'confirmConsent', code }, LI)
    expect(unverified).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // … and that refusal is the same for a wrong code: it tells nothing about the code.
    expect(await people({ action: 'confirmConsent', code: 'ABCD EFGH' }, LI)).toEqual(unverified)
    await ok({ action: 'verifyIdentity' }, LI)
    expect(await ok({ action: 'confirmConsent', code: code!.toLowerCase().replace(' ', '-') }, LI)).toMatchObject({
      consentText: '本人已在微信确认',
    })
    expect((await ok({ action: 'me' }, WANG)).relatives).toEqual([
      { ...relative, consent: 'confirmed_by_elder', consentText: '本人已在微信确认', codeExpiresAt: null },
    ])
    // Used: the same answer as a wrong code.
    const used = await people({ action: 'confirmConsent', code }, LI)
    const wrong = await people({ action: 'confirmConsent', code: 'ABCD EFGH' }, LI)
    expect(used).toEqual(wrong)
  })
  it('answers someone other than the elder exactly as for a wrong code', async () => {
    const { code } = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    await verified(WANG, '王建国', WANG_ID)
    const notHer = await people({ action: 'confirmConsent', code }, WANG)
    expect(notHer).toEqual(await people({ action: 'confirmConsent', code: 'ABCD EFGH' }, WANG))
    expect((await ok({ action: 'me' }, WANG)).relatives[0].consent).toBe('pending')
  })
  it('takes the consent at the counter from a clerk who checked the ID card, audited; residents are FORBIDDEN', async () => {
    const { code, relative } = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    expect(await people({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, STRANGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // The ID card in hand is someone else's: as a wrong code.
    expect(await people({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: WANG_ID }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await ok({ action: 'counterConfirm', centerId: 'lsw', code, idNumber: LI_ID }, CLERK)).toMatchObject({
      name: '李秀英',
      consentText: '已在窗口确认',
    })
    const log = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'people.', limit: 10 })
    expect(log).toEqual([
      expect.objectContaining({ action: 'people.counterConfirm', recordId: relative.id, actorOpenid: CLERK, detail: null }),
    ])
  })
})

describe('booking with 我的身份 and 亲友', () => {
  it('books 本人 from the stored identity, and a relative from 亲友, without typing them', async () => {
    await ok({ action: 'saveIdentity', name: '王建国', idNumber: WANG_ID }, WANG)
    const self = await book(WANG, { personRef: 'self', person: { phone: '13812345678' } })
    expect(self).toMatchObject({ ok: true })
    const { relative } = await ok({ action: 'addRelative', relation: 'parent', name: '李秀英', idNumber: LI_ID }, WANG)
    const forHer = await book(WANG, {
      personRef: relative.id,
      forSelf: false,
      relation: 'parent',
      person: { phone: '13812345678' },
      start: '10:00',
    })
    expect(forHer.ok).toBe(true)
    const detail = await h.call('booking', { action: 'get', centerId: 'lsw', id: forHer.ok && forHer.data.id }, WANG)
    expect(detail).toMatchObject({ ok: true, data: { person: { name: '李秀英', forSelf: false, relation: 'parent' } } })
    // Someone else's relative is not a choice.
    expect(await book(STRANGER, { personRef: relative.id, person: { phone: '13812345678' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { personRef: expect.any(String) } },
    })
  })
  it('remembers a relative typed into the form in 亲友, pending', async () => {
    expect((await book(WANG, { forSelf: false, relation: 'parent' }, LI_ID)).ok).toBe(true)
    expect((await ok({ action: 'me' }, WANG)).relatives).toEqual([expect.objectContaining({ relation: 'parent', consent: 'pending' })])
  })
  it('counts what a verified person and a consented relative book for that person against the person', async () => {
    await verified(WANG, '王建国', WANG_ID)
    expect((await book(WANG)).ok).toBe(true)
    // 王建国's mother consented: her bookings by him count against her, and his against him.
    await consentedMother()
    expect((await book(WANG, { forSelf: false, relation: 'parent' }, LI_ID)).ok).toBe(true)
    expect(await book(LI, { start: '10:00' }, LI_ID)).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_REACHED', message: expect.stringContaining('当天已预约过该事项') },
    })
  })
  it('shows the verified person every booking made in their name, and lets them cancel it', async () => {
    const byStranger = await book(STRANGER)
    const id = byStranger.ok && byStranger.data.id
    // Before verifying, 王建国 cannot see it.
    expect(await h.call('booking', { action: 'get', centerId: 'lsw', id }, WANG)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    await verified(WANG, '王建国', WANG_ID)
    const list = await h.call('booking', { action: 'listMine', centerId: 'lsw' }, WANG)
    expect(list.ok && list.data.items.map((b: { id: string }) => b.id)).toEqual([id])
    const seen = await h.call('booking', { action: 'get', centerId: 'lsw', id }, WANG)
    expect(seen).toMatchObject({ ok: true, data: { person: { phone: '138****5678' } } })
    expect(await h.call('booking', { action: 'cancel', centerId: 'lsw', id }, WANG)).toMatchObject({
      ok: true,
      data: { status: 'cancelled' },
    })
    // Moving it stays the maker's.
    expect(await h.call('booking', { action: 'reschedule', centerId: 'lsw', id, date: '2026-11-30', start: '09:00' }, WANG)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
  it('counts no-shows against the person only for bookings they or a consented relative made', async () => {
    await verified(WANG, '王建国', WANG_ID)
    h.setNow('2026-11-02T09:00:00+08:00')
    for (const [n, date] of [
      [1, '2026-11-03'],
      [2, '2026-11-04'],
      [3, '2026-11-05'],
    ] as const) {
      expect((await book(STRANGER, { date, requestId: `stranger-noshow-${n}` })).ok).toBe(true)
    }
    h.setNow('2026-11-05T10:00:00+08:00')
    expect(await markNoShows({ store: h.store, now: h.now, settings: DEFAULT_SETTINGS })).toHaveLength(3)
    expect((await book(WANG, { date: '2026-11-06' })).ok).toBe(true)
    expect(await book(STRANGER, { date: '2026-11-06', start: '10:00' }, nthIdNumber(300))).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_REACHED' },
    })
  })
})
