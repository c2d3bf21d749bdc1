/**
 * The store port, people: a resident's own identity (我的身份) and their relatives (亲友).
 *
 * What the store must guarantee: one identity per account (saving replaces it); one relative per
 * (account, person): adding a person the account already lists answers the one it has (a retried tap,
 * or a relative typed again into a form), and at most `max` relatives per account, decided in the same
 * unit; consent moves only from `pending` (a conditional write: two confirmations never both win), and
 * the one-time code is cleared by it. Names and ID numbers are only ever sealed (and the ID hashed) here.
 * Failed attempts are counted per key within any window up to a day (older rows may be dropped).
 */

import type { ConsentState, IdentityStatus } from '@/core/people'
import type { RelationKey } from '@/core/relations'

/** The resident's own name and ID number, as recorded by their account. */
export interface IdentityRecord {
  openid: string
  nameSealed: string
  idSealed: string
  idHash: string
  idMasked: string
  status: IdentityStatus
  verifiedAt: string | null
  updatedAt: string
}

/** A person an account acts for, and whether that person agreed. */
export interface RelativeRecord {
  id: string
  ownerOpenid: string
  relation: RelationKey
  nameSealed: string
  idSealed: string
  idHash: string
  idMasked: string
  consent: ConsentState
  /** Keyed hash of the one-time code the relative confirms with; null once confirmed. */
  codeHash: string | null
  codeExpiresAt: string | null
  /** Who recorded the consent: the relative's own openid, or the clerk's. */
  confirmedBy: string | null
  confirmedAt: string | null
  createdAt: string
}

export type NewRelative = Omit<RelativeRecord, 'consent' | 'confirmedBy' | 'confirmedAt'>

export type AddRelativeResult =
  | { kind: 'added'; relative: RelativeRecord }
  /** The account already lists this person (same ID hash): that record, unchanged. */
  | { kind: 'existing'; relative: RelativeRecord }
  | { kind: 'too_many' }

export interface PeopleRepo {
  identity(openid: string): Promise<IdentityRecord | null>
  /** Records (or replaces) the account's identity. */
  saveIdentity(identity: IdentityRecord): Promise<void>
  /** Conditional: marks the identity verified only while it still is the person `idHash` (not replaced meanwhile). */
  markVerified(openid: string, idHash: string, at: string): Promise<IdentityRecord | null>
  /** The account's relatives, oldest first. */
  relatives(ownerOpenid: string): Promise<RelativeRecord[]>
  relative(id: string): Promise<RelativeRecord | null>
  /** One unit: the existing record of this person, or `too_many` at `max`, or the new record (consent pending). */
  addRelative(relative: NewRelative, max: number): Promise<AddRelativeResult>
  /** Removes the account's relative; false when it has none by that id. */
  removeRelative(ownerOpenid: string, id: string): Promise<boolean>
  /** A new one-time code for a relative still pending; null otherwise. */
  setConsentCode(id: string, codeHash: string, expiresAt: string): Promise<RelativeRecord | null>
  /** The pending relative whose code hashes to `codeHash` and has not expired at `now`. */
  pendingByCode(codeHash: string, now: string): Promise<RelativeRecord | null>
  /** Conditional: pending → `consent`, the code cleared; null when it was no longer pending. */
  confirm(id: string, consent: Exclude<ConsentState, 'pending'>, by: string, at: string): Promise<RelativeRecord | null>
  /** Failed attempts recorded under `key` after `since` (the attempt limits: a caller, or the person a code is for). */
  failuresSince(key: string, since: string): Promise<number>
  /** Records one failed attempt under each key; rows older than a day go at the same time. */
  recordFailure(keys: readonly string[], at: string): Promise<void>
}
