import { createHash } from 'node:crypto'
import type { HomecertDetail, HomecertListFilter } from '../../../src/contract/homecert'
import { addDays, monthDay, weekdayName, type IsoDate } from '../../../src/core/beijing-time'
import {
  checkEligibility,
  coveredUntilRenewal,
  disabilityOf,
  dueSoonFrom,
  HOMECERT_CATEGORIES,
  isPreferred,
  nextDueDate,
  requestNumber,
  visitDateProblem,
  windowDates,
  windowProblems,
  windowText,
  type VisitWindow,
} from '../../../src/core/home-certification'
import { ACTION_TEXT, ACTIVE_STATUSES, allowedActions, AWAITING_SCHEDULE, FINAL_STATUSES, nextStatus, refusalText, STATUS_TEXT, TRANSITIONS, type HomecertAction, type HomecertActor, type HomecertStatus } from '../../../src/core/home-certification-states'
import { birthDateOf, ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber } from '../../../src/core/id-number'
import { AppError, conflict, notFound } from '../../runtime/app-error'
import { homecertRules, loadCenter } from '../../runtime/center'
import { requirePii, type ActionContext } from '../../runtime/context'
import { defineFunction } from '../../runtime/dispatch'
import { audit, grantOf, requireStaff, type Staff } from '../../runtime/staff'
import type { CommunityRecord, HomecertActorRole, HomecertChanges, HomecertRecord, NewMessage } from '../../store/port'
import { familyMessage, familyNotice, workerMessage } from './notices'
import { dateOf, homecertDetail, homecertSummary, longDate, type Contact, type ViewContext } from './view'

/** How many requests one list shows (a center's open requests are a few dozen). */
const LIST_LIMIT = 200
const MINE_LIMIT = 50

export const PRIVACY_NOTE =
  '为安排上门认证，我们收集老人的姓名、身份证号码、住址和联系电话，以及申请人的姓名、电话和与老人的关系。身份证号码和残疾人证号加密保存，页面上只显示部分数字；住址和电话只给负责上门的网格员及其主管看。信息只用于本次认证和下一年的到期提醒，不作他用。'

/** Same requester + same request id → same request id, so a retried submit meets its first row. */
export function homecertIdFor(openid: string, requestId: string): string {
  return 'hc' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 30)
}

/** The center (the one loader) with its home-certification rules, communities and working calendar. */
async function loadHomecert(ctx: ActionContext, centerId: string) {
  const [{ center, now, today, calendar }, rules, communities] = await Promise.all([
    loadCenter(ctx, centerId, { calendar: true }),
    homecertRules(ctx.store, centerId),
    ctx.store.homecert.communities(centerId),
  ])
  return { center, rules, communities, calendar, now, today }
}

type Loaded = Awaited<ReturnType<typeof loadHomecert>>

/** What the views need besides the request: today, the calendar (for overdue), the rules and communities. */
function viewContext(c: Loaded): ViewContext {
  return { today: c.today, calendar: c.calendar, rules: c.rules, communities: c.communities }
}

/** Who is looking at a request, and what they may do with it. */
type Viewer = { kind: 'family' } | { kind: 'staff'; staff: Staff; actors: HomecertActor[] }

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

async function detail(ctx: ActionContext, c: Loaded, r: HomecertRecord, viewer: Viewer): Promise<HomecertDetail> {
  const [steps, workers] = await Promise.all([ctx.store.homecert.timeline(r.id), ctx.store.homecert.gridWorkers(c.center.id)])
  const v = viewContext(c)
  const actors: HomecertActor[] = viewer.kind === 'family' ? ['family'] : viewer.actors
  // The family and the worker who visits see phones whole; a supervisor sees the address, phones masked.
  const contact: Contact = viewer.kind === 'family' || actors.includes('worker') ? 'full' : 'masked'
  const community = c.communities.find((x) => x.id === r.communityId)
  const canAssign = actors.includes('supervisor') && nextStatus(r.status, 'assign') !== null
  // The community's responsible worker first, then those who cover it, then the rest.
  const rank = (w: { openid: string; communities: string[] }) => (w.openid === community?.responsibleOpenid ? 0 : community && w.communities.includes(community.name) ? 1 : 2)
  const assignable = canAssign
    ? [...workers].sort((a, b) => rank(a) - rank(b)).map((w) => ({ openid: w.openid, name: w.name, communities: w.communities, responsible: rank(w) === 0 }))
    : []
  return homecertDetail(r, v, {
    viewer: viewer.kind,
    steps,
    worker: workers.find((w) => w.openid === r.workerOpenid) ?? null,
    contact,
    // A visit starts on its agreed day: the button is offered only then.
    actions: allowedActions(r.status, actors).filter((a) => a !== 'start_visit' || r.visitDate === c.today),
    assignable,
  })
}

/** The caller's own request in this center, or NOT_FOUND — the same answer as for one that does not exist. */
async function ownRequest(ctx: ActionContext, centerId: string, id: string): Promise<HomecertRecord> {
  const r = await ctx.store.homecert.get(id)
  if (!r || r.requesterOpenid !== ctx.openid || r.centerId !== centerId) throw notFound('申请')
  return r
}

/** A request this staff member may see, with their standing on it; NOT_FOUND otherwise (existence is not revealed). */
async function visibleRequest(ctx: ActionContext, c: Loaded, staff: Staff, id: string): Promise<{ r: HomecertRecord; actors: HomecertActor[] }> {
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

interface Move {
  action: HomecertAction
  actor: { role: HomecertActorRole; openid: string; name: string }
  changes?: HomecertChanges
  detail?: string | null
  note?: string | null
  /** Extra 消息 besides the family's (e.g. to the worker). */
  extra?: (moved: HomecertRecord, seq: number, at: string) => NewMessage[]
}

/** Applies one transition of the table: refused (CONFLICT) when the table or a concurrent change says no. */
async function move(ctx: ActionContext, c: Loaded, r: HomecertRecord, m: Move): Promise<HomecertRecord> {
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
    step: { action: m.action, at, actorRole: m.actor.role, actorOpenid: m.actor.openid, actorName: m.actor.name, detail: m.detail ?? null, note: m.note ?? null },
    messages,
  })
  if (!moved) throw conflict('该申请刚刚有了变化，请刷新后再试')
  return moved
}

const staffActor = (staff: Staff, actors: HomecertActor[], action: HomecertAction) => ({ role: stepRole(staff, actors, action), openid: staff.openid, name: staff.name })

/** Refuses a staff action the caller's standing does not allow (as the table says who may take it). */
function requireActor(actors: HomecertActor[], action: HomecertAction): void {
  if (!TRANSITIONS[action].by.some((who) => actors.includes(who))) {
    const who = TRANSITIONS[action].by.includes('supervisor') ? (TRANSITIONS[action].by.includes('worker') ? '负责该申请的网格员或主管' : '负责该社区的主管') : '负责上门的网格员'
    throw new AppError('FORBIDDEN', `只有${who}可以${ACTION_TEXT[action]}`)
  }
}

function alreadyActive(r: HomecertRecord): AppError {
  return conflict(`该老人已有一个上门认证申请正在办理（编号 ${r.number}，${STATUS_TEXT[r.status]}），不用重复申请。是您提交的可在“我的申请”中查看；不是的，请联系提交申请的家人或中心。`)
}

/** The action behind each outcome a worker records (its status has the outcome's name). */
const OUTCOME_ACTION = { certified: 'certify', not_home: 'not_home', ineligible: 'ineligible', closed_other: 'close_other' } as const satisfies Record<string, HomecertAction>

const statusesFor = (filter: HomecertListFilter): readonly HomecertStatus[] => (filter === 'open' ? ACTIVE_STATUSES : filter === 'overdue' ? AWAITING_SCHEDULE : [filter])

/** `homecert`: door-to-door pension certification. */
export const homecert = defineFunction('homecert', {
  options: {
    access: 'anyone',
    async run({ centerId }, ctx) {
      const c = await loadHomecert(ctx, centerId)
      return {
        communities: c.communities.map((x) => ({ id: x.id, name: x.name })),
        categories: HOMECERT_CATEGORIES.map((x) => ({ ...x, hint: x.key === 'elderly' ? `年满 ${c.rules.minAge} 周岁（按身份证号码计算）` : x.hint })),
        minAge: c.rules.minAge,
        maxWindows: c.rules.maxWindows,
        today: c.today,
        dates: windowDates(c.today, c.calendar, c.rules).map((date) => ({ date, weekday: weekdayName(date), label: monthDay(date) })),
        privacyNote: PRIVACY_NOTE,
      }
    },
  },

  submit: {
    access: 'signed_in',
    async run(input, ctx) {
      const openid = ctx.openid!
      const pii = requirePii(ctx)
      const id = homecertIdFor(openid, input.requestId)
      const c = await loadHomecert(ctx, input.centerId)
      // A retry of a submit that already went through answers its first result.
      const first = await ctx.store.homecert.get(id)
      if (first) return detail(ctx, c, first, { kind: 'family' })

      const community = c.communities.find((x) => x.id === input.elder.communityId)
      if (!community) throw new AppError('INVALID_INPUT', undefined, { 'elder.communityId': '请选择老人所在的社区/村' })
      if (idNumberProblem(input.elder.idNumber, c.today) === 'birth_date') throw new AppError('INVALID_INPUT', undefined, { 'elder.idNumber': ID_NUMBER_MESSAGES.birth_date })
      const eligibility = checkEligibility({ category: input.category, elderIdNumber: input.elder.idNumber, disabilityCertNumber: input.disabilityCertNumber, reason: input.reason }, c.today, c.rules)
      if (!eligibility.eligible) throw new AppError('INVALID_INPUT', eligibility.message, { [eligibility.field]: eligibility.message })
      const windowIssues = windowProblems(input.windows, c.today, c.calendar, c.rules)
      if (Object.keys(windowIssues).length > 0) throw new AppError('INVALID_INPUT', '请重新选择方便上门的时间', windowIssues)

      const elderIdHash = pii.hash(input.elder.idNumber)
      const active = await ctx.store.homecert.activeForElder(elderIdHash)
      if (active) throw alreadyActive(active)
      const last = await ctx.store.homecert.lastCertified(elderIdHash)
      if (last?.certifiedOn && coveredUntilRenewal(last.certifiedOn, c.today, c.rules)) {
        const nextDue = nextDueDate(last.certifiedOn)
        throw conflict(`${input.elder.name} 已于 ${longDate(last.certifiedOn)} 通过上门认证，本年度不用再认证。下次认证时间为 ${longDate(nextDue)}，${longDate(dueSoonFrom(nextDue, c.rules))} 起可以再次申请。`)
      }

      const self = input.requester.self
      const requesterName = self ? input.elder.name : input.requester.name!
      const disabled = input.category === 'disabled' && input.disabilityCertNumber ? disabilityOf(input.disabilityCertNumber) : null
      const createdAt = c.now.toISOString()
      const result = await ctx.store.homecert.create(
        {
          id,
          centerId: input.centerId,
          communityId: community.id,
          requesterOpenid: openid,
          requestId: input.requestId,
          elderName: input.elder.name,
          elderIdSealed: pii.encrypt(input.elder.idNumber),
          elderIdHash,
          elderIdMasked: maskIdNumber(input.elder.idNumber),
          elderBirthDate: birthDateOf(input.elder.idNumber),
          elderPhone: input.elder.phone ?? null,
          elderAddress: input.elder.address,
          category: input.category,
          disabilitySealed: disabled ? pii.encrypt(input.disabilityCertNumber!) : null,
          disabilityKind: disabled?.kind ?? null,
          disabilityGrade: disabled?.grade ?? null,
          reason: input.reason ?? null,
          requesterSelf: self,
          requesterName,
          requesterPhone: input.requester.phone,
          relation: self ? null : (input.requester.relation ?? null),
          windows: input.windows,
          note: input.note ?? null,
          waitingSince: c.today,
          createdAt,
        },
        c.today,
        requestNumber,
        { action: 'submit', at: createdAt, actorRole: 'family', actorOpenid: openid, actorName: requesterName, detail: `方便上门的时间：${input.windows.map(windowText).join('、')}`, note: input.note ?? null },
        (r) => familyMessage(r, 1, familyNotice(r, 'submitted', null, c.rules)!, createdAt),
      )
      if (result.kind === 'active_exists') throw alreadyActive(result.request)
      return detail(ctx, c, result.request, { kind: 'family' })
    },
  },

  listMine: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      const c = await loadHomecert(ctx, centerId)
      const rows = await ctx.store.homecert.listByRequester(centerId, ctx.openid!, MINE_LIMIT)
      const v = viewContext(c)
      return { items: rows.map((r) => homecertSummary(r, v)) }
    },
  },

  get: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const c = await loadHomecert(ctx, centerId)
      return detail(ctx, c, await ownRequest(ctx, centerId, id), { kind: 'family' })
    },
  },

  cancel: {
    access: 'signed_in',
    async run({ centerId, id, reason }, ctx) {
      const c = await loadHomecert(ctx, centerId)
      const r = await ownRequest(ctx, centerId, id)
      // Cancelling twice (a retried tap) answers the cancelled request.
      if (r.status === 'cancelled') return detail(ctx, c, r, { kind: 'family' })
      const moved = await move(ctx, c, r, {
        action: 'cancel',
        actor: { role: 'family', openid: ctx.openid!, name: r.requesterName },
        changes: { closedAt: c.now.toISOString() },
        note: reason ?? null,
        extra: (after, seq, at) => (r.workerOpenid ? [workerMessage(after, r.workerOpenid, seq, '上门认证已取消', `${r.elderName} 的上门认证申请（编号 ${r.number}）已由家属取消，不用再上门。`, at)] : []),
      })
      return detail(ctx, c, moved, { kind: 'family' })
    },
  },

  reschedule: {
    access: 'signed_in',
    async run({ centerId, id, windows, note }, ctx) {
      const c = await loadHomecert(ctx, centerId)
      const r = await ownRequest(ctx, centerId, id)
      if (!nextStatus(r.status, 'request_reschedule')) throw conflict(refusalText(r.status, 'request_reschedule'))
      const issues = windowProblems(windows, c.today, c.calendar, c.rules)
      if (Object.keys(issues).length > 0) throw new AppError('INVALID_INPUT', '请重新选择方便上门的时间', issues)
      // A visit already agreed is undone: the worker agrees a new one, and the overdue clock restarts.
      const undo: HomecertChanges = r.status === 'scheduled' ? { visitDate: null, visitHalf: null, visitNote: null, waitingSince: c.today } : {}
      const text = windows.map(windowText).join('、')
      const moved = await move(ctx, c, r, {
        action: 'request_reschedule',
        actor: { role: 'family', openid: ctx.openid!, name: r.requesterName },
        changes: { windows, ...undo },
        detail: `新的方便时间：${text}`,
        note: note ?? null,
        extra: (after, seq, at) =>
          r.workerOpenid ? [workerMessage(after, r.workerOpenid, seq, '家属申请改期', `${r.elderName}（编号 ${r.number}）的家属申请改期，新的方便时间：${text}。请重新约定上门时间。`, at)] : [],
      })
      return detail(ctx, c, moved, { kind: 'family' })
    },
  },

  listForStaff: {
    access: 'signed_in',
    async run({ centerId, view, filter, communityId }, ctx) {
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
      await audit(ctx, staff, 'homecert.list', 'homecert', null, `view=${view} filter=${filter}${communityId ? ` community=${communityId}` : ''} count=${items.length}`)
      return { items, communities: visible.map((x) => ({ id: x.id, name: x.name })), truncated: rows.length > LIST_LIMIT }
    },
  },

  staffGet: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
      const c = await loadHomecert(ctx, centerId)
      const { r, actors } = await visibleRequest(ctx, c, staff, id)
      await audit(ctx, staff, 'homecert.view', 'homecert', r.id)
      return detail(ctx, c, r, { kind: 'staff', staff, actors })
    },
  },

  assign: {
    access: 'signed_in',
    async run({ centerId, id, workerOpenid, note }, ctx) {
      const staff = await requireStaff(ctx, centerId, ['supervisor', 'admin'])
      const c = await loadHomecert(ctx, centerId)
      const { r, actors } = await visibleRequest(ctx, c, staff, id)
      requireActor(actors, 'assign')
      const worker = (await ctx.store.homecert.gridWorkers(centerId)).find((w) => w.openid === workerOpenid)
      if (!worker) throw new AppError('INVALID_INPUT', '请选择本中心的网格员', { workerOpenid: '请选择本中心的网格员' })
      // The same assignment again (a retried tap) answers the request as it is.
      if (r.status === 'assigned' && r.workerOpenid === worker.openid) return detail(ctx, c, r, { kind: 'staff', staff, actors })
      const dropsVisit: HomecertChanges = r.status === 'scheduled' ? { visitDate: null, visitHalf: null, visitNote: null, waitingSince: c.today } : {}
      const moved = await move(ctx, c, r, {
        action: 'assign',
        actor: staffActor(staff, actors, 'assign'),
        changes: { workerOpenid: worker.openid, workerName: worker.name, ...dropsVisit },
        detail: `由网格员 ${worker.name} 负责`,
        note: note ?? null,
        extra: (after, seq, at) => [
          workerMessage(after, worker.openid, seq, '新的上门认证任务', `${after.elderName}（${c.communities.find((x) => x.id === r.communityId)?.name ?? ''}，编号 ${r.number}）的上门认证派给了您，请在 ${c.rules.overdueWorkingDays} 个工作日内与家属约定上门时间。`, at),
        ],
      })
      await audit(ctx, staff, 'homecert.assign', 'homecert', r.id, `worker=${worker.openid}`)
      return detail(ctx, c, moved, { kind: 'staff', staff, actors: staffActors(staff, moved, c.communities) })
    },
  },

  schedule: {
    access: 'signed_in',
    async run({ centerId, id, date, half, note }, ctx) {
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
      await audit(ctx, staff, 'homecert.schedule', 'homecert', r.id, `${date} ${half}`)
      return detail(ctx, c, moved, { kind: 'staff', staff, actors })
    },
  },

  startVisit: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const staff = await requireStaff(ctx, centerId, ['grid', 'supervisor', 'admin'])
      const c = await loadHomecert(ctx, centerId)
      const { r, actors } = await visibleRequest(ctx, c, staff, id)
      requireActor(actors, 'start_visit')
      if (r.status === 'visiting') return detail(ctx, c, r, { kind: 'staff', staff, actors })
      if (r.status === 'scheduled' && r.visitDate !== c.today) {
        throw conflict(`约定的上门日期是 ${r.visitDate ? monthDay(r.visitDate) : ''}，当天才能开始上门；如已改约，请先修改上门时间`)
      }
      const moved = await move(ctx, c, r, { action: 'start_visit', actor: staffActor(staff, actors, 'start_visit') })
      await audit(ctx, staff, 'homecert.startVisit', 'homecert', r.id)
      return detail(ctx, c, moved, { kind: 'staff', staff, actors })
    },
  },

  recordOutcome: {
    access: 'signed_in',
    async run({ centerId, id, outcome, certifiedOn, note }, ctx) {
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
      switch (outcome) {
        case 'certified': {
          const on: IsoDate = certifiedOn ?? c.today
          if (on > c.today || on < dateOf(r.createdAt)) {
            const message = `认证日期应在 ${monthDay(dateOf(r.createdAt))} 到今天之间`
            throw new AppError('INVALID_INPUT', message, { certifiedOn: message })
          }
          changes = { certifiedOn: on, nextDue: nextDueDate(on), outcomeNote: note ?? null, closedAt: at }
          detailText = `认证日期 ${longDate(on)}，下次认证 ${longDate(nextDueDate(on))} 前`
          break
        }
        case 'not_home':
          // Back to agreeing a time: the visit is undone, the count goes up, the overdue clock restarts.
          changes = { notHomeCount: r.notHomeCount + 1, visitDate: null, visitHalf: null, visitNote: null, waitingSince: c.today }
          detailText = `第 ${r.notHomeCount + 1} 次未遇，需重新约定时间`
          break
        case 'ineligible':
        case 'closed_other': {
          if (!note) {
            const message = outcome === 'ineligible' ? '请写明不符合上门条件的原因' : '请写明办结的情况（如已到窗口认证、已静默认证）'
            throw new AppError('INVALID_INPUT', message, { note: message })
          }
          changes = { outcomeNote: note, closedAt: at }
          break
        }
      }
      const moved = await move(ctx, c, r, { action, actor: staffActor(staff, actors, action), changes, detail: detailText, note: note ?? null })
      await audit(ctx, staff, `homecert.${action}`, 'homecert', r.id)
      return detail(ctx, c, moved, { kind: 'staff', staff, actors })
    },
  },

  listDueSoon: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      const staff = await requireStaff(ctx, centerId, ['supervisor', 'admin'])
      const c = await loadHomecert(ctx, centerId)
      const allowed = supervisedIds(staff, c.communities)
      const rows = await ctx.store.homecert.dueBy(centerId, addDays(c.today, -365), addDays(c.today, c.rules.dueSoonDays), { limit: LIST_LIMIT })
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
      await audit(ctx, staff, 'homecert.listDueSoon', 'homecert', null, `count=${items.length}`)
      return { items, days: c.rules.dueSoonDays }
    },
  },
})

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
