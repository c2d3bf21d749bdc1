/**
 * Retention: how long personal data of finished business is kept, and which
 * records are due to be anonymised at an instant. Pure; the stores apply the
 * same rule in their queries (cloud/store/sqlite/retention.ts,
 * cloud/store/cloudbase/retention.ts) and the `purgePersonalData` job runs it.
 *
 * A record is due when it finished more than `retentionDays` days before now
 * (strictly: a record that finished exactly `retentionDays` × 24 h ago is
 * still kept). What "finished" means per record:
 * - an appointment completed, cancelled or a no-show: its slot's end;
 * - a delegated case delivered, withdrawn or rejected: its last step;
 * - a home-certification request ineligible, closed or cancelled: its last step;
 *   a certified one only after its next due date + `retentionDays` (Beijing
 *   dates): until then the yearly cycle and 即将到期 need to know the elder;
 * - a queue ticket: its Beijing day (a ticket lives one day);
 * - a 候补 (waitlist) entry: the Beijing day it waited for (a line lives one day);
 * - a 消息: when it was written.
 * Statistics never read what is purged: the counts, states, dates and keys
 * they are built from stay (see docs/hardening.md, "Retention").
 */
import { addDays, beijingDate, type IsoDate } from './beijing-time'
import type { BookingState } from './booking-rules'
import type { CaseState } from './delegation-states'
import type { HomecertStatus } from './home-certification-states'

export const DEFAULT_RETENTION_DAYS = 180
/** Below this the no-show block (a window of days) and the case rating could lose what they read. */
export const MIN_RETENTION_DAYS = 30
export const MAX_RETENTION_DAYS = 3650

/** What a purged name reads as. */
export const PURGED_NAME = '已清除'

export const FINISHED_BOOKING_STATES: readonly BookingState[] = ['completed', 'cancelled', 'no_show']
export const FINAL_CASE_STATES: readonly CaseState[] = ['delivered', 'withdrawn', 'rejected']
/** Final home-certification statuses purged by their last step (certified ones go by their next due date). */
export const CLOSED_HOMECERT_STATUSES: readonly HomecertStatus[] = ['ineligible', 'closed_other', 'cancelled']

/** The purge's cut-offs at one instant: records finished before `before` (an instant) or dated before `beforeDate` (a Beijing date). */
export interface RetentionCutoff {
  /** ISO instant: now − retentionDays × 24 h. */
  before: string
  /** Beijing date: today − retentionDays (a date strictly before it is due). */
  beforeDate: IsoDate
}

/**
 * The cut-offs for `now` and `retentionDays`.
 * @example retentionCutoff(new Date('2026-11-26T02:00:00Z'), 180) // { before: '2026-05-30T02:00:00.000Z', beforeDate: '2026-05-30' }
 */
export function retentionCutoff(now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): RetentionCutoff {
  return {
    before: new Date(now.getTime() - retentionDays * 86_400_000).toISOString(),
    beforeDate: addDays(beijingDate(now), -retentionDays),
  }
}

/**
 * The retention period from its setting (`RETENTION_DAYS`): unset or empty is
 * the default; anything but a whole number of days in [30, 3650] is refused.
 * @example parseRetentionDays(undefined) // 180
 * @example parseRetentionDays('365') // 365
 * @example parseRetentionDays('7') // throws: too short
 */
export function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RETENTION_DAYS
  const days = Number(value.trim())
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw new Error(
      `RETENTION_DAYS must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} (default ${DEFAULT_RETENTION_DAYS}), got ${value}`,
    )
  }
  return days
}

/**
 * An appointment is due once it is over (completed, cancelled, no-show) and its slot ended before the cut-off.
 * @example bookingDue({ status: 'completed', endsAt: '2026-05-01T01:30:00.000Z' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 * @example bookingDue({ status: 'booked', endsAt: '2026-05-01T01:30:00.000Z' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // false
 */
export function bookingDue(b: { status: BookingState; endsAt: string }, cutoff: RetentionCutoff): boolean {
  return FINISHED_BOOKING_STATES.includes(b.status) && b.endsAt < cutoff.before
}

/**
 * A delegated case is due once final (delivered, withdrawn, rejected) and its last step was before the cut-off.
 * @example caseDue({ state: 'delivered', updatedAt: '2026-05-01T00:00:00.000Z' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 * @example caseDue({ state: 'concluded', updatedAt: '2026-05-01T00:00:00.000Z' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // false: not handed over yet
 */
export function caseDue(c: { state: CaseState; updatedAt: string }, cutoff: RetentionCutoff): boolean {
  return FINAL_CASE_STATES.includes(c.state) && c.updatedAt < cutoff.before
}

/**
 * A home-certification request is due once closed (ineligible, closed, cancelled) with its last step before the cut-off;
 * a certified one once its next due date is before the cut-off date (next due + retentionDays has passed).
 * @example homecertDue({ status: 'cancelled', updatedAt: '2026-05-01T00:00:00.000Z', nextDue: null }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 * @example homecertDue({ status: 'certified', updatedAt: '2025-05-01T00:00:00.000Z', nextDue: '2026-05-01' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 * @example homecertDue({ status: 'certified', updatedAt: '2025-11-01T00:00:00.000Z', nextDue: '2026-11-01' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // false: still in its cycle
 */
export function homecertDue(r: { status: HomecertStatus; updatedAt: string; nextDue: IsoDate | null }, cutoff: RetentionCutoff): boolean {
  if (r.status === 'certified') return r.nextDue !== null && r.nextDue < cutoff.beforeDate
  return CLOSED_HOMECERT_STATUSES.includes(r.status) && r.updatedAt < cutoff.before
}

/**
 * A queue ticket is due once its Beijing day is before the cut-off date (whatever its status: a ticket lives one day).
 * @example ticketDue({ date: '2026-05-29' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 * @example ticketDue({ date: '2026-05-30' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // false
 */
export function ticketDue(t: { date: IsoDate }, cutoff: RetentionCutoff): boolean {
  return t.date < cutoff.beforeDate
}

/**
 * A 候补 entry is due once the day it waited for is before the cut-off date, whatever became of it: a line lives one day.
 * @example waitEntryDue({ date: '2026-05-29' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 */
export function waitEntryDue(e: { date: IsoDate }, cutoff: RetentionCutoff): boolean {
  return e.date < cutoff.beforeDate
}

/**
 * A 消息 is deleted once written before the cut-off.
 * @example messageDue({ createdAt: '2026-05-01T00:00:00.000Z' }, retentionCutoff(new Date('2026-11-26T02:00:00Z'))) // true
 */
export function messageDue(m: { createdAt: string }, cutoff: RetentionCutoff): boolean {
  return m.createdAt < cutoff.before
}

/** The non-identifying unique value that replaces a keyed hash or an openid of a purged record (unique indexes still hold; no one-per-person rule matches it). */
export const purgedKey = (recordId: string) => `purged:${recordId}`
