/**
 * 候补 on SQLite. Every write is one `BEGIN IMMEDIATE` transaction (the write lock before the first read), so
 * the line order, the one-person-per-line rule and each seat's hand-off hold across processes on one file.
 */
import { acceptedBooking } from '../waitlist-offer'
import type { AcceptResult, JoinResult, WaitEntryRecord, WaitlistRepo } from '../port'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { insertBookingStatement, isUnique, rowToBooking, type BookingRow } from './booking-repo'
import type { Db } from './open-database'
import { sqliteWaitlistPurge } from './retention'
import { rowToEntry, sqliteSeatHandOff, WAIT_SEALED, type WaitRow } from './waitlist-handoff'

const DUE_BATCH = 500

export function sqliteWaitlistRepo(db: Db, sealer: Sealer): WaitlistRepo {
  const toEntry = (r: WaitRow) => rowToEntry(sealer, r)
  const handOff = sqliteSeatHandOff(db, sealer)
  const q = {
    get: db.prepare('SELECT * FROM waitlist_entries WHERE id = ?'),
    inLine: db.prepare(
      "SELECT * FROM waitlist_entries WHERE service_id = ? AND date = ? AND COALESCE(start, '*') = ? AND id_hash = ? AND status IN ('waiting', 'offered')",
    ),
    insert: db.prepare(`INSERT INTO waitlist_entries
      (id, center_id, service_id, service_name, date, start, openid, person_name, id_sealed, id_hash, id_masked, limit_key, phone,
       for_self, relation, hold_minutes, template_id, status, joined_at, updated_at)
      VALUES (@id, @centerId, @serviceId, @serviceName, @date, @start, @openid, @personName, @idSealed, @idHash, @idMasked, @limitKey,
       @phone, @forSelf, @relation, @holdMinutes, @templateId, 'waiting', @joinedAt, @joinedAt)`),
    mine: db.prepare('SELECT * FROM waitlist_entries WHERE openid = ? AND center_id = ? AND date >= ? ORDER BY date, seq'),
    line: db.prepare(
      "SELECT seq, start, status FROM waitlist_entries WHERE service_id = ? AND date = ? AND status IN ('waiting', 'offered') ORDER BY seq",
    ),
    leave: db.prepare("UPDATE waitlist_entries SET status = 'left', updated_at = ? WHERE id = ? AND status IN ('waiting', 'offered')"),
    expire: db.prepare("UPDATE waitlist_entries SET status = 'expired', updated_at = ? WHERE id = ? AND status = 'offered'"),
    accepted: db.prepare(
      "UPDATE waitlist_entries SET status = 'accepted', booking_id = ?, updated_at = ? WHERE id = ? AND status = 'offered'",
    ),
    due: db.prepare(
      "SELECT id FROM waitlist_entries INDEXED BY waitlist_offers_due WHERE status = 'offered' AND offer_expires_at <= ? ORDER BY offer_expires_at LIMIT ?",
    ),
    booking: db.prepare('SELECT * FROM bookings WHERE id = ?'),
    activeOfHolder: db.prepare(
      "SELECT id_hash, service_id, date, status, check_in_by FROM bookings INDEXED BY bookings_one_active_per_holder_day WHERE limit_key = ? AND status IN ('booked', 'checked_in')",
    ),
    insertBooking: insertBookingStatement(db),
  }
  const entry = (id: string) => {
    const row = q.get.get(id) as WaitRow | undefined
    return row ? toEntry(row) : null
  }

  /** An offered entry whose hold ran out: expired, and its seat passed on. */
  function expire(e: WaitEntryRecord, at: string): WaitEntryRecord {
    q.expire.run(at, e.id)
    handOff.release(e.serviceId, e.date, e.offerStart!, at)
    return { ...e, status: 'expired', updatedAt: at }
  }

  const join = db.transaction((e: Parameters<WaitlistRepo['join']>[0], at: string): JoinResult => {
    const first = entry(e.id)
    if (first) return { kind: 'duplicate', entry: first }
    const there = q.inLine.get(e.serviceId, e.date, e.start ?? '*', e.idHash) as WaitRow | undefined
    if (there) return { kind: 'already', entry: toEntry(there) }
    q.insert.run({ ...sealFields(sealer, e, WAIT_SEALED), forSelf: e.forSelf ? 1 : 0 })
    // A seat free at this moment (one freed while nobody waited, capacity raised) goes to the line now.
    handOff.fill(e.serviceId, e.date, at)
    return { kind: 'joined', entry: entry(e.id)! }
  })

  const leave = db.transaction((id: string, at: string): WaitEntryRecord | null => {
    const e = entry(id)
    if (!e || q.leave.run(at, id).changes === 0) return null
    if (e.status === 'offered') handOff.release(e.serviceId, e.date, e.offerStart!, at)
    return { ...e, status: 'left', updatedAt: at }
  })

  const accept = db.transaction(
    (
      id: string,
      b: Parameters<WaitlistRepo['accept']>[1],
      slot: Parameters<WaitlistRepo['accept']>[2],
      guard,
      newCode: () => string,
    ): AcceptResult => {
      const e = entry(id)
      if (!e) return { kind: 'not_offered', entry: null }
      if (e.status === 'accepted') {
        const row = q.booking.get(e.bookingId) as BookingRow | undefined
        if (row) return { kind: 'duplicate', booking: openFields(sealer, rowToBooking(row), SEALED_FIELDS.booking), entry: e }
      }
      if (e.status !== 'offered' || e.offerStart !== slot.start || e.date !== slot.date) return { kind: 'not_offered', entry: e }
      if (e.offerExpiresAt! <= guard.now) return { kind: 'expired', entry: expire(e, guard.now) }
      const active = q.activeOfHolder.all(e.limitKey) as {
        id_hash: string
        service_id: string
        date: string
        status: string
        check_in_by: string
      }[]
      if (active.filter((r) => r.status === 'booked' && r.check_in_by > guard.now).length >= guard.maxActive)
        return { kind: 'too_many_active' }
      if (active.some((r) => r.id_hash === e.idHash && r.service_id === e.serviceId && r.date === e.date))
        return { kind: 'person_day_taken' }
      const booking = acceptedBooking(e, b, slot, '')
      // The seat is the one held for the offer: counted since it was offered, so no seat is taken here.
      for (let attempt = 0; ; attempt++) {
        booking.code = newCode()
        try {
          q.insertBooking.run({ ...sealFields(sealer, booking, SEALED_FIELDS.booking), forSelf: booking.forSelf ? 1 : 0 })
          break
        } catch (err) {
          if (isUnique(err, 'bookings.code') && attempt < 5) continue
          throw err
        }
      }
      q.accepted.run(booking.id, guard.now, id)
      return { kind: 'accepted', booking, entry: { ...e, status: 'accepted', bookingId: booking.id, updatedAt: guard.now } }
    },
  )

  const expireOne = db.transaction((id: string, at: string): WaitEntryRecord | null => {
    const e = entry(id)
    return e && e.status === 'offered' && e.offerExpiresAt! <= at ? expire(e, at) : null
  })

  const fill = db.transaction((serviceId: string, date: string, at: string) => handOff.fill(serviceId, date, at))

  return {
    async join(e, at) {
      try {
        return join.immediate(e, at)
      } catch (err) {
        // The partial unique index: unreachable after the check above, kept as the guard of record.
        if (isUnique(err, 'waitlist_entries.service_id')) {
          const there = q.inLine.get(e.serviceId, e.date, e.start ?? '*', e.idHash) as WaitRow | undefined
          if (there) return { kind: 'already', entry: toEntry(there) }
        }
        throw err
      }
    },
    async get(id) {
      return entry(id)
    },
    async listMine(centerId, openid, from) {
      return (q.mine.all(openid, centerId, from) as WaitRow[]).map(toEntry)
    },
    async line(serviceId, date) {
      return q.line.all(serviceId, date) as { seq: number; start: string | null; status: WaitEntryRecord['status'] }[]
    },
    async leave(id, at) {
      return leave.immediate(id, at)
    },
    async accept(id, b, slot, guard, newCode) {
      return accept.immediate(id, b, slot, guard, newCode)
    },
    async expireDue(at) {
      const out: WaitEntryRecord[] = []
      for (const { id } of q.due.all(at, DUE_BATCH) as { id: string }[]) {
        const expired = expireOne.immediate(id, at)
        if (expired) out.push(expired)
      }
      return out
    },
    async fill(serviceId, date, at) {
      return fill.immediate(serviceId, date, at)
    },
    purgePersonalData: sqliteWaitlistPurge(db),
  }
}
