/**
 * Queue tickets on CloudBase.
 *
 * Documents:
 * - `queue_tickets/<ticket id>`: the ticket, with its timeline embedded as
 *   `events` — a change and its event are one single-document update,
 *   conditional on the `version` read (every write bumps it).
 * - `queue_counters/<center>_<date>_<queue>`: the last number given (drawn in a
 *   transaction on that document) and the day's served count and seconds.
 * - `queue_boards/<center>_<date>`: the day's board, rebuilt after every
 *   change in a transaction on the board document (the clients watch it).
 *
 * CloudBase has no transaction over several documents, so a write here is a
 * sequence of single-document steps. Where the function could stop between
 * two of them, the comment at that step says what is left and how it heals.
 */
import type { QueueBoard } from '@/core/queue-board'
import type {
  BoardProjector,
  NewTicket,
  NewTicketEvent,
  QueueCounterRecord,
  QueueRepo,
  TicketEventRecord,
  TicketPatch,
  TicketRecord,
} from '../port'
import type { DbApi } from './db-api'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { getOrNull, inTransaction, insertOnce, readAll, toDoc } from './doc-helpers'
import { cloudbaseQueuePurge } from './retention'

export const QUEUE_COLLECTIONS = { tickets: 'queue_tickets', counters: 'queue_counters', boards: 'queue_boards' } as const
/** The bookings collection of the bookings repo (a check-in and a completion move a booking's status). */
const BOOKINGS = 'bookings'

type EventDoc = Omit<TicketEventRecord, 'ticketId'>
type TicketDoc = Omit<TicketRecord, 'id'> & { _id: string; events: EventDoc[] }
type CounterDoc = { _id: string; centerId: string; date: string; queue: string; lastNumber: number; served: number; serviceSeconds: number }
type BoardDoc = { _id: string; centerId: string; date: string; version: number; board: QueueBoard; updatedAt: string }

const OPEN: TicketRecord['status'][] = ['waiting', 'called', 'serving', 'skipped']
/** How many recent calls the board is built from (as the SQLite adapter). */
const RECENT = 10
/** callNext: how often to pick again when another window called the picked ticket first. */
const PICK_ROUNDS = 20
/** issue: how long to wait for the ticket of a concurrent check-in of the same booking (20 × 50 ms). */
const THEIRS_ROUNDS = 20
const THEIRS_WAIT_MS = 50

function docToTicket(doc: TicketDoc): TicketRecord {
  const { _id, events: _events, ...rest } = doc
  // Tickets written before the 即将到号 notice have no flag: nobody allowed it.
  return { id: _id, ...rest, notifySoon: rest.notifySoon ?? false }
}

const counterId = (centerId: string, date: string, queue: string) => `${centerId}_${date}_${queue}`
const boardId = (centerId: string, date: string) => `${centerId}_${date}`

export function cloudbaseQueueRepo(db: DbApi, sealer: Sealer): QueueRepo {
  const toTicket = (doc: TicketDoc) => openFields(sealer, docToTicket(doc), SEALED_FIELDS.ticket)
  const _ = db.command
  const tickets = () => db.collection<TicketDoc>(QUEUE_COLLECTIONS.tickets)
  const counters = () => db.collection<CounterDoc>(QUEUE_COLLECTIONS.counters)

  const getDoc = (id: string) => getOrNull(tickets().doc(id))

  async function byBooking(bookingId: string): Promise<TicketDoc | null> {
    const { data } = await tickets().where({ bookingId }).limit(1).get()
    return data[0] ?? null
  }

  const openDocs = (centerId: string, date: string) =>
    readAll(
      tickets()
        .where({ centerId, date, status: _.in(OPEN) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )

  async function countersOf(centerId: string, date: string): Promise<QueueCounterRecord[]> {
    const docs = await readAll(counters().where({ centerId, date }).orderBy('_id', 'asc'))
    return docs.map((c) => ({
      queue: c.queue as QueueCounterRecord['queue'],
      lastNumber: c.lastNumber,
      served: c.served,
      serviceSeconds: c.serviceSeconds,
    }))
  }

  const event = (from: TicketRecord['status'] | null, to: TicketRecord['status'], e: NewTicketEvent): EventDoc => ({
    ...e,
    fromStatus: from,
    toStatus: to,
  })

  /**
   * Rebuilds the day's board from the tickets as they are now. In a transaction
   * on the board document, with the tickets read inside it: when two writers
   * rebuild at once, the one that commits second conflicts and rebuilds again
   * from tickets that include the other's change, so the last board written
   * never misses a change that came before it.
   */
  async function rebuildBoard(centerId: string, date: string, at: string, project: BoardProjector): Promise<void> {
    await inTransaction(db, async (tx) => {
      const ref = tx.collection<BoardDoc>(QUEUE_COLLECTIONS.boards).doc(boardId(centerId, date))
      const previous = await getOrNull(ref)
      const version = (previous?.version ?? 0) + 1
      const [open, recent, counted] = await Promise.all([
        openDocs(centerId, date),
        tickets()
          .where({ centerId, date, lastCalledAt: _.neq(null) })
          .orderBy('lastCalledAt', 'desc')
          .limit(RECENT)
          .get(),
        countersOf(centerId, date),
      ])
      const board = project({ centerId, date, version, open: open.map(toTicket), recent: recent.data.map(toTicket), counters: counted })
      await ref.set({ data: { centerId, date, version, board, updatedAt: at } })
    })
  }

  return {
    purgePersonalData: cloudbaseQueuePurge(db, QUEUE_COLLECTIONS.tickets),
    async get(id) {
      const doc = await getDoc(id)
      return doc ? toTicket(doc) : null
    },
    async byBooking(bookingId) {
      const doc = await byBooking(bookingId)
      return doc ? toTicket(doc) : null
    },
    async openTickets(centerId, date) {
      return (await openDocs(centerId, date)).map(toTicket)
    },
    async mine(openid, centerId, date) {
      return (await readAll(tickets().where({ openid, centerId, date }).orderBy('createdAt', 'desc').orderBy('_id', 'desc'))).map(toTicket)
    },
    counters: countersOf,
    async completedAt(centerId, date, window) {
      return (await tickets().where({ centerId, date, status: 'completed', window }).count()).total
    },
    async events(ticketId) {
      const doc = await getDoc(ticketId)
      return (doc?.events ?? []).map((e) => ({ ticketId, ...e }))
    },
    async board(centerId, date) {
      const doc = await getOrNull(db.collection<BoardDoc>(QUEUE_COLLECTIONS.boards).doc(boardId(centerId, date)))
      return doc ? doc.board : null
    },

    async issue(t, o) {
      const same = (await getDoc(t.id)) ?? (t.bookingId ? await byBooking(t.bookingId) : null)
      if (same) return { kind: 'existing', ticket: toTicket(same) }
      if (o.bookingTo && t.bookingId) {
        const moved = await db
          .collection(BOOKINGS)
          .where({ _id: t.bookingId, status: 'booked' })
          .update({ data: { status: o.bookingTo, updatedAt: t.createdAt } })
        if (moved.stats.updated === 0) {
          // Not booked any more. If it has moved as asked, a concurrent issue of the same ticket got there first
          // and is between its booking write and its insert: wait for its ticket. If none comes, that issue
          // stopped half way; go on and write the ticket under the same id (the insert decides between us).
          const booking = await getOrNull(db.collection(BOOKINGS).doc(t.bookingId))
          if (booking?.status !== o.bookingTo) return { kind: 'booking_not_booked' }
          for (let round = 0; round < THEIRS_ROUNDS; round++) {
            const theirs = (await getDoc(t.id)) ?? (await byBooking(t.bookingId))
            if (theirs) return { kind: 'existing', ticket: toTicket(theirs) }
            await new Promise((resolve) => setTimeout(resolve, THEIRS_WAIT_MS))
          }
        }
      }
      // From here the booking is checked in and the ticket is not written yet. If the function stops
      // now, the booking stays checked_in without a ticket: an issue of the same ticket writes it (see
      // above), but the queue function refuses to check in a checked-in booking, so in practice the
      // clerk gives a walk-in ticket. A failed insert below puts the booking back.
      let doc: TicketDoc
      try {
        const number = await drawNumber(t)
        doc = {
          ...toDoc({ ...sealFields(sealer, t, SEALED_FIELDS.ticket), number, label: o.label(number) }),
          ...fresh(),
          events: [event(null, 'waiting', o.event)],
        }
        if ((await insertOnce(db, QUEUE_COLLECTIONS.tickets, doc)) === 'exists') {
          // The same ticket id, issued concurrently: its number is left unused (a gap, never a duplicate).
          return { kind: 'existing', ticket: toTicket((await getDoc(t.id))!) }
        }
      } catch (err) {
        if (o.bookingTo && t.bookingId)
          await db
            .collection(BOOKINGS)
            .where({ _id: t.bookingId, status: o.bookingTo })
            .update({ data: { status: 'booked', updatedAt: t.createdAt } })
        throw err
      }
      await rebuildBoard(t.centerId, t.date, t.createdAt, o.board)
      return { kind: 'issued', ticket: toTicket(doc) }

      function fresh() {
        return {
          status: 'waiting' as const,
          window: null,
          recalls: 0,
          putBack: false,
          calledAt: null,
          lastCalledAt: null,
          calledBy: null,
          startedAt: null,
          completedAt: null,
          skippedAt: null,
          version: 1,
          updatedAt: t.createdAt,
        }
      }
    },

    async callNext(query, pick, o) {
      const services = new Set(query.serviceIds)
      for (let round = 0; round < PICK_ROUNDS; round++) {
        const waitingDocs = (
          await readAll(
            tickets()
              .where({ centerId: query.centerId, date: query.date, status: 'waiting' })
              .orderBy('createdAt', 'asc')
              .orderBy('_id', 'asc'),
          )
        ).filter((d) => services.has(d.serviceId))
        const next = pick(waitingDocs.map(toTicket))
        if (!next) return null
        const doc = waitingDocs.find((d) => d._id === next.id)!
        const e = event('waiting', 'called', {
          at: query.at,
          action: 'call',
          actorOpenid: query.actor.openid,
          actorName: query.actor.name,
          window: query.window,
          note: o.note(next),
        })
        const called = {
          status: 'called' as const,
          window: query.window,
          calledAt: query.at,
          lastCalledAt: query.at,
          calledBy: query.actor.openid,
          recalls: 0,
          version: doc.version + 1,
          updatedAt: query.at,
          events: [...doc.events, e],
        }
        // Conditional on the ticket still waiting at the version read: another window calling it first makes this 0.
        const { stats } = await tickets().where({ _id: doc._id, status: 'waiting', version: doc.version }).update({ data: called })
        if (stats.updated === 1) {
          await rebuildBoard(query.centerId, query.date, query.at, o.board)
          return toTicket({ ...doc, ...called })
        }
      }
      return null
    },

    async change(id, version, patch, o) {
      const before = await getDoc(id)
      if (!before || before.version !== version) return null
      const set: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(patch) as [keyof TicketPatch, unknown][]) if (v !== undefined) set[k] = v
      const after: TicketDoc = { ...before, ...(set as Partial<TicketDoc>), version: version + 1, updatedAt: o.event.at }
      after.events = [...before.events, event(before.status, after.status, o.event)]
      const { stats } = await tickets()
        .where({ _id: id, version })
        .update({ data: { ...set, version: version + 1, updatedAt: o.event.at, events: after.events } })
      if (stats.updated === 0) return null
      // The ticket and its event are written. If the function stops before the next steps, the booking
      // stays checked_in (not completed), the queue's served count misses this one, and the board is stale
      // until the day's next change rebuilds it.
      if (o.completeBooking && after.bookingId) {
        await db
          .collection(BOOKINGS)
          .where({ _id: after.bookingId, status: 'checked_in' })
          .update({ data: { status: 'completed', updatedAt: o.event.at } })
      }
      if (o.served) await addServed(after.centerId, after.date, o.served.queue, Math.max(0, Math.round(o.served.seconds)))
      await rebuildBoard(after.centerId, after.date, o.event.at, o.board)
      return toTicket(after)
    },
  }

  function drawNumber(t: NewTicket): Promise<number> {
    return inTransaction(db, async (tx) => {
      const ref = tx.collection<CounterDoc>(QUEUE_COLLECTIONS.counters).doc(counterId(t.centerId, t.date, t.queue))
      const current = await getOrNull(ref)
      const n = (current?.lastNumber ?? 0) + 1
      await ref.set({
        data: {
          centerId: t.centerId,
          date: t.date,
          queue: t.queue,
          lastNumber: n,
          served: current?.served ?? 0,
          serviceSeconds: current?.serviceSeconds ?? 0,
        },
      })
      return n
    })
  }

  /** `_.inc` on the day's counter; a queue with no counter yet that day (a transfer into it) gets one first. */
  async function addServed(centerId: string, date: string, queue: string, seconds: number): Promise<void> {
    const id = counterId(centerId, date, queue)
    const { stats } = await counters()
      .doc(id)
      .update({ data: { served: _.inc(1), serviceSeconds: _.inc(seconds) } })
    if (stats.updated === 1) return
    const created = await insertOnce(db, QUEUE_COLLECTIONS.counters, {
      _id: id,
      centerId,
      date,
      queue,
      lastNumber: 0,
      served: 1,
      serviceSeconds: seconds,
    })
    if (created === 'exists')
      await counters()
        .doc(id)
        .update({ data: { served: _.inc(1), serviceSeconds: _.inc(seconds) } })
  }
}
