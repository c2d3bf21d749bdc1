import type { IdentityRecord, NewRelative } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'
import { NOW } from './fixtures'

const identity = (openid: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  openid,
  nameSealed: 'v1.name',
  idSealed: 'v1.id',
  idHash: `hash-${openid}`,
  idMasked: '3702**********0000',
  status: 'self_declared',
  verifiedAt: null,
  updatedAt: NOW,
  ...over,
})

const relative = (n: number, over: Partial<NewRelative> = {}): NewRelative => ({
  id: `rel${n}`,
  ownerOpenid: 'owner',
  relation: 'parent',
  nameSealed: 'v1.name',
  idSealed: 'v1.id',
  idHash: `elder-${n}`,
  idMasked: '3702**********0000',
  codeHash: `code-${n}`,
  codeExpiresAt: '2026-12-03T16:00:00.000Z',
  createdAt: NOW,
  ...over,
})

export function peopleContract(store: StoreAccess) {
  describe('identity', () => {
    it('keeps one per account: saving again replaces it, verification included', async () => {
      expect(await store().people.identity('a')).toBeNull()
      await store().people.saveIdentity(identity('a'))
      expect(await store().people.markVerified('a', 'hash-a', NOW)).toMatchObject({ status: 'verified', verifiedAt: NOW })
      await store().people.saveIdentity(identity('a', { idHash: 'hash-other' }))
      expect(await store().people.identity('a')).toEqual(identity('a', { idHash: 'hash-other' }))
    })
    it('marks verified only the person it was asked about (not one saved over it meanwhile)', async () => {
      await store().people.saveIdentity(identity('a'))
      expect(await store().people.markVerified('a', 'hash-someone-else', NOW)).toBeNull()
      expect(await store().people.identity('a')).toMatchObject({ status: 'self_declared' })
      expect(await store().people.markVerified('nobody', 'hash-nobody', NOW)).toBeNull()
    })
  })

  describe('relatives', () => {
    it('adds a person once per account, pending, and lists them oldest first', async () => {
      expect(await store().people.addRelative(relative(1), 10)).toMatchObject({ kind: 'added', relative: { consent: 'pending' } })
      await store().people.addRelative(relative(2), 10)
      const again = await store().people.addRelative(relative(3, { idHash: 'elder-1', relation: 'other' }), 10)
      expect(again).toMatchObject({ kind: 'existing', relative: { id: 'rel1', relation: 'parent' } })
      expect((await store().people.relatives('owner')).map((r) => r.id)).toEqual(['rel1', 'rel2'])
      // Another account lists the same person on its own.
      expect((await store().people.addRelative(relative(4, { ownerOpenid: 'other', idHash: 'elder-1' }), 10)).kind).toBe('added')
    })
    it('stops at the maximum, decided in the same unit as the insert', async () => {
      const results = await Promise.all([1, 2, 3, 4].map((n) => store().people.addRelative(relative(n), 2)))
      expect(results.filter((r) => r.kind === 'added')).toHaveLength(2)
      expect(results.filter((r) => r.kind === 'too_many')).toHaveLength(2)
      expect(await store().people.relatives('owner')).toHaveLength(2)
    })
    it('removes only the owner’s own relative', async () => {
      await store().people.addRelative(relative(1), 10)
      expect(await store().people.removeRelative('someone-else', 'rel1')).toBe(false)
      expect(await store().people.removeRelative('owner', 'rel1')).toBe(true)
      expect(await store().people.relatives('owner')).toEqual([])
      expect(await store().people.relative('rel1')).toBeNull()
    })
  })

  describe('consent', () => {
    it('finds a pending relative by an unexpired code only', async () => {
      await store().people.addRelative(relative(1), 10)
      expect(await store().people.pendingByCode('code-1', NOW)).toMatchObject({ id: 'rel1' })
      expect(await store().people.pendingByCode('code-1', '2026-12-03T16:00:00.000Z')).toBeNull()
      expect(await store().people.pendingByCode('code-x', NOW)).toBeNull()
    })
    it('confirms once: the code is cleared and a second confirmation loses', async () => {
      await store().people.addRelative(relative(1), 10)
      const results = await Promise.all([
        store().people.confirm('rel1', 'confirmed_by_elder', 'elder-openid', NOW),
        store().people.confirm('rel1', 'confirmed_at_counter', 'clerk', NOW),
      ])
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      const stored = await store().people.relative('rel1')
      expect(stored).toMatchObject({ codeHash: null, codeExpiresAt: null, confirmedAt: NOW })
      expect(stored?.consent).not.toBe('pending')
      expect(await store().people.pendingByCode('code-1', NOW)).toBeNull()
      expect(await store().people.setConsentCode('rel1', 'code-new', '2026-12-10T16:00:00.000Z')).toBeNull()
    })
    it('gives a pending relative a new code in place of the old', async () => {
      await store().people.addRelative(relative(1), 10)
      expect(await store().people.setConsentCode('rel1', 'code-new', '2026-12-10T16:00:00.000Z')).toMatchObject({ codeHash: 'code-new' })
      expect(await store().people.pendingByCode('code-1', NOW)).toBeNull()
      expect(await store().people.pendingByCode('code-new', NOW)).toMatchObject({ id: 'rel1' })
    })
  })

  describe('failed attempts', () => {
    const at = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString()
    it('counts failures per key after an instant, each key on its own', async () => {
      await store().people.recordFailure(['consent:a', 'person:h'], at(0))
      await store().people.recordFailure(['consent:a'], at(5))
      expect(await store().people.failuresSince('consent:a', at(-1))).toBe(2)
      expect(await store().people.failuresSince('consent:a', at(1))).toBe(1)
      expect(await store().people.failuresSince('person:h', at(-1))).toBe(1)
      expect(await store().people.failuresSince('consent:b', at(-1))).toBe(0)
    })
    it('drops failures older than a day when a new one comes', async () => {
      await store().people.recordFailure(['consent:a'], at(0))
      await store().people.recordFailure(['consent:b'], at(25 * 60))
      expect(await store().people.failuresSince('consent:a', at(-1))).toBe(0)
      expect(await store().people.failuresSince('consent:b', at(-1))).toBe(1)
    })
  })
}
