/** `homecert`, the family's half: ask for a door-to-door certification, follow it, cancel it or ask for another time. */
import { createHash } from 'node:crypto'
import { longDate, monthDay, weekdayName } from '@/core/beijing-time'
import {
  checkEligibility,
  coveredUntilRenewal,
  disabilityOf,
  dueSoonFrom,
  HOMECERT_CATEGORIES,
  nextDueDate,
  requestNumber,
  windowDates,
  windowProblems,
  windowText,
} from '@/core/home-certification'
import { nextStatus, refusalText, STATUS_TEXT } from '@/core/home-certification-states'
import { actsForPerson } from '@/core/booking-rules'
import { birthDateOf, ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber } from '@/core/id-number'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import type { ParsedInput } from '@/contract'
import type { HomecertChanges, HomecertRecord } from '@cloud/store/port'
import { addRelative, bookingMaker, personOnFile } from '../people/on-file'
import { detail, loadHomecert, MINE_LIMIT, move, viewContext } from './common'
import { familyMessage, familyNotice, workerMessage } from './notices'
import { homecertSummary } from './view'
import { relativeView } from '@cloud/functions/people/views'

export const PRIVACY_NOTE =
  '为安排上门认证，我们收集老人的姓名、身份证号码、住址和联系电话，以及申请人的姓名、电话和与老人的关系。身份证号码和残疾人证号加密保存，页面上只显示部分数字；住址和电话只给负责上门的网格员及其主管看。信息只用于本次认证和下一年的到期提醒，不作他用。'

/** Same requester + same request id → same request id, so a retried submit meets its first row. */
export function homecertIdFor(openid: string, requestId: string): string {
  return 'hc' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 30)
}

/** The caller's own request in this center, or NOT_FOUND — the same answer as for one that does not exist. */
async function ownRequest(ctx: ActionContext, centerId: string, id: string): Promise<HomecertRecord> {
  const r = await ctx.store.homecert.get(id)
  if (!r || r.requesterOpenid !== ctx.openid || r.centerId !== centerId) throw notFound('申请')
  return r
}

/**
 * Whether the caller may learn what is on record for this elder: they asked for `r` themself, or they are the elder
 * (verified) or a relative the elder consented to. Anyone else only typed an ID number, which proves nothing.
 */
async function mayKnow(ctx: ActionContext, elderIdHash: string, r: HomecertRecord): Promise<boolean> {
  return r.requesterOpenid === ctx.openid || actsForPerson(elderIdHash, await bookingMaker(ctx))
}

/**
 * The one refusal a caller who may not know gets, whether the elder has a request in progress or was certified
 * this year: it names neither, so typing an ID number tells a stranger nothing about that elder.
 */
export const CANNOT_SUBMIT_TEXT = '暂时不能在线为这位老人申请上门认证。如有需要，请联系老人所在社区的网格员或拨打服务中心电话。'

async function alreadyActive(ctx: ActionContext, elderIdHash: string, r: HomecertRecord): Promise<AppError> {
  if (!(await mayKnow(ctx, elderIdHash, r))) return conflict(CANNOT_SUBMIT_TEXT)
  if (r.requesterOpenid === ctx.openid)
    return conflict(`该老人已有进行中的申请（编号 ${r.number}，${STATUS_TEXT[r.status]}），请在「我的上门认证」查看，不用重复申请。`)
  return conflict(
    `该老人已有进行中的申请（编号 ${r.number}，${STATUS_TEXT[r.status]}），由其他家人提交，不用重复申请。如需了解进度，请联系提交申请的家人或服务中心。`,
  )
}

export const options: ActionRun<'homecert', 'options'> = async ({ centerId }, ctx) => {
  const [c, relatives] = await Promise.all([loadHomecert(ctx, centerId), ctx.openid ? ctx.store.people.relatives(ctx.openid) : []])
  return {
    communities: c.communities.map((x) => ({ id: x.id, name: x.name })),
    categories: HOMECERT_CATEGORIES.map((x) => ({
      ...x,
      hint: x.key === 'elderly' ? `年满 ${c.rules.minAge} 周岁（按身份证号码计算）` : x.hint,
    })),
    minAge: c.rules.minAge,
    maxWindows: c.rules.maxWindows,
    today: c.today,
    dates: windowDates(c.today, c.calendar, c.rules).map((date) => ({ date, weekday: weekdayName(date), label: monthDay(date) })),
    privacyNote: PRIVACY_NOTE,
    relatives: relatives.map((r) => relativeView(ctx, r)),
  }
}

/** The elder: the stored person the form picked (`elderRef`), or the one typed in (the schema guarantees both fields then). */
async function whichElder(input: ParsedInput<'homecert', 'submit'>, ctx: ActionContext): Promise<{ name: string; idNumber: string }> {
  if (!input.elderRef) return { name: input.elder.name!, idNumber: input.elder.idNumber! }
  const stored = await personOnFile(ctx, input.elderRef, 'elderRef')
  return { name: stored.name, idNumber: stored.idNumber }
}

export const submit: ActionRun<'homecert', 'submit'> = async (input, ctx) => {
  const openid = ctx.openid!
  const pii = requirePii(ctx)
  const id = homecertIdFor(openid, input.requestId)
  const c = await loadHomecert(ctx, input.centerId)
  // A retry of a submit that already went through answers its first result.
  const first = await ctx.store.homecert.get(id)
  if (first) return detail(ctx, c, first, { kind: 'family' })
  const elder = await whichElder(input, ctx)

  const community = c.communities.find((x) => x.id === input.elder.communityId)
  if (!community) throw new AppError('INVALID_INPUT', undefined, { 'elder.communityId': '请选择老人所在的社区/村' })
  if (idNumberProblem(elder.idNumber, c.today) === 'birth_date')
    throw new AppError('INVALID_INPUT', undefined, { 'elder.idNumber': ID_NUMBER_MESSAGES.birth_date })
  const eligibility = checkEligibility(
    {
      category: input.category,
      elderIdNumber: elder.idNumber,
      disabilityCertNumber: input.disabilityCertNumber,
      reason: input.reason,
    },
    c.today,
    c.rules,
  )
  if (!eligibility.eligible) throw new AppError('INVALID_INPUT', eligibility.message, { [eligibility.field]: eligibility.message })
  const windowIssues = windowProblems(input.windows, c.today, c.calendar, c.rules)
  if (Object.keys(windowIssues).length > 0) throw new AppError('INVALID_INPUT', '请重新选择方便上门的时间', windowIssues)

  const elderIdHash = pii.hash(elder.idNumber)
  const active = await ctx.store.homecert.activeForElder(elderIdHash)
  if (active) throw await alreadyActive(ctx, elderIdHash, active)
  const last = await ctx.store.homecert.lastCertified(elderIdHash)
  if (last?.certifiedOn && coveredUntilRenewal(last.certifiedOn, c.today, c.rules)) {
    if (!(await mayKnow(ctx, elderIdHash, last))) throw conflict(CANNOT_SUBMIT_TEXT)
    const nextDue = nextDueDate(last.certifiedOn)
    throw conflict(
      `${elder.name}已于 ${longDate(last.certifiedOn)} 通过上门认证，本年度不用再认证。下次认证时间为 ${longDate(nextDue)}，${longDate(dueSoonFrom(nextDue, c.rules))} 起可以再次申请。`,
    )
  }

  const self = input.requester.self
  const requesterName = self ? elder.name : input.requester.name!
  const disabled = input.category === 'disabled' && input.disabilityCertNumber ? disabilityOf(input.disabilityCertNumber) : null
  const createdAt = c.now.toISOString()
  const result = await ctx.store.homecert.create(
    {
      id,
      centerId: input.centerId,
      communityId: community.id,
      requesterOpenid: openid,
      requestId: input.requestId,
      elderName: elder.name,
      elderIdSealed: pii.encrypt(elder.idNumber),
      elderIdHash,
      elderIdMasked: maskIdNumber(elder.idNumber),
      elderBirthDate: birthDateOf(elder.idNumber),
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
    {
      action: 'submit',
      at: createdAt,
      actorRole: 'family',
      actorOpenid: openid,
      actorName: requesterName,
      detail: `方便上门的时间：${input.windows.map(windowText).join('、')}`,
      note: input.note ?? null,
    },
    (r) => familyMessage(r, 1, familyNotice(r, 'submitted', null, c.rules)!, createdAt),
  )
  if (result.kind === 'active_exists') throw await alreadyActive(ctx, elderIdHash, result.request)
  // An elder typed in is remembered in 亲友 (consent pending), so the next form offers them.
  const relation = input.requester.relation
  if (!input.elderRef && !self && relation) await addRelative(ctx, { relation, name: elder.name, idNumber: elder.idNumber })
  return detail(ctx, c, result.request, { kind: 'family' })
}

export const listMine: ActionRun<'homecert', 'listMine'> = async ({ centerId }, ctx) => {
  const c = await loadHomecert(ctx, centerId)
  const rows = await ctx.store.homecert.listByRequester(centerId, ctx.openid!, MINE_LIMIT)
  const v = viewContext(c)
  return { items: rows.map((r) => homecertSummary(r, v)) }
}

export const get: ActionRun<'homecert', 'get'> = async ({ centerId, id }, ctx) => {
  const c = await loadHomecert(ctx, centerId)
  return detail(ctx, c, await ownRequest(ctx, centerId, id), { kind: 'family' })
}

export const cancel: ActionRun<'homecert', 'cancel'> = async ({ centerId, id, reason }, ctx) => {
  const c = await loadHomecert(ctx, centerId)
  const r = await ownRequest(ctx, centerId, id)
  // Cancelling twice (a retried tap) answers the cancelled request.
  if (r.status === 'cancelled') return detail(ctx, c, r, { kind: 'family' })
  const moved = await move(ctx, c, r, {
    action: 'cancel',
    actor: { role: 'family', openid: ctx.openid!, name: r.requesterName },
    changes: { closedAt: c.now.toISOString() },
    note: reason ?? null,
    extra: (after, seq, at) =>
      r.workerOpenid
        ? [
            workerMessage(
              after,
              r.workerOpenid,
              seq,
              '上门认证已取消',
              `${r.elderName}的上门认证申请（编号 ${r.number}）已由家属取消，不用再上门。`,
              at,
            ),
          ]
        : [],
  })
  return detail(ctx, c, moved, { kind: 'family' })
}

export const reschedule: ActionRun<'homecert', 'reschedule'> = async ({ centerId, id, windows, note }, ctx) => {
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
      r.workerOpenid
        ? [
            workerMessage(
              after,
              r.workerOpenid,
              seq,
              '家属申请改期',
              `${r.elderName}（编号 ${r.number}）的家属申请改期，新的方便时间：${text}。请重新约定上门时间。`,
              at,
            ),
          ]
        : [],
  })
  return detail(ctx, c, moved, { kind: 'family' })
}
