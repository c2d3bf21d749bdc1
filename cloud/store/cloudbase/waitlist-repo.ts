/**
 * 候补 on CloudBase: every change of a line is one transaction on its line document (see waitlist-line.ts),
 * with the entries' documents, the offer's 消息 and — for an accept — the booking, its code and its holder's
 * document, as a create writes them. The one step outside a transaction is `fill`'s: a free seat is taken by
 * the slot counter's conditional update first (as a create takes one), then offered in a transaction, and
 * given back when nobody is in line for it; a function that dies between the two leaves that seat counted
 * with nobody on it (never oversold), as a create's compensation does.
 */
import type { ClockTime, IsoDate } from '@/core/beijing-time'
import { offerable, type WaitStatus } from '@/core/waitlist'
import type { AcceptResult, BookingRecord, JoinResult, WaitEntryRecord, WaitlistRepo } from '../port'
import { SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import {
  BOOKING_COLLECTIONS,
  CLAIM_EXPIRES_MS,
  freeSeatIn,
  type BookingDoc,
  type CodeDoc,
  type PersonDoc,
  type SlotDoc,
} from './booking-repo'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, inTransaction, readAll } from './doc-helpers'
import { readUpTo } from './paging'
import {
  docToEntry,
  lineId,
  offerIn,
  releaseIn,
  saveLine,
  txEntry,
  txLine,
  WAIT_SEALED,
  WAITLIST_COLLECTIONS,
  type EntryDoc,
  type LineDoc,
} from './waitlist-line'

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

  /** In a transaction: `e` leaves `line` as `status` (the line saved); a seat it held passes on unless it became a booking. */
  async function outOfLine(tx: TransactionApi, line: LineDoc, e: WaitEntryRecord, status: WaitStatus, at: string, extra = {}) {
    line.entries = line.entries.filter((x) => x.id !== e.id)
    await txEntry(tx, e.id).update({ data: { status, updatedAt: at, ...extra } })
    if (e.status === 'offered' && status !== 'accepted') {
      const seat = { serviceId: e.serviceId, date: e.date, start: e.offerStart! }
      await releaseIn(tx, sealer, line, seat.start, at, () => freeSeatIn(tx, seat))
    }
    await saveLine(tx, line)
    return { ...e, status, updatedAt: at, ...extra }
  }

  /** Offers one taken seat of `start` in a transaction on the line; null (the caller gives the seat back) for nobody. */
  const offerTaken = (serviceId: string, date: IsoDate, start: ClockTime, at: string) =>
    inTransaction(db, async (tx) => {
      const line = await getOrNull(txLine(tx, serviceId, date))
      const offered = line ? await offerIn(tx, sealer, line, start, at) : null
      if (offered) await saveLine(tx, line!)
      return offered
    })

  const giveSeatBack = (id: string) =>
    slots()
      .where({ _id: id, booked: _.gt(0) })
      .update({ data: { remaining: _.inc(1), booked: _.inc(-1) } })

  async function fill(serviceId: string, date: IsoDate, at: string): Promise<WaitEntryRecord[]> {
    const line = await getOrNull(db.collection<LineDoc>(WAITLIST_COLLECTIONS.lines).doc(lineId(serviceId, date)))
    if (!line?.entries.some((e) => e.status === 'waiting')) return []
    const offers: WaitEntryRecord[] = []
    const free = await readAll(
      slots()
        .where({ serviceId, date, remaining: _.gt(0) })
        .orderBy('start', 'asc')
        .orderBy('_id', 'asc'),
    )
    for (const slot of free) {
      while (offerable(date, slot.start, at)) {
        const taken = await slots()
          .where({ _id: slot._id, remaining: _.gt(0) })
          .update({ data: { remaining: _.inc(-1), booked: _.inc(1) } })
        if (taken.stats.updated !== 1) break
        let offered: WaitEntryRecord | null
        try {
          offered = await offerTaken(serviceId, date, slot.start, at)
        } catch (err) {
          await giveSeatBack(slot._id)
          throw err
        }
        if (!offered) {
          await giveSeatBack(slot._id)
          break
        }
        offers.push(offered)
      }
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
          return { kind: 'duplicate', booking: { id: _id, ...rest, ...openBooking(rest) }, entry: e }
        }
      }
      if (e.status !== 'offered' || e.offerStart !== slot.start || e.date !== slot.date) return { kind: 'not_offered', entry: e }
      const line = await getOrNull(txLine(tx, e.serviceId, e.date))
      if (!line) throw new Error(`waitlist: entry ${e.id} is offered in a missing line`)
      if (e.offerExpiresAt! <= guard.now) return { kind: 'expired', entry: await outOfLine(tx, line, e, 'expired', guard.now) }

      // The holder's limits, read as a create reads them; a create or reschedule of theirs under way is waited for.
      const personRef = tx.collection<PersonDoc>(BOOKING_COLLECTIONS.people).doc(e.limitKey)
      const person = await getOrNull(personRef)
      if (person?.busy && Date.parse(person.busy.since) + CLAIM_EXPIRES_MS > Date.parse(guard.now)) return { kind: 'wait' }
      const live: BookingDoc[] = []
      for (const held of person?.holds ?? []) {
        const o = await getOrNull(txBooking(held))
        if (o && (o.status === 'booked' || o.status === 'checked_in')) live.push(o)
      }
      if (live.filter((o) => o.status === 'booked' && o.checkInBy > guard.now).length >= guard.maxActive) return { kind: 'too_many_active' }
      if (live.some((o) => o.idHash === e.idHash && o.serviceId === e.serviceId && o.date === e.date)) return { kind: 'person_day_taken' }

      let code = newCode()
      for (let attempt = 0; await getOrNull(tx.collection<CodeDoc>(BOOKING_COLLECTIONS.codes).doc(code)); attempt++) {
        if (attempt >= 5) throw new Error('waitlist: no free booking code after 6 draws')
        code = newCode()
      }
      const booking: BookingRecord = {
        id: b.id,
        code,
        centerId: e.centerId,
        serviceId: e.serviceId,
        date: slot.date,
        start: slot.start,
        end: slot.end,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        checkInBy: slot.checkInBy,
        status: 'booked',
        openid: e.openid,
        requestId: b.requestId,
        personName: e.personName,
        idSealed: e.idSealed,
        idHash: e.idHash,
        idMasked: e.idMasked,
        limitKey: e.limitKey,
        phone: e.phone,
        forSelf: e.forSelf,
        relation: e.relation,
        note: b.note,
        createdAt: b.createdAt,
        updatedAt: b.createdAt,
        cancelledAt: null,
        cancelReason: null,
        remindedAt: null,
      }
      // The seat is the one held for the offer (counted since it was offered): no seat is taken here.
      const { id: _id, ...data } = sealFields(sealer, booking, SEALED_FIELDS.booking)
      await tx
        .collection<CodeDoc>(BOOKING_COLLECTIONS.codes)
        .doc(code)
        .set({ data: { bookingId: b.id } })
      await txBooking(b.id).set({ data })
      await personRef.set({ data: { holds: [...live.map((o) => o._id), b.id], busy: person?.busy ?? null } })
      const entry = await outOfLine(tx, line, e, 'accepted', guard.now, { bookingId: b.id })
      return { kind: 'accepted', booking, entry }
    })
  }

  /** The opened personal fields of a stored booking. */
  const openBooking = (d: Omit<BookingDoc, '_id'>) => ({
    personName: sealer.decrypt(d.personName),
    phone: sealer.decrypt(d.phone),
  })

  return {
    async join(e, at) {
      const result = await inTransaction(db, async (tx): Promise<JoinResult> => {
        const first = await getOrNull(txEntry(tx, e.id))
        if (first) return { kind: 'duplicate', entry: toEntry(first) }
        const line: LineDoc = (await getOrNull(txLine(tx, e.serviceId, e.date))) ?? {
          _id: lineId(e.serviceId, e.date),
          centerId: e.centerId,
          serviceId: e.serviceId,
          date: e.date,
          nextSeq: 1,
          entries: [],
        }
        const there = line.entries.find((x) => x.idHash === e.idHash && x.start === e.start)
        if (there) {
          const doc = await getOrNull(txEntry(tx, there.id))
          if (!doc) throw new Error(`waitlist: line ${line._id} names a missing entry ${there.id}`)
          return { kind: 'already', entry: toEntry(doc) }
        }
        const entry: WaitEntryRecord = {
          ...e,
          seq: line.nextSeq,
          status: 'waiting',
          offerStart: null,
          offerExpiresAt: null,
          bookingId: null,
          updatedAt: at,
        }
        const { id: _id, ...data } = sealFields(sealer, entry, WAIT_SEALED)
        await txEntry(tx, e.id).set({ data })
        line.entries.push({
          id: e.id,
          seq: entry.seq,
          start: e.start,
          idHash: e.idHash,
          status: 'waiting',
          offerStart: null,
          offerExpiresAt: null,
        })
        line.nextSeq += 1
        await saveLine(tx, line)
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
          .orderBy('seq', 'asc'),
      )
      return docs.map(toEntry)
    },
    async line(serviceId, date) {
      const line = await getOrNull(db.collection<LineDoc>(WAITLIST_COLLECTIONS.lines).doc(lineId(serviceId, date)))
      return (line?.entries ?? []).map(({ seq, start, status }) => ({ seq, start, status }))
    },
    async leave(id, at) {
      return inTransaction(db, async (tx) => {
        const doc = await getOrNull(txEntry(tx, id))
        if (!doc || (doc.status !== 'waiting' && doc.status !== 'offered')) return null
        const line = await getOrNull(txLine(tx, doc.serviceId, doc.date))
        if (!line) throw new Error(`waitlist: entry ${id} is in a missing line`)
        return outOfLine(tx, line, toEntry(doc), 'left', at)
      })
    },
    async accept(...args) {
      for (let round = 0; ; round++) {
        const result = await acceptOnce(...args)
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
          const line = await getOrNull(txLine(tx, doc.serviceId, doc.date))
          if (!line) throw new Error(`waitlist: entry ${d._id} is offered in a missing line`)
          return outOfLine(tx, line, toEntry(doc), 'expired', at)
        })
        if (expired) out.push(expired)
      }
      return out
    },
    fill,
  }
}
