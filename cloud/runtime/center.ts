import { beijingDate, type IsoDate } from '@/core/beijing-time'
import { bookingRulesFor, type BookingRules } from '@/core/booking-rules'
import { homecertRulesFor, type HomecertRules } from '@/core/home-certification'
import { queueRulesFor, type QueueRules } from '@/core/queue-check-in'
import type { LayeredCalendar } from '@/core/working-calendar'
import type { CenterRecord, Store } from '../store/port'
import { notFound } from './app-error'
import type { ActionContext } from './context'
import { loadCalendar } from './working-calendar'

/**
 * The one loader of a center, for every action and job: the record (NOT_FOUND for an unknown
 * center) and each area's rules, the center's overrides over the defaults merged one way
 * (src/core/rule-overrides.ts). The working calendar keeps its own one loader beside this
 * (./working-calendar.ts); `loadCenter(…, { calendar: true })` adds it, built once per call.
 * An area's own setup (booking's schedule, the queue's setup, home certification's communities)
 * starts here and adds what only that area reads.
 */

type Ctx = Pick<ActionContext, 'store' | 'now'>

/** A center's booking and queue rules (their overrides are kept on its record). */
export interface CenterRules {
  booking: BookingRules
  queue: QueueRules
}

/** @example centerRules(center).queue.greenAge // 70 unless the center's admin set another age */
export function centerRules(center: Pick<CenterRecord, 'bookingRules' | 'queueRules'>): CenterRules {
  return { booking: bookingRulesFor(center.bookingRules), queue: queueRulesFor(center.queueRules) }
}

/** A center's home-certification rules (their overrides are kept apart, with the home-certification settings). */
export async function homecertRules(store: Store, centerId: string): Promise<HomecertRules> {
  return homecertRulesFor(await store.homecert.rules(centerId))
}

/** The center, or NOT_FOUND. */
export async function requireCenter(ctx: Pick<ActionContext, 'store'>, centerId: string): Promise<CenterRecord> {
  const center = await ctx.store.centers.get(centerId)
  if (!center) throw notFound('服务中心')
  return center
}

/** A center as an action sees it: the record, its rules, and the clock read once (now, and today in Beijing). */
export interface LoadedCenter {
  center: CenterRecord
  rules: CenterRules
  now: Date
  today: IsoDate
}

export interface LoadedCenterWithCalendar extends LoadedCenter {
  calendar: LayeredCalendar
}

export function loadCenter(ctx: Ctx, centerId: string): Promise<LoadedCenter>
export function loadCenter(ctx: Ctx, centerId: string, needs: { calendar: true }): Promise<LoadedCenterWithCalendar>
export async function loadCenter(ctx: Ctx, centerId: string, needs?: { calendar: true }): Promise<LoadedCenter | LoadedCenterWithCalendar> {
  const now = ctx.now()
  const today = beijingDate(now)
  if (!needs?.calendar) {
    const center = await requireCenter(ctx, centerId)
    return { center, rules: centerRules(center), now, today }
  }
  const [center, calendar] = await Promise.all([requireCenter(ctx, centerId), loadCalendar(ctx.store, centerId, today)])
  return { center, rules: centerRules(center), now, today, calendar }
}
