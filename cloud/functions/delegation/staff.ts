/** `delegation`, the staff's half: take a case in at the counter, work the list, move a case through its steps, the checklist and the originals log, reassign. Every action is audited. */
import type { ParsedInput } from '@/contract'
import type { ClaimCode, StaffCaseDetail } from '@/contract/delegation'
import { beijingDate } from '@/core/beijing-time'
import { caseNumber, caseNumberOf, CLAIM_CODE_LENGTH, claimCodeExpiry, PICKUP_CODE_LENGTH } from '@/core/delegation-codes'
import { concludeRefusal } from '@/core/case-checklist'
import { handBackText } from '@/core/case-hand-back'
import { caseDeadline } from '@/core/delegation-deadline'
import { isFinal, nextState, refusalText } from '@/core/delegation-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { audit, grantOf, requireStaff, type Staff } from '@cloud/runtime/staff'
import type { CaseOriginalRecord, CasePatch, CaseRecord, NewCaseEvent, NewCaseOriginal } from '@cloud/store/port'
import {
  ALL_STATES,
  calendarOf,
  CASE_STAFF,
  clockPatch,
  hashCode,
  MAX_OPEN_PER_RESIDENT,
  newCase,
  newCode,
  OPEN_STATES,
  STAFF_LIST_LIMIT,
  staffCase,
  writeStep,
} from './common'
import { caseMessage } from './notices'
import { caseSummary, originalsHeld, staffCaseDetail, staffCaseSummary } from './view'

/** Supervisors and admins act on any case of the center; a clerk on cases assigned to them or to nobody. */
function mayAct(staff: Staff, c: CaseRecord): boolean {
  if (grantOf(staff, 'supervisor') || grantOf(staff, 'admin')) return true
  return c.assigneeOpenid === null || c.assigneeOpenid === staff.openid
}

function requireAct(staff: Staff, c: CaseRecord): void {
  if (!mayAct(staff, c)) throw new AppError('FORBIDDEN', `该件由${c.assigneeName ?? '其他工作人员'}经办，请主管转派后再办理`)
}

async function staffView(ctx: ActionContext, staff: Staff, c: CaseRecord): Promise<StaffCaseDetail> {
  const [timeline, materials, rating, originals, days] = await Promise.all([
    ctx.store.cases.timeline(c.id),
    ctx.store.cases.materials(c.id),
    ctx.store.cases.rating(c.id),
    ctx.store.cases.originals(c.id),
    calendarOf(ctx, c.centerId),
  ])
  return staffCaseDetail(c, { timeline, materials, rating, originals }, mayAct(staff, c), ctx.now(), days)
}

const staffEvent = (
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

type AdvanceInput = ParsedInput<'delegation', 'advance'>

/** The fields, 消息 and originals of one staff step, after the state machine allowed it. */
function stepDetails(
  c: CaseRecord,
  input: AdvanceInput,
  staff: Staff,
  at: string,
  known: { dueDate: string | null; handBack: string | null },
): {
  patch: CasePatch
  extra: Partial<NewCaseEvent>
  note: string | null
  originals?: NewCaseOriginal[]
  facts: Parameters<typeof caseMessage>[2]
} {
  const facts: Parameters<typeof caseMessage>[2] = { at, handBack: known.handBack }
  switch (input.step) {
    case 'accept':
      // The promised clock starts now, not when the request was sent.
      return {
        patch: { acceptedAt: at, ...(c.assigneeOpenid ? {} : { assigneeOpenid: staff.openid, assigneeName: staff.name }) },
        extra: {},
        note: input.note || null,
        facts: { ...facts, dueDate: known.dueDate ?? undefined },
      }
    case 'start':
      return {
        patch: c.assigneeOpenid ? {} : { assigneeOpenid: staff.openid, assigneeName: staff.name },
        extra: {},
        note: input.note || null,
        facts,
      }
    case 'ask_supplement':
      return { patch: {}, extra: { missing: input.missing }, note: input.note || null, facts: { ...facts, missing: input.missing } }
    case 'supplement':
      return { patch: {}, extra: {}, note: input.note || '工作人员确认补交的材料已齐', facts }
    case 'submit':
      return {
        patch: { department: input.department },
        extra: { department: input.department },
        note: input.note || null,
        facts: { ...facts, department: input.department },
      }
    case 'conclude': {
      const pickupCode = newCode(PICKUP_CODE_LENGTH)
      return {
        patch: { result: input.result, pickupCode },
        extra: { result: input.result },
        note: input.note || null,
        facts: { ...facts, result: input.result, pickupCode },
      }
    }
    case 'deliver': {
      if (input.delivery === 'pickup') {
        if (c.openid !== null && !input.pickupCode) throw new AppError('INVALID_INPUT', undefined, { pickupCode: '请输入居民出示的取件码' })
        if (c.openid !== null && input.pickupCode !== c.pickupCode)
          throw new AppError('INVALID_INPUT', '取件码不正确，请核对', { pickupCode: '取件码不正确，请核对' })
        if (c.openid === null && !input.note)
          throw new AppError('INVALID_INPUT', undefined, { note: '该件未关联居民微信，请注明如何核验领取人（如：核验身份证）' })
      }
      return {
        patch: { delivery: input.delivery, deliveredAt: at },
        extra: { delivery: input.delivery },
        note: input.note || null,
        facts: { ...facts, delivery: input.delivery },
      }
    }
    case 'withdraw':
    case 'reject':
      return { patch: {}, extra: {}, note: input.reason, facts: { ...facts, reason: input.reason } }
  }
}

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
  await audit(ctx, staff, 'delegation.intake', 'case', c.id, `${c.caseNo} ${service.id}`)
  return { ...(await staffView(ctx, staff, c)), claim }
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
  const ratings = new Map((await ctx.store.cases.ratingsOf(rows.map((c) => c.id))).map((r) => [r.caseId, r]))
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
    `state=${input.state}${input.due ? ` due=${input.due}` : ''}${caseNo ? ` q=${caseNo}` : phoneTail ? ' q=phone-tail' : ''}`,
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

export const advance: ActionRun<'delegation', 'advance'> = async (input, ctx) => {
  const { staff, c } = await staffCase(ctx, input.centerId, input.id)
  requireAct(staff, c)
  const to = nextState(c.state, input.step, 'staff')
  if (!to) throw conflict(refusalText(c.state, input.step))
  const now = ctx.now()
  const at = now.toISOString()
  const [log, materials] = await Promise.all([ctx.store.cases.originals(c.id), ctx.store.cases.materials(c.id)])
  if (input.step === 'conclude') {
    const refusal = concludeRefusal(materials)
    if (refusal) throw conflict(refusal)
  }
  const dueDate =
    input.step === 'accept'
      ? caseDeadline({ acceptedAt: at, processingDays: c.processingDays, pauses: [], now, calendar: await calendarOf(ctx, c.centerId) })
          .dueDate
      : null
  const held = originalsHeld(log)
  // What the resident is told about the hand-back, as the case will stand after this step (deliver gives back all held).
  const handBack = handBackText({
    state: to,
    handover: c.handover,
    held: input.step === 'deliver' ? [] : held,
    returned: input.step === 'deliver' ? held : [],
    delivery: input.step === 'deliver' ? input.delivery : c.delivery,
  })
  const details = stepDetails(c, input, staff, at, { dueDate, handBack })
  // With the result go the originals still held (一并归还), in the same write.
  const originals: NewCaseOriginal[] =
    input.step === 'deliver'
      ? held.map((o: CaseOriginalRecord) => ({
          kind: 'returned',
          name: o.name,
          count: o.count,
          note: input.delivery === 'home' ? '随办理结果上门送还' : '随办理结果窗口归还',
          receivedId: o.id,
          byOpenid: staff.openid,
          byName: staff.name,
          at,
        }))
      : []
  const moved = await writeStep(ctx, c, {
    from: c.state,
    to,
    patch: { ...clockPatch(c, to, at), ...details.patch },
    event: staffEvent(ctx, staff, input.step, details.note, details.extra),
    message: caseMessage({ ...c, state: to }, input.step, details.facts),
    originals,
  })
  await audit(ctx, staff, `delegation.${input.step}`, 'case', c.id, `${c.state}→${to}`)
  return staffView(ctx, staff, moved)
}

export const tickMaterial: ActionRun<'delegation', 'tickMaterial'> = async ({ centerId, id, index, status, reason }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  requireAct(staff, c)
  if (isFinal(c.state)) throw conflict(`该件${c.state === 'delivered' ? '已送达' : '已结束'}，不能再修改材料清单`)
  const ticked = await ctx.store.cases.tickMaterial(
    c.id,
    index,
    status,
    status === 'not_applicable' ? (reason ?? null) : null,
    { openid: staff.openid, name: staff.name },
    ctx.now().toISOString(),
  )
  if (!ticked) throw notFound('材料')
  await audit(ctx, staff, 'delegation.tickMaterial', 'case', c.id, `#${index} ${status}`)
  return staffView(ctx, staff, c)
}

// Any clerk at the window may take in or give back an original, whoever works the case.
export const logOriginal: ActionRun<'delegation', 'logOriginal'> = async (input, ctx) => {
  const { staff, c } = await staffCase(ctx, input.centerId, input.id)
  const at = ctx.now().toISOString()
  let entry: NewCaseOriginal
  if (input.kind === 'received') {
    if (isFinal(c.state)) throw conflict('该件已结束，不能再收取原件')
    entry = {
      kind: 'received',
      name: input.name,
      count: input.count,
      note: input.note || null,
      receivedId: null,
      byOpenid: staff.openid,
      byName: staff.name,
      at,
    }
  } else {
    const held = originalsHeld(await ctx.store.cases.originals(c.id)).find((o) => o.id === input.receivedId)
    if (!held) throw conflict('该原件已归还，或不是本件收取的原件')
    entry = {
      kind: 'returned',
      name: held.name,
      count: held.count,
      note: input.note || null,
      receivedId: held.id,
      byOpenid: staff.openid,
      byName: staff.name,
      at,
    }
  }
  const logged = await ctx.store.cases.addOriginal(c.id, entry)
  if (!logged) throw conflict('该原件已归还，或不是本件收取的原件')
  await audit(ctx, staff, `delegation.original.${input.kind}`, 'case', c.id, `original #${logged.id}`)
  return staffView(ctx, staff, c)
}

export const reassign: ActionRun<'delegation', 'reassign'> = async ({ centerId, id, to, note }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  requireAct(staff, c)
  if (isFinal(c.state)) throw conflict('该件已结束，不能再转派')
  const target = (await ctx.store.cases.clerks(centerId)).find((s) => s.openid === to)
  if (!target) throw new AppError('INVALID_INPUT', '请选择本中心的工作人员', { to: '请选择本中心的工作人员' })
  if (c.assigneeOpenid === target.openid) return staffView(ctx, staff, c)
  const moved = await ctx.store.cases.reassign(
    c.id,
    c.assigneeOpenid,
    target,
    staffEvent(ctx, staff, 'reassign', `转派给 ${target.name}${note ? `：${note}` : ''}`),
  )
  if (!moved) throw conflict('该件经办人已变化，请刷新后再试')
  await audit(ctx, staff, 'delegation.reassign', 'case', c.id, `${c.assigneeOpenid ?? 'none'}→${target.openid}`)
  return staffView(ctx, staff, moved)
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
  await audit(ctx, staff, 'delegation.newClaimCode', 'case', c.id)
  return { code, expiresAt }
}

export const revealPhone: ActionRun<'delegation', 'revealPhone'> = async ({ centerId, id }, ctx) => {
  const { staff, c } = await staffCase(ctx, centerId, id)
  await audit(ctx, staff, 'delegation.revealPhone', 'case', c.id)
  return { phone: c.phone }
}
