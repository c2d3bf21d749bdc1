/**
 * Center configuration on CloudBase (collections of center-repo.ts, communities, staff scopes).
 *
 * "A name (or window number) used by another" and "in use" are queries, and CloudBase runs no
 * query inside a transaction. So each such edit runs in a transaction that first writes the
 * center's guard document (`config_guards`, `_id` = center id) and then queries: two edits of
 * one center conflict on the guard, and the loser runs again and sees the winner's write.
 * Writes that do not go through the guard (a home-certification request naming a community,
 * a booking creating a slot counter) are not ordered against these edits.
 *
 * Every write here moves the configuration generation in its own transaction (config-cache.ts:
 * every instance remembers centers, services, windows and days until it moves).
 */
import type { ConfigRepo, ServiceConfigRecord } from '../port'
import type { ConfigCache } from './config-cache'
import type { DbApi, StoredDoc, TransactionApi } from './db-api'
import { getOrNull, inTransaction, readAll } from './doc-helpers'
import { BOOKING_COLLECTIONS } from './booking-repo'
import { CENTER_COLLECTIONS, dayId, toServiceConfig, type CenterDoc, type ServiceDoc, type WindowDoc } from './center-repo'
import { HOMECERT_COLLECTIONS } from './homecert-repo'
import { SHARED } from './shared-collections'
import type { RoleDoc } from './staff-repo'

/** `_id` = center id → `{ version }`: the document every configuration edit of the center writes first. */
export const CONFIG_COLLECTIONS = { guards: 'config_guards' } as const
/** Home-certification requests (homecert-repo.ts): read here for "in use" and the counts. */
const HOMECERT_REQUESTS = HOMECERT_COLLECTIONS.requests

type CommunityDoc = { _id: string; centerId: string; name: string; responsibleOpenid: string | null; sort: number }
type SlotDoc = { _id: string; capacity: number; booked: number; remaining: number }

export function cloudbaseConfigRepo(db: DbApi, cache: ConfigCache): ConfigRepo {
  const _ = db.command
  const services = () => db.collection<ServiceDoc>(CENTER_COLLECTIONS.services)
  const communities = () => db.collection<CommunityDoc>(SHARED.communities)
  const count = async (collection: string, where: Record<string, unknown>) => (await db.collection(collection).where(where).count()).total
  const nextSort = async (collection: string, centerId: string) => {
    const { data } = await db.collection(collection).where({ centerId }).orderBy('sort', 'desc').limit(1).get()
    return data.length ? (data[0].sort as number) + 1 : 0
  }

  /** One edit of a center's configuration, ordered against every other through the guard document. */
  function guarded<R>(centerId: string, edit: (tx: TransactionApi) => Promise<R>): Promise<R> {
    return cache.write(async (tx) => {
      const ref = tx.collection<StoredDoc & { version: number }>(CONFIG_COLLECTIONS.guards).doc(centerId)
      await ref.set({ data: { version: ((await getOrNull(ref))?.version ?? 0) + 1 } })
      return edit(tx)
    })
  }

  /**
   * Replaces fields of a center's document (hours and rules whole, never merged field by field), read and written in
   * the transaction that moves the generation.
   */
  function changeCenter(centerId: string, changes: Partial<Omit<CenterDoc, '_id'>>): Promise<void> {
    return cache.write(async (tx) => {
      const ref = tx.collection<CenterDoc>(CENTER_COLLECTIONS.centers).doc(centerId)
      const doc = await getOrNull(ref)
      if (!doc) return
      const { _id: _ignored, ...data } = { ...doc, ...changes }
      await ref.set({ data })
    })
  }

  /** A future slot counter takes the new capacity, never below what is booked in it. */
  async function recapacity(serviceId: string, capacity: number, today: string) {
    const found = await readAll(
      db
        .collection<SlotDoc>(BOOKING_COLLECTIONS.slots)
        .where({ serviceId, date: _.gte(today) })
        .orderBy('_id', 'asc'),
    )
    for (const slot of found) {
      await inTransaction(db, async (tx) => {
        const ref = tx.collection<SlotDoc>(BOOKING_COLLECTIONS.slots).doc(slot._id)
        const now = await ref.get().then((r) => r.data)
        const cap = Math.max(capacity, now.booked)
        if (cap !== now.capacity) await ref.update({ data: { capacity: cap, remaining: cap - now.booked } })
      })
    }
  }

  return {
    allServices(centerId) {
      return cache.remembered(`allServices|${centerId}`, async () =>
        (await readAll(services().where({ centerId }).orderBy('retired', 'asc').orderBy('sort', 'asc').orderBy('_id', 'asc'))).map(
          toServiceConfig,
        ),
      )
    },
    async upcomingBookings(centerId, from) {
      const all = await readAll(services().where({ centerId }).orderBy('_id', 'asc'))
      const counts = await Promise.all(
        all.map(
          async (s) =>
            [
              s._id,
              await count(BOOKING_COLLECTIONS.bookings, {
                centerId,
                serviceId: s._id,
                date: _.gte(from),
                status: _.in(['booked', 'checked_in']),
              }),
            ] as const,
        ),
      )
      return new Map(counts.filter(([, n]) => n > 0))
    },
    updateCenter(centerId, card) {
      return changeCenter(centerId, card)
    },
    setDay(centerId, date, open, reason) {
      return cache.write(async (tx) => {
        await tx.collection(CENTER_COLLECTIONS.days).doc(dayId(centerId, date)).set({ data: { centerId, date, open, reason } })
      })
    },
    removeDay(centerId, date) {
      return cache.write(async (tx) => {
        const ref = tx.collection(CENTER_COLLECTIONS.days).doc(dayId(centerId, date))
        if (!(await getOrNull(ref))) return false
        await ref.remove()
        return true
      })
    },

    // A crash after the save and before every future counter has its new capacity leaves some at the
    // old one; saving the service again finishes the job (the update is idempotent).
    async saveService(s: ServiceConfigRecord, { create, today }) {
      const result = await guarded(s.centerId, async (tx) => {
        const named = await readAll(services().where({ centerId: s.centerId, name: s.name, retired: false }).orderBy('_id', 'asc'))
        if (named.some((d) => d._id !== s.id)) return { kind: 'name_taken' as const }
        const ref = tx.collection<ServiceDoc>(CENTER_COLLECTIONS.services).doc(s.id)
        const before = await getOrNull(ref)
        const { id: _id, sort: _sort, retired: _retired, perWindowCapacity: _pwc, centerId: _c, ...editable } = s
        let saved: ServiceDoc
        if (create) {
          if (before) throw new Error(`service ${s.id} exists already`)
          const { id: _ignored, ...fields } = s
          saved = {
            _id: s.id,
            ...fields,
            slotCapacity: s.slotCapacity ?? null,
            sort: await nextSort(CENTER_COLLECTIONS.services, s.centerId),
          }
          const { _id: _x, ...data } = saved
          await ref.set({ data })
        } else {
          if (!before || before.centerId !== s.centerId) return { kind: 'not_found' as const }
          const changes = { ...editable, slotCapacity: s.slotCapacity ?? null }
          await ref.update({ data: changes })
          saved = { ...before, ...changes }
        }
        return { kind: 'saved' as const, service: toServiceConfig(saved) }
      })
      if (result.kind === 'saved' && s.slotCapacity !== null && s.slotCapacity !== undefined) await recapacity(s.id, s.slotCapacity, today)
      return result
    },
    setServiceRetired(centerId, id, retired) {
      return cache.write(async (tx) => {
        const ref = tx.collection<ServiceDoc>(CENTER_COLLECTIONS.services).doc(id)
        const doc = await getOrNull(ref)
        if (!doc || doc.centerId !== centerId) return null
        const { _id: _ignored, ...data } = { ...doc, retired }
        await ref.set({ data })
        return toServiceConfig({ ...doc, retired })
      })
    },

    async saveWindow(w, create) {
      return guarded(w.centerId, async (tx) => {
        const holders = await readAll(
          db.collection<WindowDoc>(CENTER_COLLECTIONS.windows).where({ centerId: w.centerId, number: w.number }).orderBy('_id', 'asc'),
        )
        if (holders.some((h) => h._id !== w.id)) return 'number_taken' as const
        const ref = tx.collection<WindowDoc>(CENTER_COLLECTIONS.windows).doc(w.id)
        const before = await getOrNull(ref)
        if (create) await ref.set({ data: { centerId: w.centerId, number: w.number, name: w.name } })
        else if (!before || before.centerId !== w.centerId) return 'not_found' as const
        else await ref.update({ data: { number: w.number, name: w.name } })
        return 'saved' as const
      })
    },
    async removeWindow(centerId, id) {
      return guarded(centerId, async (tx) => {
        const ref = tx.collection<WindowDoc>(CENTER_COLLECTIONS.windows).doc(id)
        const before = await getOrNull(ref)
        if (!before || before.centerId !== centerId) return 'not_found' as const
        if ((await count(CENTER_COLLECTIONS.services, { centerId, retired: false, windowIds: id })) > 0) return 'in_use' as const
        await ref.remove()
        return 'removed' as const
      })
    },

    async saveCommunity(c, create) {
      return guarded(c.centerId, async (tx) => {
        const holders = await readAll(communities().where({ centerId: c.centerId, name: c.name }).orderBy('_id', 'asc'))
        if (holders.some((h) => h._id !== c.id)) return 'name_taken' as const
        const ref = tx.collection<CommunityDoc>(SHARED.communities).doc(c.id)
        if (create) {
          await ref.set({
            data: {
              centerId: c.centerId,
              name: c.name,
              responsibleOpenid: c.responsibleOpenid,
              sort: await nextSort(SHARED.communities, c.centerId),
            },
          })
          return 'saved' as const
        }
        const before = await getOrNull(ref)
        if (!before || before.centerId !== c.centerId) return 'not_found' as const
        await ref.update({ data: { name: c.name, responsibleOpenid: c.responsibleOpenid } })
        if (before.name !== c.name) {
          // Staff scopes name communities: a rename follows into them in the same transaction.
          const scoped = await readAll(
            db
              .collection<RoleDoc>(SHARED.staffRoles)
              .where({ centerId: c.centerId, role: _.in(['grid', 'supervisor']) })
              .orderBy('_id', 'asc'),
          )
          for (const found of scoped) {
            const roleRef = tx.collection<RoleDoc>(SHARED.staffRoles).doc(found._id)
            const role = await getOrNull(roleRef)
            const names = role?.scope.communities
            if (names?.includes(before.name))
              await roleRef.update({ data: { 'scope.communities': names.map((n) => (n === before.name ? c.name : n)) } })
          }
        }
        return 'saved' as const
      })
    },
    async removeCommunity(centerId, id) {
      return guarded(centerId, async (tx) => {
        const ref = tx.collection<CommunityDoc>(SHARED.communities).doc(id)
        const before = await getOrNull(ref)
        if (!before || before.centerId !== centerId) return 'not_found' as const
        if ((await count(HOMECERT_REQUESTS, { communityId: id })) > 0) return 'in_use' as const
        await ref.remove()
        return 'removed' as const
      })
    },
    async communityRequestCounts(centerId) {
      const all = await readAll(communities().where({ centerId }).orderBy('_id', 'asc'))
      const counts = await Promise.all(
        all.map(async (c) => [c._id, await count(HOMECERT_REQUESTS, { centerId, communityId: c._id })] as const),
      )
      return new Map(counts.filter(([, n]) => n > 0))
    },

    async setBookingRules(centerId, bookingRules) {
      await changeCenter(centerId, { bookingRules })
    },
    async setQueueRules(centerId, queueRules) {
      await changeCenter(centerId, { queueRules })
    },
    async setHomecertRules(centerId, rules) {
      await db.collection(SHARED.homecertSettings).doc(centerId).set({ data: { rules } })
    },
  }
}
