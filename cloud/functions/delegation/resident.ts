/** `delegation`, the resident's half: apply online, claim a counter case, follow it, answer a 补正 with photos, withdraw (rating it is the `rating` area's). */
import type { CaseDetail } from '@/contract/delegation'
import { CASE_PHOTOS_PENDING } from '@/contract/delegation'
import { beijingDate } from '@/core/beijing-time'
import { caseNumber } from '@/core/delegation-codes'
import { nextState, refusalText } from '@/core/delegation-states'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import type { ActionContext } from '@cloud/runtime/context'
import type { ActionRun } from '@cloud/runtime/dispatch'
import { photoLink, storePhoto } from '@cloud/runtime/photo'
import { audit } from '@cloud/runtime/staff'
import type { CaseRecord, NewCaseEvent } from '@cloud/store/port'
import {
  calendarOf,
  CASE_STAFF,
  caseRecord,
  CLAIM_ATTEMPTS_PER_HOUR,
  clockPatch,
  DONE_STATES,
  hashCode,
  MAX_OPEN_PER_RESIDENT,
  newCase,
  newId,
  OPEN_STATES,
  ownCase,
  staffCase,
  writeStep,
} from './common'
import { caseMessage } from './notices'
import { caseDetail, caseSummary } from './view'

async function residentView(ctx: ActionContext, c: CaseRecord): Promise<CaseDetail> {
  const [center, timeline, materials, originals, days] = await Promise.all([
    ctx.store.centers.get(c.centerId),
    ctx.store.cases.timeline(c.id),
    ctx.store.cases.materials(c.id),
    ctx.store.cases.originals(c.id),
    calendarOf(ctx, c.centerId),
  ])
  if (!center) throw new Error(`case ${c.id} points to a missing center`)
  return caseDetail(c, { timeline, materials, rating: null, originals }, center, ctx.now(), days)
}

const residentEvent = (
  ctx: ActionContext,
  kind: NewCaseEvent['kind'],
  note: string | null,
  extra: Partial<NewCaseEvent> = {},
): NewCaseEvent => ({
  at: ctx.now().toISOString(),
  actorKind: 'resident',
  actorOpenid: ctx.openid!,
  actorName: '居民',
  kind,
  note,
  ...extra,
})

export const create: ActionRun<'delegation', 'create'> = async (input, ctx) => {
  const service = await ctx.store.centers.service(input.centerId, input.serviceId)
  if (!service) throw notFound('事项')
  if (!service.delegable) throw conflict('该事项暂不提供帮办代办，请到窗口办理或电话咨询')
  const now = ctx.now()
  const at = now.toISOString()
  // 已提交（待受理）: nothing is promised until a clerk accepts it (`accept` sets acceptedAt, the clock's start).
  const c = newCase(input, service, at, {
    state: 'applied',
    channel: 'online',
    openid: ctx.openid!,
    createdBy: ctx.openid!,
    assigneeOpenid: null,
    assigneeName: null,
    claimCodeHash: null,
    claimExpiresAt: null,
  })
  const result = await ctx.store.cases.create(c, {
    date: beijingDate(now),
    numberOf: (seq) => caseNumber(beijingDate(now), seq),
    materials: service.materials,
    event: residentEvent(ctx, 'apply', '网上申请'),
    // Built from the stored case (its number is taken inside the write), written with it.
    message: (stored) => caseMessage(stored, 'apply', { at }),
    maxOpen: MAX_OPEN_PER_RESIDENT,
  })
  if (result.kind === 'too_many_open')
    throw new AppError('LIMIT_REACHED', `您已有 ${MAX_OPEN_PER_RESIDENT} 件正在办理的代办，请办结后再申请`)
  return residentView(ctx, result.case)
}

export const listMine: ActionRun<'delegation', 'listMine'> = async ({ centerId, tab }, ctx) => {
  const rows = await ctx.store.cases.listByOwner(centerId, ctx.openid!, tab === 'active' ? OPEN_STATES : DONE_STATES, 50)
  const days = await calendarOf(ctx, centerId)
  const now = ctx.now()
  return { items: rows.map((c) => caseSummary(c, now, days)) }
}

export const get: ActionRun<'delegation', 'get'> = async ({ centerId, id }, ctx) => {
  return residentView(ctx, await ownCase(ctx, centerId, id))
}

export const claim: ActionRun<'delegation', 'claim'> = async ({ code }, ctx) => {
  const openid = ctx.openid!
  const now = ctx.now()
  if ((await ctx.store.cases.claimFailuresSince(openid, new Date(now.getTime() - 3600_000).toISOString())) >= CLAIM_ATTEMPTS_PER_HOUR) {
    throw new AppError('RATE_LIMITED', '领取码输错次数太多，请 1 小时后再试，或到窗口咨询')
  }
  const result = await ctx.store.cases.claim(hashCode(ctx, code), openid, now.toISOString(), () =>
    residentEvent(ctx, 'claim', '输入领取码，关联到本人微信'),
  )
  switch (result.kind) {
    case 'claimed':
      return residentView(ctx, result.case)
    case 'expired':
      await ctx.store.cases.recordClaimFailure(openid, now.toISOString())
      throw conflict('领取码已过期，请联系窗口重新获取')
    case 'unknown':
    case 'used':
      await ctx.store.cases.recordClaimFailure(openid, now.toISOString())
      throw new AppError('NOT_FOUND', '领取码不正确或已被使用，请核对后再输入', { code: '领取码不正确或已被使用' })
  }
}

export const uploadPhoto: ActionRun<'delegation', 'uploadPhoto'> = async ({ centerId, id, dataUrl }, ctx) => {
  const c = await ownCase(ctx, centerId, id)
  if (c.state !== 'needs_supplement') throw conflict('只有在需要补正材料时才能上传照片')
  // The file first, then the record that names it; a refused record takes its file back.
  const { key, bytes } = await storePhoto(ctx, `cases/${c.id}`, dataUrl, 'dataUrl')
  const photoId = newId('ph')
  const ok = await ctx.store.cases.addPhoto(
    { id: photoId, caseId: c.id, openid: ctx.openid!, file: key, bytes, eventSeq: null, createdAt: ctx.now().toISOString() },
    CASE_PHOTOS_PENDING,
  )
  if (!ok) {
    await ctx.store.files.remove([key])
    throw new AppError('LIMIT_REACHED', '已上传的照片太多，请先提交补正')
  }
  return { photoId, bytes }
}

export const getPhoto: ActionRun<'delegation', 'getPhoto'> = async ({ centerId, id, photoId }, ctx) => {
  const held = await ctx.store.staff.rolesOf(centerId, ctx.openid!)
  const isStaff = held.some((g) => (CASE_STAFF as readonly string[]).includes(g.grant.role))
  if (isStaff) {
    const { staff, c } = await staffCase(ctx, centerId, id)
    const photo = await ctx.store.cases.photo(c.id, photoId)
    if (!photo || photo.eventSeq === null) throw notFound('照片')
    const link = await photoLink(ctx, photo.file)
    if (!link) throw notFound('照片')
    await audit(ctx, staff, 'delegation.getPhoto', 'case', caseRecord(c), '补交材料的照片')
    return { photoId, ...link }
  }
  const c = await ownCase(ctx, centerId, id)
  const photo = await ctx.store.cases.photo(c.id, photoId)
  if (!photo || photo.openid !== ctx.openid) throw notFound('照片')
  const link = await photoLink(ctx, photo.file)
  if (!link) throw notFound('照片')
  return { photoId, ...link }
}

/**
 * A reply carrying photos of the material is the material sent: 办理中, the clock runs again. A reply with words only
 * ("明天送到窗口") is recorded and the case keeps waiting (待补交材料, clock paused) until the clerk confirms it is enough.
 */
export const reply: ActionRun<'delegation', 'reply'> = async ({ centerId, id, text, photoIds }, ctx) => {
  const c = await ownCase(ctx, centerId, id)
  const to = nextState(c.state, 'supplement', 'resident')
  if (!to) throw conflict(c.state === 'processing' ? '工作人员已收到补交的材料，正在办理' : refusalText(c.state, 'supplement'))
  const at = ctx.now().toISOString()
  const unique = [...new Set(photoIds)]
  const moved =
    unique.length > 0
      ? await writeStep(ctx, c, {
          from: c.state,
          to,
          patch: clockPatch(c, to, at),
          event: residentEvent(ctx, 'supplement', text, { photoIds: unique }),
          photoIds: unique,
          discardPendingPhotos: true,
        })
      : await writeStep(ctx, c, {
          from: c.state,
          to: c.state,
          patch: {},
          event: residentEvent(ctx, 'reply', text),
          discardPendingPhotos: true,
        })
  return residentView(ctx, moved)
}

export const withdraw: ActionRun<'delegation', 'withdraw'> = async ({ centerId, id, reason }, ctx) => {
  const c = await ownCase(ctx, centerId, id)
  const to = nextState(c.state, 'withdraw', 'resident')
  if (!to) throw conflict(refusalText(c.state, 'withdraw'))
  const at = ctx.now().toISOString()
  const moved = await writeStep(ctx, c, {
    from: c.state,
    to,
    patch: clockPatch(c, to, at),
    event: residentEvent(ctx, 'withdraw', reason || '居民申请撤销'),
  })
  return residentView(ctx, moved)
}
