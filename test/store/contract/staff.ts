import type { Grant } from '@/core/staff-roles'
import type { InviteRecord } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'
import { kinds } from './fixtures'

const AT = '2026-11-26T02:00:00.000Z'

const invite = (n: number, grant: Grant, overrides: Partial<InviteRecord> = {}): InviteRecord => ({
  id: `inv${n}`,
  centerId: 'lsw',
  codeHash: `hash${n}`,
  codeTail: `${n}`.padStart(2, '0'),
  name: `新同事${n}`,
  grant,
  createdBy: 'dev-admin-sun',
  createdByName: '孙丽',
  createdAt: `2026-11-26T01:0${n}:00.000Z`,
  expiresAt: '2026-11-27T00:00:00.000Z',
  usedBy: null,
  usedByName: null,
  usedAt: null,
  cancelledAt: null,
  ...overrides,
})

/** Adds the invite's scope to what is held (what the staff function hands in). */
const merge = (held: Grant | undefined, added: Grant): Grant =>
  held?.windows || added.windows ? { ...added, windows: [...new Set([...(held?.windows ?? []), ...(added.windows ?? [])])].sort() } : added

export function staffAdminContract(store: StoreAccess): void {
  describe('invites', () => {
    it("stores invites, lists a center's newest first and finds one by code hash", async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'counter', windows: [4] }))
      await store().staffAdmin.createInvite(invite(2, { role: 'admin' }))
      await store().staffAdmin.createInvite(invite(3, { role: 'admin' }, { centerId: 'yz' }))
      expect((await store().staffAdmin.invites('lsw', 10)).map((i) => i.id)).toEqual(['inv2', 'inv1'])
      expect(await store().staffAdmin.inviteByHash('hash1')).toEqual(invite(1, { role: 'counter', windows: [4] }))
      expect(await store().staffAdmin.inviteByHash('nope')).toBeNull()
    })

    it('cancels an unused invite of the center once', async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'admin' }))
      expect(await store().staffAdmin.cancelInvite('yz', 'inv1', AT)).toBeNull()
      expect(await store().staffAdmin.cancelInvite('lsw', 'inv1', AT)).toMatchObject({ id: 'inv1', cancelledAt: AT })
      expect(await store().staffAdmin.cancelInvite('lsw', 'inv1', AT)).toBeNull()
      expect((await store().staffAdmin.redeem('hash1', 'someone', AT, merge)).kind).toBe('cancelled')
    })
  })

  describe('redeem', () => {
    it("grants the role merged with what the person holds, and gives every role the invite's name", async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'counter', windows: [4, 5] }))
      const r = await store().staffAdmin.redeem('hash1', 'dev-clerk-liu', AT, merge)
      expect(r.kind).toBe('redeemed')
      expect(r.kind === 'redeemed' && r.grants).toEqual([{ name: '新同事1', grant: { role: 'counter', windows: [1, 2, 3, 4, 5] } }])
      expect(r.kind === 'redeemed' && r.invite).toMatchObject({ usedBy: 'dev-clerk-liu', usedByName: '新同事1', usedAt: AT })
      expect(await store().staff.rolesOf('lsw', 'dev-clerk-liu')).toEqual([
        { name: '新同事1', grant: { role: 'counter', windows: [1, 2, 3, 4, 5] } },
      ])

      await store().staffAdmin.createInvite(invite(2, { role: 'grid', communities: ['东风村'] }, { name: '刘芳' }))
      await store().staffAdmin.redeem('hash2', 'dev-clerk-liu', AT, merge)
      expect((await store().staff.rolesOf('lsw', 'dev-clerk-liu')).map((g) => [g.name, g.grant.role])).toEqual([
        ['刘芳', 'counter'],
        ['刘芳', 'grid'],
      ])
    })

    it('answers already_yours to the same person, used to another, expired and unknown', async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'counter', windows: [6] }))
      await store().staffAdmin.createInvite(invite(2, { role: 'counter', windows: [6] }, { expiresAt: AT }))
      await store().staffAdmin.redeem('hash1', 'new-person', AT, merge)
      const again = await store().staffAdmin.redeem('hash1', 'new-person', AT, merge)
      expect(again.kind === 'already_yours' && again.grants).toEqual([{ name: '新同事1', grant: { role: 'counter', windows: [6] } }])
      expect((await store().staffAdmin.redeem('hash1', 'other-person', AT, merge)).kind).toBe('used')
      expect((await store().staffAdmin.redeem('hash2', 'other-person', AT, merge)).kind).toBe('expired')
      expect(await store().staffAdmin.redeem('nope', 'other-person', AT, merge)).toEqual({ kind: 'unknown' })
      expect(await store().staff.rolesOf('lsw', 'other-person')).toEqual([])
    })

    it('lets one of 30 people racing for one invite take it up', async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'admin' }))
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store().staffAdmin.redeem('hash1', `racer-${i}`, AT, merge)))
      expect(kinds(results)).toEqual({ redeemed: 1, used: 29 })
      const members = await store().staffAdmin.members('lsw')
      expect(members.filter((m) => m.openid.startsWith('racer-'))).toHaveLength(1)
    })

    it('counts wrong codes per person since an instant', async () => {
      await store().staffAdmin.recordRedeemFailure('me', '2026-11-26T01:00:00.000Z')
      await store().staffAdmin.recordRedeemFailure('me', '2026-11-26T01:05:00.000Z')
      await store().staffAdmin.recordRedeemFailure('other', '2026-11-26T01:05:00.000Z')
      expect(await store().staffAdmin.redeemFailuresSince('me', '2026-11-26T00:59:00.000Z')).toBe(2)
      expect(await store().staffAdmin.redeemFailuresSince('me', '2026-11-26T01:00:00.000Z')).toBe(1)
    })
  })

  describe('members and grants', () => {
    it('lists everyone holding a role in the center by name, with all their grants', async () => {
      const members = await store().staffAdmin.members('lsw')
      const sun = members.find((m) => m.openid === 'dev-admin-sun')
      expect(sun?.grants.map((g) => g.role)).toEqual(['admin', 'supervisor'])
      expect(members.map((m) => m.name)).toEqual([...members.map((m) => m.name)].sort())
      expect((await store().staffAdmin.members('yz')).map((m) => m.openid)).toEqual(['dev-clerk-yz'])
    })

    it('writes a grant only for a person holding some role in the center', async () => {
      expect(await store().staffAdmin.setGrant('lsw', 'stranger', { role: 'counter', windows: [1] }, AT)).toBe(false)
      expect(await store().staffAdmin.setGrant('lsw', 'dev-clerk-liu', { role: 'counter', windows: [6] }, AT)).toBe(true)
      expect(await store().staffAdmin.setGrant('lsw', 'dev-clerk-liu', { role: 'supervisor', communities: ['东风村'] }, AT)).toBe(true)
      expect(await store().staff.rolesOf('lsw', 'dev-clerk-liu')).toEqual([
        { name: '刘芳', grant: { role: 'counter', windows: [6] } },
        { name: '刘芳', grant: { role: 'supervisor', communities: ['东风村'] } },
      ])
      expect(await store().staff.rolesOf('lsw', 'stranger')).toEqual([])
    })

    it('revokes a role, refuses the last admin and answers not_found', async () => {
      expect(await store().staffAdmin.revokeGrant('lsw', 'dev-admin-sun', 'admin')).toBe('last_admin')
      expect(await store().staffAdmin.revokeGrant('lsw', 'dev-clerk-liu', 'admin')).toBe('not_found')
      expect(await store().staffAdmin.revokeGrant('lsw', 'dev-admin-sun', 'supervisor')).toBe('revoked')
      expect((await store().staff.rolesOf('lsw', 'dev-admin-sun')).map((g) => g.grant.role)).toEqual(['admin'])
    })

    it('keeps one admin when two admins revoke each other at once', async () => {
      await store().staffAdmin.createInvite(invite(1, { role: 'admin' }))
      await store().staffAdmin.redeem('hash1', 'second-admin', AT, merge)
      const results = await Promise.all([
        store().staffAdmin.revokeGrant('lsw', 'dev-admin-sun', 'admin'),
        store().staffAdmin.revokeGrant('lsw', 'second-admin', 'admin'),
      ])
      expect([...results].sort()).toEqual(['last_admin', 'revoked'])
      const admins = (await store().staffAdmin.members('lsw')).filter((m) => m.grants.some((g) => g.role === 'admin'))
      expect(admins).toHaveLength(1)
    })
  })
}
