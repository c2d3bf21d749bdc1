import * as z from 'zod/mini'
import type { DayKind } from '../core/opening-hours'
import { RELATION_KEYS, type RelationKey } from '../core/relations'
import type { WaitStatus } from '../core/waitlist'
import type { Material } from '../core/materials'
import type { PeopleOutputs } from './people'
import type { CheckInStatus } from './queue'
import { centerScoped, clockField, freeText, isoDateField, personInput, recordId, requestId } from './common'

const note = z.optional(freeText('备注', { max: 200, multiline: true }))

const bookingId = recordId('预约')
const waitEntryId = recordId('候补')
const consent = z.literal(true, { error: '请阅读并同意《个人信息保护说明》后再提交' })

/**
 * Who comes, from 我的身份 and 亲友: `self`, or a relative's id. Their name and ID number are then
 * taken from what is stored (and `person` carries only the phone); without it `person` is typed in full.
 * `forSelf` is true when booking for oneself; otherwise `relation` says who the person is.
 */
const whoComesFields = {
  personRef: z.optional(recordId('办事人')),
  person: z.partial(personInput, { name: true, idNumber: true }),
  forSelf: z.boolean({ error: '请选择为谁预约' }),
  relation: z.optional(z.enum(RELATION_KEYS, { error: '请选择与办事人的关系' })),
}

/** The person typed in full unless picked, and the relation unless for oneself. */
function checkWhoComes(ctx: {
  value: { personRef?: string; person: { name?: string; idNumber?: string }; forSelf: boolean; relation?: RelationKey }
  issues: z.core.$ZodRawIssue[]
}) {
  if (!ctx.value.personRef) {
    if (ctx.value.person.name === undefined)
      ctx.issues.push({ code: 'custom', path: ['person', 'name'], message: '请填写姓名', input: undefined })
    if (ctx.value.person.idNumber === undefined)
      ctx.issues.push({ code: 'custom', path: ['person', 'idNumber'], message: '请填写身份证号码', input: undefined })
  }
  if (!ctx.value.forSelf && !ctx.value.relation) {
    ctx.issues.push({ code: 'custom', path: ['relation'], message: '请选择与办事人的关系', input: ctx.value.relation })
  }
}

/** `booking`: a resident's counter appointments (预约办事). Every action needs a signed-in caller. */
export const bookingInputs = {
  create: z
    .extend(centerScoped, {
      serviceId: recordId('事项'),
      date: isoDateField('预约日期'),
      start: clockField('预约时段'),
      ...whoComesFields,
      note,
      consent,
      requestId,
    })
    .check(checkWhoComes),
  /** 20 a page: `upcoming` soonest first, `done` and `cancelled` latest first; pass the previous page's `nextCursor` for more. */
  listMine: z.extend(centerScoped, {
    tab: z._default(z.enum(['upcoming', 'done', 'cancelled'], { error: '没有这个分类' }), 'upcoming'),
    cursor: z.optional(z.string({ error: '分页参数不正确' }).check(z.maxLength(200, { error: '分页参数不正确' }))),
  }),
  get: z.extend(centerScoped, { id: bookingId }),
  cancel: z.extend(centerScoped, {
    id: bookingId,
    reason: z.optional(freeText('取消原因', { max: 100 })),
  }),
  /** Moves a booking to another slot; sending the same move again answers the moved booking. */
  reschedule: z.extend(centerScoped, {
    id: bookingId,
    date: isoDateField('新的预约日期'),
    start: clockField('新的预约时段'),
  }),
  listMessages: centerScoped,
  /**
   * 候补: join the line of a full slot (`start`), or of a full day (no `start`: any time that day), with the
   * person chosen as for a booking. A retried request answers its first entry.
   */
  joinWaitlist: z
    .extend(centerScoped, {
      serviceId: recordId('事项'),
      date: isoDateField('候补日期'),
      start: z.optional(clockField('候补时段')),
      ...whoComesFields,
      consent,
      requestId,
    })
    .check(checkWhoComes),
  /** The caller's 候补 from today on: place in line, offers held for them. */
  myWaitlist: centerScoped,
  leaveWaitlist: z.extend(centerScoped, { id: waitEntryId }),
  /** Books the seat offered to this entry (one tap); the same request id again answers the same booking. */
  acceptOffer: z.extend(centerScoped, { id: waitEntryId, requestId }),
  /** The booking form's first screen: the service, who may come (我的身份, 亲友) and the name and phone last used. */
  form: z.extend(centerScoped, { serviceId: recordId('事项') }),
}

/**
 * - `booked`: waiting for the visit
 * - `checked_in`: arrived and checked in (签到), waiting at the counter
 * - `completed`: served
 * - `cancelled`: cancelled by the resident
 * - `no_show`: not checked in by the slot's end + the grace period (失约)
 */
export type BookingStatus = 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'

/** The 我的预约 tabs: 待办理 (booked, checked_in), 已完成 (completed), 已取消、失约 (cancelled, no_show). */
export type BookingTab = 'upcoming' | 'done' | 'cancelled'

export interface BookingSummary {
  id: string
  /** Short code the counter reads or scans, e.g. `K7M4QP`; unambiguous characters only. */
  code: string
  centerId: string
  centerName: string
  serviceId: string
  serviceName: string
  /** Beijing date and wall-clock times of the slot. */
  date: string
  weekday: string
  start: string
  end: string
  /** The same slot as ISO instants (for wx.addPhoneCalendar and countdowns). */
  startsAt: string
  endsAt: string
  status: BookingStatus
  /** e.g. 待办理, 已签到, 已完成, 已取消, 已失约. */
  statusText: string
  personName: string
  /** True until the slot starts while the booking is `booked`. */
  canCancel: boolean
  canReschedule: boolean
}

export interface BookingPerson {
  name: string
  /** Always masked, e.g. `3702**********123X`. */
  idNumberMasked: string
  /** Full to the booking's owner (the caller who created it), masked (`138****5678`) to anyone else. */
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  /** e.g. 父母; null when booking for oneself. */
  relationName: string | null
}

export interface BookingDetail extends BookingSummary {
  person: BookingPerson
  note: string | null
  /** Where to go; `location` opens the map (导航). */
  center: { name: string; address: string; phone: string; location: { latitude: number; longitude: number } }
  /** Windows that serve this service, e.g. 2 号窗口 社保医保. */
  windows: { number: number; name: string }[]
  /** What to bring, from the service guide (so one trip is enough). */
  materials: Material[]
  createdAt: string
  cancelledAt: string | null
  /** Check in no later than this instant, or the booking becomes a no-show. */
  checkInBy: string
  /**
   * The 签到取号 entry as it stands (queue.checkInStatus's answer, so the booking page opens on one call); null for a
   * booking that can no longer be checked in, or for a viewer who did not make it (only its maker checks it in).
   */
  checkIn: CheckInStatus | null
}

export interface BookingList {
  items: BookingSummary[]
  /** Pass as `cursor` for the next page; null when there is no more. */
  nextCursor: string | null
}

/** A 消息 for the resident: a booking reminder, no-show or closed-day notice, a home-certification or case step, a queue call. */
export interface BookingMessage {
  id: string
  kind: 'reminder' | 'no_show' | 'closure' | 'homecert' | 'case' | 'queue' | 'waitlist' | 'rating'
  title: string
  body: string
  bookingId: string | null
  /** The page the 消息 opens; absent or null: none (or the booking, when `bookingId` is set). */
  link?: string | null
  createdAt: string
}

export interface BookingOutputs {
  /**
   * The booking made (or found again for a retried request id), in full: what the booking page shows, so the page
   * opens on it without a `get` (issue 21: one call per screen on a phone network).
   */
  create: BookingDetail
  listMine: BookingList
  get: BookingDetail
  cancel: BookingDetail
  reschedule: BookingDetail
  listMessages: { items: BookingMessage[] }
  joinWaitlist: WaitEntry
  myWaitlist: { items: WaitEntry[] }
  leaveWaitlist: WaitEntry
  /** The booking made from the offer (open it with `get`). */
  acceptOffer: BookingSummary
  form: BookingFormStart
}

/** The booking form's first screen in one answer. */
export interface BookingFormStart {
  /** With what to bring, shown before 确认预约 (so one trip is enough). */
  service: { id: string; name: string; materials: Material[] }
  /** 本人 and 亲友 to pick from, as `people.me` answers them. */
  people: PeopleOutputs['me']
  /** Name and phone of the caller's latest booking, to fill in (the ID number is never sent back); null for none. */
  lastPerson: { name: string; phone: string } | null
}

/** One 候补 entry of the caller. */
export interface WaitEntry {
  id: string
  serviceId: string
  serviceName: string
  date: string
  weekday: string
  /** The slot waited for; null: any time that day. */
  start: string | null
  status: WaitStatus
  /** e.g. 候补中, 有空位，待确认, 已预约. */
  statusText: string
  /** How many are ahead in line (while waiting); null otherwise. */
  ahead: number | null
  /** The seat held for them (status offered): the slot and until when (ISO instant). */
  offer: { start: string; expiresAt: string } | null
  /** The booking an accepted offer became. */
  bookingId: string | null
  personName: string
}

/** For the date strip (closed days visibly closed with the reason). */
export interface AvailabilityDay {
  date: string
  /** 周一 … 周日 */
  weekday: string
  /** The center works that day. */
  open: boolean
  kind: DayKind
  /** Why it is closed (国庆节, 周末休息, 系统升级) or why an unusual day is open (国庆节调休上班). */
  reason?: string
  /** Empty on a closed day. */
  slots: AvailabilitySlot[]
}

export interface AvailabilitySlot {
  start: string
  end: string
  capacity: number
  remaining: number
  /** False when full or starting within the lead time. */
  available: boolean
  /** Starts within the lead time (or has started): neither booked nor waited for. */
  tooSoon: boolean
  /** Its start has passed (pages leave these out). */
  started: boolean
  /** Why not available, in words: 已约满, 需提前 30 分钟预约 (the center's lead time), 时间已过. */
  note?: string
}

export interface Availability {
  serviceId: string
  serviceName: string
  slotMinutes: number
  /** A slot starting sooner than this many minutes from now is not offered. */
  leadMinutes: number
  /** Today in Beijing and the last bookable date (today + N working days). */
  today: string
  lastDate: string
  /** WeChat subscribe-message templates to request from the submit tap (the day-before reminder); empty when not configured. */
  subscribeTemplateIds: string[]
  days: AvailabilityDay[]
}
