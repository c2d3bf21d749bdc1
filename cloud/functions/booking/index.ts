import { bookingInputs } from '@/contract/booking'
import type { ParsedInput } from '@/contract'
import type { BookingDetail } from '@/contract/booking'
import type { CheckInStatus } from '@/contract/queue'
import { blockMessage, canChange, noShowBlock, noShowLookbackStart, TAB_STATES } from '@/core/booking-rules'
import { ID_NUMBER_MESSAGES, idNumberProblem } from '@/core/id-number'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { centerRules, requireCenter } from '@cloud/runtime/center'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { defineFunction } from '@cloud/runtime/dispatch'
import type { BookingRecord, CenterRecord, ServiceRecord, WindowRecord } from '@cloud/store/port'
import { addRelative, limitHolderRule, verifiedIdHash } from '../people/on-file'
import { peopleOnFile } from '../people/views'
import { checkInStatusOf } from '../queue/check-in-status'
import { bookingDetail, bookingSummary } from './view'
import { bookableSlot, loadSchedule, type Schedule } from './schedule'
import { bookingIdFor, newCode } from './ids'
import { waitlistActions } from './waitlist'
import { comerFields, whoComes } from './who-comes'

const PAGE_SIZE = 20
/** Every state a booking can be in (the form's prefill takes the latest, whatever became of it). */
const ALL_STATES = [...new Set(Object.values(TAB_STATES).flat())]
const MESSAGES_SHOWN = 50

/**
 * A booking of this caller in this center, or NOT_FOUND — the same answer as for one that does not exist, so ids
 * reveal nothing. With `inMyName`, also one anybody made in the caller's name once their identity is verified:
 * the person sees and may cancel what others booked for them.
 */
async function ownBooking(ctx: ActionContext, centerId: string, id: string, inMyName = false): Promise<BookingRecord> {
  const b = await ctx.store.bookings.get(id)
  if (!b || b.centerId !== centerId) throw notFound('预约')
  if (b.openid === ctx.openid) return b
  if (inMyName && b.idHash === (await verifiedIdHash(ctx))) return b
  throw notFound('预约')
}

/**
 * The service a booking was made for, taken off the guide since (retired) included: a resident can
 * still open an old booking of it. Retiring waits until no booking of it is still to come.
 */
async function serviceOf(ctx: ActionContext, b: BookingRecord): Promise<ServiceRecord> {
  const service =
    (await ctx.store.centers.service(b.centerId, b.serviceId)) ??
    (await ctx.store.config.allServices(b.centerId)).find((s) => s.id === b.serviceId)
  // A booking outlives nothing it points to: the schema's foreign keys keep the row.
  if (!service) throw new Error(`booking ${b.id} points to a missing service`)
  return service
}

async function centerOf(ctx: ActionContext, b: BookingRecord): Promise<CenterRecord> {
  const center = await ctx.store.centers.get(b.centerId)
  if (!center) throw new Error(`booking ${b.id} points to a missing center`)
  return center
}

/** The 签到取号 entry of the booking page, for its maker only (the one who may check it in). */
async function checkInOf(ctx: ActionContext, b: BookingRecord, center: CenterRecord, now: Date): Promise<CheckInStatus | null> {
  if (b.openid !== ctx.openid || !CHECK_IN_SHOWN.has(b.status)) return null
  return checkInStatusOf(ctx.store, b, centerRules(center).queue, now)
}
const CHECK_IN_SHOWN: ReadonlySet<BookingRecord['status']> = new Set(['booked', 'checked_in', 'no_show'])

/** What an action already loaded for a booking's detail: its schedule, and the center's windows when it read them too. */
type Known = Pick<Schedule, 'center' | 'service'> & { windows?: WindowRecord[] }

/** The wire view of a booking; `known` passes records the action already loaded (the reschedule path reads each once). */
async function detail(ctx: ActionContext, b: BookingRecord, known?: Known): Promise<BookingDetail> {
  const now = ctx.now()
  const sameCenter = known?.center.id === b.centerId
  const [center, service, windows] = await Promise.all([
    sameCenter ? known.center : centerOf(ctx, b),
    known?.service.id === b.serviceId ? known.service : serviceOf(ctx, b),
    sameCenter && known.windows ? known.windows : ctx.store.centers.windows(b.centerId),
  ])
  // Object.assign, not a spread first and a key added: see bookingDetail.
  return Object.assign(bookingDetail(b, center, service, windows, ctx.openid, now), { checkIn: await checkInOf(ctx, b, center, now) })
}

function encodeCursor(b: BookingRecord): string {
  return Buffer.from(JSON.stringify([b.startsAt, b.id])).toString('base64url')
}

function decodeCursor(cursor: string): { startsAt: string; id: string } {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof startsAt === 'string' && typeof id === 'string') return { startsAt, id }
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', '分页参数不正确，请刷新后重试', { cursor: '分页参数不正确' })
}

/** Why a booking in this state cannot be changed, in words. */
function unchangeableMessage(b: BookingRecord, verb: '取消' | '改约'): string {
  switch (b.status) {
    case 'cancelled':
      return `该预约已取消，不能${verb}`
    case 'no_show':
      return `该预约已失约，不能${verb}`
    case 'checked_in':
    case 'completed':
      return `该预约已签到办理，不能${verb}`
    case 'booked':
      return `预约时段已开始，不能${verb}`
  }
}

/** Makes booking `id` (a new one, or the first result of a retried request). */
async function book(input: ParsedInput<'booking', 'create'>, ctx: ActionContext, id: string): Promise<BookingDetail> {
  const openid = ctx.openid!
  const pii = requirePii(ctx)
  // The windows the answer shows, read with the schedule: on SQLite one check of the configuration for both, not two.
  const [schedule, windows] = await Promise.all([
    loadSchedule(ctx, input.centerId, input.serviceId),
    ctx.store.centers.windows(input.centerId),
  ])
  const person = await whoComes(input, ctx)
  if (idNumberProblem(person.idNumber, schedule.today) === 'birth_date') {
    throw new AppError('INVALID_INPUT', undefined, { 'person.idNumber': ID_NUMBER_MESSAGES.birth_date })
  }
  const slot = bookableSlot(schedule, input.date, input.start)
  const idHash = pii.hash(person.idNumber)
  // Whose limits it counts against, decided by the store from the caller's identity and relatives read in its create.
  const limitKey = limitHolderRule(ctx, idHash)

  const now = schedule.now.toISOString()
  const result = await ctx.store.bookings.create(
    {
      id,
      centerId: input.centerId,
      serviceId: input.serviceId,
      openid,
      requestId: input.requestId,
      ...comerFields(person, input.person.phone, { idHash, limitKey }, pii),
      note: input.note || null,
      createdAt: now,
    },
    slot,
    {
      maxActive: schedule.rules.maxActiveBookings,
      now,
      // The no-show block, decided by the store on the holder's no-shows (it reads none for a holder with no booking).
      noShows: {
        since: noShowLookbackStart(schedule.now, schedule.rules).toISOString(),
        blockedUntil: (noShows) => noShowBlock(noShows, schedule.now, schedule.rules)?.until.toISOString() ?? null,
      },
    },
    newCode,
  )
  switch (result.kind) {
    case 'created':
      // A relative typed in is remembered in 亲友 (consent pending), so the next form offers them.
      if (!input.personRef && person.relation)
        await addRelative(ctx, { relation: person.relation, name: person.name, idNumber: person.idNumber })
      return detail(ctx, result.booking, { center: schedule.center, service: schedule.service, windows })
    case 'duplicate':
      return detail(ctx, result.booking, { center: schedule.center, service: schedule.service, windows })
    case 'slot_full':
      throw new AppError('SLOT_FULL')
    case 'person_day_taken':
      throw new AppError('LIMIT_REACHED', '办事人当天已预约过该事项，每人每天同一事项只能预约一次')
    case 'too_many_active':
      throw new AppError('LIMIT_REACHED', `已有 ${schedule.rules.maxActiveBookings} 个未办理的预约，请办理或取消后再预约`)
    case 'no_show_blocked':
      throw new AppError('LIMIT_REACHED', blockMessage(new Date(result.until), schedule.rules))
  }
}

/** `booking`: a resident's counter appointments. */
export const booking = defineFunction('booking', bookingInputs, ['bookings', 'waitlist', 'queue', 'homecert', 'config'], {
  create: {
    access: 'signed_in',
    async run(input, ctx) {
      const id = bookingIdFor(ctx.openid!, input.requestId)
      try {
        return await book(input, ctx, id)
      } catch (err) {
        // A retry of a submit that already succeeded answers its first result, whatever has changed since
        // (the slot has begun, the service stopped taking bookings). Looked up only when the way to a new
        // booking is refused: on the usual path the store finds a retry inside its own transaction.
        if (err instanceof AppError) {
          const first = await ctx.store.bookings.get(id)
          if (first) return detail(ctx, first)
        }
        throw err
      }
    },
  },

  listMine: {
    access: 'signed_in',
    async run({ centerId, tab, cursor }, ctx) {
      const center = await requireCenter(ctx, centerId)
      const rows = await ctx.store.bookings.listByOwner({
        centerId,
        openid: ctx.openid!,
        personHash: await verifiedIdHash(ctx),
        statuses: TAB_STATES[tab],
        // What is coming: soonest first; history: latest first.
        order: tab === 'upcoming' ? 'asc' : 'desc',
        after: cursor ? decodeCursor(cursor) : undefined,
        limit: PAGE_SIZE + 1,
      })
      const page = rows.slice(0, PAGE_SIZE)
      // Retired services included: a booking of one taken off the guide since still shows what it was for.
      const names = new Map((await ctx.store.config.allServices(centerId)).map((s) => [s.id, s.name]))
      const now = ctx.now()
      return {
        items: page.map((b) => bookingSummary(b, center, names.get(b.serviceId) ?? '已下线的事项', now)),
        nextCursor: rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null,
      }
    },
  },

  get: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      return detail(ctx, await ownBooking(ctx, centerId, id, true))
    },
  },

  cancel: {
    access: 'signed_in',
    async run({ centerId, id, reason }, ctx) {
      const b = await ownBooking(ctx, centerId, id, true)
      // Cancelling twice (a retried tap) answers the cancelled booking.
      if (b.status === 'cancelled') return detail(ctx, b)
      const now = ctx.now()
      if (!canChange(b.status, new Date(b.startsAt), now)) throw conflict(unchangeableMessage(b, '取消'))
      const cancelled = await ctx.store.bookings.cancel(id, now.toISOString(), reason || null)
      if (!cancelled) {
        // Changed between our read and the write (checked in, marked a no-show, cancelled elsewhere).
        const latest = await ctx.store.bookings.get(id)
        if (latest?.status === 'cancelled') return detail(ctx, latest)
        throw conflict('该预约状态已变化，请刷新后再试')
      }
      return detail(ctx, cancelled)
    },
  },

  reschedule: {
    access: 'signed_in',
    async run({ centerId, id, date, start }, ctx) {
      const b = await ownBooking(ctx, centerId, id)
      // Sending the same move again (a retried tap) answers the moved booking.
      if (b.date === date && b.start === start && b.status === 'booked') return detail(ctx, b)
      const schedule = await loadSchedule(ctx, centerId, b.serviceId)
      if (!canChange(b.status, new Date(b.startsAt), schedule.now)) throw conflict(unchangeableMessage(b, '改约'))
      const slot = bookableSlot(schedule, date, start)
      const result = await ctx.store.bookings.reschedule(id, slot, schedule.now.toISOString())
      switch (result.kind) {
        case 'moved':
        case 'unchanged':
          return detail(ctx, result.booking, schedule)
        case 'not_found':
          throw notFound('预约')
        case 'not_booked':
          throw conflict(unchangeableMessage(result.booking, '改约'))
        case 'slot_full':
          throw new AppError('SLOT_FULL', '该时段已约满，原预约保持不变，请选择其他时段')
        case 'person_day_taken':
          throw new AppError('LIMIT_REACHED', '办事人在该日期已预约过该事项，原预约保持不变')
      }
    },
  },

  ...waitlistActions,

  form: {
    access: 'signed_in',
    async run({ centerId, serviceId }, ctx) {
      const [service, people, latest] = await Promise.all([
        ctx.store.centers.service(centerId, serviceId),
        peopleOnFile(ctx),
        ctx.store.bookings.listByOwner({ centerId, openid: ctx.openid!, statuses: ALL_STATES, order: 'desc', limit: 1 }),
      ])
      if (!service) throw notFound('事项')
      // The caller's own booking: its phone is theirs to see whole.
      const last = latest.find((b) => b.openid === ctx.openid)
      return {
        service: { id: service.id, name: service.name, materials: service.materials },
        people,
        lastPerson: last ? { name: last.personName, phone: last.phone } : null,
      }
    },
  },

  listMessages: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      const rows = await ctx.store.messages.listFor(centerId, ctx.openid!, MESSAGES_SHOWN)
      return {
        items: rows.map((m) => ({
          id: m.id,
          kind: m.kind,
          title: m.title,
          body: m.body,
          bookingId: m.bookingId,
          link: m.link,
          createdAt: m.createdAt,
        })),
      }
    },
  },
})
