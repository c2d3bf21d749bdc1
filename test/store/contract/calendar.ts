import type { ArrangementRecord } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'

/** Made up for the tests (not the State Council's 2027 notice). */
const record = (version: number, to = '2027-01-03', at = '2026-12-04T02:00:00.000Z'): ArrangementRecord => ({
  year: 2027,
  version,
  lines: [
    { name: '元旦', from: '2027-01-01', to, workdays: [] },
    { name: '春节', from: '2027-02-05', to: '2027-02-11', workdays: ['2027-02-20'] },
  ],
  source: 'entered',
  enteredBy: 'dev-district-gao',
  enteredByName: '高文华',
  enteredAt: at,
})

export function calendarContract(store: StoreAccess): void {
  it('holds no arrangement until one is saved, then reads it back whole', async () => {
    expect(await store().calendar.arrangements()).toEqual([])
    expect(await store().calendar.saveArrangement(record(1))).toBe(true)
    expect(await store().calendar.arrangements()).toEqual([record(1)])
  })

  it('refuses a second first save of the same year (the one that read "none" came second)', async () => {
    expect(await store().calendar.saveArrangement(record(1))).toBe(true)
    expect(await store().calendar.saveArrangement(record(1, '2027-01-04'))).toBe(false)
    expect((await store().calendar.arrangements())[0].lines[0].to).toBe('2027-01-03')
  })

  it('replaces a year only from the version it read, and once', async () => {
    await store().calendar.saveArrangement(record(1))
    expect(await store().calendar.saveArrangement(record(2, '2027-01-04', '2026-12-05T02:00:00.000Z'))).toBe(true)
    // Another replacement that also read version 1 loses.
    expect(await store().calendar.saveArrangement(record(2, '2027-01-02'))).toBe(false)
    // A version that skips one is not a replacement of what is stored.
    expect(await store().calendar.saveArrangement(record(4, '2027-01-02'))).toBe(false)
    expect(await store().calendar.arrangements()).toEqual([record(2, '2027-01-04', '2026-12-05T02:00:00.000Z')])
  })

  it('keeps years apart, in year order', async () => {
    await store().calendar.saveArrangement({
      ...record(1),
      year: 2028,
      lines: [{ name: '元旦', from: '2028-01-01', to: '2028-01-01', workdays: [] }],
    })
    await store().calendar.saveArrangement(record(1))
    expect((await store().calendar.arrangements()).map((a) => a.year)).toEqual([2027, 2028])
  })

  it('answers a district role apart from every center’s roles', async () => {
    expect(await store().staff.districtRole('dev-district-gao')).toMatchObject({
      openid: 'dev-district-gao',
      name: '高文华',
      role: 'district',
    })
    expect(await store().staff.rolesOf('lsw', 'dev-district-gao')).toEqual([])
    expect(await store().staff.districtRole('dev-admin-sun')).toBeNull()
  })

  it('makes a district admin, and renames one without a second role', async () => {
    await store().staffAdmin.grantDistrict('o-new-district', '李明', '2026-12-04T02:00:00.000Z')
    await store().staffAdmin.grantDistrict('o-new-district', '李明华', '2026-12-05T02:00:00.000Z')
    expect(await store().staff.districtRole('o-new-district')).toEqual({
      openid: 'o-new-district',
      name: '李明华',
      role: 'district',
      createdAt: '2026-12-04T02:00:00.000Z',
    })
    expect(await store().staff.rolesOf('lsw', 'o-new-district')).toEqual([])
  })
}
