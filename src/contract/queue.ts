import * as z from 'zod/mini'
import { isBookingCode, normalizeBookingCode } from '../core/booking-code'
import type { QueueBoard } from '../core/queue-board'
import type { CheckInTiming } from '../core/queue-check-in'
import type { ElsewhereHint } from '../core/queue-desk'
import type { GreenReason, QueueAction, TicketKind, TicketStatus } from '../core/queue-tickets'
import type { ServiceCategoryKey } from '../core/service-categories'
import { centerScoped, recordId, requestId } from './common'

const ticketId = recordId('排队号')
const bookingId = recordId('预约')

const window = z
  .number({ error: '请选择窗口' })
  .check(z.int({ error: '窗口号格式不正确' }), z.gte(1, { error: '窗口号格式不正确' }), z.lte(99, { error: '窗口号格式不正确' }))

/** The rotating code shown on the hall screen (typed in H5, scanned from its QR code in WeChat). */
const onSiteCode = z
  .pipe(
    z.string({ error: '请输入大厅屏幕上的签到码' }),
    z.transform((v: string) => v.replace(/\s+/g, '')),
  )
  .check(z.refine((v) => /^\d{6}$/.test(v), { error: '签到码是大厅屏幕上的 6 位数字' }))

const bookingCode = z
  .pipe(z.string({ error: '请输入预约码' }), z.transform(normalizeBookingCode))
  .check(z.refine(isBookingCode, { error: '预约码是 6 位字母和数字' }))

const windowAction = z.extend(centerScoped, { window, id: ticketId })

/**
 * `queue`: check-in, queue tickets and the counter console (签到取号 · 叫号).
 * Residents check in and follow their ticket; counter staff and admins work
 * the queue for their own windows; the hall screen and the kiosk run signed in as staff.
 */
export const queueInputs = {
  /** Whether a booking can be checked in now (for the 签到取号 entry on the booking page). */
  checkInStatus: z.extend(centerScoped, { bookingId }),
  /** The caller's bookings of today with where to go and whether they can check in now (首页 and 我的 show them). */
  today: centerScoped,
  /** A resident checks their booking in with the on-site code; a second check-in answers the same ticket. */
  checkIn: z.extend(centerScoped, {
    bookingId,
    code: onSiteCode,
    /** The person holds a disability certificate (残疾人证), shown at the window: green channel. */
    disability: z.optional(z.boolean({ error: '请选择是否持有残疾人证' })),
    /** The resident allowed the 即将到号 notice (in the weapp: accepted the subscribe prompt of the check-in tap). */
    notifySoon: z.optional(z.boolean({ error: '请选择是否接收即将到号提醒' })),
  }),
  /** One of the caller's tickets, with its place in the queue (the page polls this). */
  myTicket: z.extend(centerScoped, { id: ticketId }),
  /** The caller's tickets of today. */
  myTickets: centerScoped,

  /** The hall screen: the board and the current on-site code (staff-signed-in device). */
  display: centerScoped,
  /** The counter console of one window: current, waiting in call order, skipped, today's counts. */
  console: z.extend(centerScoped, { window }),
  /** One ticket with its timeline (who did what, when). */
  ticket: z.extend(centerScoped, { id: ticketId }),
  callNext: z.extend(centerScoped, { window }),
  recall: windowAction,
  skip: windowAction,
  putBack: windowAction,
  start: windowAction,
  complete: windowAction,
  setGreen: windowAction,
  transfer: z.extend(windowAction, { serviceId: recordId('事项') }),
  /** A clerk checks a booking in by its booking code (no on-site code needed: the clerk sees the person). */
  checkInByCode: z.extend(centerScoped, { window, code: bookingCode }),
  /** 现场取号 from the kiosk or by a clerk; the same request id answers the same ticket. */
  issueWalkIn: z.extend(centerScoped, {
    serviceId: recordId('事项'),
    requestId,
    source: z.enum(['kiosk', 'clerk'], { error: '取号来源不正确' }),
    /** `disability`: the person says they hold a certificate; `clerk`: the clerk puts them first. */
    green: z.optional(z.enum(['disability', 'clerk'], { error: '绿色通道类型不正确' })),
  }),
}

export type { CheckInTiming, ElsewhereHint, GreenReason, QueueAction, QueueBoard, TicketKind, TicketStatus }
export type { BoardCall, BoardQueue } from '../core/queue-board'

/** What both a resident and counter staff see of a ticket. */
export interface TicketBasics {
  id: string
  /** e.g. A012 */
  label: string
  queue: ServiceCategoryKey
  queueName: string
  serviceId: string
  serviceName: string
  kind: TicketKind
  /** 预约 or 现场取号 */
  kindText: string
  status: TicketStatus
  statusText: string
  personName: string | null
  /** The window it was called to (called, serving, completed, skipped). */
  window: number | null
  arrivedAt: string
  calledAt: string | null
  recalls: number
}

/** A resident's ticket, with the one sentence that matters now. */
export interface MyTicket extends TicketBasics {
  centerId: string
  date: string
  windowName: string | null
  /** Waiting: people ahead in this queue, and the estimated minutes until the turn. */
  ahead: number | null
  estimatedMinutes: number | null
  /** 前面还有 3 人，预计等候约 15 分钟 · 请到 3 号窗口办理 · … */
  headline: string
  /** Something to know about how it was issued (a late check-in became a walk-in). */
  notice: string | null
  /** While more than the center's 即将到号 count are ahead of a resident who allowed the notice: that it will come. */
  soonNote: string | null
  /** 绿色通道：70 岁以上 — or null. */
  green: string | null
  bookingId: string | null
  boardVersion: number
  /** The server's clock at this answer. */
  now: string
}

export interface CheckInStatus {
  timing: CheckInTiming | 'checked_in' | 'unavailable'
  /** The 签到取号 entry is shown (open, or late: then the resident joins as a walk-in). */
  canCheckIn: boolean
  /** What to tell the resident, or null when check-in is simply open. */
  message: string | null
  /** When check-in opens (ISO). */
  opensAt: string
  /** The ticket, once checked in. */
  ticketId: string | null
}

/** The check-in page's first screen in one answer: the check-in as it stands, and the booking it is for. */
export interface CheckInStatusOfBooking extends CheckInStatus {
  booking: { serviceName: string; date: string; weekday: string; start: string; end: string; personName: string }
  /** Once checked in, the ticket as myTicket answers it: the page hands it to the ticket page, which asks nothing first. */
  ticket: MyTicket | null
}

/** A booking of today as 首页 shows it: when, what, where, and the check-in as it stands now. */
export interface TodayBooking {
  bookingId: string
  serviceName: string
  start: string
  end: string
  /** e.g. 待办理, 已签到 */
  statusText: string
  /** The center's address and the windows that serve the service, e.g. 灵山卫街道…（1、2、3 号窗口）. */
  where: string
  checkIn: CheckInStatus
}

/** A ticket as counter staff see it. */
export interface StaffTicket extends TicketBasics {
  /** Beside `personName`: 已实名核验, or 自行填报 (typed in, not verified); null without a person (a counter walk-in). */
  personCheck: string | null
  green: GreenReason | null
  /** Waiting tickets: 1 = next at this window. */
  position: number | null
  /** Why it is where it is: 绿色通道：70 岁以上 · 预约 09:30 · 现场取号 09:12 (waiting), or the state in words. */
  reason: string
  /** Minutes since arrival (waiting) or from arrival to the call. */
  waitedMinutes: number
  /** A skipped ticket not yet put back. */
  canPutBack: boolean
  late: boolean
}

export interface QueueConsole {
  centerId: string
  date: string
  window: number
  windowName: string
  /** The windows the caller may work, each with how many wait for its services. */
  windows: { number: number; name: string; waiting: number }[]
  /** When nobody waits here but some wait at another of her windows: where, and the window to call for. */
  elsewhere: ElsewhereHint | null
  /** This window's services (for 现场取号). */
  services: { id: string; name: string; queueName: string }[]
  /** Every service of the center (transfer targets). */
  allServices: { id: string; name: string; queueName: string }[]
  /** Called or being served at this window. */
  current: StaffTicket[]
  /** Waiting for this window's services, in call order. */
  waiting: StaffTicket[]
  /** Skipped at this window today. */
  skipped: StaffTicket[]
  counts: { waiting: number; skipped: number; completedHere: number; completedToday: number }
  boardVersion: number
  now: string
}

export interface TicketEvent {
  at: string
  action: QueueAction | 'issue' | 'check_in'
  /** e.g. 叫号 · 2 号窗口 */
  text: string
  actorName: string | null
  window: number | null
  note: string | null
}

export interface TicketDetail {
  ticket: StaffTicket
  events: TicketEvent[]
}

export interface CallNextResult {
  /** Null when nobody is waiting for this window's services. */
  ticket: StaffTicket | null
  message: string
}

export interface IssuedTicket {
  ticket: StaffTicket
  ahead: number
  estimatedMinutes: number
}

export interface QueueDisplay {
  centerName: string
  board: QueueBoard
  windows: { number: number; name: string }[]
  checkIn: {
    /** The current 6-digit on-site code. */
    code: string
    /** What its QR code holds (the mini-program's scanner reads it). */
    qrText: string
    /** When the screen shows the next code (the one before keeps working for one more period). */
    changesAt: string
    rotateMinutes: number
  }
  now: string
}

export interface QueueOutputs {
  checkInStatus: CheckInStatusOfBooking
  today: { today: string; items: TodayBooking[] }
  checkIn: MyTicket
  myTicket: MyTicket
  myTickets: { items: MyTicket[] }
  display: QueueDisplay
  console: QueueConsole
  ticket: TicketDetail
  callNext: CallNextResult
  recall: StaffTicket
  skip: StaffTicket
  putBack: StaffTicket
  start: StaffTicket
  complete: StaffTicket
  setGreen: StaffTicket
  transfer: StaffTicket
  checkInByCode: StaffTicket
  issueWalkIn: IssuedTicket
}
