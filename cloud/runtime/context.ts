import type { Grant, StaffRole } from '@/core/staff-roles'
import type { Store } from '../store/port'
import type { IdentityVerifier } from './identity-verifier'
import type { PersonalData } from './personal-data'

/** Deployment settings actions read (not per center: those live in the store). */
export interface AppSettings {
  /** The WeChat subscribe-message template of the day-before booking reminder; null when not configured. */
  reminderTemplateId: string | null
  /** The template of the queue's 消息 (即将到号, 叫号) in CloudBase (`SUBSCRIBE_TEMPLATE_QUEUE`); unset: in-app 消息 only. */
  queueTemplateId?: string | null
  /** How many days personal data of finished business is kept (`RETENTION_DAYS`); unset: the default (src/core/retention.ts). */
  retentionDays?: number
  /** The local server in dev mode: it takes the caller from the `X-Openid` header the H5 app's 选择身份 sets. */
  demoIdentities?: boolean
  /**
   * The deployment's QR link domain (`QR_LINK_BASE`, src/core/qr-links.ts): the hall's check-in QR and an invite's QR
   * become links WeChat's 扫一扫 opens; unset, they carry text only the app's own scanners read.
   */
  qrLinkBase?: string | null
}

export const DEFAULT_SETTINGS: AppSettings = { reminderTemplateId: null }

/** Everything an action may use: who is calling (from the platform, never the body), the store, the clock. */
export interface ActionContext {
  /** The caller's WeChat OPENID, or null for an anonymous caller (H5 without a chosen identity). */
  openid: string | null
  store: Store
  now: () => Date
  requestId: string
  /** Sealing and hashing of ID numbers; actions that take personal data refuse to run without it. */
  pii?: PersonalData
  settings?: AppSettings
  /** Who confirms a resident's identity (`IDENTITY_VERIFICATION`); none: verification is off and every identity 自行填报. */
  verifier?: IdentityVerifier
}

/** The personal-data keys. A host that forgot them is a bug (answered INTERNAL and logged), never a reason to store ID numbers in the clear. */
export function requirePii(ctx: ActionContext): PersonalData {
  if (!ctx.pii) throw new Error('personal-data keys are not configured in the action context')
  return ctx.pii
}

/** The roles the caller holds in one center. */
export async function rolesOf(ctx: ActionContext, centerId: string): Promise<Grant[]> {
  if (!ctx.openid) return []
  return (await ctx.store.staff.rolesOf(centerId, ctx.openid)).map((g) => g.grant)
}

export function hasRole(grants: Grant[], ...roles: StaffRole[]): boolean {
  return grants.some((g) => roles.includes(g.role))
}
