/**
 * Personal fields at rest (cloud/store/sealed-fields.ts): what a copy of the database shows, and
 * which keys may open it. Listed in test/store/store-contract.ts; runs on both adapters, looking at
 * the raw storage through the adapter's `stored()` (the SQLite file and its -wal; every document).
 */
import { createPersonalData } from '@cloud/runtime/personal-data'
import { requestNumber } from '@/core/home-certification'
import { KeyMismatchError } from '@cloud/store/sealed-fields'
import { TEST_PII } from '@test/support/test-keys'
import type { StoreAccess, StoreHarness } from '../store-contract'
import { booking, GUARD, nextCode, slot } from './fixtures'
import { event, newCase } from './delegation'
import { newRequest, step } from './homecert'

const PHONE = '13987654321'
const ELDER = '欧阳秀梅'
const ADDRESS = '灵山卫街道海滨路 417 号 3 单元'
const APPLICANT = '诸葛德福'

export function sealingContract(current: StoreAccess, harness: StoreHarness): void {
  async function writeEveryKind() {
    const store = current()
    const b = await store.bookings.create(booking(1, { personName: APPLICANT, phone: PHONE }), slot(), GUARD, nextCode)
    expect(b.kind).toBe('created')
    const r = await store.homecert.create(
      newRequest(1, { elderName: ELDER, elderPhone: PHONE, elderAddress: ADDRESS, requesterPhone: PHONE }),
      '2026-11-26',
      requestNumber,
      step('family-1'),
      (req) => ({
        id: `m-${req.id}`,
        centerId: 'lsw',
        openid: req.requesterOpenid,
        bookingId: null,
        kind: 'homecert',
        title: '已提交',
        body: `为 ${req.elderName} 申请的上门认证已提交`,
        templateId: null,
        createdAt: req.createdAt,
      }),
    )
    expect(r.kind).toBe('created')
    const c = await store.cases.create(newCase({ applicantName: APPLICANT, phone: PHONE, handover: 'home_pickup', address: ADDRESS }), {
      date: '2026-11-26',
      numberOf: (seq) => `DB20261126-${String(seq).padStart(4, '0')}`,
      materials: [],
      event: event('accept'),
      message: () => null,
      maxOpen: 5,
    })
    expect(c.kind).toBe('created')
    return { b, r, c }
  }

  it('keeps phones, elders’ names, addresses and 消息 bodies unreadable at rest, and reads them back whole', async () => {
    const { b, r, c } = await writeEveryKind()
    const stored = await harness().stored()
    for (const secret of [PHONE, ELDER, ADDRESS, APPLICANT]) expect(stored).not.toContain(secret)
    const store = current()
    expect(await store.bookings.get(b.kind === 'created' ? b.booking.id : '')).toMatchObject({ personName: APPLICANT, phone: PHONE })
    expect(await store.homecert.get(r.kind === 'created' ? r.request.id : '')).toMatchObject({
      elderName: ELDER,
      elderPhone: PHONE,
      elderAddress: ADDRESS,
      requesterPhone: PHONE,
    })
    const id = c.kind === 'created' ? c.case.id : ''
    expect(await store.cases.get(id)).toMatchObject({ applicantName: APPLICANT, phone: PHONE, address: ADDRESS })
    expect((await store.messages.listFor('lsw', 'family-1', 10)).map((m) => m.body)).toEqual([`为 ${ELDER} 申请的上门认证已提交`])
    // Staff still find the case by the phone's last four digits (a keyed hash of them is what is stored).
    expect(
      (await store.cases.listForStaff({ centerId: 'lsw', states: ['accepted'], phoneTail: PHONE.slice(-4), limit: 10 })).map((x) => x.id),
    ).toEqual([id])
    expect(await store.cases.listForStaff({ centerId: 'lsw', states: ['accepted'], phoneTail: '0000', limit: 10 })).toEqual([])
  })

  it('opens again with its own keys, and refuses other keys before reading or writing anything', async () => {
    await writeEveryKind()
    const other = createPersonalData({ encKey: Buffer.alloc(32, 7), hashKey: Buffer.alloc(32, 8) })
    await expect(harness().reopen(other)).rejects.toThrow(KeyMismatchError)
    await expect(harness().reopen(other)).rejects.toThrow(/do not match/)
    const again = await harness().reopen(TEST_PII)
    expect((await again.messages.listFor('lsw', 'family-1', 10)).map((m) => m.body)).toEqual([`为 ${ELDER} 申请的上门认证已提交`])
  })
}
