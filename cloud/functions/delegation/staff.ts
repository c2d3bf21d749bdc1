/** `delegation`, the staff's half: take a case in at the counter, work the list, open a case, claim codes and the phone (./staff-steps.ts moves a case). Every action is audited. */
import type { ClaimCode, StaffCaseDetail } from '@/contract/delegation'
import { beijingDate } from '@/core/beijing-time'
import { caseNumber, caseNumberOf, CLAIM_CODE_LENGTH, claimCodeExpiry } from '@/core/delegation-codes'
import { CASE_STATE_TEXT, isFinal } from '@/core/delegation-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { audit, grantOf, requireStaff, type Staff } from '@cloud/runtime/staff'
import type { CaseRecord, NewCaseEvent } from '@cloud/store/port'
import {
  ALL_STATES,
  calendarOf,
  CASE_STAFF,
  caseRecord,
  hashCode,
  MAX_OPEN_PER_RESIDENT,
  newCase,
  newCode,
  OPEN_STATES,
  STAFF_LIST_LIMIT,
  staffCase,
} from './common'
import { caseSummary, staffCaseDetail, staffCaseSummary } from './view'
import { ParsedInput } from '@/contract'
import { identityMarker } from '../people/on-file'

/** Supervisors and admins act on any case of the center; a clerk on cases assigned to them or to nobody. */
function mayAct(staff: Staff, c: CaseRecord): boolean {
  if (grantOf(staff, 'supervisor') || grantOf(staff, 'admin')) return true
  return c.assigneeOpenid === null || c.assigneeOpenid === staff.openid
}

export function requireAct(staff: Staff, c: CaseRecord): void {
  if (!mayAct(staff, c)) throw new AppError('FORBIDDEN', `该件由${c.assigneeName ?? '其他工作人员'}经办，请主管转派后再办理`)
}

export async function staffView(ctx: ActionContext, staff: Staff, c: CaseRecord): Promise<StaffCaseDetail> {
  const [timeline, materials, rating, originals, days] = await Promise.all([
    ctx.store.cases.timeline(c.id),
    ctx.store.cases.materials(c.id),
    ctx.store.ratings.get('case', c.id),
    ctx.store.cases.originals(c.id),
    calendarOf(ctx, c.centerId),
  ])
  // Only the resident's own case can be theirs verified; one opened for a relative names someone typed in.
  const applicantCheck = await identityMarker(ctx)({ openid: c.forSelf ? c.openid : null, name: c.applicantName })
  return staffCaseDetail(c, { timeline, materials, rating, originals, applicantCheck }, mayAct(staff, c), ctx.now(), days)
}

export const staffEvent = (
  ctx: ActionContext,
  staff: Staff,
  kind: NewCaseEvent['kind'],
  note: string | null,
  extra: Partial<NewCaseEvent> = {},
): NewCaseEvent => ({
  at: ctx.now().toISOString(),
  actorKind: 'staff',
  actorOpenid: staff.openid,
  actorName: staff.name,
  kind,
  note,
  ...extra,
})

export const intake: ActionRun<'delegation', 'intake'> = async (input, ctx) => {
  const staff = await requireStaff(ctx, input.centerId, [...CASE_STAFF])
  const service = await ctx.store.centers.service(input.centerId, input.serviceId)
  if (!service) throw notFound('事项')
  if (!service.delegable) throw conflict('该事项暂不提供帮办代办')
  const now = ctx.now()
  const at = now.toISOString()
  const code = newCode(CLAIM_CODE_LENGTH)
  const expiresAt = claimCodeExpiry(now).toISOString()
  const result = await ctx.store.cases.create(
    newCase(input, service, at, {
      state: 'accepted',
      channel: 'counter',
      openid: null,
      createdBy: staff.openid,
      assigneeOpenid: staff.openid,
      assigneeName: staff.name,
      claimCodeHash: hashCode(ctx, code),
      claimExpiresAt: expiresAt,
    }),
    {
      date: beijingDate(now),
      numberOf: (seq) => caseNumber(beijingDate(now), seq),
      materials: service.materials,
      event: staffEvent(ctx, staff, 'accept', '窗口受理'),
      message: () => null,
      maxOpen: MAX_OPEN_PER_RESIDENT,
    },
  )
  if (result.kind === 'too_many_open') throw new Error('a counter case is never limited per resident')
  let c = result.case
  let claim: ClaimCode | null = { code, expiresAt }
  if (result.kind === 'duplicate') {
    // The code of the first submit is only stored hashed: a retry hands out a fresh one (the first stops working).
    if (c.openid === null && (await ctx.store.cases.setClaimCode(c.id, hashCode(ctx, code), expiresAt)))
      c = (await ctx.store.cases.get(c.id))!
    else claim = null
  }
  await audit(ctx, staff, 'delegation.intake', 'case', caseRecord(c), service.name)
  return { ...(await staffView(ctx, staff, c)), claim }
}

const DUE_TEXT = { overdue: '已超期', today: '今日到期', soon: '1 个工作日内到期' } as const

/** What a clerk looked at, in words (never the phone digits asked for). */
function listText(
  state: ParsedInput<'delegation', 'staffList'>['state'],
  due: keyof typeof DUE_TEXT | undefined,
  query: string | null,
): string {
  const shown = state === 'open' ? '未结束的件' : state === 'all' ? '全部' : CASE_STATE_TEXT[state]
  return [shown, due && DUE_TEXT[due], query && `按${query}查找`].filter(Boolean).join('，')
}

export const staffList: ActionRun<'delegation', 'staffList'> = async (input, ctx) => {
  const staff = await requireStaff(ctx, input.centerId, [...CASE_STAFF])
  const now = ctx.now()
  const today = beijingDate(now)
  let caseNo: string | undefined
  let phoneTail: string | undefined
  if (input.q) {
    caseNo = caseNumberOf(input.q) ?? undefined
    if (!caseNo && /^\d{4}$/.test(input.q)) phoneTail = input.q
    if (!caseNo && !phoneTail)
      throw new AppError('INVALID_INPUT', '请输入案件编号（如 DB20261126-0007）或手机号后 4 位', { q: '请输入案件编号或手机号后 4 位' })
  }
  const states = input.state === 'open' ? OPEN_STATES : input.state === 'all' ? ALL_STATES : [input.state]
  const assignee =
    input.assignee === undefined
      ? undefined
      : input.assignee === 'me'
        ? staff.openid
        : input.assignee === 'unassigned'
          ? null
          : input.assignee
  const [rows, open, flagged] = await Promise.all([
    ctx.store.cases.listForStaff({
      centerId: input.centerId,
      states,
      serviceId: input.serviceId,
      assignee,
      caseNo,
      phoneTail,
      lowRating: input.lowRating,
      limit: STAFF_LIST_LIMIT + 1,
    }),
    ctx.store.cases.listForStaff({ centerId: input.centerId, states: OPEN_STATES, limit: 2000 }),
    ctx.store.cases.listForStaff({ centerId: input.centerId, states: ALL_STATES, lowRating: true, limit: 2000 }),
  ])
  const days = await calendarOf(ctx, input.centerId)
  const ratings = new Map(
    (
      await ctx.store.ratings.ofSubjects(
        'case',
        rows.map((c) => c.id),
      )
    ).map((r) => [r.subjectId, r]),
  )
  let items = rows.slice(0, STAFF_LIST_LIMIT).map((c) => staffCaseSummary(c, ratings.get(c.id) ?? null, now, days))
  if (input.due) {
    const keep = {
      overdue: (d: NonNullable<(typeof items)[number]['deadline']>) => d.overdue,
      today: (d: NonNullable<(typeof items)[number]['deadline']>) => d.dueDate === today && !d.paused,
      soon: (d: NonNullable<(typeof items)[number]['deadline']>) => d.dueSoon,
    }[input.due]
    items = items
      .filter((i) => i.deadline && !i.deadline.stopped && keep(i.deadline))
      .sort((a, b) => a.deadline!.dueDate.localeCompare(b.deadline!.dueDate) || a.caseNo.localeCompare(b.caseNo))
  }
  const running = open.map((c) => caseSummary(c, now, days).deadline).filter((d) => d && !d.stopped)
  await audit(
    ctx,
    staff,
    'delegation.staffList',
    'case',
    null,
    listText(input.state, input.due, caseNo ? `编号 ${caseNo}` : phoneTail ? '电话尾号' : null),
  )
  return {
    items,
    truncated: rows.length > STAFF_LIST_LIMIT,
    counts: {
      open: open.length,
      applied: open.filter((c) => c.state === 'applied').length,
      overdue: running.filter((d) => d!.overdue).length,
      dueToday: running.filter((d) => d!.dueDate === today && !d!.paused).length,
      dueSoon: running.filter((d) => d!.dueSoon).length,
      unassigned: open.filter((c) => c.assigneeOpenid === null).length,
      lowRating: flagged.length,
    },
    today,
  }
}

export const staffGet: ActionRun<'delegation', 'staffGet'> = async ({ centerId, id }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  return staffView(ctx, staff, c)
}

export const clerks: ActionRun<'delegation', 'clerks'> = async ({ centerId }, ctx) => {
  await requireStaff(ctx, centerId, [...CASE_STAFF])
  const names = { counter: '窗口人员', supervisor: '主管', admin: '管理员', grid: '网格员' } as const
  return (await ctx.store.cases.clerks(centerId)).map((s) => ({
    openid: s.openid,
    name: s.name,
    rolesText: s.roles.map((r) => names[r]).join('、'),
  }))
}

export const newClaimCode: ActionRun<'delegation', 'newClaimCode'> = async ({ centerId, id }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  if (c.openid !== null) throw conflict('该件已关联居民微信，不需要领取码')
  if (isFinal(c.state)) throw conflict('该件已结束')
  const code = newCode(CLAIM_CODE_LENGTH)
  const expiresAt = claimCodeExpiry(ctx.now()).toISOString()
  if (!(await ctx.store.cases.setClaimCode(c.id, hashCode(ctx, code), expiresAt))) throw conflict('该件已关联居民微信，不需要领取码')
  await audit(ctx, staff, 'delegation.newClaimCode', 'case', caseRecord(c))
  return { code, expiresAt }
}

export const revealPhone: ActionRun<'delegation', 'revealPhone'> = async ({ centerId, id }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  await audit(ctx, staff, 'delegation.revealPhone', 'case', caseRecord(c))
  return { phone: c.phone }
}
