import type { Role, RoleGrant } from '../../src/contract/center'
import { AppError } from './app-error'
import type { ActionContext } from './context'

/** A staff member acting in one center, as the platform identified them. */
export interface Staff {
  openid: string
  name: string
  centerId: string
  grants: RoleGrant[]
}

/**
 * The caller as staff of `centerId` holding one of `roles`, or FORBIDDEN.
 * Every staff action starts here; per-record checks (this window, this
 * community) follow in the action with the returned grants.
 */
export async function requireStaff(ctx: ActionContext, centerId: string, roles: Role[]): Promise<Staff> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED')
  const held = await ctx.store.staff.rolesOf(centerId, ctx.openid)
  const grants = held.map((g) => g.grant)
  if (!grants.some((g) => roles.includes(g.role))) throw new AppError('FORBIDDEN')
  return { openid: ctx.openid, name: held[0].name, centerId, grants }
}

/** The grant of one role, if held (e.g. a clerk's windows). */
export function grantOf(staff: Staff, role: Role): RoleGrant | undefined {
  return staff.grants.find((g) => g.role === role)
}

/** Writes one staff action to the audit log. `detail` must not carry personal data. */
export async function audit(ctx: ActionContext, staff: Staff, action: string, recordType: string, recordId: string | null, detail?: string): Promise<void> {
  await ctx.store.audit.record({
    centerId: staff.centerId,
    actorOpenid: staff.openid,
    actorName: staff.name,
    action,
    recordType,
    recordId,
    detail: detail ?? null,
    at: ctx.now().toISOString(),
  })
}
