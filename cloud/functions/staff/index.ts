import { staffInputs } from '@/contract/staff'
import { randomBytes } from 'node:crypto'
import type { StaffDirectory } from '@/contract/staff'
import { addDays, atBeijing } from '@/core/beijing-time'
import { bookingCode } from '@/core/booking-code'
import { isCode } from '@/core/delegation-codes'
import {
  grantText,
  INVITE_CODE_LENGTH,
  INVITE_FAILURES_PER_HOUR,
  inviteCodeOf,
  inviteExpiry,
  inviteStatus,
  mergeGrants,
  normalizeGrant,
  ROLE_NAMES,
  type Grant,
} from '@/core/staff-roles'
import { AppError, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { defineFunction } from '@cloud/runtime/dispatch'
import { audit, requireStaff, type Staff } from '@cloud/runtime/staff'
import type { InviteRecord } from '@cloud/store/port'
import { inviteCodeHash } from './bootstrap'
import { AUDIT_AREAS, auditItem, grantView, inviteView, memberView } from './view'

const hashCode = (ctx: ActionContext, code: string) => inviteCodeHash(requirePii(ctx), code)
const AUDIT_PAGE = 30
const INVITE_LIST = 50

/** Checks a grant's scope against the center: the windows and communities must exist there. */
async function checkScope(ctx: ActionContext, centerId: string, grant: Grant): Promise<Grant> {
  const g = normalizeGrant(grant)
  if (g.windows) {
    const numbers = new Set((await ctx.store.centers.windows(centerId)).map((w) => w.number))
    const unknown = g.windows.filter((n) => !numbers.has(n))
    if (unknown.length) throw new AppError('INVALID_INPUT', undefined, { 'grant.windows': `本中心没有 ${unknown.join('、')} 号窗口` })
  }
  if (g.communities) {
    const names = new Set((await ctx.store.homecert.communities(centerId)).map((c) => c.name))
    const unknown = g.communities.filter((n) => !names.has(n))
    if (unknown.length) throw new AppError('INVALID_INPUT', undefined, { 'grant.communities': `本中心没有：${unknown.join('、')}` })
  }
  return g
}

async function directory(ctx: ActionContext, staff: Staff): Promise<StaffDirectory> {
  const [members, windows, communities] = await Promise.all([
    ctx.store.staffAdmin.members(staff.centerId),
    ctx.store.centers.windows(staff.centerId),
    ctx.store.homecert.communities(staff.centerId),
  ])
  return {
    members: members.map((m) => memberView(m, staff.openid)),
    windows: windows.map((w) => ({ number: w.number, name: w.name })),
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
  }
}

/** A caller who typed too many wrong codes in the last hour waits. */
async function checkRate(ctx: ActionContext, openid: string): Promise<void> {
  const since = new Date(ctx.now().getTime() - 3600_000).toISOString()
  if ((await ctx.store.staffAdmin.redeemFailuresSince(openid, since)) >= INVITE_FAILURES_PER_HOUR) {
    throw new AppError('RATE_LIMITED', '邀请码输错次数太多，请 1 小时后再试，或请管理员重新发送邀请')
  }
}

/** The invite behind a typed or scanned code, or NOT_FOUND (counted against the caller's attempts). */
async function inviteOf(ctx: ActionContext, text: string): Promise<{ code: string; invite: InviteRecord | null }> {
  const openid = ctx.openid!
  await checkRate(ctx, openid)
  const code = inviteCodeOf(text)
  const invite = isCode(code, INVITE_CODE_LENGTH) ? await ctx.store.staffAdmin.inviteByHash(hashCode(ctx, code)) : null
  if (!invite) {
    await ctx.store.staffAdmin.recordRedeemFailure(openid, ctx.now().toISOString())
    throw new AppError('NOT_FOUND', '邀请码不正确，请核对后重新输入', { code: '邀请码不正确，请核对后重新输入' })
  }
  return { code, invite }
}

function refusal(kind: 'used' | 'expired' | 'cancelled'): AppError {
  if (kind === 'used') return new AppError('CONFLICT', '该邀请已被使用。每个邀请只能用一次，如需开通请联系管理员重新邀请')
  if (kind === 'cancelled') return new AppError('CONFLICT', '该邀请已被管理员作废，请联系管理员重新邀请')
  return new AppError('CONFLICT', '该邀请已过期（有效期 48 小时），请联系管理员重新邀请')
}

/** `staff`: people and roles of a center, one-time invites, the audit log. */
export const staff = defineFunction('staff', staffInputs, ['homecert', 'staffAdmin'], {
  createInvite: {
    access: 'signed_in',
    async run({ centerId, name, grant }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const g = await checkScope(ctx, centerId, grant)
      const now = ctx.now()
      const code = bookingCode((n) => randomBytes(n), INVITE_CODE_LENGTH)
      const invite: InviteRecord = {
        id: `inv-${randomBytes(9).toString('base64url')}`,
        centerId,
        codeHash: hashCode(ctx, code),
        codeTail: code.slice(-2),
        name,
        grant: g,
        createdBy: admin.openid,
        createdByName: admin.name,
        createdAt: now.toISOString(),
        expiresAt: inviteExpiry(now).toISOString(),
        usedBy: null,
        usedByName: null,
        usedAt: null,
        cancelledAt: null,
      }
      await ctx.store.staffAdmin.createInvite(invite)
      await audit(ctx, admin, 'staff.createInvite', 'invite', invite.id, `${grantText(g)}，尾号 ${invite.codeTail}`)
      return inviteView(invite, now, code, ctx.settings?.qrLinkBase)
    },
  },

  listInvites: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      const now = ctx.now()
      return { items: (await ctx.store.staffAdmin.invites(centerId, INVITE_LIST)).map((i) => inviteView(i, now)) }
    },
  },

  cancelInvite: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const cancelled = await ctx.store.staffAdmin.cancelInvite(centerId, id, ctx.now().toISOString())
      if (!cancelled) {
        const existing = (await ctx.store.staffAdmin.invites(centerId, 500)).find((i) => i.id === id)
        if (!existing) throw notFound('邀请')
        throw new AppError('CONFLICT', existing.usedAt ? '该邀请已被使用，不能作废；如需取消岗位，请在人员列表中操作' : '该邀请已作废')
      }
      await audit(ctx, admin, 'staff.cancelInvite', 'invite', id, grantText(cancelled.grant))
      return inviteView(cancelled, ctx.now())
    },
  },

  previewInvite: {
    access: 'signed_in',
    async run({ code }, ctx) {
      const { invite } = await inviteOf(ctx, code)
      const i = invite!
      const status = inviteStatus(i, ctx.now())
      if (status !== 'pending' && i.usedBy !== ctx.openid) throw refusal(status as 'used' | 'expired' | 'cancelled')
      const [center, held] = await Promise.all([ctx.store.centers.get(i.centerId), ctx.store.staff.rolesOf(i.centerId, ctx.openid!)])
      return {
        centerId: i.centerId,
        centerName: center?.name ?? '',
        name: i.name,
        grant: grantView(i.grant),
        expiresAt: i.expiresAt,
        alreadyHeld: held.map((h) => grantView(h.grant)),
      }
    },
  },

  redeemInvite: {
    access: 'signed_in',
    async run({ code }, ctx) {
      const { code: clean } = await inviteOf(ctx, code)
      const result = await ctx.store.staffAdmin.redeem(hashCode(ctx, clean), ctx.openid!, ctx.now().toISOString(), (held, added) =>
        mergeGrants(held, added),
      )
      if (result.kind === 'unknown') throw notFound('邀请')
      if (result.kind === 'used' || result.kind === 'expired' || result.kind === 'cancelled') throw refusal(result.kind)
      const i = result.invite
      const center = await ctx.store.centers.get(i.centerId)
      if (result.kind === 'redeemed') {
        const member: Staff = { openid: ctx.openid!, name: i.name, centerId: i.centerId, grants: result.grants.map((g) => g.grant) }
        await audit(ctx, member, 'staff.redeemInvite', 'invite', i.id, `${grantText(i.grant)}（邀请人${i.createdByName}）`)
      }
      return { centerId: i.centerId, centerName: center?.name ?? '', name: i.name, grants: result.grants.map((g) => grantView(g.grant)) }
    },
  },

  listStaff: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      return directory(ctx, await requireStaff(ctx, centerId, ['admin']))
    },
  },

  setGrant: {
    access: 'signed_in',
    async run({ centerId, openid, grant }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const g = await checkScope(ctx, centerId, grant)
      if (!(await ctx.store.staffAdmin.setGrant(centerId, openid, g, ctx.now().toISOString()))) throw notFound('工作人员')
      await audit(ctx, admin, 'staff.setGrant', 'staff', openid, grantText(g))
      return directory(ctx, admin)
    },
  },

  revokeGrant: {
    access: 'signed_in',
    async run({ centerId, openid, role }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const result = await ctx.store.staffAdmin.revokeGrant(centerId, openid, role)
      if (result === 'not_found') throw notFound('岗位')
      if (result === 'last_admin') {
        throw new AppError(
          'CONFLICT',
          openid === admin.openid
            ? '您是本中心唯一的管理员，不能取消自己的管理员岗位。请先邀请另一位管理员。'
            : '本中心至少要保留一位管理员',
        )
      }
      await audit(ctx, admin, 'staff.revokeGrant', 'staff', openid, ROLE_NAMES[role])
      return directory(ctx, admin)
    },
  },

  listAudit: {
    access: 'signed_in',
    async run({ centerId, actorOpenid, area, recordType, recordId, from, to, cursor }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      if (from && to && to < from) throw new AppError('INVALID_INPUT', undefined, { to: '结束日期不能早于开始日期' })
      const rows = await ctx.store.audit.list({
        centerId,
        actorOpenid,
        actionPrefix: area ? `${area}.` : undefined,
        recordType,
        recordId,
        from: from ? atBeijing(from).toISOString() : undefined,
        to: to ? atBeijing(addDays(to, 1)).toISOString() : undefined,
        beforeId: cursor ? Number(cursor) : undefined,
        limit: AUDIT_PAGE + 1,
      })
      const page = rows.slice(0, AUDIT_PAGE)
      const members = await ctx.store.staffAdmin.members(centerId)
      const actors = new Map(members.map((m) => [m.openid, m.name]))
      for (const r of page) if (!actors.has(r.actorOpenid)) actors.set(r.actorOpenid, r.actorName)
      return {
        items: page.map(auditItem),
        nextCursor: rows.length > AUDIT_PAGE ? String(page[page.length - 1].id) : null,
        actors: [...actors].map(([openid, name]) => ({ openid, name })),
        areas: AUDIT_AREAS,
      }
    },
  },
})
