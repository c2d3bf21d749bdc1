/**
 * What other areas read of 我的身份 and 亲友: who the caller is as the per-person limits see them, and the
 * stored person a form refers to (`self` or a relative's id) instead of typing them again.
 */
import { randomBytes } from 'node:crypto'
import { limitHolder, type BookingMaker } from '@/core/booking-rules'
import { bookingCode } from '@/core/booking-code'
import { normalizeCode } from '@/core/delegation-codes'
import { maskIdNumber } from '@/core/id-number'
import {
  CONSENT_CODE_LENGTH,
  consentCodeExpiry,
  hasConsented,
  IDENTITY_STATUS_TEXT,
  MAX_RELATIVES,
  type IdentityStatus,
} from '@/core/people'
import type { RelationKey } from '@/core/relations'
import { AppError } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import type { AddRelativeResult, IdentityRecord, LimitHolderRule, RelativeRecord } from '@cloud/store/port'

/**
 * The identity's status as this deployment trusts it: verified only while verification is on (`IDENTITY_VERIFICATION`);
 * with it off, one verified earlier (say by the dev verifier) counts as 自行填报 like any other.
 */
export function trustedStatus(ctx: ActionContext, identity: IdentityRecord): IdentityStatus {
  return ctx.verifier && identity.status === 'verified' ? 'verified' : 'self_declared'
}

/** The caller for `limitHolder`: their verified ID hash, and the relatives who consented to them. */
export async function bookingMaker(ctx: ActionContext): Promise<BookingMaker> {
  const openid = ctx.openid!
  const [identity, relatives] = await Promise.all([
    ctx.verifier ? ctx.store.people.identity(openid) : null,
    ctx.store.people.relatives(openid),
  ])
  return makerOf(ctx, identity, relatives)
}

/** `bookingMaker` from the caller's identity and relatives as read (the identity only read while verification is on). */
function makerOf(ctx: ActionContext, identity: IdentityRecord | null, relatives: readonly RelativeRecord[]): BookingMaker {
  return {
    openid: ctx.openid!,
    verifiedIdHash: verifiedHashOf(ctx, identity),
    consentedIdHashes: relatives.filter((r) => hasConsented(r.consent)).map((r) => r.idHash),
  }
}

/**
 * Whose limits a booking of person `idHash` by the caller counts against (`limitHolder`), decided by the store from the
 * caller's identity and relatives as it reads them inside its create (cloud/store/port/booking.ts `LimitHolderRule`).
 */
export function limitHolderRule(ctx: ActionContext, idHash: string): LimitHolderRule {
  return {
    // With verification off no identity counts as verified (`trustedStatus`): none is read.
    identity: !!ctx.verifier,
    decide: (identity, relatives) => limitHolder(idHash, makerOf(ctx, identity, relatives)),
  }
}

/**
 * The ID hash of the caller's verified identity, or null: who may also see and cancel bookings made in their name.
 * With verification off no identity counts as verified (`trustedStatus`), so none is read: one database request less
 * on every booking and list on CloudBase, where off is the default.
 */
export async function verifiedIdHash(ctx: ActionContext): Promise<string | null> {
  if (!ctx.openid || !ctx.verifier) return null
  return verifiedHashOf(ctx, await ctx.store.people.identity(ctx.openid))
}

const verifiedHashOf = (ctx: ActionContext, identity: IdentityRecord | null) =>
  identity && trustedStatus(ctx, identity) === 'verified' ? identity.idHash : null

export interface PersonOnFile {
  name: string
  idNumber: string
  /** Null for the caller themself. */
  relation: RelationKey | null
}

/** The stored person `ref` names (`self`, or one of the caller's relatives), unsealed; a field error when there is none. */
export async function personOnFile(ctx: ActionContext, ref: string, field = 'personRef'): Promise<PersonOnFile> {
  const pii = requirePii(ctx)
  if (ref === 'self') {
    const identity = await ctx.store.people.identity(ctx.openid!)
    if (!identity) throw new AppError('INVALID_INPUT', '请先在“我的身份”中填写本人信息', { [field]: '还没有填写本人信息' })
    return { name: pii.decrypt(identity.nameSealed), idNumber: pii.decrypt(identity.idSealed), relation: null }
  }
  const relative = await ctx.store.people.relative(ref)
  // Someone else's relative answers exactly as one that does not exist.
  if (!relative || relative.ownerOpenid !== ctx.openid) throw new AppError('INVALID_INPUT', '请重新选择办事人', { [field]: '没有这位亲友' })
  return { name: pii.decrypt(relative.nameSealed), idNumber: pii.decrypt(relative.idSealed), relation: relative.relation }
}

/** The keyed hash a consent code is stored and found by. */
export const consentCodeHash = (ctx: ActionContext, code: string) => requirePii(ctx).hash(`consent:${normalizeCode(code)}`)
export const newConsentCode = () => bookingCode((n) => randomBytes(n), CONSENT_CODE_LENGTH)

/** Adds a person to the caller's 亲友, consent pending, with a fresh one-time code (answered with the store's result). */
export async function addRelative(
  ctx: ActionContext,
  person: { relation: RelationKey; name: string; idNumber: string },
): Promise<{ result: AddRelativeResult; code: string }> {
  const pii = requirePii(ctx)
  const now = ctx.now()
  const code = newConsentCode()
  const result = await ctx.store.people.addRelative(
    {
      id: 'rel' + randomBytes(12).toString('hex'),
      ownerOpenid: ctx.openid!,
      relation: person.relation,
      nameSealed: pii.encrypt(person.name),
      idSealed: pii.encrypt(person.idNumber),
      idHash: pii.hash(person.idNumber),
      idMasked: maskIdNumber(person.idNumber),
      codeHash: consentCodeHash(ctx, code),
      codeExpiresAt: consentCodeExpiry(now).toISOString(),
      createdAt: now.toISOString(),
    },
    MAX_RELATIVES,
  )
  return { result, code }
}

/** A person as a staff view shows them: the account that asked, and the person's ID hash where the record keeps one. */
export interface MarkedPerson {
  openid: string | null
  name: string
  idHash?: string
}

/**
 * 已实名核验 or 自行填报 beside a person wherever staff see a resident's identity: verified only when the account that
 * asked holds a trusted verified identity of that very person (by ID hash where the record keeps one, else by name
 * on that account) — a relative typed in, a counter walk-in, or any identity while verification is off is 自行填报.
 * One identity read per account, however many records a list shows.
 */
export function identityMarker(ctx: ActionContext): (person: MarkedPerson) => Promise<string> {
  const accounts = new Map<string, Promise<{ name: string; idHash: string } | null>>()
  const verifiedOf = (openid: string) => {
    let found = accounts.get(openid)
    if (!found) {
      found = ctx.store.people.identity(openid).then((i) => {
        if (!i || trustedStatus(ctx, i) !== 'verified') return null
        return { name: requirePii(ctx).decrypt(i.nameSealed), idHash: i.idHash }
      })
      accounts.set(openid, found)
    }
    return found
  }
  return async (person) => {
    const v = person.openid ? await verifiedOf(person.openid) : null
    const same = !!v && (person.idHash ? v.idHash === person.idHash : v.name === person.name)
    return IDENTITY_STATUS_TEXT[same ? 'verified' : 'self_declared']
  }
}
