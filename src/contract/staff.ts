import * as z from 'zod/mini'
import { normalizePersonName, personNameProblem } from '../core/person-name'
import { STAFF_ROLES, type Grant, type InviteStatus, type StaffRole } from '../core/staff-roles'
import { centerScoped, freeText, isoDateField, recordId } from './common'

const windowNumber = z
  .number({ error: '窗口号格式不正确' })
  .check(z.int({ error: '窗口号格式不正确' }), z.gte(1, { error: '窗口号应在 1–99 之间' }), z.lte(99, { error: '窗口号应在 1–99 之间' }))
const communityName = freeText('社区名称', { min: 1, max: 30 })

/** A role and its scope: counter staff need windows, grid workers and supervisors communities, admins nothing. */
export const grantInput = z
  .object(
    {
      role: z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: '请选择岗位' }),
      windows: z.optional(z.array(windowNumber, { error: '窗口格式不正确' }).check(z.maxLength(50, { error: '窗口太多' }))),
      communities: z.optional(z.array(communityName, { error: '社区格式不正确' }).check(z.maxLength(100, { error: '社区太多' }))),
    },
    { error: '请选择岗位' },
  )
  .check((ctx) => {
    const g = ctx.value
    if (g.role === 'counter' && !g.windows?.length)
      ctx.issues.push({ code: 'custom', path: ['windows'], message: '请至少选择一个窗口', input: g.windows })
    if ((g.role === 'grid' || g.role === 'supervisor') && !g.communities?.length)
      ctx.issues.push({ code: 'custom', path: ['communities'], message: '请至少选择一个社区或村', input: g.communities })
  })

const staffName = z.pipe(z.string({ error: '请填写姓名' }), z.transform(normalizePersonName)).check((ctx) => {
  const problem = personNameProblem(ctx.value)
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
})

const openid = recordId('人员')
const inviteCode = z
  .string({ error: '请填写邀请码' })
  .check(z.trim(), z.minLength(1, { error: '请填写邀请码' }), z.maxLength(80, { error: '邀请码不正确' }))

/** `staff`: who works in a center (roles and their scopes), the one-time invites that bring people in, and the audit log. Admins only, except taking up an invite. */
export const staffInputs = {
  /** A one-time invite for one person: valid 48 hours, used once. */
  createInvite: z.extend(centerScoped, { name: staffName, grant: grantInput }),
  listInvites: centerScoped,
  cancelInvite: z.extend(centerScoped, { id: recordId('邀请') }),
  /** What an invite would give (before the person confirms); any signed-in caller. */
  previewInvite: z.object({ code: inviteCode }),
  /** Takes up an invite: the caller's openid gets the role. Any signed-in caller. */
  redeemInvite: z.object({ code: inviteCode }),
  listStaff: centerScoped,
  /** Sets the scope of a role a staff member holds, or gives an existing staff member another role. */
  setGrant: z.extend(centerScoped, { openid, grant: grantInput }),
  /** Takes one role from a staff member; the center's last admin keeps theirs. */
  revokeGrant: z.extend(centerScoped, { openid, role: z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: '请选择岗位' }) }),
  /** The audit log, newest first, 30 a page; pass the previous page's `nextCursor` for more. */
  listAudit: z.extend(centerScoped, {
    actorOpenid: z.optional(openid),
    /** An area such as `queue`, `homecert`, `config` (the part of the action before the dot). */
    area: z.optional(z.string({ error: '类别格式不正确' }).check(z.regex(/^[a-z]{2,20}$/, { error: '类别格式不正确' }))),
    recordType: z.optional(z.string({ error: '记录类型格式不正确' }).check(z.regex(/^[a-z_]{2,30}$/, { error: '记录类型格式不正确' }))),
    recordId: z.optional(freeText('记录编号', { min: 1, max: 64 })),
    from: z.optional(isoDateField('开始日期')),
    to: z.optional(isoDateField('结束日期')),
    cursor: z.optional(z.string({ error: '分页参数不正确' }).check(z.regex(/^\d{1,15}$/, { error: '分页参数不正确' }))),
  }),
}

export interface GrantView extends Grant {
  /** e.g. 窗口人员（1、2 号窗口） */
  text: string
}

export interface InviteView {
  id: string
  name: string
  grant: GrantView
  status: InviteStatus
  statusText: string
  /** The code, only in the answer to createInvite (stored only as a hash); e.g. `K7M4QP2X`. */
  code: string | null
  /** The code in groups of four for reading aloud; the last two characters otherwise, e.g. `····  ··2X`. */
  codeText: string
  /** What the QR code carries (only with `code`). */
  qrText: string | null
  expiresAt: string
  createdByName: string
  createdAt: string
  usedByName: string | null
  usedAt: string | null
}

export interface InvitePreview {
  centerId: string
  centerName: string
  name: string
  grant: GrantView
  expiresAt: string
  /** What the caller already holds there. */
  alreadyHeld: GrantView[]
}

export interface RedeemResult {
  centerId: string
  centerName: string
  name: string
  /** Everything the caller now holds in that center. */
  grants: GrantView[]
}

export interface StaffMember {
  openid: string
  /** Shortened for display, e.g. `oAbC…xYz1`. */
  openidText: string
  name: string
  grants: GrantView[]
  isSelf: boolean
}

export interface StaffDirectory {
  members: StaffMember[]
  /** The center's windows and communities, for the scope pickers. */
  windows: { number: number; name: string }[]
  communities: { id: string; name: string }[]
}

export interface AuditItem {
  id: number
  at: string
  actorName: string
  actorOpenidText: string
  action: string
  /** The action in words where known, e.g. 修改事项. */
  actionText: string
  recordType: string
  /** The kind of record in words, e.g. 事项. */
  recordTypeText: string
  recordId: string | null
  /** The record's number as people know it (代办件 DB20261207-0001, 排队号 A001), when logged with one. */
  recordLabel: string | null
  /** What changed, in words. */
  detail: string | null
}

export interface AuditPage {
  items: AuditItem[]
  nextCursor: string | null
  /** People who appear in the log or hold a role, for the filter. */
  actors: { openid: string; name: string }[]
  /** Areas for the filter. */
  areas: { key: string; name: string }[]
}

export interface StaffOutputs {
  createInvite: InviteView
  listInvites: { items: InviteView[] }
  cancelInvite: InviteView
  previewInvite: InvitePreview
  redeemInvite: RedeemResult
  listStaff: StaffDirectory
  setGrant: StaffDirectory
  revokeGrant: StaffDirectory
  listAudit: AuditPage
}
