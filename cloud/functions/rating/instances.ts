/**
 * The service instance a rating is about, read from its own area: who received it (the only one who may rate it),
 * whether it has ended, and what statistics group it by (事项, window, the worker who served). One reader per
 * service, so the rules of "ended" stay each area's own.
 */
import type { RatedService } from '@/core/rating'
import { canRate as caseEnded } from '@/core/delegation-states'
import type { HomecertStatus } from '@/core/home-certification-states'
import type { ActionContext } from '@cloud/runtime/context'

export interface RatedInstance {
  service: RatedService
  /** The canonical id rated (for a counter visit, the ticket's even when asked by the booking's id). */
  subjectId: string
  centerId: string
  /** The resident who received the service; null when nobody follows it (a kiosk ticket). */
  openid: string | null
  ended: boolean
  /** Why it cannot be rated yet, in the resident's words. */
  notYet: string
  /** What the admin reads to find it: the ticket number, the request or case number. */
  label: string
  /** The resident's page of it (for the 消息 of an answer). */
  link: string
  serviceId: string | null
  window: number | null
  workerOpenid: string | null
  workerName: string | null
}

/** A certification has an outcome (the elder was seen): 认证通过, 不符合, or closed after a visit. */
const HOMECERT_DONE: readonly HomecertStatus[] = ['certified', 'ineligible', 'closed_other']

async function counterVisit(ctx: ActionContext, id: string): Promise<RatedInstance | null> {
  const t = (await ctx.store.queue.get(id)) ?? (await ctx.store.queue.byBooking(id))
  if (!t) return null
  const completed = t.status === 'completed' ? (await ctx.store.queue.events(t.id)).filter((e) => e.action === 'complete').pop() : undefined
  return {
    service: 'counter',
    subjectId: t.id,
    centerId: t.centerId,
    openid: t.openid,
    ended: t.status === 'completed',
    notYet: '窗口办结后可以评价',
    label: `${t.date} ${t.label} 号`,
    link: t.bookingId ? `/pages/booking/detail/index?id=${t.bookingId}` : `/pages/queue/ticket/index?id=${t.id}`,
    serviceId: t.serviceId,
    window: t.window,
    workerOpenid: completed?.actorOpenid ?? null,
    workerName: completed?.actorName ?? null,
  }
}

async function homeCertification(ctx: ActionContext, id: string): Promise<RatedInstance | null> {
  const r = await ctx.store.homecert.get(id)
  if (!r) return null
  return {
    service: 'homecert',
    subjectId: r.id,
    centerId: r.centerId,
    openid: r.requesterOpenid,
    ended: HOMECERT_DONE.includes(r.status),
    notYet: '上门认证有结果后可以评价',
    label: `认证申请 ${r.number}`,
    link: `/pages/homecert/detail/index?id=${r.id}`,
    serviceId: null,
    window: null,
    workerOpenid: r.workerOpenid,
    workerName: r.workerName,
  }
}

async function delegatedCase(ctx: ActionContext, id: string): Promise<RatedInstance | null> {
  const c = await ctx.store.cases.get(id)
  if (!c) return null
  return {
    service: 'case',
    subjectId: c.id,
    centerId: c.centerId,
    openid: c.openid,
    ended: caseEnded(c.state),
    notYet: '代办件办结后可以评价',
    label: `代办件 ${c.caseNo}`,
    link: `/pages/delegation/detail/index?id=${c.id}`,
    serviceId: c.serviceId,
    window: null,
    workerOpenid: c.assigneeOpenid,
    workerName: c.assigneeName,
  }
}

const READERS: Record<RatedService, (ctx: ActionContext, id: string) => Promise<RatedInstance | null>> = {
  counter: counterVisit,
  homecert: homeCertification,
  case: delegatedCase,
}

/** The instance in this center, or null when there is none (or it is in another center). */
export async function ratedInstance(
  ctx: ActionContext,
  centerId: string,
  service: RatedService,
  id: string,
): Promise<RatedInstance | null> {
  const found = await READERS[service](ctx, id)
  return found && found.centerId === centerId ? found : null
}
