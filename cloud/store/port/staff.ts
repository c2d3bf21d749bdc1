/**
 * The store port, staff: who holds which role in a center (and the district's own role),
 * and the one-time invites that hand roles out.
 *
 * What the store must guarantee: an invite is taken up once — `redeem` marks it used with a
 * conditional write, so two processes never both take it; a revoke never removes a center's
 * last admin, decided in the same unit that removes the role.
 */

import type { Grant, StaffRole } from '@/core/staff-roles'

export interface StaffGrant {
  name: string
  grant: Grant
}

export interface StaffRepo {
  rolesOf(centerId: string, openid: string): Promise<StaffGrant[]>
  /**
   * The person's deployment-wide role (区级管理员: enters the yearly arrangement; a later
   * read-only view across centers is theirs too), or null. Kept apart from the centers'
   * roles, so it never answers `rolesOf` and grants nothing in any center.
   */
  districtRole(openid: string): Promise<DistrictStaffRecord | null>
}

export type DistrictRole = 'district'

export interface DistrictStaffRecord {
  openid: string
  name: string
  role: DistrictRole
  createdAt: string
}

/** A one-time staff invite as stored: the code only as its hash. */
export interface InviteRecord {
  id: string
  centerId: string
  codeHash: string
  /** The code's last two characters, to tell invites apart. */
  codeTail: string
  /** The invitee's name as the admin wrote it. */
  name: string
  grant: Grant
  createdBy: string
  createdByName: string
  createdAt: string
  expiresAt: string
  usedBy: string | null
  usedByName: string | null
  usedAt: string | null
  cancelledAt: string | null
}

export type RedeemInviteResult =
  | { kind: 'redeemed'; invite: InviteRecord; grants: StaffGrant[] }
  /** The same person took this invite up before: what they hold. */
  | { kind: 'already_yours'; invite: InviteRecord; grants: StaffGrant[] }
  | { kind: 'unknown' }
  | { kind: 'expired'; invite: InviteRecord }
  | { kind: 'used'; invite: InviteRecord }
  | { kind: 'cancelled'; invite: InviteRecord }

/** A person holding one or more roles in a center. */
export interface StaffMemberRecord {
  openid: string
  name: string
  grants: Grant[]
  since: string
}

export interface StaffAdminRepo {
  createInvite(invite: InviteRecord): Promise<void>
  /** A center's invites, newest first. */
  invites(centerId: string, limit: number): Promise<InviteRecord[]>
  inviteByHash(codeHash: string): Promise<InviteRecord | null>
  /** Atomic: an unused, uncancelled invite → cancelled. Null when it was not (or is not this center's). */
  cancelInvite(centerId: string, id: string, at: string): Promise<InviteRecord | null>
  /**
   * One atomic unit: the invite is marked used by `openid` only if it is still
   * unused, not cancelled and unexpired at `at` (a conditional update, so two
   * processes never both take it up); then the role is written, merged with what
   * the person holds in that role (`merge`), and every role row of the person in
   * the center takes the invite's name.
   */
  redeem(codeHash: string, openid: string, at: string, merge: (held: Grant | undefined, added: Grant) => Grant): Promise<RedeemInviteResult>
  /** Wrong codes a caller tried since an instant (for the rate limit), and recording one. */
  redeemFailuresSince(openid: string, since: string): Promise<number>
  recordRedeemFailure(openid: string, at: string): Promise<void>
  /** Everyone holding a role in the center, by name. */
  members(centerId: string): Promise<StaffMemberRecord[]>
  /** Makes a person a district admin (区级管理员), or renames one; for the deployer (seed, `seed:cloud --district`). */
  grantDistrict(openid: string, name: string, at: string): Promise<void>
  /** Writes one grant (a new role or a new scope) of a person already holding some role in the center; false when they hold none. */
  setGrant(centerId: string, openid: string, grant: Grant, at: string): Promise<boolean>
  /**
   * One atomic unit: takes one role from a person, unless it is the center's last
   * admin role; a grid worker losing the grid role stops being the responsible
   * worker of their communities.
   */
  revokeGrant(centerId: string, openid: string, role: StaffRole): Promise<'revoked' | 'not_found' | 'last_admin'>
}
