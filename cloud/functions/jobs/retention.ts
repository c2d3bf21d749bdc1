import { beijing } from '@/core/beijing-time'
import { DEFAULT_RETENTION_DAYS, retentionCutoff } from '@/core/retention'
import type { JobContext } from './index'

/** What one purge did: how many records of each kind, never whose. */
export interface PurgeCounts {
  retentionDays: number
  bookings: number
  tickets: number
  homecert: number
  cases: number
  ratings: number
  waitlist: number
  messages: number
}

/** The Beijing hour the daily purge runs in (a quiet hour; every tick of it may run, the first one does the work). */
export const PURGE_HOUR = 3

/**
 * Retention (src/core/retention.ts): personal data of appointments, queue
 * tickets, home-certification requests, delegated cases and 候补 entries finished more than
 * `settings.retentionDays` (RETENTION_DAYS, default 180) ago is anonymised in
 * place, and older 消息 are deleted. Statistics are unaffected: what they are
 * built from (states, dates, services, communities, times, stars) stays.
 * Idempotent: a purged record is never selected again, so a second run (or
 * one from another process) changes nothing. When anything was purged, one
 * system entry per center goes to the audit log with the counts only.
 */
export async function purgePersonalData(ctx: JobContext): Promise<PurgeCounts> {
  const now = ctx.now()
  const retentionDays = ctx.settings.retentionDays ?? DEFAULT_RETENTION_DAYS
  const cutoff = retentionCutoff(now, retentionDays)
  const at = now.toISOString()
  const counts: PurgeCounts = {
    retentionDays,
    bookings: await ctx.store.bookings.purgePersonalData(cutoff, at),
    tickets: await ctx.store.queue.purgePersonalData(cutoff, at),
    homecert: await ctx.store.homecert.purgePersonalData(cutoff, at),
    cases: await ctx.store.cases.purgePersonalData(cutoff, at),
    ratings: await ctx.store.ratings.purgePersonalData(cutoff),
    waitlist: await ctx.store.waitlist.purgePersonalData(cutoff, at),
    messages: await ctx.store.messages.purgeBefore(cutoff.before),
  }
  if (counts.bookings + counts.tickets + counts.homecert + counts.cases + counts.ratings + counts.waitlist + counts.messages > 0) {
    const detail = `保留 ${retentionDays} 天，截至 ${cutoff.before}（所有中心合计）：预约 ${counts.bookings}，排队号 ${counts.tickets}，上门认证 ${counts.homecert}，帮办代办 ${counts.cases}，评价 ${counts.ratings}，候补 ${counts.waitlist}，消息删除 ${counts.messages}`
    for (const center of await ctx.store.centers.list()) {
      await ctx.store.audit.record({
        centerId: center.id,
        actorOpenid: 'system',
        actorName: '系统',
        action: 'jobs.purgePersonalData',
        recordType: 'retention',
        recordId: null,
        detail,
        at,
      })
    }
  }
  return counts
}

/**
 * The scheduled tick: the purge runs in the 03:00 hour (Beijing) only — once a
 * day is enough for a period counted in days, and a quiet hour keeps its
 * writes away from the counters. Each tick of that hour may run it; the first
 * does the work and the others find nothing through the partial indexes.
 * @example purgeDueAt(new Date('2026-11-25T19:05:00Z')) // true (03:05 Beijing)
 */
export function purgeDueAt(now: Date): boolean {
  return beijing(now).hour() === PURGE_HOUR
}

/** One tick of the retention job: the purge in its hour, nothing otherwise. */
export async function runRetentionJobs(ctx: JobContext): Promise<{ purged: PurgeCounts | null }> {
  return { purged: purgeDueAt(ctx.now()) ? await purgePersonalData(ctx) : null }
}
