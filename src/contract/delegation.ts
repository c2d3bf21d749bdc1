import * as z from 'zod/mini'
import { CLAIM_CODE_LENGTH, isCode, normalizeCode, PICKUP_CODE_LENGTH } from '../core/delegation-codes'
import type { CaseState, HandoverWay } from '../core/delegation-states'
import { normalizePersonName, personNameProblem } from '../core/person-name'
import { isMobile, normalizeMobile } from '../core/phone'
import { CASE_PHOTO_MAX_BYTES } from '../core/photos'
import { RELATION_KEYS, type RelationKey } from '../core/relations'
import { centerScoped, freeText, recordId } from './common'
import type { CaseSummary, CaseDetail, StaffCaseDetail, StaffCaseList, ClaimCode, CaseClerk } from './delegation-views'

export type * from './delegation-views'

export { CASE_PHOTO_MAX_BYTES }
/** Photos one 补正 reply may carry. */
export const CASE_PHOTOS_PER_REPLY = 3
/** Photos uploaded and not yet sent with a reply, per resident and case (room to swap a few before sending). */
export const CASE_PHOTOS_PENDING = 2 * CASE_PHOTOS_PER_REPLY

const CASE_STATE_KEYS = [
  'applied',
  'accepted',
  'processing',
  'needs_supplement',
  'submitted',
  'concluded',
  'delivered',
  'withdrawn',
  'rejected',
] as const satisfies readonly CaseState[]

/** Fields of 200 characters or more are text areas: they keep line breaks. */
const text = (label: string, max: number) => freeText(label, { min: 1, max, multiline: max >= 200 })
const optionalText = (label: string, max: number) => z.optional(freeText(label, { max, multiline: max >= 200 }))

const requestId = z
  .string({ error: '缺少请求编号，请刷新页面后重试' })
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确，请刷新页面后重试' }))

const personName = z.pipe(z.string({ error: '请填写办事人姓名' }), z.transform(normalizePersonName)).check((ctx) => {
  const problem = personNameProblem(ctx.value)
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
})

const mobile = z
  .pipe(z.string({ error: '请填写手机号码' }), z.transform(normalizeMobile))
  .check(z.refine(isMobile, { error: '请填写 11 位手机号码' }))

const caseId = recordId('代办件')

/** What a case is about and who it is for: the same on the resident's form and at the counter. */
const caseFields = z.extend(centerScoped, {
  serviceId: recordId('事项'),
  /** True when the case is the caller's own; otherwise `relation` says who the applicant is to them. */
  forSelf: z.boolean({ error: '请选择为谁办理' }),
  relation: z.optional(z.enum(RELATION_KEYS, { error: '请选择与办事人的关系' })),
  applicantName: personName,
  /** The number the center calls about this case. */
  phone: mobile,
  description: text('需要办理的内容', 500),
  handover: z.enum(['window', 'home_pickup'], { error: '请选择材料交接方式' }),
  /** Where a grid worker picks the originals up and brings the result back (home pickup only). */
  address: optionalText('上门地址', 100),
  consent: z.literal(true, { error: '请确认已阅读并同意《个人信息保护说明》' }),
  requestId,
})

function checkCaseFields(ctx: z.core.ParsePayload<{ forSelf: boolean; relation?: RelationKey; handover: HandoverWay; address?: string }>) {
  if (!ctx.value.forSelf && !ctx.value.relation)
    ctx.issues.push({ code: 'custom', path: ['relation'], message: '请选择与办事人的关系', input: ctx.value.relation })
  if (ctx.value.handover === 'home_pickup' && !ctx.value.address)
    ctx.issues.push({ code: 'custom', path: ['address'], message: '请填写上门收取材料的地址', input: ctx.value.address })
}

const missingItems = z
  .array(text('缺少的材料', 40), { error: '请写明缺少的材料' })
  .check(z.minLength(1, { error: '请至少写明一项缺少的材料' }), z.maxLength(10, { error: '一次最多列出 10 项' }))

const code = (length: number, label: string) =>
  z
    .pipe(z.string({ error: `请输入${label}` }), z.transform(normalizeCode))
    .check(z.refine((v) => isCode(v, length), { error: `${label}是 ${length} 位字母和数字，请核对` }))

/** A staff step with what it needs: who to tell what is missing, which department, the result, how it went back. */
const advanceStep = z.discriminatedUnion(
  'step',
  [
    z.extend(centerScoped, { id: caseId, step: z.literal('accept'), note: optionalText('备注', 200) }),
    z.extend(centerScoped, { id: caseId, step: z.literal('start'), note: optionalText('备注', 200) }),
    z.extend(centerScoped, {
      id: caseId,
      step: z.literal('ask_supplement'),
      missing: missingItems,
      note: optionalText('补交材料说明', 200),
    }),
    z.extend(centerScoped, { id: caseId, step: z.literal('supplement'), note: optionalText('备注', 200) }),
    z.extend(centerScoped, { id: caseId, step: z.literal('submit'), department: text('报送部门', 40), note: optionalText('备注', 200) }),
    z.extend(centerScoped, { id: caseId, step: z.literal('conclude'), result: text('办理结果', 200), note: optionalText('备注', 200) }),
    z.extend(centerScoped, {
      id: caseId,
      step: z.literal('deliver'),
      delivery: z.enum(['pickup', 'home'], { error: '请选择交付方式' }),
      /** The code the resident shows at the window (cases linked to a resident's WeChat). */
      pickupCode: z.optional(code(PICKUP_CODE_LENGTH, '取件码')),
      note: optionalText('备注', 200),
    }),
    z.extend(centerScoped, { id: caseId, step: z.literal('withdraw'), reason: text('撤销原因', 200) }),
    z.extend(centerScoped, { id: caseId, step: z.literal('reject'), reason: text('不予受理的原因', 200) }),
  ],
  { error: '不支持的办理步骤' },
)

/** `delegation`: delegated service cases (帮办代办). Resident actions act on cases linked to the caller only. */
export const delegationInputs = {
  /** A resident applies online; the case is 已提交（待受理） until a clerk accepts it (the promised clock starts then). The same `requestId` answers the first result. */
  create: caseFields.check(checkCaseFields),
  /** `active`: not yet handed back or closed, newest first; `done`: handed back, withdrawn, rejected. */
  listMine: z.extend(centerScoped, { tab: z._default(z.enum(['active', 'done'], { error: '没有这个分类' }), 'active') }),
  get: z.extend(centerScoped, { id: caseId }),
  /** Links a counter case to the caller with the claim code the clerk handed out (single use, 7 days). */
  claim: z.object({ code: code(CLAIM_CODE_LENGTH, '领取码') }),
  /** One photo for a 补交材料 reply, before sending it: a JPEG or PNG data URL of at most 44 KB (kept in file storage, not the case). */
  uploadPhoto: z.extend(centerScoped, {
    id: caseId,
    dataUrl: z.string({ error: '请选择照片' }).check(
      // Loose here (the body limit is 64 KB anyway): the action measures the decoded bytes and answers PAYLOAD_TOO_LARGE.
      z.maxLength(63 * 1024, { error: '照片太大，请重新拍摄或选择较小的照片' }),
      z.regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}$/, { error: '只能上传 JPG 或 PNG 照片' }),
    ),
  }),
  /** A photo of a reply, to the case's resident or the center's staff: a URL that works for minutes (PHOTO_URL_SECONDS). */
  getPhoto: z.extend(centerScoped, { id: caseId, photoId: recordId('照片') }),
  /**
   * The resident answers a 补交材料 request: what they did, with up to 3 uploaded photos. With photos the material is
   * taken as sent (办理中, the clock runs again); without, the case keeps waiting until the clerk confirms it is enough.
   */
  reply: z.extend(centerScoped, {
    id: caseId,
    text: text('补交材料说明', 500),
    photoIds: z._default(
      z
        .array(recordId('照片'), { error: '照片格式不正确' })
        .check(z.maxLength(CASE_PHOTOS_PER_REPLY, { error: `一次最多附 ${CASE_PHOTOS_PER_REPLY} 张照片` })),
      [],
    ),
  }),
  withdraw: z.extend(centerScoped, { id: caseId, reason: optionalText('撤销原因', 200) }),

  // Staff (窗口人员, 主管, 管理员) of the center.
  /** A clerk opens a case for a resident at the counter; the answer carries a claim code for the resident's WeChat. */
  intake: caseFields.check(checkCaseFields),
  /** Cases of the center: filters combine; `q` is a case number or the last 4 digits of the phone. At most 200, newest first (by due date with `due`). */
  staffList: z.extend(centerScoped, {
    state: z._default(z.enum([...CASE_STATE_KEYS, 'open', 'all'], { error: '没有这个状态' }), 'open'),
    serviceId: z.optional(recordId('事项')),
    /** `me`, `unassigned`, or a staff openid. */
    assignee: z.optional(z.string({ error: '经办人格式不正确' }).check(z.maxLength(64, { error: '经办人格式不正确' }))),
    due: z.optional(z.enum(['overdue', 'today', 'soon'], { error: '没有这个时限筛选' })),
    lowRating: z.optional(z.boolean({ error: '筛选格式不正确' })),
    q: z.optional(freeText('搜索内容', { max: 20 })),
  }),
  staffGet: z.extend(centerScoped, { id: caseId }),
  /** One step of the state machine; a step the state does not allow is CONFLICT. */
  advance: advanceStep,
  /** One checklist item; 免交 (`not_applicable`) needs the reason, recorded and shown to both sides. */
  tickMaterial: z
    .extend(centerScoped, {
      id: caseId,
      index: z
        .number({ error: '材料序号不正确' })
        .check(z.int({ error: '材料序号不正确' }), z.gte(0, { error: '材料序号不正确' }), z.lte(99, { error: '材料序号不正确' })),
      status: z.enum(['pending', 'received', 'missing', 'not_applicable'], { error: '请选择材料状态' }),
      reason: optionalText('免交原因', 100),
    })
    .check((ctx) => {
      if (ctx.value.status === 'not_applicable' && !ctx.value.reason)
        ctx.issues.push({ code: 'custom', path: ['reason'], message: '请写明免交原因', input: ctx.value.reason })
    }),
  /** Originals handed over (received) or given back (returned, naming the received entry). */
  logOriginal: z.discriminatedUnion(
    'kind',
    [
      z.extend(centerScoped, {
        id: caseId,
        kind: z.literal('received'),
        name: text('原件名称', 40),
        count: z._default(
          z
            .number({ error: '份数不正确' })
            .check(z.int({ error: '份数不正确' }), z.gte(1, { error: '份数不正确' }), z.lte(20, { error: '份数不正确' })),
          1,
        ),
        note: optionalText('备注', 100),
      }),
      z.extend(centerScoped, {
        id: caseId,
        kind: z.literal('returned'),
        receivedId: z
          .number({ error: '请选择归还的原件' })
          .check(z.int({ error: '请选择归还的原件' }), z.positive({ error: '请选择归还的原件' })),
        note: optionalText('备注', 100),
      }),
    ],
    { error: '请选择收取或归还' },
  ),
  /** Hands the case to another clerk (a clerk: own or unassigned cases; supervisors and admins: any). */
  reassign: z.extend(centerScoped, { id: caseId, to: recordId('经办人'), note: optionalText('备注', 200) }),
  /** Staff a case can be assigned to. */
  clerks: centerScoped,
  /** A fresh claim code for a counter case not yet linked (the old one stops working). */
  newClaimCode: z.extend(centerScoped, { id: caseId }),
  /** The applicant's full phone number, for calling them (audited). */
  revealPhone: z.extend(centerScoped, { id: caseId }),
}

export interface DelegationOutputs {
  create: CaseDetail
  listMine: { items: CaseSummary[] }
  get: CaseDetail
  claim: CaseDetail
  uploadPhoto: { photoId: string; bytes: number }
  /** `url` shows the photo until `expiresAt` (ask again after); locally a signed /files/ URL, in WeChat a cloud-storage temp URL. */
  getPhoto: { photoId: string; url: string; expiresAt: string }
  reply: CaseDetail
  withdraw: CaseDetail
  /** `claim` is null when a retried intake meets a case already linked to a resident. */
  intake: StaffCaseDetail & { claim: ClaimCode | null }
  staffList: StaffCaseList
  staffGet: StaffCaseDetail
  advance: StaffCaseDetail
  tickMaterial: StaffCaseDetail
  logOriginal: StaffCaseDetail
  reassign: StaffCaseDetail
  clerks: CaseClerk[]
  newClaimCode: ClaimCode
  revealPhone: { phone: string }
}
