/**
 * The first admin of a center and the district's first 区级管理员, for a deployment that starts with
 * the centers' configuration only (no demo staff outside dev and tests). Run by the deployer, never by
 * a caller of the mini-program: `npm run admin:bootstrap` on the local server's database, the `jobs`
 * function's `bootstrapAdmin` / `bootstrapDistrict` from the CloudBase console.
 *
 * A center's first admin gets a one-time invite like any other (48 hours, one use), printed once;
 * they enter it under 我的 → 工作人员绑定. A center that has an admin already is refused: its admins
 * invite the next one under 人员与邀请 (audited). The 区级管理员 has no invite of their own: the
 * deployer names their OPENID, as with `seed:cloud --district`.
 */
import { randomBytes } from 'node:crypto'
import { bookingCode } from '@/core/booking-code'
import { INVITE_CODE_LENGTH, inviteExpiry } from '@/core/staff-roles'
import type { Store } from '@cloud/store/port'

/** What the bootstrap needs: the store, the personal-data hash (invite codes are stored keyed), a clock. */
export interface BootstrapDeps {
  store: Store
  pii: { hash(value: string): string }
  now: () => Date
}

/**
 * An invite code as stored: keyed with the personal-data hash key (HMAC), so a copy of the database
 * cannot be searched offline for the ~5·10^11 possible codes.
 */
export const inviteCodeHash = (pii: BootstrapDeps['pii'], code: string) => pii.hash(`invite:${code}`)

export type BootstrapResult =
  | { ok: true; code: string; expiresAt: string }
  | { ok: false; reason: 'no_center' | 'has_admin' | 'bad_name'; message: string }

/** A one-time admin invite for a center without any admin yet; the code is in the answer only. */
export async function bootstrapAdmin(deps: BootstrapDeps, input: { centerId: string; name: string }): Promise<BootstrapResult> {
  const name = input.name.trim()
  if (name.length < 1 || name.length > 20) return { ok: false, reason: 'bad_name', message: '请写上首位管理员的姓名（1–20 个字）' }
  const center = await deps.store.centers.get(input.centerId)
  if (!center) return { ok: false, reason: 'no_center', message: `没有服务中心 ${input.centerId}` }
  const members = await deps.store.staffAdmin.members(center.id)
  if (members.some((m) => m.grants.some((g) => g.role === 'admin')))
    return { ok: false, reason: 'has_admin', message: `${center.name}已有管理员：请由管理员在 工作台 → 中心管理 → 人员与邀请 中邀请` }
  const now = deps.now()
  const code = bookingCode((n) => randomBytes(n), INVITE_CODE_LENGTH)
  const expiresAt = inviteExpiry(now).toISOString()
  await deps.store.staffAdmin.createInvite({
    id: `inv-${randomBytes(9).toString('base64url')}`,
    centerId: center.id,
    codeHash: inviteCodeHash(deps.pii, code),
    codeTail: code.slice(-2),
    name,
    grant: { role: 'admin' },
    createdBy: 'bootstrap',
    createdByName: '部署',
    createdAt: now.toISOString(),
    expiresAt,
    usedBy: null,
    usedByName: null,
    usedAt: null,
    cancelledAt: null,
  })
  return { ok: true, code, expiresAt }
}

/** Makes an OPENID a 区级管理员 (the district's yearly arrangement; no role in any center). */
export async function bootstrapDistrict(
  deps: BootstrapDeps,
  input: { openid: string; name: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const name = input.name.trim()
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.openid)) return { ok: false, message: 'OPENID 格式不正确' }
  if (name.length < 1 || name.length > 20) return { ok: false, message: '请写上区级管理员的姓名（1–20 个字）' }
  await deps.store.staffAdmin.grantDistrict(input.openid, name, deps.now().toISOString())
  return { ok: true }
}
