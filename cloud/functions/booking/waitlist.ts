/**
 * 候补 (the `booking` function's waitlist actions): join the line of a full slot or day, see the place in line,
 * leave, accept an offered seat in one tap. The line order and every seat's hand-off are the store's
 * (cloud/store/port/waitlist.ts); here: validate → authorize (the caller's own entries) → rules → store.
 *
 * Offers expire on read (myWaitlist sweeps due offers first), at the next event of their line (an accept
 * of an expired offer passes it on in the same unit) and by the jobs timer (`expireOffers`, every run).
 */
import type { WaitEntry } from '@/contract/booking'
import { beijingDate, weekdayName, type ClockTime, type IsoDate } from '@/core/beijing-time'
import { blockMessage, limitHolder, noShowBlock, noShowLookbackStart } from '@/core/booking-rules'
import { ID_NUMBER_MESSAGES, idNumberProblem } from '@/core/id-number'
import { planDays } from '@/core/slots'
import { IN_LINE, placeAhead, WAIT_STATUS_TEXT } from '@/core/waitlist'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requireCenter } from '@cloud/runtime/center'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import type { WaitEntryRecord } from '@cloud/store/port'
import { bookingMaker } from '../people/on-file'
import { bookingIdFor, newCode, waitEntryIdFor } from './ids'
import { bookableSlot, loadSchedule, refusalError, type Schedule } from './schedule'
import { bookingSummary } from './view'
import { comerFields, whoComes } from './who-comes'

/** The caller's entries as the wire shows them, with the place in line of those still waiting. */
async function views(ctx: ActionContext, entries: WaitEntryRecord[]): Promise<WaitEntry[]> {
  const lines = new Map<string, Promise<{ seq: number; start: ClockTime | null; status: WaitEntryRecord['status'] }[]>>()
  return Promise.all(
    entries.map(async (e) => {
      let ahead: number | null = null
      if (e.status === 'waiting') {
        const key = `${e.serviceId} ${e.date}`
        if (!lines.has(key)) lines.set(key, ctx.store.waitlist.line(e.serviceId, e.date))
        ahead = placeAhead(e, (await lines.get(key))!)
      }
      return {
        id: e.id,
        serviceId: e.serviceId,
        serviceName: e.serviceName,
        date: e.date,
        weekday: weekdayName(e.date),
        start: e.start,
        status: e.status,
        statusText: WAIT_STATUS_TEXT[e.status],
        ahead,
        offer: e.status === 'offered' ? { start: e.offerStart!, expiresAt: e.offerExpiresAt! } : null,
        bookingId: e.bookingId,
        personName: e.personName,
      }
    }),
  )
}

const view = async (ctx: ActionContext, e: WaitEntryRecord) => (await views(ctx, [e]))[0]

/** An entry of the caller in this center, or NOT_FOUND (the same answer as for none). */
async function ownEntry(ctx: ActionContext, centerId: string, id: string): Promise<WaitEntryRecord> {
  const e = await ctx.store.waitlist.get(id)
  if (!e || e.centerId !== centerId || e.openid !== ctx.openid) throw notFound('候补')
  return e
}

/** A line is joined only when there is nothing to book: the slot (or every slot still bookable that day) is full. */
async function requireFull(ctx: ActionContext, s: Schedule, date: IsoDate, start: ClockTime | null): Promise<void> {
  if (start) bookableSlot(s, date, start)
  else if (date < s.today) throw refusalError({ code: 'past_date' }, date, s.rules)
  else if (date > s.lastDate) throw refusalError({ code: 'beyond_horizon', lastDate: s.lastDate }, date, s.rules)
  const [day] = planDays(date, date, s.now, s.center.hours, s.calendar, s.service.slotMinutes, s.rules.leadMinutes)
  if (!day.status.open) throw refusalError({ code: 'closed', reason: day.status.reason ?? '休息' }, date, s.rules)
  const wanted = day.slots.filter((slot) => !slot.tooSoon && (!start || slot.start === start))
  if (!wanted.length) throw new AppError('CLOSED', '当天已没有可预约的时段，请选择其他日期')
  const counts = new Map((await ctx.store.bookings.slotCounts(s.service.id, date, date)).map((c) => [c.start, c]))
  const free = wanted.some((slot) => {
    const c = counts.get(slot.start)
    return (c?.booked ?? 0) < (c?.capacity ?? s.capacity)
  })
  if (free) throw conflict(start ? '该时段还有空位，请直接预约，不需要候补' : '当天还有空位，请直接选择时段预约，不需要候补')
}

/** The no-show block of the limit holder at `s.now` (checked at join and at accept). */
async function requireNotBlocked(ctx: ActionContext, s: Schedule, limitKey: string): Promise<void> {
  const block = noShowBlock(
    await ctx.store.bookings.noShowsSince(limitKey, noShowLookbackStart(s.now, s.rules).toISOString()),
    s.now,
    s.rules,
  )
  if (block) throw new AppError('LIMIT_REACHED', blockMessage(block.until, s.rules))
}

const dayTaken = () => new AppError('LIMIT_REACHED', '办事人当天已预约过该事项，每人每天同一事项只能预约一次')
const tooMany = (s: Schedule) => new AppError('LIMIT_REACHED', `已有 ${s.rules.maxActiveBookings} 个未办理的预约，请办理或取消后再预约`)

const joinWaitlist: ActionRun<'booking', 'joinWaitlist'> = async (input, ctx) => {
  const openid = ctx.openid!
  const id = waitEntryIdFor(openid, input.requestId)
  // A retried join answers its first entry, whatever has changed since.
  const first = await ctx.store.waitlist.get(id)
  if (first) return view(ctx, first)
  const pii = requirePii(ctx)
  const s = await loadSchedule(ctx, input.centerId, input.serviceId)
  const person = await whoComes(input, ctx)
  if (idNumberProblem(person.idNumber, s.today) === 'birth_date') {
    throw new AppError('INVALID_INPUT', undefined, { 'person.idNumber': ID_NUMBER_MESSAGES.birth_date })
  }
  const start = input.start ?? null
  await requireFull(ctx, s, input.date, start)
  const idHash = pii.hash(person.idNumber)
  const limitKey = limitHolder(idHash, await bookingMaker(ctx))
  await requireNotBlocked(ctx, s, limitKey)
  // The caller's own active bookings: the exact check is the store's at accept (it sees every booking of the holder).
  const now = s.now.toISOString()
  const active = await ctx.store.bookings.listByOwner({
    centerId: input.centerId,
    openid,
    statuses: ['booked', 'checked_in'],
    order: 'asc',
    limit: 50,
  })
  if (active.some((b) => b.idHash === idHash && b.serviceId === s.service.id && b.date === input.date)) throw dayTaken()
  if (active.filter((b) => b.limitKey === limitKey && b.status === 'booked' && b.checkInBy > now).length >= s.rules.maxActiveBookings)
    throw tooMany(s)

  const result = await ctx.store.waitlist.join(
    {
      id,
      centerId: input.centerId,
      serviceId: s.service.id,
      serviceName: s.service.name,
      date: input.date,
      start,
      openid,
      ...comerFields(person, input.person.phone, { idHash, limitKey }, pii),
      holdMinutes: s.rules.waitlistHoldMinutes,
      // The subscribe message goes with the reminder's template, which the join tap asks the resident to allow.
      templateId: ctx.settings?.reminderTemplateId ?? null,
      joinedAt: now,
    },
    now,
  )
  if (result.kind === 'already') {
    const [there] = await views(ctx, [result.entry])
    const place = there.ahead === null ? '' : `，前面还有 ${there.ahead} 人`
    throw conflict(`办事人已在${start ? '该时段' : '当天'}的候补中${place}；不需要再次候补`)
  }
  return view(ctx, result.entry)
}

const myWaitlist: ActionRun<'booking', 'myWaitlist'> = async ({ centerId }, ctx) => {
  const now = ctx.now()
  // Offers past their hold pass on before the list is read (the jobs timer does the same every run).
  await ctx.store.waitlist.expireDue(now.toISOString())
  await requireCenter(ctx, centerId)
  const entries = await ctx.store.waitlist.listMine(centerId, ctx.openid!, beijingDate(now))
  // In line first (offers at the top), then what is done.
  const rank = (e: WaitEntryRecord) => (e.status === 'offered' ? 0 : IN_LINE.includes(e.status) ? 1 : 2)
  return {
    items: await views(
      ctx,
      [...entries].sort((a, b) => rank(a) - rank(b)),
    ),
  }
}

const leaveWaitlist: ActionRun<'booking', 'leaveWaitlist'> = async ({ centerId, id }, ctx) => {
  const e = await ownEntry(ctx, centerId, id)
  // Leaving twice (a retried tap) answers the entry as it is.
  if (e.status === 'left') return view(ctx, e)
  const left = await ctx.store.waitlist.leave(id, ctx.now().toISOString())
  if (left) return view(ctx, left)
  const latest = await ownEntry(ctx, centerId, id)
  if (latest.status === 'accepted') throw conflict('该候补已确认预约，如不需要请到「我的预约」取消')
  return view(ctx, latest)
}

const acceptOffer: ActionRun<'booking', 'acceptOffer'> = async ({ centerId, id, requestId }, ctx) => {
  const e = await ownEntry(ctx, centerId, id)
  const s = await loadSchedule(ctx, centerId, e.serviceId)
  if (e.status === 'accepted' && e.bookingId) {
    const b = await ctx.store.bookings.get(e.bookingId)
    if (b) return bookingSummary(b, s.center, s.service.name, s.now)
  }
  if (e.status !== 'offered') throw conflict(e.status === 'expired' ? EXPIRED : '目前没有为您保留的空位，请等待候补通知')
  await requireNotBlocked(ctx, s, e.limitKey)
  // The offered seat may be taken up to its start: the lead time is for new bookings, not for a seat already held.
  const slot = bookableSlot({ ...s, rules: { ...s.rules, leadMinutes: 0 } }, e.date, e.offerStart!)
  const now = s.now.toISOString()
  const result = await ctx.store.waitlist.accept(
    id,
    { id: bookingIdFor(ctx.openid!, requestId), requestId, note: null, createdAt: now },
    slot,
    { maxActive: s.rules.maxActiveBookings, now },
    newCode,
  )
  switch (result.kind) {
    case 'accepted':
    case 'duplicate':
      return bookingSummary(result.booking, s.center, s.service.name, s.now)
    case 'expired':
      throw conflict(EXPIRED)
    case 'not_offered':
      throw conflict('目前没有为您保留的空位，请等待候补通知')
    case 'person_day_taken':
      throw dayTaken()
    case 'too_many_active':
      throw tooMany(s)
  }
}

const EXPIRED = '保留时间已过，空位已让给下一位候补的人'

/** The booking function's 候补 actions (spread into its action table). */
export const waitlistActions = {
  joinWaitlist: { access: 'signed_in' as const, run: joinWaitlist },
  myWaitlist: { access: 'signed_in' as const, run: myWaitlist },
  leaveWaitlist: { access: 'signed_in' as const, run: leaveWaitlist },
  acceptOffer: { access: 'signed_in' as const, run: acceptOffer },
}
