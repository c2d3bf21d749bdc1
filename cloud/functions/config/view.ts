/**
 * What the config function answers: the configuration as the admin pages read it, the booked slots a
 * change leaves without a place, and the answer every edit gives (both, with the notice).
 */
import type { AffectedSlotView, ConfigChange, ConfigView } from '@/contract/config'
import { SLOT_LENGTHS } from '@/contract/config'
import { addDays, atBeijing, beijingDate, weekdayName } from '@/core/beijing-time'
import { DEFAULT_BOOKING_RULES } from '@/core/booking-rules'
import { affectedSlots, IMPACT_TEXT } from '@/core/config-impact'
import { DEFAULT_HOMECERT_RULES, homecertRulesFor } from '@/core/home-certification'
import { describeHours } from '@/core/opening-hours'
import { DEFAULT_QUEUE_RULES } from '@/core/queue-check-in'
import { DEFAULT_RATING_RULES, ratingRulesFor } from '@/core/rating'
import { categoryName, SERVICE_CATEGORIES } from '@/core/service-categories'
import { slotCapacity } from '@/core/slots'
import { centerRules, requireCenter } from '@cloud/runtime/center'
import type { ActionContext } from '@cloud/runtime/context'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import type { ServiceConfigRecord } from '@cloud/store/port'

/** Closures and extra days may be set up to a year ahead. */
export const MAX_DAY_AHEAD = 366

/** How far ahead the configuration looks for booked slots and the center's own days. */
const AHEAD_DAYS = 400

/** The configuration as the admin pages read it. */
export async function configView(ctx: ActionContext, centerId: string): Promise<ConfigView> {
  const c = await requireCenter(ctx, centerId)
  const day = beijingDate(ctx.now())
  const [windows, services, upcoming, communities, workers, members, requestCounts, days, homecertOverrides, ratingOverrides] =
    await Promise.all([
      ctx.store.centers.windows(centerId),
      ctx.store.config.allServices(centerId),
      ctx.store.config.upcomingBookings(centerId, day),
      ctx.store.homecert.communities(centerId),
      ctx.store.homecert.gridWorkers(centerId),
      ctx.store.staffAdmin.members(centerId),
      ctx.store.config.communityRequestCounts(centerId),
      ctx.store.centers.days(centerId, addDays(day, -30), addDays(day, AHEAD_DAYS)),
      ctx.store.homecert.rules(centerId),
      ctx.store.ratings.rules(centerId),
    ])
  const names = new Map(members.map((m) => [m.openid, m.name]))
  const dayList = [
    ...Object.entries(days.closed).map(([date, reason]) => ({ date, open: false, reason })),
    ...Object.entries(days.open).map(([date, reason]) => ({ date, open: true, reason })),
  ].sort((a, b) => a.date.localeCompare(b.date))
  return {
    today: day,
    lastDayAhead: addDays(day, MAX_DAY_AHEAD),
    center: {
      id: c.id,
      name: c.name,
      district: c.district,
      address: c.address,
      phone: c.phone,
      latitude: c.latitude,
      longitude: c.longitude,
      hours: c.hours,
      hoursText: describeHours(c.hours),
    },
    days: dayList.map((d) => ({ ...d, weekday: weekdayName(d.date) })),
    windows: windows.map((w) => ({
      id: w.id,
      number: w.number,
      name: w.name,
      serviceCount: services.filter((s) => !s.retired && s.windowIds.includes(w.id)).length,
      clerkCount: members.filter((m) => m.grants.some((g) => g.role === 'counter' && g.windows?.includes(w.number))).length,
    })),
    services: services.map((s) => ({
      id: s.id,
      category: s.category,
      categoryName: categoryName(s.category),
      name: s.name,
      summary: s.summary,
      keywords: s.keywords,
      materials: s.materials,
      notes: s.notes,
      processingDays: s.processingDays,
      bookable: s.bookable,
      delegable: s.delegable,
      windowIds: s.windowIds,
      slotMinutes: s.slotMinutes,
      slotCapacity: slotCapacity(s),
      retired: s.retired,
      upcomingBookings: upcoming.get(s.id) ?? 0,
    })),
    communities: communities.map((x) => ({
      id: x.id,
      name: x.name,
      responsibleOpenid: x.responsibleOpenid,
      responsibleName: x.responsibleOpenid ? (names.get(x.responsibleOpenid) ?? null) : null,
      requestCount: requestCounts.get(x.id) ?? 0,
    })),
    gridWorkers: workers.map((w) => ({ openid: w.openid, name: w.name })),
    bookingRules: { current: centerRules(c).booking, defaults: DEFAULT_BOOKING_RULES },
    queueRules: {
      greenAge: centerRules(c).queue.greenAge,
      defaultGreenAge: DEFAULT_QUEUE_RULES.greenAge,
      soonAhead: centerRules(c).queue.soonAhead,
      defaultSoonAhead: DEFAULT_QUEUE_RULES.soonAhead,
    },
    homecertRules: { current: homecertRulesFor(homecertOverrides), defaults: DEFAULT_HOMECERT_RULES },
    ratingRules: { current: ratingRulesFor(ratingOverrides), defaults: DEFAULT_RATING_RULES },
    categories: SERVICE_CATEGORIES.map((x) => ({ key: x.key, name: x.name })),
    slotLengths: [...SLOT_LENGTHS],
  }
}

/**
 * Booked slots from now on that the center's settings (as they now are) leave
 * without a place: a closed day, a start off the grid, or — for `capacityOf`'s
 * services — more booked than the new capacity. Only bookable services with seats taken are looked at.
 */
export async function affectedNow(
  ctx: ActionContext,
  centerId: string,
  services: ServiceConfigRecord[],
  capacityOf: Map<string, number> = new Map(),
): Promise<AffectedSlotView[]> {
  const center = await requireCenter(ctx, centerId)
  const now = ctx.now()
  const day = beijingDate(now)
  const calendar = await loadCalendar(ctx.store, centerId, day)
  const out: AffectedSlotView[] = []
  for (const s of services) {
    const counts = (await ctx.store.bookings.slotCounts(s.id, day, addDays(day, AHEAD_DAYS))).filter(
      (c) => c.booked > 0 && atBeijing(c.date, c.start).getTime() >= now.getTime(),
    )
    if (!counts.length) continue
    for (const a of affectedSlots(counts, { hours: center.hours, calendar, slotMinutes: s.slotMinutes, capacity: capacityOf.get(s.id) })) {
      out.push({
        serviceId: s.id,
        serviceName: s.name,
        date: a.date,
        weekday: weekdayName(a.date),
        start: a.start,
        booked: a.booked,
        capacity: a.capacity,
        reason: a.reason,
        reasonText: IMPACT_TEXT[a.reason],
      })
    }
  }
  return out
}

/** What every edit answers: the configuration as it now is, the booked slots it leaves without a place, and the sentence the page shows. */
export async function change(
  ctx: ActionContext,
  centerId: string,
  notice: string,
  affected: AffectedSlotView[] = [],
  told = 0,
): Promise<ConfigChange> {
  const tail = affected.length ? `有 ${affected.length} 个已预约的时段受影响，预约均已保留。` : ''
  const messages = told ? `已给 ${told} 位办事人发消息，请其改约。` : affected.length ? '请联系办事人。' : ''
  return { config: await configView(ctx, centerId), affected, notice: `${notice}${tail}${messages}` }
}
