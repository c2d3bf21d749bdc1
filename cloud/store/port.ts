/**
 * The store port: what the use cases need from a database, in words both
 * adapters can keep (SQLite locally, the CloudBase document database in
 * production). Each method is one atomic unit; no business rule lives behind it.
 */
import type { Material } from '../../src/core/materials'
import type { Grant, StaffRole } from '../../src/core/staff-roles'
import type { CasePause } from '../../src/core/case-deadline'
import type { CaseState, CaseStep, DeliveryWay, HandoverWay } from '../../src/core/case-states'
import type { BookingRules, BookingState } from '../../src/core/booking-rules'
import type { CenterDays, OpeningHours } from '../../src/core/opening-hours'
import type { ClockTime, IsoDate } from '../../src/core/beijing-time'
import type { RelationKey } from '../../src/core/relations'
import type { ServiceCategoryKey } from '../../src/core/service-categories'
import type { QueueBoard } from '../../src/core/queue-board'
import type { GreenReason, TicketKind, TicketStatus } from '../../src/core/queue-tickets'
import type { HalfDay, HomecertCategory, HomecertRules, VisitWindow } from '../../src/core/home-certification'
import type { HomecertAction, HomecertStatus } from '../../src/core/home-certification-states'
import type { QueueRules } from '../../src/core/queue-check-in'
import type { StatRow, StatsArea, SummedRow, TicketFacts, HomecertFacts, CaseFacts, BookingOutcome } from '../../src/core/statistics'
import type { RetentionCutoff } from '../../src/core/retention'
import type { EnteredArrangement } from '../../src/core/working-calendar'

export interface CenterRecord {
  id: string
  name: string
  district: string
  address: string
  phone: string
  latitude: number
  longitude: number
  hours: OpeningHours
  sort: number
  /** The center's overrides of the booking rules; the rest are the defaults. */
  bookingRules?: Partial<BookingRules>
  /** The center's overrides of the queue rules (the green-channel age). */
  queueRules?: Partial<QueueRules>
}

export interface WindowRecord {
  id: string
  centerId: string
  number: number
  name: string
}

export interface ServiceRecord {
  id: string
  centerId: string
  category: ServiceCategoryKey
  name: string
  summary: string
  keywords: string[]
  materials: Material[]
  notes: string[]
  processingDays: number
  bookable: boolean
  delegable: boolean
  windowIds: string[]
  slotMinutes: number
  perWindowCapacity: number
  /** Seats per slot when set; otherwise windows × perWindowCapacity. */
  slotCapacity?: number | null
  sort: number
}

export interface StaffGrant {
  name: string
  grant: Grant
}

export interface CenterRepo {
  list(): Promise<CenterRecord[]>
  get(centerId: string): Promise<CenterRecord | null>
  windows(centerId: string): Promise<WindowRecord[]>
  /** The center's services in guide order, retired ones left out. */
  services(centerId: string): Promise<ServiceRecord[]>
  service(centerId: string, serviceId: string): Promise<ServiceRecord | null>
  /** The center's own closures and extra opening days within [from, to]. */
  days(centerId: string, from: IsoDate, to: IsoDate): Promise<CenterDays>
}

export interface StaffRepo {
  rolesOf(centerId: string, openid: string): Promise<StaffGrant[]>
  /**
   * The person's deployment-wide role (区级管理员: enters the yearly arrangement; a later
   * read-only view across centers is theirs too), or null. Kept apart from the centers'
   * roles, so it never answers `rolesOf` and grants nothing in any center.
   */
  districtRole(openid: string): Promise<DistrictStaffRecord | null>
}

export type DistrictRole = 'district'

export interface DistrictStaffRecord {
  openid: string
  name: string
  role: DistrictRole
  createdAt: string
}

/** A year's arrangement (放假调休) as the district entered it or the deployer imported it, for the whole deployment. */
export interface ArrangementRecord extends EnteredArrangement {
  source: 'entered' | 'imported'
  /** The district admin's openid, or `import` for the deployer's file. */
  enteredBy: string
  enteredByName: string
  enteredAt: string
}

export interface CalendarRepo {
  /** Every stored arrangement, by year. */
  arrangements(): Promise<ArrangementRecord[]>
  /**
   * Atomic: stores the year's arrangement if the stored one is still at `record.version - 1`
   * (1: none stored yet), replacing it; false when another save came first.
   */
  saveArrangement(record: ArrangementRecord): Promise<boolean>
}

/** One appointment as stored. The ID number is only ever sealed (encrypted) and hashed here. */
export interface BookingRecord {
  /** Derived from (openid, requestId), so a retried create meets its own first row by primary key. */
  id: string
  code: string
  centerId: string
  serviceId: string
  date: IsoDate
  start: ClockTime
  end: ClockTime
  /** ISO instants of the slot and of the check-in deadline (slot end + grace). */
  startsAt: string
  endsAt: string
  checkInBy: string
  status: BookingState
  /** Who created it (the owner). */
  openid: string
  requestId: string
  personName: string
  idSealed: string
  idHash: string
  idMasked: string
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  note: string | null
  createdAt: string
  updatedAt: string
  cancelledAt: string | null
  cancelReason: string | null
  remindedAt: string | null
}

/** Seats taken in one slot of a service (a counter, so reading it never scans bookings). */
export interface SlotCount {
  date: IsoDate
  start: ClockTime
  capacity: number
  booked: number
}

/** Where a booking goes: the slot, and the seats it has if its counter does not exist yet. */
export interface SlotTarget {
  date: IsoDate
  start: ClockTime
  end: ClockTime
  startsAt: string
  endsAt: string
  checkInBy: string
  capacity: number
}

export type NewBooking = Omit<BookingRecord, 'code' | 'status' | 'updatedAt' | 'cancelledAt' | 'cancelReason' | 'remindedAt' | 'date' | 'start' | 'end' | 'startsAt' | 'endsAt' | 'checkInBy'>

export type CreateBookingResult =
  | { kind: 'created'; booking: BookingRecord }
  /** The same caller already sent this request id: the first result. */
  | { kind: 'duplicate'; booking: BookingRecord }
  | { kind: 'slot_full' }
  /** The person already holds an active booking for this service that day. */
  | { kind: 'person_day_taken' }
  /** The person already holds `maxActive` active bookings. */
  | { kind: 'too_many_active' }

export type RescheduleResult =
  | { kind: 'moved'; booking: BookingRecord }
  | { kind: 'unchanged'; booking: BookingRecord }
  | { kind: 'not_found' }
  | { kind: 'not_booked'; booking: BookingRecord }
  | { kind: 'slot_full' }
  | { kind: 'person_day_taken' }

export interface BookingListQuery {
  centerId: string
  openid: string
  statuses: readonly BookingState[]
  /** Soonest first (upcoming) or latest first (history). */
  order: 'asc' | 'desc'
  /** Continue after this (startsAt, id), exclusive. */
  after?: { startsAt: string; id: string }
  limit: number
}

export interface BookingRepo {
  /** Counters of a service's slots with any seat ever taken, dates within [from, to]. */
  slotCounts(serviceId: string, from: IsoDate, to: IsoDate): Promise<SlotCount[]>
  get(id: string): Promise<BookingRecord | null>
  /** The booking with this booking code (a clerk checks it in). */
  byCode(code: string): Promise<BookingRecord | null>
  listByOwner(query: BookingListQuery): Promise<BookingRecord[]>
  /** Check-in deadlines of the person's no-shows after `since` (for the no-show block). */
  noShowsSince(idHash: string, since: string): Promise<Date[]>
  /**
   * One atomic unit: answer the first result for a repeated (openid, requestId) — the
   * booking id is derived from that pair, so a retry arrives with the same id; refuse a person with `maxActive` active bookings (booked, check-in deadline after `now`)
   * or already booked for this service that day; take a seat if one is left; insert.
   * `newCode` is asked again if a code happens to be taken.
   */
  create(booking: NewBooking, slot: SlotTarget, guard: { maxActive: number; now: string }, newCode: () => string): Promise<CreateBookingResult>
  /** Atomic: booked → cancelled, and the seat is given back. Null unless it was `booked`. */
  cancel(id: string, at: string, reason: string | null): Promise<BookingRecord | null>
  /** Atomic: take a seat in the new slot, move the booking, give back the old seat; on any refusal nothing changes. */
  reschedule(id: string, to: SlotTarget, at: string): Promise<RescheduleResult>
  /** Booked bookings whose check-in deadline has passed become no_show, each with a 消息; returns them. */
  markNoShows(now: string, message: (b: BookingRecord) => NewMessage): Promise<BookingRecord[]>
  /** A center's bookings still to be attended (`booked`) on any of these dates (a closed day's list), soonest first. */
  bookedOn(centerId: string, dates: readonly IsoDate[]): Promise<BookingRecord[]>
  /** Booked, not yet reminded bookings on `date` (a Beijing date) of a center. */
  dueReminders(centerId: string, date: IsoDate, limit: number): Promise<BookingRecord[]>
  /** Atomic: note the reminder on the booking and write its 消息; false when it was already reminded or is no longer booked. */
  recordReminder(bookingId: string, at: string, message: NewMessage): Promise<boolean>
  /**
   * Retention (src/core/retention.ts `bookingDue`): anonymises every finished booking due at `cutoff` and not yet purged —
   * name, sealed ID, phone, note, cancel reason gone; ID hash and openid replaced by `purged:<id>`; `purgedAt` = `at`.
   * Status, service, date and slot (what statistics read) stay. Returns how many were purged; a second run purges none.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}

/** A 消息 in the resident's outbox. Its id is deterministic (e.g. `reminder-<bookingId>`), so writing it twice is a no-op. */
export interface MessageRecord {
  id: string
  centerId: string
  openid: string
  bookingId: string | null
  kind: MessageKind
  title: string
  body: string
  /** The subscribe-message template it should go out with in WeChat, when configured. */
  templateId: string | null
  /** The page the 消息 opens, e.g. `/pages/booking/detail/index?id=…`; null for none. */
  link: string | null
  createdAt: string
}

/** What a 消息 is about: a booking reminder, no-show or closed day, a home-certification step, a delegated case's step, a queue call. */
export type MessageKind = 'reminder' | 'no_show' | 'closure' | 'homecert' | 'case' | 'queue'

export type NewMessage = Omit<MessageRecord, 'link'> & { link?: string | null }

export interface MessageRepo {
  listFor(centerId: string, openid: string, limit: number): Promise<MessageRecord[]>
  /** Writes a 消息; writing the same id twice is a no-op. */
  send(message: NewMessage): Promise<void>
  /** Retention: deletes every 消息 written before `before` (an ISO instant); returns how many. */
  purgeBefore(before: string): Promise<number>
}

/** One staff action, for the audit log: who, what, which record, when. Never personal data in `detail`. */
export interface AuditEntry {
  centerId: string
  actorOpenid: string
  actorName: string
  /** `<area>.<action>`, e.g. `queue.callNext`. */
  action: string
  recordType: string
  recordId?: string | null
  detail?: string | null
  at: string
}

export interface AuditQuery {
  centerId: string
  actorOpenid?: string
  actionPrefix?: string
  recordType?: string
  recordId?: string
  /** ISO instants, [from, to). */
  from?: string
  to?: string
  /** Newest first; continue below this id. */
  beforeId?: number
  limit: number
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>
  list(query: AuditQuery): Promise<(AuditEntry & { id: number })[]>
}

/** A 社区 or 村 of a center, and the grid worker who visits there by default. */
export interface CommunityRecord {
  id: string
  centerId: string
  name: string
  responsibleOpenid: string | null
  sort: number
}

/** A grid worker of a center (a `grid` staff grant), with the work phone families see masked. */
export interface GridWorkerRecord {
  openid: string
  name: string
  communities: string[]
  phone: string | null
}

/** One door-to-door certification request as stored. ID numbers only sealed, hashed and masked. */
export interface HomecertRecord {
  id: string
  /** Daily per center, e.g. `20261126-001`. */
  number: string
  centerId: string
  communityId: string
  status: HomecertStatus
  /** Bumped by every transition; a write names the version it read. */
  version: number
  requesterOpenid: string
  requestId: string
  elderName: string
  elderIdSealed: string
  elderIdHash: string
  elderIdMasked: string
  elderBirthDate: IsoDate
  elderPhone: string | null
  elderAddress: string
  category: HomecertCategory
  disabilitySealed: string | null
  disabilityKind: string | null
  disabilityGrade: string | null
  reason: string | null
  requesterSelf: boolean
  requesterName: string
  requesterPhone: string
  relation: RelationKey | null
  windows: VisitWindow[]
  note: string | null
  workerOpenid: string | null
  workerName: string | null
  visitDate: IsoDate | null
  visitHalf: HalfDay | null
  visitNote: string | null
  notHomeCount: number
  /** Beijing date since which a visit has been waiting to be agreed. */
  waitingSince: IsoDate
  outcomeNote: string | null
  certifiedOn: IsoDate | null
  nextDue: IsoDate | null
  dueRemindedAt: string | null
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export type HomecertActorRole = 'family' | 'worker' | 'supervisor' | 'admin' | 'system'

/** One step on a request's timeline: who did what, when, from which status to which. */
export interface HomecertStepRecord {
  requestId: string
  /** The request's version after the step (1 = submitted). */
  seq: number
  at: string
  action: HomecertAction | 'submit'
  fromStatus: HomecertStatus | null
  toStatus: HomecertStatus
  actorRole: HomecertActorRole
  actorOpenid: string
  actorName: string
  /** What the step set, in words (the visit's half-day, the worker's name). */
  detail: string | null
  note: string | null
}

export type NewHomecert = Omit<
  HomecertRecord,
  | 'number' | 'status' | 'version' | 'workerOpenid' | 'workerName' | 'visitDate' | 'visitHalf' | 'visitNote' | 'notHomeCount'
  | 'outcomeNote' | 'certifiedOn' | 'nextDue' | 'dueRemindedAt' | 'updatedAt' | 'closedAt'
>

/** The fields a transition may change. */
export type HomecertChanges = Partial<
  Pick<HomecertRecord, 'workerOpenid' | 'workerName' | 'visitDate' | 'visitHalf' | 'visitNote' | 'notHomeCount' | 'waitingSince' | 'outcomeNote' | 'certifiedOn' | 'nextDue' | 'windows' | 'closedAt'>
>

export interface HomecertTransition {
  /** The status and version the caller read: the write happens only if both are unchanged. */
  from: { status: HomecertStatus; version: number }
  to: HomecertStatus
  changes: HomecertChanges
  step: Pick<HomecertStepRecord, 'action' | 'at' | 'actorRole' | 'actorOpenid' | 'actorName' | 'detail' | 'note'>
  /** 消息 written in the same unit (to the family, to a newly assigned worker). */
  messages: NewMessage[]
}

export type CreateHomecertResult =
  | { kind: 'created'; request: HomecertRecord }
  /** The same requester already sent this request id: the first result. */
  | { kind: 'duplicate'; request: HomecertRecord }
  /** The elder already has a request in progress. */
  | { kind: 'active_exists'; request: HomecertRecord }

export interface HomecertStaffQuery {
  centerId: string
  statuses: readonly HomecertStatus[]
  /** Only these communities (ids); undefined: all of the center. */
  communityIds?: readonly string[]
  /** Only requests assigned to this worker. */
  workerOpenid?: string
  /** By submission time: oldest first (work in progress) or newest first (history). */
  order: 'oldest' | 'newest'
  limit: number
}

export interface HomecertRepo {
  /** The center's communities in display order. */
  communities(centerId: string): Promise<CommunityRecord[]>
  gridWorkers(centerId: string): Promise<GridWorkerRecord[]>
  /** The center's overrides of the home-certification rules. */
  rules(centerId: string): Promise<Partial<HomecertRules>>
  get(id: string): Promise<HomecertRecord | null>
  /** The elder's request in progress, if any (by keyed ID hash). */
  activeForElder(elderIdHash: string): Promise<HomecertRecord | null>
  /** The elder's latest certified request, if any. */
  lastCertified(elderIdHash: string): Promise<HomecertRecord | null>
  /**
   * One atomic unit: the first result for a repeated (requester, requestId); the
   * elder's request in progress if there is one; otherwise take the next number of
   * `date` (a Beijing date) for the center, insert with status `submitted`, the
   * first timeline step and the 消息.
   */
  create(request: NewHomecert, date: IsoDate, numberOf: (date: IsoDate, n: number) => string, step: HomecertTransition['step'], message: (r: HomecertRecord) => NewMessage): Promise<CreateHomecertResult>
  /** Atomic: apply the transition if the request still has the status and version read; step and 消息 with it. Null when it changed. */
  transition(id: string, t: HomecertTransition): Promise<HomecertRecord | null>
  timeline(id: string): Promise<HomecertStepRecord[]>
  /** A requester's requests in a center, newest first. */
  listByRequester(centerId: string, openid: string, limit: number): Promise<HomecertRecord[]>
  /** Requests for staff lists. */
  listForStaff(query: HomecertStaffQuery): Promise<HomecertRecord[]>
  /**
   * Certified requests of a center whose next due date is on or before `until`
   * (and on or after `from`), leaving out elders who asked again since; soonest first.
   */
  dueBy(centerId: string, from: IsoDate, until: IsoDate, options: { limit: number; unremindedOnly?: boolean }): Promise<HomecertRecord[]>
  /** Atomic: note the due reminder and write its 消息; false when it was already reminded. */
  recordDueReminder(id: string, at: string, message: NewMessage): Promise<boolean>
  /**
   * Retention (`homecertDue`): anonymises closed requests whose last step, and certified ones whose next due date, is past
   * the cut-off — the elder's and requester's names, sealed IDs, phones, address, disability certificate, reason and notes
   * gone (birth date kept as its year); hashes and openids replaced by `purged:<id>`; family steps of the timeline unnamed.
   * Status, community, category, dates (what statistics read) stay. Returns how many were purged.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}

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
  'number' | 'label' | 'status' | 'window' | 'recalls' | 'putBack' | 'calledAt' | 'lastCalledAt' | 'calledBy' | 'startedAt' | 'completedAt' | 'skippedAt' | 'version' | 'updatedAt'
>

/** The fields a console action may change. */
export type TicketPatch = Partial<
  Pick<TicketRecord, 'status' | 'window' | 'recalls' | 'putBack' | 'calledAt' | 'lastCalledAt' | 'calledBy' | 'startedAt' | 'completedAt' | 'skippedAt' | 'green' | 'serviceId' | 'queue'>
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
  issue(ticket: NewTicket, options: { label: (n: number) => string; bookingTo: 'checked_in' | 'no_show' | null; event: NewTicketEvent; board: BoardProjector }): Promise<IssueTicketResult>
  /**
   * One atomic unit: the waiting tickets of `serviceIds`, the first of them by
   * `pick` → called at the window (conditional on it still waiting), its event, the board.
   * Null when none is waiting.
   */
  callNext(query: CallNextQuery, pick: (waiting: TicketRecord[]) => TicketRecord | undefined, options: { note: (picked: TicketRecord) => string | null; board: BoardProjector }): Promise<TicketRecord | null>
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
    options: { event: NewTicketEvent; board: BoardProjector; completeBooking?: boolean; served?: { queue: ServiceCategoryKey; seconds: number } },
  ): Promise<TicketRecord | null>
  /**
   * Retention (`ticketDue`): tickets of days before the cut-off date lose the person's name (→ 已清除) and openid (→ null),
   * their events' notes, and the resident as actor. Queue, service, times, window and clerk (what statistics read) stay.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}

/** A delegated case (帮办代办) as stored. No ID number is kept: the clerk sees the originals. */
export interface CaseRecord {
  id: string
  /** e.g. `DB20261126-0007`: the Beijing date and that day's sequence (over all centers). */
  caseNo: string
  centerId: string
  serviceId: string
  /** The service's name and processing days as promised at acceptance (a later guide change does not move the promise). */
  serviceName: string
  processingDays: number
  state: CaseState
  channel: 'online' | 'counter'
  /** The resident the case is linked to; null for a counter case not yet claimed. */
  openid: string | null
  /** Who opened it (the resident online, the clerk at the counter) and their request id: a retried create meets its first row. */
  createdBy: string
  requestId: string
  applicantName: string
  forSelf: boolean
  relation: RelationKey | null
  phone: string
  description: string
  handover: HandoverWay
  address: string | null
  assigneeOpenid: string | null
  assigneeName: string | null
  /** Stretches in 待补正 (for the promised time limit). */
  pauses: CasePause[]
  acceptedAt: string
  updatedAt: string
  /** When the clock stopped for good: concluded, withdrawn or rejected. */
  stoppedAt: string | null
  department: string | null
  result: string | null
  pickupCode: string | null
  delivery: DeliveryWay | null
  deliveredAt: string | null
  /** A counter case's claim code, only as a hash; spent once the case is linked (`openid` set). */
  claimCodeHash: string | null
  claimExpiresAt: string | null
  claimedAt: string | null
}

export type NewCase = Omit<
  CaseRecord,
  'caseNo' | 'state' | 'updatedAt' | 'stoppedAt' | 'department' | 'result' | 'pickupCode' | 'delivery' | 'deliveredAt' | 'claimedAt' | 'pauses'
>

/** The fields a step may change besides the state. */
export type CasePatch = Partial<
  Pick<CaseRecord, 'pauses' | 'stoppedAt' | 'department' | 'result' | 'pickupCode' | 'delivery' | 'deliveredAt' | 'assigneeOpenid' | 'assigneeName'>
>

/** One row of a case's timeline: who did what, when, from which state to which. */
export interface CaseEventRecord {
  caseId: string
  /** 1, 2, 3 … within the case. */
  seq: number
  at: string
  actorKind: 'resident' | 'staff'
  actorOpenid: string
  actorName: string
  kind: CaseStep | 'accept' | 'claim' | 'reassign'
  fromState: CaseState | null
  toState: CaseState
  note: string | null
  missing?: string[]
  department?: string
  result?: string
  delivery?: DeliveryWay
  photoIds?: string[]
}

/** What a write says about its event; the store numbers it and fills in the case and the states. */
export type NewCaseEvent = Omit<CaseEventRecord, 'caseId' | 'seq' | 'fromState' | 'toState'>

/** A 消息 written with a step; the store gives it an id from the case and the event. */
export type CaseMessage = Omit<NewMessage, 'id'>

export interface CaseMaterialRecord {
  caseId: string
  index: number
  name: string
  copies: string
  note: string | null
  status: 'pending' | 'received' | 'missing' | 'not_applicable'
  byOpenid: string | null
  byName: string | null
  at: string | null
}

/** One entry of the originals log: an original received from the resident, or given back (naming the received entry). */
export interface CaseOriginalRecord {
  id: number
  caseId: string
  kind: 'received' | 'returned'
  name: string
  count: number
  note: string | null
  receivedId: number | null
  byOpenid: string
  byName: string
  at: string
}

export type NewCaseOriginal = Omit<CaseOriginalRecord, 'id' | 'caseId'>

export interface CaseRatingRecord {
  caseId: string
  centerId: string
  openid: string
  stars: number
  comment: string | null
  /** 1–2 stars: shown to the supervisor. */
  flagged: boolean
  at: string
}

/** A photo of a 补正 reply; `eventSeq` is null until the reply that carries it is sent. */
export interface CasePhotoRecord {
  id: string
  caseId: string
  openid: string
  bytes: number
  eventSeq: number | null
  createdAt: string
}

export interface CaseStaffQuery {
  centerId: string
  states: readonly CaseState[]
  serviceId?: string
  /** An assignee's openid, or null for unassigned cases. */
  assignee?: string | null
  caseNo?: string
  phoneTail?: string
  /** Only cases rated 1–2 stars. */
  lowRating?: boolean
  limit: number
}

export type CreateCaseResult = { kind: 'created'; case: CaseRecord } | { kind: 'duplicate'; case: CaseRecord } | { kind: 'too_many_open' }

export type ClaimResult = { kind: 'claimed'; case: CaseRecord } | { kind: 'unknown' } | { kind: 'expired' } | { kind: 'used' }

export interface CaseStepWrite {
  /** The state the caller read: the step happens only if the case is still in it. */
  from: CaseState
  to: CaseState
  patch: CasePatch
  event: NewCaseEvent
  message?: CaseMessage | null
  /** Uploaded photos of the caller to attach to this event (all of them, or nothing is written). */
  photoIds?: readonly string[]
  /** Drop the caller's other photos still waiting on this case (chosen, uploaded, then left out of the reply). */
  discardPendingPhotos?: boolean
  /** Originals log entries written with the step (e.g. given back with the result). */
  originals?: readonly NewCaseOriginal[]
}

export interface CaseRepo {
  get(id: string): Promise<CaseRecord | null>
  /**
   * One atomic unit: the first result for a repeated (createdBy, requestId); for an
   * online case, refuse an owner with `maxOpen` open cases; take the next number of
   * `date` from the day's counter; insert the case, its checklist, the first event and the 消息.
   */
  create(c: NewCase, options: { date: IsoDate; numberOf: (seq: number) => string; materials: Material[]; event: NewCaseEvent; message: (stored: CaseRecord) => CaseMessage | null; maxOpen: number }): Promise<CreateCaseResult>
  /** Atomic: the step, its event, photos, originals and 消息, if the case is still in `from`. Null when it changed (or a photo is not the caller's pending one). */
  step(id: string, write: CaseStepWrite): Promise<CaseRecord | null>
  /** Atomic: a new assignee if the current one is still `expected` and the case is not final; the event with it. */
  reassign(id: string, expected: string | null, to: { openid: string; name: string }, event: NewCaseEvent): Promise<CaseRecord | null>
  timeline(id: string): Promise<CaseEventRecord[]>
  materials(id: string): Promise<CaseMaterialRecord[]>
  /** Sets one checklist item; null when the case has no such item. */
  tickMaterial(id: string, index: number, status: CaseMaterialRecord['status'], by: { openid: string; name: string }, at: string): Promise<CaseMaterialRecord | null>
  originals(id: string): Promise<CaseOriginalRecord[]>
  /** Adds a log entry; a return must name a received entry of this case not yet returned (else null). */
  addOriginal(id: string, entry: NewCaseOriginal): Promise<CaseOriginalRecord | null>
  rating(id: string): Promise<CaseRatingRecord | null>
  /** One rating per case: false when the case was already rated. */
  rate(rating: CaseRatingRecord): Promise<boolean>
  /** Ratings of several cases at once (for lists). */
  ratingsOf(ids: readonly string[]): Promise<CaseRatingRecord[]>
  /** Atomic: store a photo unless the owner already has `maxPending` photos waiting to be sent with a reply on this case. */
  addPhoto(photo: CasePhotoRecord & { dataUrl: string }, maxPending: number): Promise<boolean>
  photo(caseId: string, photoId: string): Promise<(CasePhotoRecord & { dataUrl: string }) | null>
  /** A resident's cases in a center in these states, newest first. */
  listByOwner(centerId: string, openid: string, states: readonly CaseState[], limit: number): Promise<CaseRecord[]>
  listForStaff(query: CaseStaffQuery): Promise<CaseRecord[]>
  /** Replaces a counter case's claim code while it is not linked; false when it is. */
  setClaimCode(id: string, hash: string, expiresAt: string): Promise<boolean>
  /** Atomic: link the case holding this unexpired, unused claim code to `openid`, with the event; the code is spent. The same caller again: their case. */
  claim(hash: string, openid: string, at: string, event: (c: CaseRecord) => NewCaseEvent): Promise<ClaimResult>
  /** Failed claim attempts of a caller since an instant (for the rate limit), and recording one. */
  claimFailuresSince(openid: string, since: string): Promise<number>
  recordClaimFailure(openid: string, at: string): Promise<void>
  /** Staff of a center who can hold cases (counter, supervisor, admin), with their roles. */
  clerks(centerId: string): Promise<{ openid: string; name: string; roles: StaffRole[] }[]>
  /**
   * Retention (`caseDue`): final cases whose last step is past the cut-off lose the applicant's name, phone (and its tail),
   * description, address, result text, pickup code and claim code; openid and creator become `purged:<id>`; the timeline's
   * notes and result texts, the residents as actors, the checklist's and originals' notes, the rating's comment and
   * openid go; the photos are deleted. State, times, pauses, service and stars (what statistics read) stay.
   * Also drops claim-failure rows older than the cut-off. Returns how many cases were purged.
   */
  purgePersonalData(cutoff: RetentionCutoff, at: string): Promise<number>
}

export interface Store {
  centers: CenterRepo
  calendar: CalendarRepo
  staff: StaffRepo
  bookings: BookingRepo
  messages: MessageRepo
  audit: AuditRepo
  queue: QueueRepo
  homecert: HomecertRepo
  cases: CaseRepo
  staffAdmin: StaffAdminRepo
  config: ConfigRepo
  stats: StatsRepo
  close(): void
}

// ---------------------------------------------------------------- staff administration, configuration, statistics

/** A one-time staff invite as stored: the code only as its hash. */
export interface InviteRecord {
  id: string
  centerId: string
  codeHash: string
  /** The code's last two characters, to tell invites apart. */
  codeTail: string
  /** The invitee's name as the admin wrote it. */
  name: string
  grant: Grant
  createdBy: string
  createdByName: string
  createdAt: string
  expiresAt: string
  usedBy: string | null
  usedByName: string | null
  usedAt: string | null
  cancelledAt: string | null
}

export type RedeemInviteResult =
  | { kind: 'redeemed'; invite: InviteRecord; grants: StaffGrant[] }
  /** The same person took this invite up before: what they hold. */
  | { kind: 'already_yours'; invite: InviteRecord; grants: StaffGrant[] }
  | { kind: 'unknown' }
  | { kind: 'expired'; invite: InviteRecord }
  | { kind: 'used'; invite: InviteRecord }
  | { kind: 'cancelled'; invite: InviteRecord }

/** A person holding one or more roles in a center. */
export interface StaffMemberRecord {
  openid: string
  name: string
  grants: Grant[]
  since: string
}

export interface StaffAdminRepo {
  createInvite(invite: InviteRecord): Promise<void>
  /** A center's invites, newest first. */
  invites(centerId: string, limit: number): Promise<InviteRecord[]>
  inviteByHash(codeHash: string): Promise<InviteRecord | null>
  /** Atomic: an unused, uncancelled invite → cancelled. Null when it was not (or is not this center's). */
  cancelInvite(centerId: string, id: string, at: string): Promise<InviteRecord | null>
  /**
   * One atomic unit: the invite is marked used by `openid` only if it is still
   * unused, not cancelled and unexpired at `at` (a conditional update, so two
   * processes never both take it up); then the role is written, merged with what
   * the person holds in that role (`merge`), and every role row of the person in
   * the center takes the invite's name.
   */
  redeem(codeHash: string, openid: string, at: string, merge: (held: Grant | undefined, added: Grant) => Grant): Promise<RedeemInviteResult>
  /** Wrong codes a caller tried since an instant (for the rate limit), and recording one. */
  redeemFailuresSince(openid: string, since: string): Promise<number>
  recordRedeemFailure(openid: string, at: string): Promise<void>
  /** Everyone holding a role in the center, by name. */
  members(centerId: string): Promise<StaffMemberRecord[]>
  /** Makes a person a district admin (区级管理员), or renames one; for the deployer (seed, `seed:cloud --district`). */
  grantDistrict(openid: string, name: string, at: string): Promise<void>
  /** Writes one grant (a new role or a new scope) of a person already holding some role in the center; false when they hold none. */
  setGrant(centerId: string, openid: string, grant: Grant, at: string): Promise<boolean>
  /**
   * One atomic unit: takes one role from a person, unless it is the center's last
   * admin role; a grid worker losing the grid role stops being the responsible
   * worker of their communities.
   */
  revokeGrant(centerId: string, openid: string, role: StaffRole): Promise<'revoked' | 'not_found' | 'last_admin'>
}

/** A service as configured, retired ones included. */
export interface ServiceConfigRecord extends ServiceRecord {
  retired: boolean
}

export type SaveServiceResult = { kind: 'saved'; service: ServiceConfigRecord } | { kind: 'not_found' } | { kind: 'name_taken' }

export interface ConfigRepo {
  /** Every service of a center, retired ones too, in guide order. */
  allServices(centerId: string): Promise<ServiceConfigRecord[]>
  /** Booked or checked-in appointments per service with a date on or after `from`. */
  upcomingBookings(centerId: string, from: IsoDate): Promise<Map<string, number>>
  updateCenter(centerId: string, card: Pick<CenterRecord, 'name' | 'address' | 'phone' | 'latitude' | 'longitude' | 'hours'>): Promise<void>
  /** A closure or extra opening day (replaces one on the same date). */
  setDay(centerId: string, date: IsoDate, open: boolean, reason: string): Promise<void>
  removeDay(centerId: string, date: IsoDate): Promise<boolean>
  /**
   * One atomic unit: insert or update the service (a name used by another of the
   * center's services is refused) and give every slot counter of it dated
   * `today` or later the new capacity, never below what is booked in it.
   */
  saveService(service: ServiceConfigRecord, options: { create: boolean; today: IsoDate }): Promise<SaveServiceResult>
  setServiceRetired(centerId: string, id: string, retired: boolean): Promise<ServiceConfigRecord | null>
  /** Insert or rename a window; refused when the number is another window's. */
  saveWindow(window: WindowRecord, create: boolean): Promise<'saved' | 'number_taken' | 'not_found'>
  /** Atomic: removes a window no service names; 'in_use' otherwise. */
  removeWindow(centerId: string, id: string): Promise<'removed' | 'in_use' | 'not_found'>
  /** Insert or update a community; a rename rewrites the staff scopes that name it, in the same unit. */
  saveCommunity(community: CommunityRecord, create: boolean): Promise<'saved' | 'name_taken' | 'not_found'>
  /** Atomic: removes a community no request names; 'in_use' otherwise. */
  removeCommunity(centerId: string, id: string): Promise<'removed' | 'in_use' | 'not_found'>
  /** Home-certification requests per community (any status). */
  communityRequestCounts(centerId: string): Promise<Map<string, number>>
  setBookingRules(centerId: string, rules: Partial<BookingRules>): Promise<void>
  setQueueRules(centerId: string, rules: Partial<QueueRules>): Promise<void>
  setHomecertRules(centerId: string, rules: Partial<HomecertRules>): Promise<void>
}

/**
 * Daily aggregates of the statistics (see src/core/statistics.ts) and the
 * per-day reads that build them. The day reads touch one Beijing day of one
 * area through its date index; the page reads only the aggregates.
 */
export interface StatsRepo {
  /** Which areas this store holds records of (an area not landed yet answers false). */
  areas(): Promise<Record<StatsArea, boolean>>
  /** The first Beijing date with a record of the area in the center; null when none. */
  firstDay(centerId: string, area: StatsArea): Promise<IsoDate | null>
  /** Built days that could still change, and the last day built. */
  unsettledDays(centerId: string, area: StatsArea): Promise<IsoDate[]>
  lastBuiltDay(centerId: string, area: StatsArea): Promise<IsoDate | null>
  bookingsOn(centerId: string, date: IsoDate): Promise<{ serviceId: string; status: BookingOutcome }[]>
  ticketsOn(centerId: string, date: IsoDate): Promise<TicketFacts[]>
  homecertOn(centerId: string, date: IsoDate): Promise<HomecertFacts[]>
  casesOn(centerId: string, date: IsoDate): Promise<CaseFacts[]>
  ratingsOn(centerId: string, date: IsoDate): Promise<{ stars: number }[]>
  /** Atomic: the day's rows of the area replaced, the day noted as built (and whether it is settled). */
  replaceDay(centerId: string, area: StatsArea, date: IsoDate, rows: readonly StatRow[], settled: boolean, at: string): Promise<void>
  /** The rows of [from, to] summed per area, metric and keys. */
  sum(centerId: string, from: IsoDate, to: IsoDate): Promise<SummedRow[]>
  /** Per-date rows of [from, to] of the given (area, metric) pairs. */
  daily(centerId: string, from: IsoDate, to: IsoDate, metrics: readonly { area: StatsArea; metric: string }[]): Promise<(SummedRow & { date: IsoDate })[]>
  /** The dates in [from, to] with the area built, and the oldest build time among them. */
  built(centerId: string, area: StatsArea, from: IsoDate, to: IsoDate): Promise<{ dates: IsoDate[]; oldest: string | null }>
}
