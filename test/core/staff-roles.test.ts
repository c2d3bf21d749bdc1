/** @timezone */
import {
  grantText,
  inviteCodeOf,
  inviteExpiry,
  inviteQrText,
  inviteStatus,
  maskOpenid,
  mergeGrants,
  normalizeGrant,
} from '@/core/staff-roles'

describe('normalizeGrant', () => {
  it('keeps only the scope the role takes, windows sorted once', () => {
    expect(normalizeGrant({ role: 'counter', windows: [3, 1, 3], communities: ['x'] })).toEqual({ role: 'counter', windows: [1, 3] })
    expect(normalizeGrant({ role: 'admin', windows: [1] })).toEqual({ role: 'admin' })
  })
})

describe('mergeGrants', () => {
  describe('when the person holds the role already', () => {
    it('returns the union of both scopes', () => {
      expect(mergeGrants({ role: 'grid', communities: ['东风村'] }, { role: 'grid', communities: ['东风村', '城东社区'] })).toEqual({
        role: 'grid',
        communities: ['东风村', '城东社区'],
      })
    })
  })
  it("returns the invite's grant for a new role", () => {
    expect(mergeGrants(undefined, { role: 'counter', windows: [4] })).toEqual({ role: 'counter', windows: [4] })
  })
})

describe('grantText', () => {
  it('says the role and its scope', () => {
    expect(grantText({ role: 'counter', windows: [1, 2] })).toBe('窗口人员（1、2 号窗口）')
    expect(grantText({ role: 'grid', communities: ['东风村'] })).toBe('网格员（东风村）')
    expect(grantText({ role: 'admin' })).toBe('管理员')
  })
})

describe('inviteStatus', () => {
  const made = new Date('2026-11-26T02:00:00Z')
  const invite = { usedAt: null, cancelledAt: null, expiresAt: inviteExpiry(made).toISOString() }
  it('is pending until exactly 48 hours, then expired', () => {
    expect(inviteStatus(invite, new Date('2026-11-28T01:59:59Z'))).toBe('pending')
    expect(inviteStatus(invite, new Date('2026-11-28T02:00:00Z'))).toBe('expired')
  })
  it('says used or cancelled before anything else', () => {
    expect(inviteStatus({ ...invite, usedAt: 'x' }, new Date('2027-01-01'))).toBe('used')
    expect(inviteStatus({ ...invite, cancelledAt: 'x' }, made)).toBe('cancelled')
  })
})

describe('inviteCodeOf', () => {
  it('reads a QR text or a typed code', () => {
    expect(inviteCodeOf('BMINVITE:K7M4QP2X')).toBe('K7M4QP2X')
    // The QR as a link (a deployment with QR_LINK_BASE), scanned or handed over by WeChat as `q`.
    expect(inviteCodeOf(inviteQrText('K7M4QP2X', 'https://bm.example.gov.cn'))).toBe('K7M4QP2X')
    expect(inviteCodeOf(encodeURIComponent('https://bm.example.gov.cn/j/K7M4QP2X'))).toBe('K7M4QP2X')
    expect(inviteQrText('K7M4QP2X')).toBe('BMINVITE:K7M4QP2X')
    expect(inviteCodeOf(' k7m4 qp2x ')).toBe('K7M4QP2X')
    expect(inviteCodeOf('bminvite:k7m4-qp2x')).toBe('K7M4QP2X')
  })
})

describe('maskOpenid', () => {
  it('shows the ends only', () => {
    expect(maskOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz1')).toBe('oAbC…xYz1')
    expect(maskOpenid('short')).toBe('short')
  })
})
