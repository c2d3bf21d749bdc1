/**
 * Who can verify an identity. In production: WeChat's real-name face verification for government
 * mini-programs (政务 category), behind the `identityVerification` setting — not built yet, so a
 * production deployment records identities as self-declared (staff see 自行填报) and consent is
 * given at the counter. Locally: the dev verifier confirms the demo personas (cloud/seed/personas.ts)
 * under their own names. Their openids reach an action only through a dev-mode server's `X-Openid`
 * header (a production server refuses it; WeChat never issues a `dev-` openid).
 */
import { PERSONAS } from '@cloud/seed/personas'
import type { ActionContext } from '@cloud/runtime/context'

const persona = (ctx: ActionContext) => PERSONAS.find((p) => p.openid === ctx.openid)

/** Whether the caller's identity can be verified here. */
export function canVerify(ctx: ActionContext): boolean {
  return persona(ctx) !== undefined
}

/** Whether the verifier confirms the caller is the person named `name`. */
export function verifies(ctx: ActionContext, name: string): boolean {
  return persona(ctx)?.name === name
}
