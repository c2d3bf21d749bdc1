/**
 * 自行填报 shown to staff (issue 17): wherever staff see a resident's identity — the ticket at the counter, the
 * delegated case, the home-certification request — the person is marked 已实名核验 only when the account that asked
 * is that person's verified identity, and 自行填报 otherwise; with verification switched off (IDENTITY_VERIFICATION=off)
 * everyone is 自行填报. Both switch positions, through the real dispatcher on a real SQLite file.
 */
import { bookingHarness, createInput, type BookingHarness } from '@test/support/booking-harness'
import { expectOk } from '@test/support/expect-ok'
import { submitInput } from '@test/support/homecert'
import { caseInput } from '@test/support/delegation-harness'
import { idNumberFor, nthIdNumber } from '@test/support/id-numbers'
import { currentCheckInCode } from '@cloud/functions/queue/check-in-code'
import { TEST_PII } from '@test/support/test-keys'

const WANG = 'dev-resident-wang'
const WANG_ID = nthIdNumber(100)
const CLERK = 'dev-clerk-liu'
/** 王建国 as an 85-year-old, so he can ask for a home visit for himself. */
const WANG_85 = idNumberFor('1941-05-01', 21)

let h: BookingHarness
beforeEach(() => {
  h = bookingHarness()
})
afterEach(() => h.close())

async function verifiedWang(idNumber = WANG_ID) {
  expectOk(await h.call('people', { action: 'saveIdentity', name: '王建国', idNumber }, WANG))
  expectOk(await h.call('people', { action: 'verifyIdentity' }, WANG))
}

/** The console's tickets for 王建国's own booking and one for his father, both checked in. */
async function consoleTickets() {
  const own = { ...createInput(0, { date: '2026-11-26', start: '10:00' }), personRef: 'self', person: { phone: '13812345678' } }
  const father = createInput(0, {
    date: '2026-11-26',
    start: '10:00',
    forSelf: false,
    relation: 'parent',
    person: { name: '王德福', idNumber: nthIdNumber(300), phone: '13812345678' },
  })
  const ids = [
    expectOk(await h.call('booking', { action: 'create', ...own }, WANG)).id,
    expectOk(await h.call('booking', { action: 'create', ...father }, WANG)).id,
  ]
  h.setNow('2026-11-26T09:40:00+08:00')
  const code = currentCheckInCode(TEST_PII, 'lsw', h.now()).code
  for (const bookingId of ids) expectOk(await h.call('queue', { action: 'checkIn', centerId: 'lsw', bookingId, code }, WANG))
  const console = expectOk(await h.call('queue', { action: 'console', centerId: 'lsw', window: 2 }, CLERK))
  return console.waiting.map((t) => `${t.personName}（${t.personCheck}）`).sort()
}

describe('when identity verification is on', () => {
  it('marks the verified resident’s own ticket 已实名核验 and the relative typed in 自行填报', async () => {
    await verifiedWang()
    expect(await consoleTickets()).toEqual(['王建国（已实名核验）', '王德福（自行填报）'])
  })
  it('marks a self-declared resident’s own ticket 自行填报', async () => {
    expectOk(await h.call('people', { action: 'saveIdentity', name: '王建国', idNumber: WANG_ID }, WANG))
    expect(await consoleTickets()).toEqual(['王建国（自行填报）', '王德福（自行填报）'])
  })
  it('marks the elder who asked from their own verified WeChat, and an elder typed in by the family 自行填报', async () => {
    await verifiedWang(WANG_85)
    const own = expectOk(
      await h.call(
        'homecert',
        { action: 'submit', ...submitInput({ elderRef: 'self', requester: { self: true, phone: '13812345678' } }) },
        WANG,
      ),
    )
    const family = expectOk(await h.call('homecert', { action: 'submit', ...submitInput() }, 'dev-family-zhao'))
    expect(expectOk(await h.call('homecert', { action: 'staffGet', centerId: 'lsw', id: own.id }, 'dev-supervisor-zhou')).elder.check).toBe(
      '已实名核验',
    )
    expect(
      expectOk(await h.call('homecert', { action: 'staffGet', centerId: 'lsw', id: family.id }, 'dev-supervisor-zhou')).elder.check,
    ).toBe('自行填报')
  })
  it('marks a verified resident’s own delegated case, and one for a relative 自行填报', async () => {
    await verifiedWang()
    const own = expectOk(
      await h.call('delegation', { action: 'create', ...caseInput({ forSelf: true, relation: undefined, applicantName: '王建国' }) }, WANG),
    )
    const father = expectOk(await h.call('delegation', { action: 'create', ...caseInput() }, WANG))
    const check = async (id: string) =>
      expectOk(await h.call('delegation', { action: 'staffGet', centerId: 'lsw', id }, CLERK)).applicantCheck
    expect([await check(own.id), await check(father.id)]).toEqual(['已实名核验', '自行填报'])
  })
})

describe('when identity verification is off', () => {
  it('marks every person 自行填报, even one verified while it was on', async () => {
    await verifiedWang()
    h.setVerifier(null)
    expect(await consoleTickets()).toEqual(['王建国（自行填报）', '王德福（自行填报）'])
    const own = expectOk(
      await h.call('delegation', { action: 'create', ...caseInput({ forSelf: true, relation: undefined, applicantName: '王建国' }) }, WANG),
    )
    expect(expectOk(await h.call('delegation', { action: 'staffGet', centerId: 'lsw', id: own.id }, CLERK)).applicantCheck).toBe('自行填报')
  })
})
