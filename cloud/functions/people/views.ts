/** The caller's 我的身份 and 亲友 as pages show them: `people.me`, and the booking form's first screen (`booking.form`). */
import type { IdentityView, PeopleOutputs, RelativeView } from '@/contract/people'
import { CONSENT_TEXT, IDENTITY_STATUS_TEXT } from '@/core/people'
import { sexOf } from '@/core/id-number'
import { relationName } from '@/core/relations'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { IdentityRecord, RelativeRecord } from '@cloud/store/port'
import { trustedStatus } from './on-file'

export function identityView(ctx: ActionContext, i: IdentityRecord): IdentityView {
  const status = trustedStatus(ctx, i)
  return { name: requirePii(ctx).decrypt(i.nameSealed), idMasked: i.idMasked, status, statusText: IDENTITY_STATUS_TEXT[status] }
}

export function relativeView(ctx: ActionContext, r: RelativeRecord): RelativeView {
  return {
    id: r.id,
    relation: r.relation,
    relationText: relationName(r.relation, sexOf(r.idMasked)),
    name: requirePii(ctx).decrypt(r.nameSealed),
    idMasked: r.idMasked,
    consent: r.consent,
    consentText: CONSENT_TEXT[r.consent],
    codeExpiresAt: r.consent === 'pending' ? r.codeExpiresAt : null,
  }
}

/** The signed-in caller's own identity and relatives. */
export async function peopleOnFile(ctx: ActionContext): Promise<PeopleOutputs['me']> {
  const [identity, relatives] = await Promise.all([ctx.store.people.identity(ctx.openid!), ctx.store.people.relatives(ctx.openid!)])
  return {
    identity: identity ? identityView(ctx, identity) : null,
    canVerify: ctx.verifier?.canVerify(ctx.openid!) ?? false,
    verifyMethod: ctx.verifier?.method ?? null,
    relatives: relatives.map((r) => relativeView(ctx, r)),
  }
}
