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
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { bookingQueueStatements } from './booking-repo'
import type { Db } from './open-database'
import { sqliteQueuePurge } from './retention'

interface TicketRow {
  id: string
  center_id: string
  date: string
  queue: TicketRecord['queue']
  number: number
  label: string
  service_id: string
  kind: TicketRecord['kind']
  source: TicketRecord['source']
  booking_id: string | null
  openid: string | null
  person_name: string | null
  slot_start: string | null
  late: number
  notify_soon: number
  arrived_at: string
  green: TicketRecord['green']
  status: TicketRecord['status']
  window_number: number | null
  recalls: number
  put_back: number
  called_at: string | null
  last_called_at: string | null
  called_by: string | null
  started_at: string | null
  completed_at: string | null
  skipped_at: string | null
  version: number
  created_at: string
  updated_at: string
}

const rowToTicket = (r: TicketRow): TicketRecord => ({
  id: r.id,
  centerId: r.center_id,
  date: r.date,
  queue: r.queue,
  number: r.number,
  label: r.label,
  serviceId: r.service_id,
  kind: r.kind,
  source: r.source,
  bookingId: r.booking_id,
  openid: r.openid,
  personName: r.person_name,
  slotStart: r.slot_start,
  late: r.late === 1,
  notifySoon: r.notify_soon === 1,
  arrivedAt: r.arrived_at,
  green: r.green,
  status: r.status,
  window: r.window_number,
  recalls: r.recalls,
  putBack: r.put_back === 1,
  calledAt: r.called_at,
  lastCalledAt: r.last_called_at,
  calledBy: r.called_by,
  startedAt: r.started_at,
  completedAt: r.completed_at,
  skippedAt: r.skipped_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** Patch fields → columns (booleans as 0/1). */
const COLUMNS: { [K in keyof Required<TicketPatch>]: string } = {
  status: 'status',
  window: 'window_number',
  recalls: 'recalls',
  putBack: 'put_back',
  calledAt: 'called_at',
  lastCalledAt: 'last_called_at',
  calledBy: 'called_by',
  startedAt: 'started_at',
  completedAt: 'completed_at',
  skippedAt: 'skipped_at',
  green: 'green',
  serviceId: 'service_id',
  queue: 'queue',
}

const OPEN = "('waiting', 'called', 'serving', 'skipped')"

/**
 * Queue tickets on SQLite. Every write is one `BEGIN IMMEDIATE` transaction: it
 * takes the write lock before reading, so the number drawn, the ticket chosen
 * by callNext and the version a change names cannot interleave with another
 * process's write; the conditional updates are the guard of record on top.
 * Each write rebuilds the day's board in the same transaction, so a reader
 * never sees a board that disagrees with the tickets.
 */
export function sqliteQueueRepo(db: Db, sealer: Sealer): QueueRepo {
  const toTicket = (r: TicketRow) => openFields(sealer, rowToTicket(r), SEALED_FIELDS.ticket)
  const toNullable = (row: TicketRow | undefined) => (row ? toTicket(row) : null)
  const q = {
    get: db.prepare('SELECT * FROM queue_tickets WHERE id = ?'),
    byBooking: db.prepare('SELECT * FROM queue_tickets WHERE booking_id = ?'),
    open: db.prepare(`SELECT * FROM queue_tickets WHERE center_id = ? AND date = ? AND status IN ${OPEN}`),
    waiting: db.prepare("SELECT * FROM queue_tickets WHERE center_id = ? AND date = ? AND status = 'waiting'"),
    recent: db.prepare(
      'SELECT * FROM queue_tickets WHERE center_id = ? AND date = ? AND last_called_at IS NOT NULL ORDER BY last_called_at DESC LIMIT ?',
    ),
    mine: db.prepare('SELECT * FROM queue_tickets WHERE openid = ? AND center_id = ? AND date = ? ORDER BY created_at DESC'),
    counters: db.prepare(
      'SELECT queue, last_number AS lastNumber, served, service_seconds AS serviceSeconds FROM queue_counters WHERE center_id = ? AND date = ?',
    ),
    completedAt: db.prepare(
      "SELECT COUNT(*) AS n FROM queue_tickets WHERE center_id = ? AND date = ? AND status = 'completed' AND window_number = ?",
    ),
    events: db.prepare(
      `SELECT ticket_id AS ticketId, at, action, from_status AS fromStatus, to_status AS toStatus, actor_openid AS actorOpenid, actor_name AS actorName,
       window_number AS window, note FROM queue_ticket_events WHERE ticket_id = ? ORDER BY id`,
    ),
    board: db.prepare('SELECT version, board_json FROM queue_boards WHERE center_id = ? AND date = ?'),
    saveBoard: db.prepare(
      `INSERT INTO queue_boards (center_id, date, version, board_json, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (center_id, date) DO UPDATE SET version = excluded.version, board_json = excluded.board_json, updated_at = excluded.updated_at`,
    ),
    nextNumber: db.prepare(
      `INSERT INTO queue_counters (center_id, date, queue, last_number) VALUES (?, ?, ?, 1)
       ON CONFLICT (center_id, date, queue) DO UPDATE SET last_number = last_number + 1 RETURNING last_number AS n`,
    ),
    addServed: db.prepare(
      `INSERT INTO queue_counters (center_id, date, queue, served, service_seconds) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (center_id, date, queue) DO UPDATE SET served = served + 1, service_seconds = service_seconds + excluded.service_seconds`,
    ),
    insert: db.prepare(`INSERT INTO queue_tickets
      (id, center_id, date, queue, number, label, service_id, kind, source, booking_id, openid, person_name, slot_start, late, notify_soon, arrived_at, green,
       status, created_at, updated_at)
      VALUES (@id, @centerId, @date, @queue, @number, @label, @serviceId, @kind, @source, @bookingId, @openid, @personName, @slotStart, @late, @notifySoon, @arrivedAt, @green,
       'waiting', @createdAt, @createdAt)`),
    call: db.prepare(
      `UPDATE queue_tickets SET status = 'called', window_number = ?, called_at = ?, last_called_at = ?, called_by = ?, recalls = 0, version = version + 1, updated_at = ?
       WHERE id = ? AND status = 'waiting'`,
    ),
    event:
      db.prepare(`INSERT INTO queue_ticket_events (ticket_id, at, action, from_status, to_status, actor_openid, actor_name, window_number, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  }
  const booking = bookingQueueStatements(db)

  const patchStatements = new Map<string, ReturnType<Db['prepare']>>()
  function patchStatement(keys: (keyof TicketPatch)[]) {
    const key = keys.join(',')
    let stmt = patchStatements.get(key)
    if (!stmt) {
      const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')
      stmt = db.prepare(
        `UPDATE queue_tickets SET ${sets}${sets ? ', ' : ''}version = version + 1, updated_at = @at WHERE id = @id AND version = @version`,
      )
      patchStatements.set(key, stmt)
    }
    return stmt
  }

  const getTicket = (id: string) => {
    const row = q.get.get(id) as TicketRow | undefined
    return row ? toTicket(row) : null
  }

  const addEvent = (ticketId: string, from: TicketRecord['status'] | null, to: TicketRecord['status'], e: NewTicketEvent) =>
    q.event.run(ticketId, e.at, e.action, from, to, e.actorOpenid, e.actorName, e.window, e.note)

  /** Rebuilds the day's board from what the transaction has just written. */
  function rebuildBoard(centerId: string, date: string, at: string, project: BoardProjector): void {
    const previous = q.board.get(centerId, date) as { version: number } | undefined
    const version = (previous?.version ?? 0) + 1
    const board = project({
      centerId,
      date,
      version,
      open: (q.open.all(centerId, date) as TicketRow[]).map(toTicket),
      recent: (q.recent.all(centerId, date, 10) as TicketRow[]).map(toTicket),
      counters: q.counters.all(centerId, date) as QueueCounterRecord[],
    })
    q.saveBoard.run(centerId, date, version, JSON.stringify(board), at)
  }

  /** Thrown inside the issue transaction to roll back the booking's check-in. */
  class BookingNotBooked {}

  const issue = db.transaction((t: NewTicket, o: Parameters<QueueRepo['issue']>[1]): TicketRecord | { existing: TicketRecord } => {
    const same = getTicket(t.id) ?? (t.bookingId ? toNullable(q.byBooking.get(t.bookingId) as TicketRow | undefined) : null)
    if (same) return { existing: same }
    const move = o.bookingTo === 'checked_in' ? booking.checkIn : o.bookingTo === 'no_show' ? booking.noShow : null
    if (move && t.bookingId && move.run(t.createdAt, t.bookingId).changes === 0) throw new BookingNotBooked()
    const { n } = q.nextNumber.get(t.centerId, t.date, t.queue) as { n: number }
    q.insert.run({
      ...sealFields(sealer, t, SEALED_FIELDS.ticket),
      number: n,
      label: o.label(n),
      late: t.late ? 1 : 0,
      notifySoon: t.notifySoon ? 1 : 0,
    })
    addEvent(t.id, null, 'waiting', o.event)
    rebuildBoard(t.centerId, t.date, t.createdAt, o.board)
    return getTicket(t.id)!
  })

  const callNext = db.transaction(
    (query: Parameters<QueueRepo['callNext']>[0], pick: Parameters<QueueRepo['callNext']>[1], o: Parameters<QueueRepo['callNext']>[2]) => {
      const services = new Set(query.serviceIds)
      const waiting = (q.waiting.all(query.centerId, query.date) as TicketRow[]).map(toTicket).filter((t) => services.has(t.serviceId))
      const next = pick(waiting)
      if (!next) return null
      // Under the write lock this cannot miss; the condition is the guard of record.
      if (q.call.run(query.window, query.at, query.at, query.actor.openid, query.at, next.id).changes === 0) return null
      addEvent(next.id, 'waiting', 'called', {
        at: query.at,
        action: 'call',
        actorOpenid: query.actor.openid,
        actorName: query.actor.name,
        window: query.window,
        note: o.note(next),
      })
      rebuildBoard(query.centerId, query.date, query.at, o.board)
      return getTicket(next.id)
    },
  )

  const change = db.transaction((id: string, version: number, patch: TicketPatch, o: Parameters<QueueRepo['change']>[3]) => {
    const before = getTicket(id)
    if (!before || before.version !== version) return null
    const keys = (Object.keys(patch) as (keyof TicketPatch)[]).filter((k) => patch[k] !== undefined)
    const values: Record<string, unknown> = { id, version, at: o.event.at }
    for (const k of keys) values[k] = typeof patch[k] === 'boolean' ? (patch[k] ? 1 : 0) : patch[k]
    if (patchStatement(keys).run(values).changes === 0) return null
    const after = getTicket(id)!
    addEvent(id, before.status, after.status, o.event)
    if (o.completeBooking && after.bookingId) booking.complete.run(o.event.at, after.bookingId)
    if (o.served) q.addServed.run(after.centerId, after.date, o.served.queue, Math.max(0, Math.round(o.served.seconds)))
    rebuildBoard(after.centerId, after.date, o.event.at, o.board)
    return after
  })

  return {
    purgePersonalData: sqliteQueuePurge(db),
    async get(id) {
      return getTicket(id)
    },
    async byBooking(bookingId) {
      return toNullable(q.byBooking.get(bookingId) as TicketRow | undefined)
    },
    async openTickets(centerId, date) {
      return (q.open.all(centerId, date) as TicketRow[]).map(toTicket)
    },
    async mine(openid, centerId, date) {
      return (q.mine.all(openid, centerId, date) as TicketRow[]).map(toTicket)
    },
    async counters(centerId, date) {
      return q.counters.all(centerId, date) as QueueCounterRecord[]
    },
    async completedAt(centerId, date, window) {
      return (q.completedAt.get(centerId, date, window) as { n: number }).n
    },
    async events(ticketId) {
      return q.events.all(ticketId) as TicketEventRecord[]
    },
    async board(centerId, date) {
      const row = q.board.get(centerId, date) as { board_json: string } | undefined
      return row ? (JSON.parse(row.board_json) as QueueBoard) : null
    },
    async issue(ticket, options) {
      try {
        const result = issue.immediate(ticket, options)
        return 'existing' in result ? { kind: 'existing', ticket: result.existing } : { kind: 'issued', ticket: result }
      } catch (err) {
        if (err instanceof BookingNotBooked) return { kind: 'booking_not_booked' }
        throw err
      }
    },
    async callNext(query, pick, options) {
      return callNext.immediate(query, pick, options)
    },
    async change(id, version, patch, options) {
      return change.immediate(id, version, patch, options)
    },
  }
}
