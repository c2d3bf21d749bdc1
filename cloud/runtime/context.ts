import type { Role, RoleGrant } from '../../src/contract/center'
import type { Store } from '../store/port'

/** Everything an action may use: who is calling (from the platform, never the body), the store, the clock. */
export interface ActionContext {
  /** The caller's WeChat OPENID, or null for an anonymous caller (H5 without a chosen identity). */
  openid: string | null
  store: Store
  now: () => Date
  requestId: string
}

/** The roles the caller holds in one center. */
export async function rolesOf(ctx: ActionContext, centerId: string): Promise<RoleGrant[]> {
  if (!ctx.openid) return []
  return (await ctx.store.staff.rolesOf(centerId, ctx.openid)).map((g) => g.grant)
}

export function hasRole(grants: RoleGrant[], ...roles: Role[]): boolean {
  return grants.some((g) => roles.includes(g.role))
}
