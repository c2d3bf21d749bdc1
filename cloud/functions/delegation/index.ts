import { randomBytes } from 'node:crypto'
import type { ParsedInput } from '../../../src/contract'
import type { CaseDetail, ClaimCode, StaffCaseDetail } from '../../../src/contract/delegation'
import { CASE_PHOTO_MAX_BYTES, CASE_PHOTOS_PENDING } from '../../../src/contract/delegation'
import { beijingDate } from '../../../src/core/beijing-time'
import { bookingCode } from '../../../src/core/booking-code'
import { caseNumber, caseNumberOf, CLAIM_CODE_LENGTH, claimCodeExpiry, PICKUP_CODE_LENGTH } from '../../../src/core/delegation-codes'
import { applyPause, caseDeadline } from '../../../src/core/delegation-deadline'
import { canRate, flaggedRating, isFinal, nextState, refusalText, type CaseState } from '../../../src/core/delegation-states'
import { AppError, conflict, notFound } from '../../runtime/app-error'
import { requirePii, type ActionContext } from '../../runtime/context'
import { defineFunction } from '../../runtime/dispatch'
import { audit, grantOf, requireStaff, type Staff } from '../../runtime/staff'
import { loadCalendar } from '../../runtime/working-calendar'
import type { CaseOriginalRecord, CasePatch, CaseRecord, CaseStepWrite, NewCase, NewCaseEvent, NewCaseOriginal } from '../../store/port'
import { caseMessage } from './notices'
import { caseDetail, caseSummary, originalsHeld, staffCaseDetail, staffCaseSummary } from './view'

/** Open cases one resident may have in a center at once (online applications). */
const MAX_OPEN_PER_RESIDENT = 5
/** Wrong claim codes a caller may enter in an hour. */
const CLAIM_ATTEMPTS_PER_HOUR = 10
/** Staff lists show at most this many cases. */
const STAFF_LIST_LIMIT = 200
const OPEN_STATES: CaseState[] = ['accepted', 'processing', 'needs_supplement', 'submitted', 'concluded']
const DONE_STATES: CaseState[] = ['delivered', 'withdrawn', 'rejected']
const ALL_STATES: CaseState[] = [...OPEN_STATES, ...DONE_STATES]
/** Who may work cases: counter staff, supervisors and admins. */
const CASE_STAFF = ['counter', 'supervisor', 'admin'] as const

const NOT_FOUND = '代办件'

/**
 * A claim code as stored: keyed with the personal-data hash key (HMAC), so even a
 * copy of the database cannot be searched offline for the ~5·10^11 possible codes.
 */
const hashCode = (ctx: ActionContext, code: string) => requirePii(ctx).hash(`claim:${code}`)
const newId = (prefix: string) => prefix + randomBytes(12).toString('hex')
const newCode = (length: number) => bookingCode((n) => randomBytes(n), length)

/** The center's working calendar (time limits are working days). */
const calendarOf = (ctx: ActionContext, centerId: string) => loadCalendar(ctx.store, centerId, beijingDate(ctx.now()))

/** A case linked to the caller in this center, or NOT_FOUND — the same answer as for one that does not exist. */
async function ownCase(ctx: ActionContext, centerId: string, id: string): Promise<CaseRecord> {
  const c = await ctx.store.cases.get(id)
  if (!c || c.openid === null || c.openid !== ctx.openid || c.centerId !== centerId) throw notFound(NOT_FOUND)
  return c
}

/** The caller as case staff of the center, and a case of that center (NOT_FOUND for another center's). */
async function staffCase(ctx: ActionContext, centerId: string, id: string): Promise<{ staff: Staff; c: CaseRecord }> {
  const staff = await requireStaff(ctx, centerId, [...CASE_STAFF])
  const c = await ctx.store.cases.get(id)
  if (!c || c.centerId !== staff.centerId) throw notFound(NOT_FOUND)
  return { staff, c }
}

/** Supervisors and admins act on any case of the center; a clerk on cases assigned to them or to nobody. */
function mayAct(staff: Staff, c: CaseRecord): boolean {
  if (grantOf(staff, 'supervisor') || grantOf(staff, 'admin')) return true
  return c.assigneeOpenid === null || c.assigneeOpenid === staff.openid
}

function requireAct(staff: Staff, c: CaseRecord): void {
  if (!mayAct(staff, c)) throw new AppError('FORBIDDEN', `该件由${c.assigneeName ?? '其他工作人员'}经办，请主管转派后再办理`)
}

async function residentView(ctx: ActionContext, c: CaseRecord): Promise<CaseDetail> {
  const [center, timeline, materials, rating, days] = await Promise.all([
    ctx.store.centers.get(c.centerId),
    ctx.store.cases.timeline(c.id),
    ctx.store.cases.materials(c.id),
    ctx.store.cases.rating(c.id),
    calendarOf(ctx, c.centerId),
  ])
  if (!center) throw new Error(`case ${c.id} points to a missing center`)
  return caseDetail(c, { timeline, materials, rating }, center, ctx.now(), days)
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

const residentEvent = (ctx: ActionContext, kind: NewCaseEvent['kind'], note: string | null, extra: Partial<NewCaseEvent> = {}): NewCaseEvent => ({
  at: ctx.now().toISOString(),
  actorKind: 'resident',
  actorOpenid: ctx.openid!,
  actorName: '居民',
  kind,
  note,
  ...extra,
})

const staffEvent = (ctx: ActionContext, staff: Staff, kind: NewCaseEvent['kind'], note: string | null, extra: Partial<NewCaseEvent> = {}): NewCaseEvent => ({
  at: ctx.now().toISOString(),
  actorKind: 'staff',
  actorOpenid: staff.openid,
  actorName: staff.name,
  kind,
  note,
  ...extra,
})

/** The 待补正 pauses and the stop of the clock that go with moving `c` to `to`. */
function clockPatch(c: CaseRecord, to: CaseState, at: string): CasePatch {
  const patch: CasePatch = {}
  if (c.state === 'needs_supplement' || to === 'needs_supplement') patch.pauses = applyPause(c.pauses, c.state, to, at)
  if (to === 'concluded' || to === 'withdrawn' || to === 'rejected') patch.stoppedAt = at
  return patch
}

/** Writes a step; a case that moved meanwhile answers CONFLICT. */
async function writeStep(ctx: ActionContext, c: CaseRecord, write: CaseStepWrite): Promise<CaseRecord> {
  const moved = await ctx.store.cases.step(c.id, write)
  if (moved) return moved
  const latest = await ctx.store.cases.get(c.id)
  if (latest && latest.state === write.from && write.photoIds?.length) {
    throw new AppError('INVALID_INPUT', '照片没有上传成功，请重新选择后再提交', { photoIds: '照片没有上传成功，请重新选择' })
  }
  throw conflict('该件状态已变化，请刷新后再试')
}

/** What a photo's bytes say it is, whatever the data URL claims. */
function photoKind(bytes: Buffer): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  return null
}

type AdvanceInput = ParsedInput<'delegation', 'advance'>

/** The fields, 消息 and originals of one staff step, after the state machine allowed it. */
function stepDetails(c: CaseRecord, input: AdvanceInput, staff: Staff, at: string): { patch: CasePatch; extra: Partial<NewCaseEvent>; note: string | null; originals?: NewCaseOriginal[]; facts: Parameters<typeof caseMessage>[2] } {
  const facts: Parameters<typeof caseMessage>[2] = { at }
  switch (input.step) {
    case 'start':
      return { patch: c.assigneeOpenid ? {} : { assigneeOpenid: staff.openid, assigneeName: staff.name }, extra: {}, note: input.note || null, facts }
    case 'ask_supplement':
      return { patch: {}, extra: { missing: input.missing }, note: input.note || null, facts: { ...facts, missing: input.missing } }
    case 'supplement':
      return { patch: {}, extra: {}, note: input.note || '居民到窗口补交材料', facts }
    case 'submit':
      return { patch: { department: input.department }, extra: { department: input.department }, note: input.note || null, facts: { ...facts, department: input.department } }
    case 'conclude': {
      const pickupCode = newCode(PICKUP_CODE_LENGTH)
      return { patch: { result: input.result, pickupCode }, extra: { result: input.result }, note: input.note || null, facts: { ...facts, result: input.result, pickupCode } }
    }
    case 'deliver': {
      if (input.delivery === 'pickup') {
        if (c.openid !== null && !input.pickupCode) throw new AppError('INVALID_INPUT', undefined, { pickupCode: '请输入居民出示的取件码' })
        if (c.openid !== null && input.pickupCode !== c.pickupCode) throw new AppError('INVALID_INPUT', '取件码不正确，请核对', { pickupCode: '取件码不正确，请核对' })
        if (c.openid === null && !input.note) throw new AppError('INVALID_INPUT', undefined, { note: '该件未关联居民微信，请注明如何核验领取人（如：核验身份证）' })
      }
      return { patch: { delivery: input.delivery, deliveredAt: at }, extra: { delivery: input.delivery }, note: input.note || null, facts: { ...facts, delivery: input.delivery } }
    }
    case 'withdraw':
    case 'reject':
      return { patch: {}, extra: {}, note: input.reason, facts: { ...facts, reason: input.reason } }
  }
}

/** `delegation`: delegated service cases (帮办代办). */
export const delegation = defineFunction('delegation', {
  create: {
    access: 'signed_in',
    async run(input, ctx) {
      const service = await ctx.store.centers.service(input.centerId, input.serviceId)
      if (!service) throw notFound('事项')
      if (!service.delegable) throw conflict('该事项暂不提供帮办代办，请到窗口办理或电话咨询')
      const now = ctx.now()
      const at = now.toISOString()
      const c: NewCase = {
        id: newId('cs'),
        centerId: input.centerId,
        serviceId: service.id,
        serviceName: service.name,
        processingDays: service.processingDays,
        channel: 'online',
        openid: ctx.openid!,
        createdBy: ctx.openid!,
        requestId: input.requestId,
        applicantName: input.applicantName,
        forSelf: input.forSelf,
        relation: input.forSelf ? null : (input.relation ?? null),
        phone: input.phone,
        description: input.description,
        handover: input.handover,
        address: input.handover === 'home_pickup' ? (input.address ?? null) : null,
        assigneeOpenid: null,
        assigneeName: null,
        acceptedAt: at,
        claimCodeHash: null,
        claimExpiresAt: null,
      }
      const days = await calendarOf(ctx, input.centerId)
      const { dueDate } = caseDeadline({ acceptedAt: at, processingDays: service.processingDays, pauses: [], now, calendar: days })
      const result = await ctx.store.cases.create(c, {
        date: beijingDate(now),
        numberOf: (seq) => caseNumber(beijingDate(now), seq),
        materials: service.materials,
        event: residentEvent(ctx, 'accept', '网上申请'),
        // Built from the stored case (its number is taken inside the write), written with it.
        message: (stored) => caseMessage(stored, 'accept', { at, dueDate }),
        maxOpen: MAX_OPEN_PER_RESIDENT,
      })
      if (result.kind === 'too_many_open') throw new AppError('LIMIT_REACHED', `您已有 ${MAX_OPEN_PER_RESIDENT} 件正在办理的代办，请办结后再申请`)
      return residentView(ctx, result.case)
    },
  },

  listMine: {
    access: 'signed_in',
    async run({ centerId, tab }, ctx) {
      const rows = await ctx.store.cases.listByOwner(centerId, ctx.openid!, tab === 'active' ? OPEN_STATES : DONE_STATES, 50)
      const days = await calendarOf(ctx, centerId)
      const now = ctx.now()
      return { items: rows.map((c) => caseSummary(c, now, days)) }
    },
  },

  get: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      return residentView(ctx, await ownCase(ctx, centerId, id))
    },
  },

  claim: {
    access: 'signed_in',
    async run({ code }, ctx) {
      const openid = ctx.openid!
      const now = ctx.now()
      if ((await ctx.store.cases.claimFailuresSince(openid, new Date(now.getTime() - 3600_000).toISOString())) >= CLAIM_ATTEMPTS_PER_HOUR) {
        throw new AppError('RATE_LIMITED', '领取码输错次数太多，请 1 小时后再试，或到窗口咨询')
      }
      const result = await ctx.store.cases.claim(hashCode(ctx, code), openid, now.toISOString(), () => residentEvent(ctx, 'claim', '输入领取码，关联到本人微信'))
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
    },
  },

  uploadPhoto: {
    access: 'signed_in',
    async run({ centerId, id, dataUrl }, ctx) {
      const c = await ownCase(ctx, centerId, id)
      if (c.state !== 'needs_supplement') throw conflict('只有在需要补正材料时才能上传照片')
      const [head, body] = dataUrl.split(',', 2)
      const bytes = Buffer.from(body, 'base64')
      if (bytes.length > CASE_PHOTO_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '照片太大，请重新拍摄或选择较小的照片')
      if (photoKind(bytes) !== (head.includes('png') ? 'png' : 'jpeg')) throw new AppError('INVALID_INPUT', '只能上传 JPG 或 PNG 照片', { dataUrl: '只能上传 JPG 或 PNG 照片' })
      const photoId = newId('ph')
      const ok = await ctx.store.cases.addPhoto({ id: photoId, caseId: c.id, openid: ctx.openid!, dataUrl, bytes: bytes.length, eventSeq: null, createdAt: ctx.now().toISOString() }, CASE_PHOTOS_PENDING)
      if (!ok) throw new AppError('LIMIT_REACHED', '已上传的照片太多，请先提交补正')
      return { photoId, bytes: bytes.length }
    },
  },

  getPhoto: {
    access: 'signed_in',
    async run({ centerId, id, photoId }, ctx) {
      const held = await ctx.store.staff.rolesOf(centerId, ctx.openid!)
      const isStaff = held.some((g) => (CASE_STAFF as readonly string[]).includes(g.grant.role))
      if (isStaff) {
        const { staff, c } = await staffCase(ctx, centerId, id)
        const photo = await ctx.store.cases.photo(c.id, photoId)
        if (!photo || photo.eventSeq === null) throw notFound('照片')
        await audit(ctx, staff, 'delegation.getPhoto', 'case', c.id, `photo ${photoId}`)
        return { photoId, dataUrl: photo.dataUrl }
      }
      const c = await ownCase(ctx, centerId, id)
      const photo = await ctx.store.cases.photo(c.id, photoId)
      if (!photo || photo.openid !== ctx.openid) throw notFound('照片')
      return { photoId, dataUrl: photo.dataUrl }
    },
  },

  reply: {
    access: 'signed_in',
    async run({ centerId, id, text, photoIds }, ctx) {
      const c = await ownCase(ctx, centerId, id)
      const to = nextState(c.state, 'supplement', 'resident')
      if (!to) throw conflict(c.state === 'processing' ? '工作人员已收到补正，正在办理' : refusalText(c.state, 'supplement'))
      const at = ctx.now().toISOString()
      const unique = [...new Set(photoIds)]
      const moved = await writeStep(ctx, c, {
        from: c.state,
        to,
        patch: clockPatch(c, to, at),
        event: residentEvent(ctx, 'supplement', text, unique.length ? { photoIds: unique } : {}),
        photoIds: unique,
        discardPendingPhotos: true,
      })
      return residentView(ctx, moved)
    },
  },

  withdraw: {
    access: 'signed_in',
    async run({ centerId, id, reason }, ctx) {
      const c = await ownCase(ctx, centerId, id)
      const to = nextState(c.state, 'withdraw', 'resident')
      if (!to) throw conflict(refusalText(c.state, 'withdraw'))
      const at = ctx.now().toISOString()
      const moved = await writeStep(ctx, c, { from: c.state, to, patch: clockPatch(c, to, at), event: residentEvent(ctx, 'withdraw', reason || '居民申请撤销') })
      return residentView(ctx, moved)
    },
  },

  rate: {
    access: 'signed_in',
    async run({ centerId, id, stars, comment }, ctx) {
      const c = await ownCase(ctx, centerId, id)
      if (!canRate(c.state)) throw conflict('办结后才能评价')
      const rated = await ctx.store.cases.rate({ caseId: c.id, centerId, openid: ctx.openid!, stars, comment: comment || null, flagged: flaggedRating(stars), at: ctx.now().toISOString() })
      if (!rated) throw conflict('这件代办您已评价过，每件只能评价一次')
      return residentView(ctx, c)
    },
  },

  intake: {
    access: 'signed_in',
    async run(input, ctx) {
      const staff = await requireStaff(ctx, input.centerId, [...CASE_STAFF])
      const service = await ctx.store.centers.service(input.centerId, input.serviceId)
      if (!service) throw notFound('事项')
      if (!service.delegable) throw conflict('该事项暂不提供帮办代办')
      const now = ctx.now()
      const at = now.toISOString()
      const code = newCode(CLAIM_CODE_LENGTH)
      const expiresAt = claimCodeExpiry(now).toISOString()
      const result = await ctx.store.cases.create(
        {
          id: newId('cs'),
          centerId: input.centerId,
          serviceId: service.id,
          serviceName: service.name,
          processingDays: service.processingDays,
          channel: 'counter',
          openid: null,
          createdBy: staff.openid,
          requestId: input.requestId,
          applicantName: input.applicantName,
          forSelf: input.forSelf,
          relation: input.forSelf ? null : (input.relation ?? null),
          phone: input.phone,
          description: input.description,
          handover: input.handover,
          address: input.handover === 'home_pickup' ? (input.address ?? null) : null,
          assigneeOpenid: staff.openid,
          assigneeName: staff.name,
          acceptedAt: at,
          claimCodeHash: hashCode(ctx, code),
          claimExpiresAt: expiresAt,
        },
        { date: beijingDate(now), numberOf: (seq) => caseNumber(beijingDate(now), seq), materials: service.materials, event: staffEvent(ctx, staff, 'accept', '窗口受理'), message: () => null, maxOpen: MAX_OPEN_PER_RESIDENT },
      )
      if (result.kind === 'too_many_open') throw new Error('a counter case is never limited per resident')
      let c = result.case
      let claim: ClaimCode | null = { code, expiresAt }
      if (result.kind === 'duplicate') {
        // The code of the first submit is only stored hashed: a retry hands out a fresh one (the first stops working).
        if (c.openid === null && (await ctx.store.cases.setClaimCode(c.id, hashCode(ctx, code), expiresAt))) c = (await ctx.store.cases.get(c.id))!
        else claim = null
      }
      await audit(ctx, staff, 'delegation.intake', 'case', c.id, `${c.caseNo} ${service.id}`)
      return { ...(await staffView(ctx, staff, c)), claim }
    },
  },

  staffList: {
    access: 'signed_in',
    async run(input, ctx) {
      const staff = await requireStaff(ctx, input.centerId, [...CASE_STAFF])
      const now = ctx.now()
      const today = beijingDate(now)
      let caseNo: string | undefined
      let phoneTail: string | undefined
      if (input.q) {
        caseNo = caseNumberOf(input.q) ?? undefined
        if (!caseNo && /^\d{4}$/.test(input.q)) phoneTail = input.q
        if (!caseNo && !phoneTail) throw new AppError('INVALID_INPUT', '请输入案件编号（如 DB20261126-0007）或手机号后 4 位', { q: '请输入案件编号或手机号后 4 位' })
      }
      const states = input.state === 'open' ? OPEN_STATES : input.state === 'all' ? ALL_STATES : [input.state]
      const assignee = input.assignee === undefined ? undefined : input.assignee === 'me' ? staff.openid : input.assignee === 'unassigned' ? null : input.assignee
      const [rows, open, flagged] = await Promise.all([
        ctx.store.cases.listForStaff({ centerId: input.centerId, states, serviceId: input.serviceId, assignee, caseNo, phoneTail, lowRating: input.lowRating, limit: STAFF_LIST_LIMIT + 1 }),
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
        items = items.filter((i) => i.deadline && !i.deadline.stopped && keep(i.deadline)).sort((a, b) => a.deadline!.dueDate.localeCompare(b.deadline!.dueDate) || a.caseNo.localeCompare(b.caseNo))
      }
      const running = open.map((c) => caseSummary(c, now, days).deadline).filter((d) => d && !d.stopped)
      await audit(ctx, staff, 'delegation.staffList', 'case', null, `state=${input.state}${input.due ? ` due=${input.due}` : ''}${caseNo ? ` q=${caseNo}` : phoneTail ? ' q=phone-tail' : ''}`)
      return {
        items,
        truncated: rows.length > STAFF_LIST_LIMIT,
        counts: {
          open: open.length,
          overdue: running.filter((d) => d!.overdue).length,
          dueToday: running.filter((d) => d!.dueDate === today && !d!.paused).length,
          dueSoon: running.filter((d) => d!.dueSoon).length,
          unassigned: open.filter((c) => c.assigneeOpenid === null).length,
          lowRating: flagged.length,
        },
        today,
      }
    },
  },

  staffGet: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const { staff, c } = await staffCase(ctx, centerId, id)
      return staffView(ctx, staff, c)
    },
  },

  advance: {
    access: 'signed_in',
    async run(input, ctx) {
      const { staff, c } = await staffCase(ctx, input.centerId, input.id)
      requireAct(staff, c)
      const to = nextState(c.state, input.step, 'staff')
      if (!to) throw conflict(refusalText(c.state, input.step))
      const at = ctx.now().toISOString()
      const details = stepDetails(c, input, staff, at)
      // With the result go the originals still held (一并归还), in the same write.
      const originals: NewCaseOriginal[] =
        input.step === 'deliver'
          ? originalsHeld(await ctx.store.cases.originals(c.id)).map((o: CaseOriginalRecord) => ({
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
    },
  },

  tickMaterial: {
    access: 'signed_in',
    async run({ centerId, id, index, status }, ctx) {
      const { staff, c } = await staffCase(ctx, centerId, id)
      requireAct(staff, c)
      if (isFinal(c.state)) throw conflict(`该件${c.state === 'delivered' ? '已送达' : '已结束'}，不能再修改材料清单`)
      const ticked = await ctx.store.cases.tickMaterial(c.id, index, status, { openid: staff.openid, name: staff.name }, ctx.now().toISOString())
      if (!ticked) throw notFound('材料')
      await audit(ctx, staff, 'delegation.tickMaterial', 'case', c.id, `#${index} ${status}`)
      return staffView(ctx, staff, c)
    },
  },

  // Any clerk at the window may take in or give back an original, whoever works the case.
  logOriginal: {
    access: 'signed_in',
    async run(input, ctx) {
      const { staff, c } = await staffCase(ctx, input.centerId, input.id)
      const at = ctx.now().toISOString()
      let entry: NewCaseOriginal
      if (input.kind === 'received') {
        if (isFinal(c.state)) throw conflict('该件已结束，不能再收取原件')
        entry = { kind: 'received', name: input.name, count: input.count, note: input.note || null, receivedId: null, byOpenid: staff.openid, byName: staff.name, at }
      } else {
        const held = originalsHeld(await ctx.store.cases.originals(c.id)).find((o) => o.id === input.receivedId)
        if (!held) throw conflict('该原件已归还，或不是本件收取的原件')
        entry = { kind: 'returned', name: held.name, count: held.count, note: input.note || null, receivedId: held.id, byOpenid: staff.openid, byName: staff.name, at }
      }
      const logged = await ctx.store.cases.addOriginal(c.id, entry)
      if (!logged) throw conflict('该原件已归还，或不是本件收取的原件')
      await audit(ctx, staff, `delegation.original.${input.kind}`, 'case', c.id, `original #${logged.id}`)
      return staffView(ctx, staff, c)
    },
  },

  reassign: {
    access: 'signed_in',
    async run({ centerId, id, to, note }, ctx) {
      const { staff, c } = await staffCase(ctx, centerId, id)
      requireAct(staff, c)
      if (isFinal(c.state)) throw conflict('该件已结束，不能再转派')
      const target = (await ctx.store.cases.clerks(centerId)).find((s) => s.openid === to)
      if (!target) throw new AppError('INVALID_INPUT', '请选择本中心的工作人员', { to: '请选择本中心的工作人员' })
      if (c.assigneeOpenid === target.openid) return staffView(ctx, staff, c)
      const moved = await ctx.store.cases.reassign(c.id, c.assigneeOpenid, target, staffEvent(ctx, staff, 'reassign', `转派给 ${target.name}${note ? `：${note}` : ''}`))
      if (!moved) throw conflict('该件经办人已变化，请刷新后再试')
      await audit(ctx, staff, 'delegation.reassign', 'case', c.id, `${c.assigneeOpenid ?? 'none'}→${target.openid}`)
      return staffView(ctx, staff, moved)
    },
  },

  clerks: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      await requireStaff(ctx, centerId, [...CASE_STAFF])
      const names = { counter: '窗口人员', supervisor: '主管', admin: '管理员', grid: '网格员' } as const
      return (await ctx.store.cases.clerks(centerId)).map((s) => ({ openid: s.openid, name: s.name, rolesText: s.roles.map((r) => names[r]).join('、') }))
    },
  },

  newClaimCode: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const { staff, c } = await staffCase(ctx, centerId, id)
      if (c.openid !== null) throw conflict('该件已关联居民微信，不需要领取码')
      if (isFinal(c.state)) throw conflict('该件已结束')
      const code = newCode(CLAIM_CODE_LENGTH)
      const expiresAt = claimCodeExpiry(ctx.now()).toISOString()
      if (!(await ctx.store.cases.setClaimCode(c.id, hashCode(ctx, code), expiresAt))) throw conflict('该件已关联居民微信，不需要领取码')
      await audit(ctx, staff, 'delegation.newClaimCode', 'case', c.id)
      return { code, expiresAt }
    },
  },

  revealPhone: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const { staff, c } = await staffCase(ctx, centerId, id)
      await audit(ctx, staff, 'delegation.revealPhone', 'case', c.id)
      return { phone: c.phone }
    },
  },
})
