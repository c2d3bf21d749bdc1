/** What the family's and the staff's halves of `homecert` share: the center as home certification reads it, the detail view, and the conditional move of a request through its states. */
import type { HomecertDetail } from '@/contract/homecert'
import { allowedActions, nextStatus, refusalText, type HomecertAction, type HomecertActor } from '@/core/home-certification-states'
import { conflict } from '@cloud/runtime/app-error'
import { homecertRules, loadCenter } from '@cloud/runtime/center'
import type { ActionContext } from '@cloud/runtime/context'
import { photoLink } from '@cloud/runtime/photo'
import type { Staff } from '@cloud/runtime/staff'
import type { HomecertActorRole, HomecertChanges, HomecertRecord, NewMessage } from '@cloud/store/port'
import { identityMarker } from '../people/on-file'
import { familyMessage, familyNotice } from './notices'
import { homecertDetail, type Contact, type ViewContext } from './view'
import { maskPersonName } from '@/core/people'

/** How many requests one list shows (a center's open requests are a few dozen). */
export const LIST_LIMIT = 200
export const MINE_LIMIT = 50

/** The center (the one loader) with its home-certification rules, communities and working calendar. */
export async function loadHomecert(ctx: ActionContext, centerId: string) {
  const [{ center, now, today, calendar }, rules, communities] = await Promise.all([
    loadCenter(ctx, centerId, { calendar: true }),
    homecertRules(ctx.store, centerId),
    ctx.store.homecert.communities(centerId),
  ])
  return { center, rules, communities, calendar, now, today }
}

export type Loaded = Awaited<ReturnType<typeof loadHomecert>>

/** What the views need besides the request: today, the calendar (for overdue), the rules and communities. */
export function viewContext(c: Loaded): ViewContext {
  return { today: c.today, calendar: c.calendar, rules: c.rules, communities: c.communities }
}

/** Who is looking at a request, and what they may do with it. */
export type Viewer = { kind: 'family' } | { kind: 'staff'; staff: Staff; actors: HomecertActor[] }

export async function detail(ctx: ActionContext, c: Loaded, r: HomecertRecord, viewer: Viewer): Promise<HomecertDetail> {
  const [steps, workers] = await Promise.all([ctx.store.homecert.timeline(r.id), ctx.store.homecert.gridWorkers(c.center.id)])
  const v = viewContext(c)
  const actors: HomecertActor[] = viewer.kind === 'family' ? ['family'] : viewer.actors
  // The family and the worker who visits see phones whole; a supervisor sees the address, phones masked.
  const contact: Contact = viewer.kind === 'family' || actors.includes('worker') ? 'full' : 'masked'
  const community = c.communities.find((x) => x.id === r.communityId)
  const canAssign = actors.includes('supervisor') && nextStatus(r.status, 'assign') !== null
  // The community's responsible worker first, then those who cover it, then the rest.
  const rank = (w: { openid: string; communities: string[] }) =>
    w.openid === community?.responsibleOpenid ? 0 : community && w.communities.includes(community.name) ? 1 : 2
  const assignable = canAssign
    ? [...workers]
        .sort((a, b) => rank(a) - rank(b))
        .map((w) => ({ openid: w.openid, name: w.name, communities: w.communities, responsible: rank(w) === 0 }))
    : []
  const elderCheck = await identityMarker(ctx)({ openid: r.requesterOpenid, name: r.elderName, idHash: r.elderIdHash })
  return homecertDetail(r, v, {
    viewer: viewer.kind,
    elderCheck,
    steps,
    worker: workers.find((w) => w.openid === r.workerOpenid) ?? null,
    contact,
    // A visit starts on its agreed day: the button is offered only then.
    actions: allowedActions(r.status, actors).filter((a) => a !== 'start_visit' || r.visitDate === c.today),
    assignable,
    centerPhone: c.center.phone,
    // Staff open the evidence photo; the family is told only that one was kept.
    evidencePhotoUrl: viewer.kind === 'staff' && r.evidencePhoto ? ((await photoLink(ctx, r.evidencePhoto))?.url ?? null) : null,
  })
}

export interface Move {
  action: HomecertAction
  actor: { role: HomecertActorRole; openid: string; name: string }
  changes?: HomecertChanges
  detail?: string | null
  note?: string | null
  /** Extra 消息 besides the family's (e.g. to the worker). */
  extra?: (moved: HomecertRecord, seq: number, at: string) => NewMessage[]
}

/** Applies one transition of the table: refused (CONFLICT) when the table or a concurrent change says no. */
export async function move(ctx: ActionContext, c: Loaded, r: HomecertRecord, m: Move): Promise<HomecertRecord> {
  const to = nextStatus(r.status, m.action)
  if (!to) throw conflict(refusalText(r.status, m.action))
  const at = c.now.toISOString()
  const seq = r.version + 1
  const changes = m.changes ?? {}
  // The 消息 is written with the step, from the request as it will be.
  const after: HomecertRecord = { ...r, ...changes, status: to }
  const workers = await ctx.store.homecert.gridWorkers(c.center.id)
  const workerPhone = workers.find((w) => w.openid === after.workerOpenid)?.phone ?? null
  const notice = m.actor.role === 'family' ? null : familyNotice(after, to, workerPhone, c.rules)
  const messages = [...(notice ? [familyMessage(after, seq, notice, at)] : []), ...(m.extra?.(after, seq, at) ?? [])]
  const moved = await ctx.store.homecert.transition(r.id, {
    from: { status: r.status, version: r.version },
    to,
    changes,
    step: {
      action: m.action,
      at,
      actorRole: m.actor.role,
      actorOpenid: m.actor.openid,
      actorName: m.actor.name,
      detail: m.detail ?? null,
      note: m.note ?? null,
    },
    messages,
  })
  if (!moved) throw conflict('该申请刚刚有了变化，请刷新后再试')
  return moved
}

/** A request in the audit log: its id, and its number with the elder's masked name (20261126-001 赵*厚). */
export const requestRecord = (r: HomecertRecord) => ({ id: r.id, label: `${r.number} ${maskPersonName(r.elderName)}` })
