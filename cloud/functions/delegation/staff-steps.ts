/** `delegation`, the staff's steps on one case: advance it through its states, tick the checklist, log originals, reassign. Every step is audited. */
import type { ParsedInput } from '@/contract'
import { PICKUP_CODE_LENGTH } from '@/core/delegation-codes'
import { concludeRefusal, MATERIAL_STATUS_TEXT } from '@/core/case-checklist'
import { handBackText } from '@/core/case-hand-back'
import { caseDeadline } from '@/core/delegation-deadline'
import { CASE_STATE_TEXT, isFinal, nextState, refusalText } from '@/core/delegation-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { audit, type Staff } from '@cloud/runtime/staff'
import type { CaseOriginalRecord, CasePatch, CaseRecord, NewCaseEvent, NewCaseOriginal } from '@cloud/store/port'
import { calendarOf, caseRecord, clockPatch, newCode, staffCase, writeStep } from './common'
import { caseMessage } from './notices'
import { originalsHeld } from './view'
import { requireAct, staffEvent, staffView } from './staff'

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
  await audit(ctx, staff, `delegation.${input.step}`, 'case', caseRecord(c), `${CASE_STATE_TEXT[c.state]} → ${CASE_STATE_TEXT[to]}`)
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
  const view = await staffView(ctx, staff, c)
  const material = view.materials.find((m) => m.index === index)
  await audit(ctx, staff, 'delegation.tickMaterial', 'case', caseRecord(c), `${material?.name ?? '材料'}：${MATERIAL_STATUS_TEXT[status]}`)
  return view
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
  await audit(ctx, staff, `delegation.original.${input.kind}`, 'case', caseRecord(c), `${logged.name} ${logged.count} 份`)
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
    staffEvent(ctx, staff, 'reassign', `转派给${target.name}${note ? `：${note}` : ''}`),
  )
  if (!moved) throw conflict('该件经办人已变化，请刷新后再试')
  await audit(ctx, staff, 'delegation.reassign', 'case', caseRecord(c), `${c.assigneeName ?? '未分派'} → ${target.name}`)
  return staffView(ctx, staff, moved)
}
