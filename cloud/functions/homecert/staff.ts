/** `homecert`, the staff's half: supervisors assign requests, grid workers agree a visit, start it and record its outcome; the due-soon list. Every action is audited. */
import type { HomecertListFilter } from '@/contract/homecert'
import { addDays, longDate, monthDay, type IsoDate } from '@/core/beijing-time'
import {
  isPreferred,
  nextDueDate,
  outcomeDateProblem,
  VERIFY_METHOD_TEXT,
  visitDateProblem,
  windowText,
  type VisitWindow,
} from '@/core/home-certification'
import {
  ACTION_TEXT,
  ACTIVE_STATUSES,
  AWAITING_SCHEDULE,
  FINAL_STATUSES,
  nextStatus,
  refusalText,
  STATUS_TEXT,
  TRANSITIONS,
  type HomecertAction,
  type HomecertActor,
  type HomecertStatus,
} from '@/core/home-certification-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { checkedPhoto, storePhoto } from '@cloud/runtime/photo'
import { audit, grantOf, requireStaff, type Staff } from '@cloud/runtime/staff'
import type { CommunityRecord, HomecertActorRole, HomecertChanges, HomecertRecord } from '@cloud/store/port'
import { detail, LIST_LIMIT, type Loaded, loadHomecert, move, requestRecord, viewContext } from './common'
import { workerMessage } from './notices'
import { dateOf, homecertSummary } from './view'

/** The staff member's standing on one request: its worker, a supervisor of its community (admins count as supervisors). */
function staffActors(staff: Staff, r: HomecertRecord, communities: CommunityRecord[]): HomecertActor[] {
  const actors: HomecertActor[] = []
  if (grantOf(staff, 'grid') && r.workerOpenid === staff.openid) actors.push('worker')
  const community = communities.find((c) => c.id === r.communityId)?.name
  if (grantOf(staff, 'admin') || (community && grantOf(staff, 'supervisor')?.communities?.includes(community))) actors.push('supervisor')
  return actors
}

/** Community ids a staff member supervises (undefined: all, for admins). */
function supervisedIds(staff: Staff, communities: CommunityRecord[]): string[] | undefined {
  if (grantOf(staff, 'admin')) return undefined
  const names = grantOf(staff, 'supervisor')?.communities ?? []
  return communities.filter((c) => names.includes(c.name)).map((c) => c.id)
}

/** A request this staff member may see, with their standing on it; NOT_FOUND otherwise (existence is not revealed). */
async function visibleRequest(
  ctx: ActionContext,
  c: Loaded,
  staff: Staff,
  id: string,
): Promise<{ r: HomecertRecord; actors: HomecertActor[] }> {
  const r = await ctx.store.homecert.get(id)
  if (!r || r.centerId !== c.center.id) throw notFound('申请')
  const actors = staffActors(staff, r, c.communities)
  if (actors.length === 0) throw notFound('申请')
  return { r, actors }
}

/** The role a step is recorded under: the worker for their own visit, otherwise supervisor (admin for an admin without a supervisor grant). */
function stepRole(staff: Staff, actors: HomecertActor[], action: HomecertAction): HomecertActorRole {
  if (actors.includes('worker') && TRANSITIONS[action].by.includes('worker')) return 'worker'
  return grantOf(staff, 'supervisor') ? 'supervisor' : 'admin'
}

const staffActor = (staff: Staff, actors: HomecertActor[], action: HomecertAction) => ({
  role: stepRole(staff, actors, action),
  openid: staff.openid,
  name: staff.name,
})

/** Refuses a staff action the caller's standing does not allow (as the table says who may take it). */
function requireActor(actors: HomecertActor[], action: HomecertAction): void {
  if (!TRANSITIONS[action].by.some((who) => actors.includes(who))) {
    const who = TRANSITIONS[action].by.includes('supervisor')
      ? TRANSITIONS[action].by.includes('worker')
        ? '负责该申请的网格员或主管'
        : '负责该社区的主管'
      : '负责上门的网格员'
    throw new AppError('FORBIDDEN', `只有${who}可以${ACTION_TEXT[action]}`)
  }
}

/** The action behind each outcome a worker records (its status has the outcome's name). */
const OUTCOME_ACTION = {
  certified: 'certify',
  not_home: 'not_home',
  ineligible: 'ineligible',
  closed_other: 'close_other',
} as const satisfies Record<string, HomecertAction>

const statusesFor = (filter: HomecertListFilter): readonly HomecertStatus[] =>
  filter === 'open' ? ACTIVE_STATUSES : filter === 'overdue' ? AWAITING_SCHEDULE : [filter]

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export const listForStaff: ActionRun<'homecert', 'listForStaff'> = async ({ centerId, view, filter, communityId }, ctx) => {
  const staff = await requireStaff(ctx, centerId, view === 'mine' ? ['grid'] : ['supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const allowed = view === 'mine' ? undefined : supervisedIds(staff, c.communities)
  const visible = allowed === undefined ? c.communities : c.communities.filter((x) => allowed.includes(x.id))
  // A community the caller does not supervise lists nothing (and says nothing about it).
  const communityIds = communityId ? (visible.some((x) => x.id === communityId) ? [communityId] : []) : allowed
  const statuses = statusesFor(filter)
  const history = statuses.every((s) => FINAL_STATUSES.includes(s))
  const rows = await ctx.store.homecert.listForStaff({
    centerId,
    statuses,
    communityIds,
    workerOpenid: view === 'mine' ? staff.openid : undefined,
    order: history ? 'newest' : 'oldest',
    limit: LIST_LIMIT + 1,
  })
  const page = rows.slice(0, LIST_LIMIT)
  const v = viewContext(c)
  let items = page.map((r) => homecertSummary(r, v))
  if (filter === 'overdue') items = items.filter((s) => s.overdue)
  // Overdue first, then the oldest: what waits longest is done first.
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue))
  await audit(
    ctx,
    staff,
    'homecert.list',
    'homecert',
    null,
    [
      view === 'mine' ? '我的上门任务' : '全部申请',
      filter === 'open' ? '未结束' : filter === 'overdue' ? '已超期' : STATUS_TEXT[filter],
      communityId && visible.find((x) => x.id === communityId)?.name,
      `共 ${items.length} 件`,
    ]
      .filter(Boolean)
      .join('，'),
  )
  return { items, communities: visible.map((x) => ({ id: x.id, name: x.name })), truncated: rows.length > LIST_LIMIT }
}

export const staffGet: ActionRun<'homecert', 'staffGet'> = async ({ centerId, id }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const { r, actors } = await visibleRequest(ctx, c, staff, id)
  await audit(ctx, staff, 'homecert.view', 'homecert', requestRecord(r))
  return detail(ctx, c, r, { kind: 'staff', staff, actors })
}

export const assign: ActionRun<'homecert', 'assign'> = async ({ centerId, id, workerOpenid, note }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const { r, actors } = await visibleRequest(ctx, c, staff, id)
  requireActor(actors, 'assign')
  const worker = (await ctx.store.homecert.gridWorkers(centerId)).find((w) => w.openid === workerOpenid)
  if (!worker) throw new AppError('INVALID_INPUT', '请选择本中心的网格员', { workerOpenid: '请选择本中心的网格员' })
  // The same assignment again (a retried tap) answers the request as it is.
  if (r.status === 'assigned' && r.workerOpenid === worker.openid) return detail(ctx, c, r, { kind: 'staff', staff, actors })
  const dropsVisit: HomecertChanges =
    r.status === 'scheduled' ? { visitDate: null, visitHalf: null, visitNote: null, waitingSince: c.today } : {}
  const moved = await move(ctx, c, r, {
    action: 'assign',
    actor: staffActor(staff, actors, 'assign'),
    changes: { workerOpenid: worker.openid, workerName: worker.name, ...dropsVisit },
    detail: `由网格员${worker.name}负责`,
    note: note ?? null,
    extra: (after, seq, at) => [
      workerMessage(
        after,
        worker.openid,
        seq,
        '新的上门认证任务',
        `${after.elderName}（${c.communities.find((x) => x.id === r.communityId)?.name ?? ''}，编号 ${r.number}）的上门认证派给了您，请在 ${c.rules.overdueWorkingDays} 个工作日内与家属约定上门时间。`,
        at,
      ),
    ],
  })
  await audit(ctx, staff, 'homecert.assign', 'homecert', requestRecord(r), `派给${worker.name}`)
  return detail(ctx, c, moved, { kind: 'staff', staff, actors: staffActors(staff, moved, c.communities) })
}

export const schedule: ActionRun<'homecert', 'schedule'> = async ({ centerId, id, date, half, note }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const { r, actors } = await visibleRequest(ctx, c, staff, id)
  requireActor(actors, 'schedule')
  if (r.status === 'scheduled' && r.visitDate === date && r.visitHalf === half) return detail(ctx, c, r, { kind: 'staff', staff, actors })
  if (!nextStatus(r.status, 'schedule')) throw conflict(refusalText(r.status, 'schedule'))
  const problem = visitDateProblem(date, c.today, c.calendar, c.rules)
  if (problem) throw new AppError('INVALID_INPUT', problem, { date: problem })
  const visit: VisitWindow = { date, half }
  if (!isPreferred(visit, r.windows) && !note) {
    const message = '这个时间不在家属选择的时间里，请注明已与家属约定的情况'
    throw new AppError('INVALID_INPUT', message, { note: message })
  }
  const moved = await move(ctx, c, r, {
    action: 'schedule',
    actor: staffActor(staff, actors, 'schedule'),
    changes: { visitDate: date, visitHalf: half, visitNote: note ?? null },
    detail: windowText(visit),
    note: note ?? null,
  })
  await audit(ctx, staff, 'homecert.schedule', 'homecert', requestRecord(r), windowText({ date, half }))
  return detail(ctx, c, moved, { kind: 'staff', staff, actors })
}

export const startVisit: ActionRun<'homecert', 'startVisit'> = async ({ centerId, id }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const { r, actors } = await visibleRequest(ctx, c, staff, id)
  requireActor(actors, 'start_visit')
  if (r.status === 'visiting') return detail(ctx, c, r, { kind: 'staff', staff, actors })
  if (r.status === 'scheduled' && r.visitDate !== c.today) {
    throw conflict(`约定的上门日期是 ${r.visitDate ? monthDay(r.visitDate) : ''}，当天才能开始上门；如已改约，请先修改上门时间`)
  }
  const moved = await move(ctx, c, r, { action: 'start_visit', actor: staffActor(staff, actors, 'start_visit') })
  await audit(ctx, staff, 'homecert.startVisit', 'homecert', requestRecord(r))
  return detail(ctx, c, moved, { kind: 'staff', staff, actors })
}

export const recordOutcome: ActionRun<'homecert', 'recordOutcome'> = async (input, ctx) => {
  const { centerId, id, outcome, certifiedOn, note, method, evidenceNote, evidencePhoto, earlyReason } = input
  const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const { r, actors } = await visibleRequest(ctx, c, staff, id)
  const action = OUTCOME_ACTION[outcome]
  requireActor(actors, action)
  // The same final outcome again (a retried tap) answers the request as it is.
  if (r.status === outcome && FINAL_STATUSES.includes(r.status)) return detail(ctx, c, r, { kind: 'staff', staff, actors })
  if (!nextStatus(r.status, action)) throw conflict(refusalText(r.status, action))

  let changes: HomecertChanges
  let detailText: string | null = null
  const at = c.now.toISOString()
  const on: IsoDate = (outcome === 'certified' && certifiedOn) || c.today
  // A result dated before the agreed visit reads as a visit that never happened: only with a reason.
  const early = outcomeDateProblem(on, r.visitDate, earlyReason)
  if (early) throw new AppError('INVALID_INPUT', early, { earlyReason: early })
  const earlyText = r.visitDate && on < r.visitDate ? `（约定 ${monthDay(r.visitDate)}，提前记录：${earlyReason}）` : ''
  switch (outcome) {
    case 'certified': {
      if (on > c.today || on < dateOf(r.createdAt)) {
        const message = `认证日期应在 ${monthDay(dateOf(r.createdAt))} 到今天之间`
        throw new AppError('INVALID_INPUT', message, { certifiedOn: message })
      }
      if (!method) throw new AppError('INVALID_INPUT', '请选择核验方式：上门现场核验或视频核验', { method: '请选择核验方式' })
      if (!evidenceNote && !evidencePhoto) {
        const message = '请留下核验凭证：拍一张照片，或写明核验情况'
        throw new AppError('INVALID_INPUT', message, { evidenceNote: message })
      }
      if (evidencePhoto) checkedPhoto(evidencePhoto, 'evidencePhoto')
      changes = {
        certifiedOn: on,
        nextDue: nextDueDate(on),
        outcomeNote: note ?? null,
        verifyMethod: method,
        evidenceNote: evidenceNote ?? null,
        // The stored file's key, set below once every check has passed and the photo is in the file store.
        evidencePhoto: null,
        visitedOn: on,
        closedAt: at,
      }
      detailText = `${VERIFY_METHOD_TEXT[method]}，认证日期 ${longDate(on)}，下次认证 ${longDate(nextDueDate(on))} 前${earlyText}`
      break
    }
    case 'not_home':
      // Back to agreeing a time: the visit is undone, the count goes up, the overdue clock restarts.
      changes = { notHomeCount: r.notHomeCount + 1, visitDate: null, visitHalf: null, visitNote: null, waitingSince: c.today }
      detailText = `第 ${r.notHomeCount + 1} 次未遇，需重新约定时间${earlyText}`
      break
    case 'ineligible':
    case 'closed_other': {
      if (!note) {
        const message = outcome === 'ineligible' ? '请写明不符合上门条件的原因' : '请写明办结的情况（如已到窗口认证、已静默认证）'
        throw new AppError('INVALID_INPUT', message, { note: message })
      }
      // A visit that had started is the actual visit; otherwise no visit took place.
      changes = { outcomeNote: note, visitedOn: r.status === 'visiting' ? c.today : null, closedAt: at }
      if (earlyText) detailText = earlyText
      break
    }
  }
  // The evidence photo's file first, then the record that names it; a refused record takes its file back.
  const photo = outcome === 'certified' && evidencePhoto ? await storePhoto(ctx, `homecert/${r.id}`, evidencePhoto, 'evidencePhoto') : null
  if (photo) changes.evidencePhoto = photo.key
  let moved: HomecertRecord
  try {
    moved = await move(ctx, c, r, { action, actor: staffActor(staff, actors, action), changes, detail: detailText, note: note ?? null })
  } catch (err) {
    if (photo) await ctx.store.files.remove([photo.key])
    throw err
  }
  await audit(ctx, staff, `homecert.${action}`, 'homecert', requestRecord(r))
  return detail(ctx, c, moved, { kind: 'staff', staff, actors })
}

export const listDueSoon: ActionRun<'homecert', 'listDueSoon'> = async ({ centerId }, ctx) => {
  const staff = await requireStaff(ctx, centerId, ['supervisor', 'admin'])
  const c = await loadHomecert(ctx, centerId)
  const allowed = supervisedIds(staff, c.communities)
  const rows = await ctx.store.homecert.dueBy(centerId, addDays(c.today, -365), addDays(c.today, c.rules.dueSoonDays), {
    limit: LIST_LIMIT,
  })
  const items = rows
    .filter((r) => allowed === undefined || allowed.includes(r.communityId))
    .map((r) => ({
      id: r.id,
      number: r.number,
      elderName: r.elderName,
      communityName: c.communities.find((x) => x.id === r.communityId)?.name ?? '',
      certifiedOn: r.certifiedOn!,
      nextDue: r.nextDue!,
      daysLeft: daysBetween(c.today, r.nextDue!),
      reminded: r.dueRemindedAt !== null,
    }))
  await audit(ctx, staff, 'homecert.listDueSoon', 'homecert', null, `共 ${items.length} 位`)
  return { items, days: c.rules.dueSoonDays }
}
