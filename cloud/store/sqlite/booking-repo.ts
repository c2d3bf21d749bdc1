import { beijingDate } from '@/core/beijing-time'
import type { BookingState } from '@/core/booking-rules'
import type {
  BookingGuard,
  BookingListQuery,
  BookingRecord,
  BookingRepo,
  CreateBookingResult,
  HeldBooking,
  NewBooking,
  NewMessage,
  RescheduleResult,
  SlotCount,
  SlotTarget,
} from '../port'
import { bookedRecord } from '../port'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { insertMessageStatement } from './message-repo'
import { groupCommit } from './group-commit'
import type { Db } from './open-database'
import { sqlitePeopleReads } from './people-repo'
import { sqliteBookingPurge } from './retention'
import { sqliteSeatReconcile } from './seat-reconcile'
import { sqliteSeatHandOff } from './waitlist-handoff'

export interface BookingRow {
  id: string
  code: string
  center_id: string
  service_id: string
  date: string
  start: string
  end: string
  starts_at: string
  ends_at: string
  check_in_by: string
  status: BookingState
  openid: string
  request_id: string
  person_name: string
  id_sealed: string
  id_hash: string
  id_masked: string
  limit_key: string
  phone: string
  for_self: number
  relation: BookingRecord['relation']
  note: string | null
  created_at: string
  updated_at: string
  cancelled_at: string | null
  cancel_reason: string | null
  reminded_at: string | null
}

export const rowToBooking = (r: BookingRow): BookingRecord => ({
  id: r.id,
  code: r.code,
  centerId: r.center_id,
  serviceId: r.service_id,
  date: r.date,
  start: r.start,
  end: r.end,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  checkInBy: r.check_in_by,
  status: r.status,
  openid: r.openid,
  requestId: r.request_id,
  personName: r.person_name,
  idSealed: r.id_sealed,
  idHash: r.id_hash,
  idMasked: r.id_masked,
  limitKey: r.limit_key,
  phone: r.phone,
  forSelf: r.for_self === 1,
  relation: r.relation,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
  remindedAt: r.reminded_at,
})

/**
 * The booking's side of the queue, for the queue store's own transactions: check-in
 * (booked → checked_in) and completion (checked_in → completed), each conditional
 * on the state it leaves, so a no-show marking or a cancellation racing it wins or loses whole.
 */
export function bookingQueueStatements(db: Db) {
  return {
    checkIn: db.prepare("UPDATE bookings SET status = 'checked_in', updated_at = ? WHERE id = ? AND status = 'booked'"),
    noShow: db.prepare("UPDATE bookings SET status = 'no_show', updated_at = ? WHERE id = ? AND status = 'booked'"),
    complete: db.prepare("UPDATE bookings SET status = 'completed', updated_at = ? WHERE id = ? AND status = 'checked_in'"),
  }
}

/** Thrown inside a transaction to roll it back and answer a refusal. */
class Refusal {
  constructor(readonly kind: 'person_day_taken' | 'slot_full') {}
}

/** The INSERT of a new booking (status booked), shared with the waitlist store's accept. */
export function insertBookingStatement(db: Db) {
  return db.prepare(`INSERT INTO bookings
      (id, code, center_id, service_id, date, start, end, starts_at, ends_at, check_in_by, status, openid, request_id,
       person_name, id_sealed, id_hash, id_masked, limit_key, phone, for_self, relation, note, created_at, updated_at)
      VALUES (@id, @code, @centerId, @serviceId, @date, @start, @end, @startsAt, @endsAt, @checkInBy, 'booked', @openid, @requestId,
       @personName, @idSealed, @idHash, @idMasked, @limitKey, @phone, @forSelf, @relation, @note, @createdAt, @createdAt)`)
}

/** A unique-key violation naming `needle`. Duck-typed: better-sqlite3's errors may come from another realm (jest's sandbox), where `instanceof Error` is false. */
export function isUnique(err: unknown, needle: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return (
    typeof e?.code === 'string' &&
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.includes(needle)
  )
}

/**
 * The SQL of `listByOwner`: the caller's bookings in a center with one of `statuses` (`@s0`…), ordered by start, after
 * the cursor. With `person`, also those made in the verified caller's name (`id_hash = @personHash`) by anyone, as a
 * UNION of two indexed lookups (`bookings_by_owner`, `bookings_by_person`): written as one `openid = … OR id_hash = …`
 * the planner took `bookings_by_day` and read every booking of the center (test/cloud/store/sqlite/booking-repo.test.ts
 * holds the plan). UNION drops the copy of a booking that both lookups find.
 */
export function listByOwnerSql(statusCount: number, order: 'asc' | 'desc', after: boolean, person: boolean): string {
  const cmp = order === 'asc' ? '>' : '<'
  const cursor = after ? ` AND (starts_at ${cmp} @afterStartsAt OR (starts_at = @afterStartsAt AND id ${cmp} @afterId))` : ''
  const rest = `center_id = @centerId AND status IN (${Array.from({ length: statusCount }, (_, i) => `@s${i}`).join(', ')})${cursor}`
  const orderBy = `ORDER BY starts_at ${order}, id ${order} LIMIT @limit`
  if (!person) return `SELECT * FROM bookings WHERE openid = @openid AND ${rest} ${orderBy}`
  return `SELECT * FROM bookings WHERE openid = @openid AND ${rest} UNION SELECT * FROM bookings WHERE id_hash = @personHash AND ${rest} ${orderBy}`
}

/**
 * Bookings on SQLite. Every write is one `BEGIN IMMEDIATE` transaction: it takes
 * the database's write lock before reading, so a check and the write it guards
 * cannot interleave with another process's (two servers on one file stay exact).
 * Creates arriving together run in one such transaction (group-commit.ts: a savepoint each only when one of them throws).
 */
export function sqliteBookingRepo(db: Db, sealer: Sealer): BookingRepo {
  const toBooking = (r: BookingRow) => openFields(sealer, rowToBooking(r), SEALED_FIELDS.booking)
  const handOff = sqliteSeatHandOff(db, sealer)
  const q = {
    slotCounts: db.prepare('SELECT date, start, capacity, booked FROM booking_slots WHERE service_id = ? AND date BETWEEN ? AND ?'),
    get: db.prepare('SELECT * FROM bookings WHERE id = ?'),
    byCode: db.prepare('SELECT * FROM bookings WHERE code = ?'),
    // A limit holder's active bookings (a handful at most), for the limit and the one-per-day check in one read. The
    // partial unique index holds exactly these rows: INDEXED BY makes the statement fail to prepare, rather
    // than scan, if a schema change ever stops it from being usable.
    activeOfHolder: db.prepare(
      "SELECT id, id_hash, service_id, date, status, check_in_by FROM bookings INDEXED BY bookings_one_active_per_holder_day WHERE limit_key = ? AND status IN ('booked', 'checked_in')",
    ),
    activeOnDay: db.prepare(
      "SELECT id FROM bookings WHERE limit_key = ? AND id_hash = ? AND service_id = ? AND date = ? AND status IN ('booked', 'checked_in') AND id <> ?",
    ),
    noShows: db.prepare(
      "SELECT check_in_by FROM bookings INDEXED BY bookings_no_shows WHERE limit_key = ? AND status = 'no_show' AND check_in_by > ? ORDER BY check_in_by",
    ),
    ensureSlot: db.prepare(
      'INSERT INTO booking_slots (service_id, date, start, center_id, capacity, booked) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING',
    ),
    takeSeat: db.prepare(
      'UPDATE booking_slots SET booked = booked + 1 WHERE service_id = ? AND date = ? AND start = ? AND booked < capacity',
    ),
    insert: insertBookingStatement(db),
    cancel: db.prepare(
      "UPDATE bookings SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, updated_at = ? WHERE id = ? AND status = 'booked'",
    ),
    move: db.prepare(`UPDATE bookings SET date = @date, start = @start, end = @end, starts_at = @startsAt, ends_at = @endsAt, check_in_by = @checkInBy,
      reminded_at = NULL, updated_at = @at WHERE id = @id AND status = 'booked'`),
    // Due: still booked and past the check-in deadline, so on a day up to today (the deadline follows the slot's start).
    dueNoShows: db.prepare(
      "SELECT * FROM bookings INDEXED BY bookings_booked_by_date WHERE status = 'booked' AND date <= ? AND check_in_by <= ? ORDER BY check_in_by LIMIT 500",
    ),
    markNoShow: db.prepare("UPDATE bookings SET status = 'no_show', updated_at = ? WHERE id = ? AND status = 'booked'"),
    dueReminders: db.prepare(
      "SELECT * FROM bookings WHERE center_id = ? AND date = ? AND status = 'booked' AND reminded_at IS NULL ORDER BY starts_at LIMIT ?",
    ),
    remind: db.prepare("UPDATE bookings SET reminded_at = ? WHERE id = ? AND status = 'booked' AND reminded_at IS NULL"),
    insertMessage: insertMessageStatement(db, sealer),
  }

  /**
   * Takes a seat of the slot, inside the caller's write transaction: the conditional update first, and only when it
   * changes nothing (the slot's counter row does not exist yet, or it is full) the row made and the update tried again
   * (a create's usual path is one statement, not two).
   */
  function takeSeat(serviceId: string, centerId: string, slot: SlotTarget): boolean {
    if (q.takeSeat.run(serviceId, slot.date, slot.start).changes === 1) return true
    q.ensureSlot.run(serviceId, slot.date, slot.start, centerId, slot.capacity)
    return q.takeSeat.run(serviceId, slot.date, slot.start).changes === 1
  }

  const listStatements = new Map<string, ReturnType<Db['prepare']>>()
  function listStatement(statuses: readonly BookingState[], order: 'asc' | 'desc', after: boolean, person: boolean) {
    const key = `${statuses.join(',')}|${order}|${after}|${person}`
    let stmt = listStatements.get(key)
    if (!stmt) listStatements.set(key, (stmt = db.prepare(listByOwnerSql(statuses.length, order, after, person))))
    return stmt
  }

  const noShowsSince = (limitKey: string, since: string) =>
    (q.noShows.all(limitKey, since) as { check_in_by: string }[]).map((r) => new Date(r.check_in_by))

  const people = sqlitePeopleReads(db)
  /** The booking with its limit holder decided: by its rule, from the maker's identity and relatives read in this transaction. */
  function held(b: NewBooking): HeldBooking {
    const rule = b.limitKey
    if (typeof rule === 'string') return b as HeldBooking
    // A spread that only overwrites a key the object has keeps one hidden class (see bookedRecord).
    return { ...b, limitKey: rule.decide(rule.identity ? people.identity(b.openid) : null, people.relatives(b.openid)) }
  }

  const create = groupCommit(db, (nb: NewBooking, slot: SlotTarget, guard: BookingGuard, newCode: () => string): CreateBookingResult => {
    // The id is derived from (openid, request id): a retried request finds its booking by primary key.
    const first = q.get.get(nb.id) as BookingRow | undefined
    if (first) return { kind: 'duplicate', booking: toBooking(first) }
    const b = held(nb)
    const until = guard.noShows?.blockedUntil(noShowsSince(b.limitKey, guard.noShows.since))
    if (until) return { kind: 'no_show_blocked', until }
    const active = q.activeOfHolder.all(b.limitKey) as Pick<
      BookingRow,
      'id' | 'id_hash' | 'service_id' | 'date' | 'status' | 'check_in_by'
    >[]
    if (active.filter((r) => r.status === 'booked' && r.check_in_by > guard.now).length >= guard.maxActive)
      return { kind: 'too_many_active' }
    if (active.some((r) => r.id_hash === b.idHash && r.service_id === b.serviceId && r.date === slot.date && r.id !== b.id))
      return { kind: 'person_day_taken' }
    if (!takeSeat(b.serviceId, b.centerId, slot)) return { kind: 'slot_full' }
    // The record as written, so the answer needs no read back.
    const booking = bookedRecord(b, slot, '')
    for (let attempt = 0; ; attempt++) {
      booking.code = newCode()
      try {
        q.insert.run({ ...sealFields(sealer, booking, SEALED_FIELDS.booking), forSelf: b.forSelf ? 1 : 0 })
        return { kind: 'created', booking }
      } catch (err) {
        // A code already in use (one in ~10^8 per booking): draw another.
        if (isUnique(err, 'bookings.code') && attempt < 5) continue
        // The partial unique index: unreachable after the check above, kept as the guard of record.
        if (isUnique(err, 'bookings.limit_key')) throw new Refusal('person_day_taken')
        throw err
      }
    }
  })

  const cancel = db.transaction((id: string, at: string, reason: string | null): BookingRecord | null => {
    const row = q.get.get(id) as BookingRow | undefined
    if (!row || q.cancel.run(at, reason, at, id).changes === 0) return null
    // The seat goes to the first in 候补 line, if anyone waits for it, in this same transaction.
    handOff.release(row.service_id, row.date, row.start, at)
    return toBooking(q.get.get(id) as BookingRow)
  })

  const reschedule = db.transaction((id: string, to: SlotTarget, at: string): RescheduleResult => {
    const row = q.get.get(id) as BookingRow | undefined
    if (!row) return { kind: 'not_found' }
    if (row.status !== 'booked') return { kind: 'not_booked', booking: toBooking(row) }
    if (row.date === to.date && row.start === to.start) return { kind: 'unchanged', booking: toBooking(row) }
    if (q.activeOnDay.get(row.limit_key, row.id_hash, row.service_id, to.date, row.id)) return { kind: 'person_day_taken' }
    // The new seat first: if it is not there, nothing has changed.
    if (!takeSeat(row.service_id, row.center_id, to)) return { kind: 'slot_full' }
    q.move.run({ ...to, at, id })
    handOff.release(row.service_id, row.date, row.start, at)
    return { kind: 'moved', booking: toBooking(q.get.get(id) as BookingRow) }
  })

  const markNoShows = db.transaction((now: string, message: (b: BookingRecord) => NewMessage): BookingRecord[] => {
    const marked: BookingRecord[] = []
    for (const row of q.dueNoShows.all(beijingDate(now), now) as BookingRow[]) {
      if (q.markNoShow.run(now, row.id).changes === 0) continue
      const booking = toBooking({ ...row, status: 'no_show', updated_at: now })
      q.insertMessage.run(message(booking))
      marked.push(booking)
    }
    return marked
  })

  const recordReminder = db.transaction((bookingId: string, at: string, message: NewMessage): boolean => {
    if (q.remind.run(at, bookingId).changes === 0) return false
    q.insertMessage.run(message)
    return true
  })

  return {
    purgePersonalData: sqliteBookingPurge(db),
    reconcileSeats: sqliteSeatReconcile(db, sealer),
    async slotCounts(serviceId, from, to) {
      return q.slotCounts.all(serviceId, from, to) as SlotCount[]
    },
    async get(id) {
      const row = q.get.get(id) as BookingRow | undefined
      return row ? toBooking(row) : null
    },
    async byCode(code) {
      const row = q.byCode.get(code) as BookingRow | undefined
      return row ? toBooking(row) : null
    },
    async listByOwner(query: BookingListQuery) {
      const params: Record<string, unknown> = { openid: query.openid, centerId: query.centerId, limit: query.limit }
      if (query.personHash) params.personHash = query.personHash
      query.statuses.forEach((s, i) => (params[`s${i}`] = s))
      if (query.after) Object.assign(params, { afterStartsAt: query.after.startsAt, afterId: query.after.id })
      return (listStatement(query.statuses, query.order, !!query.after, !!query.personHash).all(params) as BookingRow[]).map(toBooking)
    },
    noShowsSince: async (limitKey, since) => noShowsSince(limitKey, since),
    async create(booking, slot, guard, newCode) {
      try {
        // Creates arriving together share one commit (see group-commit.ts): the commit is most of a create's cost.
        return await create(booking, slot, guard, newCode)
      } catch (err) {
        if (err instanceof Refusal) return { kind: err.kind }
        throw err
      }
    },
    async cancel(id, at, reason) {
      return cancel.immediate(id, at, reason)
    },
    async reschedule(id, to, at) {
      return reschedule.immediate(id, to, at)
    },
    async markNoShows(now, message) {
      return markNoShows.immediate(now, message)
    },
    async bookedOn(centerId, dates) {
      if (!dates.length) return []
      // A closed day's list: a handful of dates at a time; one statement per size, chunked under SQLite's variable limit.
      const out: BookingRecord[] = []
      for (let i = 0; i < dates.length; i += 500) {
        const chunk = dates.slice(i, i + 500)
        const rows = db
          .prepare(
            `SELECT * FROM bookings WHERE center_id = ? AND status = 'booked' AND date IN (${chunk.map(() => '?').join(', ')}) ORDER BY starts_at, id`,
          )
          .all(centerId, ...chunk) as BookingRow[]
        out.push(...rows.map(toBooking))
      }
      return out
    },
    async dueReminders(centerId, date, limit) {
      return (q.dueReminders.all(centerId, date, limit) as BookingRow[]).map(toBooking)
    },
    async recordReminder(bookingId, at, message) {
      return recordReminder.immediate(bookingId, at, message)
    },
  }
}
