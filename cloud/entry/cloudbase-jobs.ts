/**
 * The `jobs` cloud function: the timer trigger's tick (every 5 minutes; WeChat
 * allows one trigger per function) runs the scheduled work the local server
 * runs on its own timer — no-show marking, day-before reminders, 候补 offers that ran
 * out and the seat reconcile (cloud/store/cloudbase/seat-reconcile.ts), the home
 * certification due-date reminders, the statistics' daily aggregates, and
 * (in the 03:00 hour, Beijing) the retention purge. Overdue
 * and due-soon flags need no job: they are computed when a list is read.
 * Every job is safe to run twice or concurrently (conditional writes,
 * deterministic message ids), so an overlapping or repeated tick does no harm.
 */
import { beijing } from '@/core/beijing-time'
import { importArrangement, type ImportResult } from '../functions/calendar/import'
import { runBookingJobs, type JobContext } from '../functions/jobs'
import { runHomecertJobs } from '../functions/jobs/homecert'
import { purgeDueAt, purgePersonalData } from '../functions/jobs/retention'
import { runStatsJobs } from '../functions/jobs/stats'
import { bootstrapAdmin, bootstrapDistrict, type BootstrapResult } from '../functions/staff/bootstrap'
import { CASE_COLLECTIONS } from '../store/cloudbase/delegation-docs'
import { foldCaseRatings } from '../store/cloudbase/rating-repo'
import { cloudbaseHost, type CloudbaseHost } from './cloudbase-host'
import { databaseOf } from './wx-server-sdk'

export const JOB_NAMES = ['bookings', 'homecert', 'stats', 'retention'] as const
export type JobName = (typeof JOB_NAMES)[number]

const RUNNERS: Record<JobName, (ctx: JobContext) => Promise<object>> = {
  bookings: runBookingJobs,
  homecert: runHomecertJobs,
  stats: runStatsJobs,
  // The schedule asks for it only in its hour (jobsDueAt); a manual run (`{ "jobs": ["retention"] }`) purges at once.
  retention: purgePersonalData,
}

/**
 * Which jobs a tick at `now` runs: the booking and home-certification jobs on
 * every tick (cheap when there is nothing to do); the statistics on the first
 * tick of each half hour (Beijing clock), since rebuilding days reads records.
 *
 * @example jobsDueAt(new Date('2026-11-26T02:00:00Z')) // ['bookings', 'homecert', 'stats'] (10:00 Beijing)
 * @example jobsDueAt(new Date('2026-11-26T02:05:00Z')) // ['bookings', 'homecert']
 * @example jobsDueAt(new Date('2026-11-25T19:00:00Z')) // ['bookings', 'homecert', 'stats', 'retention'] (03:00 Beijing)
 */
export function jobsDueAt(now: Date): JobName[] {
  const minute = beijing(now).minute()
  const jobs: JobName[] = minute % 30 < 5 ? ['bookings', 'homecert', 'stats'] : ['bookings', 'homecert']
  // The retention purge: every tick of the 03:00 hour (Beijing); the first does the work, the rest find nothing.
  return purgeDueAt(now) ? [...jobs, 'retention'] : jobs
}

/** What a manual run may ask for (`{ "jobs": ["stats"] }` from the console's 云端测试); anything else: the schedule. */
function requested(event: unknown): JobName[] | null {
  const jobs = (event as { jobs?: unknown } | null)?.jobs
  if (!Array.isArray(jobs)) return null
  const names = jobs.filter((j): j is JobName => (JOB_NAMES as readonly string[]).includes(j as string))
  return names.length ? names : null
}

export type JobsResult =
  | { ok: true; ran: Partial<Record<JobName, object | 'failed'>> }
  /** `{ "importCalendar": { year, lines } }` from the console's 云端测试: the deployer's import of a year's arrangement (docs/calendar-arrangement.md). */
  | { ok: true; imported: ImportResult }
  /** `{ "bootstrapAdmin": { centerId, name } }` / `{ "bootstrapDistrict": { openid, name } }`: the first admin (cloud/functions/staff/bootstrap.ts). */
  | { ok: true; bootstrapped: BootstrapResult | { ok: true } | { ok: false; message: string } }
  | { ok: false; error: { code: 'FORBIDDEN'; message: string } }

/** Builds `exports.main` of the jobs function. */
export function cloudbaseJobsMain(host: () => CloudbaseHost = cloudbaseHost): (event: unknown) => Promise<JobsResult> {
  const h = host()
  let folded: Promise<unknown> | null = null
  return async (event) => {
    await h.keysChecked
    // A timer (or the console) calls without an OPENID; a mini-program user calling `jobs` is refused.
    if (h.sdk.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '无权执行定时任务' } }
    const now = () => new Date()
    const ctx: JobContext = { store: h.store, now, settings: h.settings }
    const calendarFile = (event as { importCalendar?: unknown } | null)?.importCalendar
    if (calendarFile !== undefined) return { ok: true, imported: await importArrangement(ctx, calendarFile) }
    const boot = event as {
      bootstrapAdmin?: { centerId?: unknown; name?: unknown }
      bootstrapDistrict?: { openid?: unknown; name?: unknown }
    } | null
    const deps = { store: h.store, pii: h.pii, now }
    if (boot?.bootstrapAdmin)
      return {
        ok: true,
        bootstrapped: await bootstrapAdmin(deps, {
          centerId: String(boot.bootstrapAdmin.centerId ?? ''),
          name: String(boot.bootstrapAdmin.name ?? ''),
        }),
      }
    if (boot?.bootstrapDistrict)
      return {
        ok: true,
        bootstrapped: await bootstrapDistrict(deps, {
          openid: String(boot.bootstrapDistrict.openid ?? ''),
          name: String(boot.bootstrapDistrict.name ?? ''),
        }),
      }
    // The delegation's older ratings move into the ratings area (what SQLite's migration 019 did at open): once per
    // container, before its first jobs; a failure is retried on the next tick. Only here, so the other bundles stay small.
    folded ??= foldCaseRatings(databaseOf(h.sdk), CASE_COLLECTIONS.cases).catch((err: unknown) => {
      folded = null
      h.log.error({ err: err instanceof Error ? { name: err.name, message: err.message } : { thrown: typeof err } }, 'fold ratings failed')
    })
    await folded
    const ran: Partial<Record<JobName, object | 'failed'>> = {}
    // One after the other: a tick's jobs share one container's connection and time budget.
    for (const name of requested(event) ?? jobsDueAt(now())) {
      try {
        ran[name] = await RUNNERS[name](ctx)
      } catch (err) {
        // One failing job does not stop the others; the next tick tries again (each job is idempotent).
        h.log.error(
          {
            job: name,
            err:
              err instanceof Error
                ? {
                    name: err.name,
                    stack: (err.stack ?? '')
                      .split('\n')
                      .filter((l) => /^\s+at /.test(l))
                      .join('\n'),
                  }
                : { thrown: typeof err },
          },
          'job failed',
        )
        ran[name] = 'failed'
      }
    }
    return { ok: true, ran }
  }
}
