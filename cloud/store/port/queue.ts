/**
 * The store port, queue (签到取号 · 叫号): tickets, their events, the per-day counters and board.
 *
 * What the store must guarantee: numbers come from the day's counter in the unit that inserts the
 * ticket (no two tickets share a number); one ticket per booking (issuing again answers the first);
 * every console change is conditional on the version read; each write rebuilds the day's board in
 * the same unit, so the board never disagrees with the tickets.
 */

import type { ClockTime, IsoDate } from '@/core/beijing-time'
import type { QueueBoard } from '@/core/queue-board'
import type { GreenReason, TicketKind, TicketStatus } from '@/core/queue-tickets'
import type { RetentionCutoff } from '@/core/retention'
import type { ServiceCategoryKey } from '@/core/service-categories'

/** One queue ticket (排队号) of a center and Beijing day. */
export interface TicketRecord {
  id: string
  centerId: string
  date: IsoDate
  /** The queue it waits in (a service category); a transfer changes it, not the label. */
  queue: ServiceCategoryKey
  number: number
  label: string
  serviceId: string
  kind: TicketKind
  source: 'resident' | 'kiosk' | 'clerk'
  bookingId: string | null
  /** The resident who follows it; null for a kiosk or clerk walk-in. */
  openid: string | null
  personName: string | null
  slotStart: ClockTime | null
  /** A walk-in that came from a booking checked in after its slot. */
  late: boolean
  /** The resident allowed the 即将到号 notice at check-in: a 消息 (subscribe message) when a few are ahead. */
  notifySoon: boolean
  arrivedAt: string
  green: GreenReason | null
  status: TicketStatus
  window: number | null
  recalls: number
  putBack: boolean
  calledAt: string | null
  lastCalledAt: string | null
  calledBy: string | null
  startedAt: string | null
  completedAt: string | null
  skippedAt: string | null
  /** Bumped by every change; a change names the version it read. */
  version: number
  createdAt: string
  updatedAt: string
}

export type NewTicket = Omit<
  TicketRecord,
  | 'number'
  | 'label'
  | 'status'
  | 'window'
  | 'recalls'
  | 'putBack'
  | 'calledAt'
  | 'lastCalledAt'
  | 'calledBy'
  | 'startedAt'
  | 'completedAt'
  | 'skippedAt'
  | 'version'
  | 'updatedAt'
>

/** The fields a console action may change. */
export type TicketPatch = Partial<
  Pick<
    TicketRecord,
    | 'status'
    | 'window'
    | 'recalls'
    | 'putBack'
    | 'calledAt'
    | 'lastCalledAt'
    | 'calledBy'
    | 'startedAt'
    | 'completedAt'
    | 'skippedAt'
    | 'green'
    | 'serviceId'
    | 'queue'
  >
>

/** One step on a ticket's timeline. */
export interface TicketEventRecord {
  ticketId: string
  at: string
  action: string
  fromStatus: TicketStatus | null
  toStatus: TicketStatus
  actorOpenid: string | null
  actorName: string | null
  window: number | null
  note: string | null
}

/** What a write says about itself; the store adds the ticket and the states. */
export type NewTicketEvent = Omit<TicketEventRecord, 'ticketId' | 'fromStatus' | 'toStatus'>

/** A queue's day: the last number given and today's service statistics. */
export interface QueueCounterRecord {
  queue: ServiceCategoryKey
  lastNumber: number
  served: number
  serviceSeconds: number
}

/** What the board of a day is built from, read inside the write that changed it. */
export interface QueueDay {
  centerId: string
  date: IsoDate
  /** The board's next version. */
  version: number
  /** Waiting, called, serving and skipped tickets of the day. */
  open: TicketRecord[]
  /** The day's most recently called tickets, newest first. */
  recent: TicketRecord[]
  counters: QueueCounterRecord[]
}

/** Builds the day's board (a pure function the use case hands in). */
export type BoardProjector = (day: QueueDay) => QueueBoard

export type IssueTicketResult =
  | { kind: 'issued'; ticket: TicketRecord }
  /** A ticket with this id, or for this booking, already exists: the first one. */
  | { kind: 'existing'; ticket: TicketRecord }
  /** Asked to check the booking in, but it is no longer `booked`: nothing was written. */
  | { kind: 'booking_not_booked' }

export interface CallNextQuery {
  centerId: string
  date: IsoDate
  window: number
  /** The services this window serves. */
  serviceIds: readonly string[]
  at: string
  actor: { openid: string; name: string }
}

export interface QueueRepo {
  get(id: string): Promise<TicketRecord | null>
  byBooking(bookingId: string): Promise<TicketRecord | null>
  /** The day's waiting, called, serving and skipped tickets of a center. */
  openTickets(centerId: string, date: IsoDate): Promise<TicketRecord[]>
  /** A resident's tickets of the day. */
  mine(openid: string, centerId: string, date: IsoDate): Promise<TicketRecord[]>
  counters(centerId: string, date: IsoDate): Promise<QueueCounterRecord[]>
  /** Tickets completed at a window that day. */
  completedAt(centerId: string, date: IsoDate, window: number): Promise<number>
  events(ticketId: string): Promise<TicketEventRecord[]>
  /** The day's board; null before the day's first ticket. */
  board(centerId: string, date: IsoDate): Promise<QueueBoard | null>
  /**
   * One atomic unit: answer the existing ticket for the same id or booking; with
   * `bookingTo`, move the booking from booked to it — checked_in, or no_show for a check-in
   * past the deadline (refused if it is not booked); take the next number of the (center, date, queue) counter; insert the
   * ticket and its first event; rebuild the board.
   */
  issue(
    ticket: NewTicket,
    options: { label: (n: number) => string; bookingTo: 'checked_in' | 'no_show' | null; event: NewTicketEvent; board: BoardProjector },
  ): Promise<IssueTicketResult>
  /**
   * One atomic unit: the waiting tickets of `serviceIds`, the first of them by
   * `pick` → called at the window (conditional on it still waiting), its event, the board.
   * Null when none is waiting.
   */
  callNext(
    query: CallNextQuery,
    pick: (waiting: TicketRecord[]) => TicketRecord | undefined,
    options: { note: (picked: TicketRecord) => string | null; board: BoardProjector },
  ): Promise<TicketRecord | null>
  /**
   * One atomic unit: apply `patch` if the ticket is still at `version`, write the
   * event, and when asked complete its booking (checked_in → completed) and add
   * the service time to the queue's counter; rebuild the board. Null when the
   * ticket changed since it was read.
   */
  change(
    id: string,
    version: number,
    patch: TicketPatch,
    options: {
      event: NewTicketEvent
      board: BoardProjector
      completeBooking?: boolean
      served?: { queue: ServiceCategoryKey; seconds: number }
    },
  ): Promise<TicketRecord | null>
  /**
   * Retention (`ticketDue`): tickets of days before the cut-off date lose the person's name (→ 已清除) and openid (→ null),
   * their events' notes, and the resident as actor. Queue, service, times, window and clerk (what statistics read) stay.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}
