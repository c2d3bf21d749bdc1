/**
 * 我的身份 and 亲友 on CloudBase.
 *
 * - `identities`: IdentityRecord documents, `_id` = the account's openid (one per account).
 * - `relatives`: RelativeRecord documents, `_id` = the relative's id.
 * - `relative_lists`: `_id` = the owner's openid → `{ ids }`, the owner's relatives in order. Adding
 *   and removing are transactions on this document, so the "this person is already listed" check and
 *   the `max` count cannot race a second add (a transaction cannot query, so the list is the index).
 * - `people_attempt_failures`: `{ key, at }`, one per failed attempt (the attempt limits), pruned after a day.
 * Consent moves from `pending` by a conditional update (`where({ _id, consent: 'pending' })`).
 */
import type { AddRelativeResult, IdentityRecord, NewRelative, PeopleRepo, RelativeRecord } from '../port'
import type { DbApi } from './db-api'
import { getOrNull, inTransaction, toDoc } from './doc-helpers'
import { cloudbasePeopleAttempts } from './people-attempts'

export const PEOPLE_COLLECTIONS = {
  identities: 'identities',
  relatives: 'relatives',
  lists: 'relative_lists',
  failures: 'people_attempt_failures',
} as const

type IdentityDoc = Omit<IdentityRecord, 'openid'> & { _id: string }
type RelativeDoc = Omit<RelativeRecord, 'id'> & { _id: string }
type ListDoc = { _id: string; ids: string[] }

const toIdentity = ({ _id, ...d }: IdentityDoc): IdentityRecord => ({ openid: _id, ...d })
const toRelative = ({ _id, ...d }: RelativeDoc): RelativeRecord => ({ id: _id, ...d })

export function cloudbasePeopleRepo(db: DbApi): PeopleRepo {
  const identities = () => db.collection<IdentityDoc>(PEOPLE_COLLECTIONS.identities)
  const relatives = () => db.collection<RelativeDoc>(PEOPLE_COLLECTIONS.relatives)
  const getRelative = async (id: string) => {
    const doc = await getOrNull(relatives().doc(id))
    return doc ? toRelative(doc) : null
  }

  return {
    async identity(openid) {
      const doc = await getOrNull(identities().doc(openid))
      return doc ? toIdentity(doc) : null
    },
    async saveIdentity({ openid, ...data }) {
      await identities().doc(openid).set({ data })
    },
    async markVerified(openid, idHash, at) {
      const { stats } = await identities()
        .where({ _id: openid, idHash })
        .update({ data: { status: 'verified', verifiedAt: at, updatedAt: at } })
      if (stats.updated === 0) return null
      const doc = await getOrNull(identities().doc(openid))
      return doc ? toIdentity(doc) : null
    },
    async relatives(ownerOpenid) {
      const ids = (await getOrNull(db.collection<ListDoc>(PEOPLE_COLLECTIONS.lists).doc(ownerOpenid)))?.ids ?? []
      if (ids.length === 0) return []
      // One request for all of them (at most MAX_RELATIVES), in the list's order.
      const { data } = await relatives()
        .where({ _id: db.command.in(ids) })
        .limit(ids.length)
        .get()
      const byId = new Map(data.map((d) => [d._id, toRelative(d)]))
      return ids.flatMap((id) => byId.get(id) ?? [])
    },
    relative: getRelative,
    async addRelative(r: NewRelative, max): Promise<AddRelativeResult> {
      return inTransaction(db, async (tx) => {
        const listRef = tx.collection<ListDoc>(PEOPLE_COLLECTIONS.lists).doc(r.ownerOpenid)
        const ids = (await getOrNull(listRef))?.ids ?? []
        for (const id of ids) {
          const doc = await getOrNull(tx.collection<RelativeDoc>(PEOPLE_COLLECTIONS.relatives).doc(id))
          if (doc?.idHash === r.idHash) return { kind: 'existing', relative: toRelative(doc) }
        }
        if (ids.length >= max) return { kind: 'too_many' }
        const relative: RelativeRecord = { ...r, consent: 'pending', confirmedBy: null, confirmedAt: null }
        const { _id, ...data } = toDoc(relative)
        await tx.collection<RelativeDoc>(PEOPLE_COLLECTIONS.relatives).doc(_id).set({ data })
        await listRef.set({ data: { ids: [...ids, r.id] } })
        return { kind: 'added', relative }
      })
    },
    async removeRelative(ownerOpenid, id) {
      return inTransaction(db, async (tx) => {
        const ref = tx.collection<RelativeDoc>(PEOPLE_COLLECTIONS.relatives).doc(id)
        const doc = await getOrNull(ref)
        if (!doc || doc.ownerOpenid !== ownerOpenid) return false
        await ref.remove()
        const listRef = tx.collection<ListDoc>(PEOPLE_COLLECTIONS.lists).doc(ownerOpenid)
        const ids = (await getOrNull(listRef))?.ids ?? []
        await listRef.set({ data: { ids: ids.filter((x) => x !== id) } })
        return true
      })
    },
    async setConsentCode(id, codeHash, expiresAt) {
      const { stats } = await relatives()
        .where({ _id: id, consent: 'pending' })
        .update({ data: { codeHash, codeExpiresAt: expiresAt } })
      return stats.updated === 0 ? null : getRelative(id)
    },
    async pendingByCode(codeHash, now) {
      const { data } = await relatives()
        .where({ codeHash, consent: 'pending', codeExpiresAt: db.command.gt(now) })
        .limit(1)
        .get()
      return data[0] ? toRelative(data[0]) : null
    },
    async confirm(id, consent, by, at) {
      const { stats } = await relatives()
        .where({ _id: id, consent: 'pending' })
        .update({ data: { consent, confirmedBy: by, confirmedAt: at, codeHash: null, codeExpiresAt: null } })
      return stats.updated === 0 ? null : getRelative(id)
    },
    ...cloudbasePeopleAttempts(db),
  }
}
