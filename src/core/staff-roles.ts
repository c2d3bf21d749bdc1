/**
 * Staff roles of a center and the one-time invites that hand them out.
 *
 * - admin: configures the center, its staff and reads the statistics (no scope)
 * - supervisor: oversees home certification for some communities
 * - counter: serves at some windows (by window number)
 * - grid: visits homes in some communities (by community name)
 *
 * One person may hold several roles; each role is one grant with its own scope.
 */
import { qrLink, qrLinkParts } from './qr-links'

export type StaffRole = 'admin' | 'supervisor' | 'counter' | 'grid'

export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'supervisor', 'counter', 'grid']

export const ROLE_NAMES: Record<StaffRole, string> = { admin: '管理员', supervisor: '主管', counter: '窗口人员', grid: '网格员' }

/** A role and what it covers. */
export interface Grant {
  role: StaffRole
  /** Counter staff: the window numbers they may serve. */
  windows?: number[]
  /** Grid workers and supervisors: the communities (社区/村) they cover. */
  communities?: string[]
}

/** The scope a role takes: windows for counter staff, communities for grid workers and supervisors, nothing for admins. */
export const SCOPE_OF: Record<StaffRole, 'windows' | 'communities' | null> = {
  admin: null,
  supervisor: 'communities',
  counter: 'windows',
  grid: 'communities',
}

/**
 * A grant with only the scope its role takes, windows sorted and de-duplicated.
 * @example normalizeGrant({ role: 'counter', windows: [3, 1, 3], communities: ['x'] }) // { role: 'counter', windows: [1, 3] }
 */
export function normalizeGrant(g: Grant): Grant {
  const scope = SCOPE_OF[g.role]
  if (scope === 'windows') return { role: g.role, windows: [...new Set(g.windows ?? [])].sort((a, b) => a - b) }
  if (scope === 'communities') return { role: g.role, communities: [...new Set(g.communities ?? [])] }
  return { role: g.role }
}

/**
 * An invite adds to what a person already holds in the same role: the union of both scopes.
 * @example mergeGrants({ role: 'counter', windows: [1, 2] }, { role: 'counter', windows: [4] }) // { role: 'counter', windows: [1, 2, 4] }
 */
export function mergeGrants(held: Grant | undefined, added: Grant): Grant {
  if (!held || held.role !== added.role) return normalizeGrant(added)
  return normalizeGrant({
    role: added.role,
    windows: [...(held.windows ?? []), ...(added.windows ?? [])],
    communities: [...(held.communities ?? []), ...(added.communities ?? [])],
  })
}

/**
 * A grant in words.
 * @example grantText({ role: 'counter', windows: [1, 2] }) // '窗口人员（1、2 号窗口）'
 * @example grantText({ role: 'admin' }) // '管理员'
 */
export function grantText(g: Grant): string {
  const name = ROLE_NAMES[g.role]
  if (SCOPE_OF[g.role] === 'windows') return `${name}（${(g.windows ?? []).join('、')} 号窗口）`
  if (SCOPE_OF[g.role] === 'communities') return `${name}（${(g.communities ?? []).join('、')}）`
  return name
}

/** An invite is valid this long after it is made. */
export const INVITE_HOURS = 48
/** Invite codes: 8 characters of the unambiguous booking-code alphabet (29⁸ ≈ 5 × 10¹¹). */
export const INVITE_CODE_LENGTH = 8
/** What an invite QR code carries without a link domain, so the scanner can tell it from other codes. */
export const INVITE_QR_PREFIX = 'BMINVITE:'

/**
 * An invite's QR: with a link domain (`QR_LINK_BASE`), a link WeChat's 扫一扫 opens on 工作人员绑定 (src/core/qr-links.ts);
 * without one, text the binding page's own scanner reads.
 * @example inviteQrText('K7M4QP2X', 'https://bm.example.gov.cn') // 'https://bm.example.gov.cn/j/K7M4QP2X'
 */
export function inviteQrText(code: string, linkBase?: string | null): string {
  return linkBase ? qrLink(linkBase, 'invite', [code]) : `${INVITE_QR_PREFIX}${code}`
}
/** Wrong codes a caller may try per hour before being told to wait. */
export const INVITE_FAILURES_PER_HOUR = 10

/** When an invite made at `createdAt` stops working. @example inviteExpiry(new Date('2026-11-26T02:00:00Z')).toISOString() // '2026-11-28T02:00:00.000Z' */
export function inviteExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITE_HOURS * 3600_000)
}

export type InviteStatus = 'pending' | 'used' | 'expired' | 'cancelled'

export const INVITE_STATUS_TEXT: Record<InviteStatus, string> = {
  pending: '待使用',
  used: '已使用',
  expired: '已过期',
  cancelled: '已作废',
}

/** An invite's state at `now`. @example inviteStatus({ usedAt: null, cancelledAt: null, expiresAt: '2026-11-28T02:00:00Z' }, new Date('2026-11-29T00:00:00Z')) // 'expired' */
export function inviteStatus(i: { usedAt: string | null; cancelledAt: string | null; expiresAt: string }, now: Date): InviteStatus {
  if (i.usedAt) return 'used'
  if (i.cancelledAt) return 'cancelled'
  return new Date(i.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending'
}

/**
 * The code inside a scanned or typed invite: the QR text (either form), or the code with spaces and dashes.
 * @example inviteCodeOf('BMINVITE:K7M4QP2X') // 'K7M4QP2X'
 * @example inviteCodeOf('https://bm.example.gov.cn/j/K7M4QP2X') // 'K7M4QP2X'
 * @example inviteCodeOf(' k7m4 qp2x ') // 'K7M4QP2X'
 */
export function inviteCodeOf(text: string): string {
  const t = text.trim()
  const link = qrLinkParts(t, 'invite')
  const raw = link ? link[0] : t.toUpperCase().startsWith(INVITE_QR_PREFIX) ? t.slice(INVITE_QR_PREFIX.length) : t
  return raw.replace(/[\s-]/g, '').toUpperCase()
}

/**
 * An openid shown to admins: enough to tell two people apart, not the whole identifier.
 * @example maskOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz1') // 'oAbC…xYz1'
 */
export function maskOpenid(openid: string): string {
  return openid.length <= 8 ? openid : `${openid.slice(0, 4)}…${openid.slice(-4)}`
}
