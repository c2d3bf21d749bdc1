import { addDays, beijingClock, beijingDate, minutesOf } from '@/core/beijing-time'
import { homecertRules } from '@cloud/runtime/center'
import { dueReminder } from '../homecert/notices'
import type { JobContext } from './index'

/** Reminders go out from this Beijing wall-clock time on, never at night. */
const REMIND_FROM = '09:00'
/** Per center and run, so a long backlog cannot hold the database. */
const BATCH = 200

/**
 * The yearly cycle: an elder certified at home whose next certification falls
 * within the center's `dueSoonDays` (or has passed without a new request) gets
 * one reminder to the family who asked last time. Safe to run twice or from two
 * processes: the reminder is noted on the request in the same unit as its 消息.
 */
export async function sendHomecertDueReminders(ctx: JobContext): Promise<number> {
  const now = ctx.now()
  if (minutesOf(beijingClock(now)) < minutesOf(REMIND_FROM)) return 0
  const today = beijingDate(now)
  let sent = 0
  for (const center of await ctx.store.centers.list()) {
    const rules = await homecertRules(ctx.store, center.id)
    const due = await ctx.store.homecert.dueBy(center.id, addDays(today, -365), addDays(today, rules.dueSoonDays), {
      limit: BATCH,
      unremindedOnly: true,
    })
    for (const r of due) if (await ctx.store.homecert.recordDueReminder(r.id, now.toISOString(), dueReminder(r, now.toISOString()))) sent++
  }
  return sent
}

/** One tick of the home-certification jobs. */
export async function runHomecertJobs(ctx: JobContext): Promise<{ dueReminders: number }> {
  return { dueReminders: await sendHomecertDueReminders(ctx) }
}
