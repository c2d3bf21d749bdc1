/**
 * 候补 on CloudBase (the layout and the seat hand-off: waitlist-line.ts). A join writes the entry and the
 * person's membership of the line in one transaction on those two documents only, so joins of one line never
 * conflict with each other; an accept writes the booking, its code and its holder's document with the entry,
 * as a create writes them; a leave or an expiry moves a held seat back to `offering` in its transaction and
 * pumps it to the next in line right after.
 */
import type { ClockTime, IsoDate } from '@/core/beijing-time'
import type { AcceptResult, JoinResult, WaitEntryRecord, WaitlistRepo } from '../port'
import { SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { BOOKING_COLLECTIONS, type BookingDoc, type SlotDoc } from './booking-repo'
import { type CodeDoc } from './booking-code-claim'
import { carried, pendingWrite, stands, type PersonDoc } from './booking-holder'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, inTransaction, readAll } from './doc-helpers'
import { readUpTo } from './paging'
import { cloudbaseWaitlistPurge } from './retention'
import {
  docToEntry,
  joinSeq,
  memberId,
  pump,
  toOffering,
  txEntry,
  txMember,
  WAIT_SEALED,
  WAITLIST_COLLECTIONS,
  type EntryDoc,
} from './waitlist-line'
import { acceptedBooking } from '../waitlist-offer'

const DUE_BATCH = 500
/** How often an accept waits for the same person's create or reschedule to finish. */
const BUSY_ROUNDS = 200
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
type Wait = { kind: 'wait' }

export function cloudbaseWaitlistRepo(db: DbApi, sealer: Sealer): WaitlistRepo {
  const _ = db.command
  const toEntry = (d: EntryDoc) => docToEntry(sealer, d)
  const entries = () => db.collection<EntryDoc>(WAITLIST_COLLECTIONS.entries)
  const slots = () => db.collection<SlotDoc>(BOOKING_COLLECTIONS.slots)
  const getEntry = async (id: string) => {
    const d = await getOrNull(entries().doc(id))
    return d ? toEntry(d) : null
  }

  /** In a transaction: `e` leaves its line as `status`; a seat it held goes back to `offering` (pump it afterwards). */
  async function outOfLine(tx: TransactionApi, e: WaitEntryRecord, status: 'accepted' | 'expired' | 'left', at: string, extra = {}) {
    await txEntry(tx, e.id).update({ data: { status, updatedAt: at, ...extra } })
    await txMember(tx, e).remove()
    if (e.status === 'offered' && status !== 'accepted') await toOffering(tx, e.serviceId, e.date, e.offerStart!)
    return { ...e, status, updatedAt: at, ...extra }
  }

  /** After `outOfLine` freed a held seat: offer it on. */
  const passOn = (e: WaitEntryRecord, at: string) => pump(db, sealer, e.serviceId, e.date, e.offerStart!, at)

  async function fill(serviceId: string, date: IsoDate, at: string): Promise<WaitEntryRecord[]> {
    const { data: anyone } = await entries().where({ serviceId, date, status: 'waiting' }).limit(1).get()
    if (!anyone.length) return []
    const offers: WaitEntryRecord[] = []
    const free = await readAll(
      slots()
        .where({ serviceId, date, remaining: _.gt(0) })
        .orderBy('start', 'asc')
        .orderBy('_id', 'asc'),
    )
    for (const slot of free) {
      // Each free seat is taken into `offering` (as a create takes one), then offered or given back by the pump.
      const taken = await slots()
        .where({ _id: slot._id, remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), booked: _.inc(1), offering: _.inc(1), v: _.inc(1) } })
      if (taken.stats.updated !== 1) continue
      const made = await pump(db, sealer, serviceId, date, slot.start as ClockTime, at)
      offers.push(...made)
      // Someone took the seat: there may be more free seats in this slot.
      if (made.length) free.push(slot)
    }
    return offers
  }

  async function acceptOnce(...[id, b, slot, guard, newCode]: Parameters<WaitlistRepo['accept']>): Promise<AcceptResult | Wait> {
    return inTransaction(db, async (tx): Promise<AcceptResult | Wait> => {
      const doc = await getOrNull(txEntry(tx, id))
      if (!doc) return { kind: 'not_offered', entry: null }
      const e = toEntry(doc)
      const txBooking = (bookingId: string) => tx.collection<BookingDoc>(BOOKING_COLLECTIONS.bookings).doc(bookingId)
      if (e.status === 'accepted' && e.bookingId) {
        const first = await getOrNull(txBooking(e.bookingId))
        if (first) {
          const { _id, ...rest } = first
          const opened = { personName: sealer.decrypt(rest.personName), phone: sealer.decrypt(rest.phone) }
          return { kind: 'duplicate', booking: { id: _id, ...rest, ...opened }, entry: e }
        }
      }
      if (e.status !== 'offered' || e.offerStart !== slot.start || e.date !== slot.date) return { kind: 'not_offered', entry: e }
      if (e.offerExpiresAt! <= guard.now) return { kind: 'expired', entry: await outOfLine(tx, e, 'expired', guard.now) }

      // The holder's limits, read as a create reads them; a create or reschedule of theirs under way is waited for.
      const personRef = tx.collection<PersonDoc>(BOOKING_COLLECTIONS.people).doc(e.limitKey)
      const person = await getOrNull(personRef)
      if (stands(person?.busy, guard.now)) return { kind: 'wait' }
      const live: BookingDoc[] = []
      const written = new Set<string>()
      for (const held of person?.holds ?? []) {
        const o = await getOrNull(txBooking(held))
        if (o) written.add(o._id)
        if (o && (o.status === 'booked' || o.status === 'checked_in')) live.push(o)
      }
      // A create of theirs between its hold and its booking (booking-holder.ts): decided once that booking is there.
      if (pendingWrite(person, written, guard.now)) return { kind: 'wait' }
      if (live.filter((o) => o.status === 'booked' && o.checkInBy > guard.now).length >= guard.maxActive) return { kind: 'too_many_active' }
      if (live.some((o) => o.idHash === e.idHash && o.serviceId === e.serviceId && o.date === e.date)) return { kind: 'person_day_taken' }

      let code = newCode()
      for (let attempt = 0; await getOrNull(tx.collection<CodeDoc>(BOOKING_COLLECTIONS.codes).doc(code)); attempt++) {
        if (attempt >= 5) throw new Error('waitlist: no free booking code after 6 draws')
        code = newCode()
      }
      const booking = acceptedBooking(e, b, slot, code)
      // The seat is the one held for the offer (counted since it was offered): no seat is taken here.
      const { id: _id, ...data } = sealFields(sealer, booking, SEALED_FIELDS.booking)
      await tx
        .collection<CodeDoc>(BOOKING_COLLECTIONS.codes)
        .doc(code)
        .set({ data: { bookingId: b.id } })
      await txBooking(b.id).set({ data })
      await personRef.set({
        data: { ...carried(person, written, guard.now), holds: [...live.map((o) => o._id), b.id], busy: person?.busy ?? null },
      })
      const entry = await outOfLine(tx, e, 'accepted', guard.now, { bookingId: b.id })
      return { kind: 'accepted', booking, entry }
    })
  }

  return {
    async join(e, at) {
      const result = await inTransaction(db, async (tx): Promise<JoinResult> => {
        const first = await getOrNull(txEntry(tx, e.id))
        if (first) return { kind: 'duplicate', entry: toEntry(first) }
        const member = await getOrNull(txMember(tx, e))
        if (member) {
          const there = await getOrNull(txEntry(tx, member.entryId))
          if (!there) throw new Error(`waitlist: a member names a missing entry ${member.entryId}`)
          return { kind: 'already', entry: toEntry(there) }
        }
        const entry: WaitEntryRecord = {
          ...e,
          seq: joinSeq(e.joinedAt, e.id),
          status: 'waiting',
          offerStart: null,
          offerExpiresAt: null,
          bookingId: null,
          updatedAt: at,
        }
        const { id: _id, ...data } = sealFields(sealer, entry, WAIT_SEALED)
        await txEntry(tx, e.id).set({ data })
        await txMember(tx, e).set({ data: { entryId: e.id } })
        return { kind: 'joined', entry }
      })
      if (result.kind !== 'joined') return result
      // A seat free at this moment (one freed while nobody waited, capacity raised) goes to the line now.
      if ((await fill(e.serviceId, e.date, at)).length) return { kind: 'joined', entry: (await getEntry(e.id))! }
      return result
    },
    get: getEntry,
    async listMine(centerId, openid, from) {
      const docs = await readAll(
        entries()
          .where({ openid, centerId, date: _.gte(from) })
          .orderBy('date', 'asc')
          .orderBy('seq', 'asc')
          .orderBy('_id', 'asc'),
      )
      return docs.map(toEntry)
    },
    async line(serviceId, date) {
      const docs = await readAll(
        entries()
          .where({ serviceId, date, status: _.in(['waiting', 'offered']) })
          .orderBy('seq', 'asc')
          .orderBy('_id', 'asc'),
      )
      return docs.map(({ seq, start, status }) => ({ seq, start, status }))
    },
    async leave(id, at) {
      const left = await inTransaction(db, async (tx) => {
        const doc = await getOrNull(txEntry(tx, id))
        if (!doc || (doc.status !== 'waiting' && doc.status !== 'offered')) return null
        const e = toEntry(doc)
        return { before: e, after: await outOfLine(tx, e, 'left', at) }
      })
      if (!left) return null
      if (left.before.status === 'offered') await passOn(left.before, at)
      return left.after
    },
    async accept(...args) {
      for (let round = 0; ; round++) {
        const result = await acceptOnce(...args)
        if (result.kind === 'expired') await passOn({ ...result.entry, status: 'offered' }, args[3].now)
        if (result.kind !== 'wait') return result
        if (round >= BUSY_ROUNDS) throw new Error('waitlist: the person is busy with another request')
        await sleep(5 + Math.random() * 20)
      }
    },
    async expireDue(at) {
      const due = await readUpTo(
        entries()
          .where({ status: 'offered', offerExpiresAt: _.lte(at) })
          .orderBy('offerExpiresAt', 'asc')
          .orderBy('_id', 'asc'),
        DUE_BATCH,
      )
      const out: WaitEntryRecord[] = []
      for (const d of due) {
        const expired = await inTransaction(db, async (tx) => {
          const doc = await getOrNull(txEntry(tx, d._id))
          if (!doc || doc.status !== 'offered' || doc.offerExpiresAt! > at) return null
          return outOfLine(tx, toEntry(doc), 'expired', at)
        })
        if (expired) {
          await passOn({ ...expired, status: 'offered' }, at)
          out.push(expired)
        }
      }
      // Seats a dead function left in `offering` (between its transaction and its pump) are offered now.
      const stranded = await readAll(
        slots()
          .where({ offering: _.gt(0) })
          .orderBy('_id', 'asc'),
      )
      for (const s of stranded) await pump(db, sealer, s.serviceId, s.date, s.start, at)
      return out
    },
    fill,
    purgePersonalData: cloudbaseWaitlistPurge(db, WAITLIST_COLLECTIONS, (doc) => memberId(doc as unknown as EntryDoc)),
  }
}
