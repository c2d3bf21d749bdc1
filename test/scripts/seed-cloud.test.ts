import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { parseAdmin, parseDistrict, seedDocuments } from '../../scripts/seed-cloud'
import { TEST_PII } from '@test/support/test-keys'

describe('seed:cloud', () => {
  it('exports the seeded centers without demo staff, and binds each first admin', async () => {
    const docs = await seedDocuments([parseAdmin('lsw:oFirstAdmin:孙丽')], new Date('2026-11-26T02:00:00Z'))
    expect([...docs.keys()]).toEqual(
      expect.arrayContaining(['centers', 'windows', 'services', 'communities', 'staff_roles', 'staff_admins']),
    )
    expect(docs.get('staff_roles')).toHaveLength(1)
    expect(JSON.stringify([...docs.values()])).not.toMatch(/dev-(clerk|grid|admin|supervisor)/)
    // Imported into an empty environment, the documents are a working store: the admin holds the role.
    const { db } = createCloudbaseDouble()
    for (const [collection, list] of docs) for (const d of list) await db.collection(collection).add({ data: d as { _id: string } })
    const store = createCloudbaseStore(db, TEST_PII)
    expect(await store.staff.rolesOf('lsw', 'oFirstAdmin')).toEqual([{ name: '孙丽', grant: { role: 'admin' } }])
    expect((await store.centers.services('lsw')).length).toBeGreaterThan(10)
    expect((await store.homecert.communities('lsw')).every((c) => c.responsibleOpenid === null)).toBe(true)
  })
  it('binds a district admin with --district, holding no role in any center', async () => {
    const docs = await seedDocuments([], new Date('2026-11-26T02:00:00Z'), [parseDistrict('oDistrict:高文华')])
    expect(docs.get('district_staff')).toEqual([
      { _id: 'oDistrict', openid: 'oDistrict', name: '高文华', role: 'district', createdAt: '2026-11-26T02:00:00.000Z' },
    ])
    expect(JSON.stringify([...docs.values()])).not.toMatch(/dev-district/)
    const { db } = createCloudbaseDouble()
    for (const [collection, list] of docs) for (const d of list) await db.collection(collection).add({ data: d as { _id: string } })
    const store = createCloudbaseStore(db, TEST_PII)
    expect(await store.staff.districtRole('oDistrict')).toMatchObject({ name: '高文华', role: 'district' })
    expect(await store.staff.rolesOf('lsw', 'oDistrict')).toEqual([])
    expect(() => parseDistrict('oX')).toThrow(/<OPENID>:<姓名>/)
  })
  it('refuses a malformed --admin and an unknown center', async () => {
    expect(() => parseAdmin('lsw:oX')).toThrow(/centerId>:<OPENID>:<姓名>/)
    await expect(seedDocuments([parseAdmin('nowhere:oX:某人')])).rejects.toThrow(/no center nowhere/)
  })
})
