import { linkBaseOf, opensApp, qrLink, qrLinkParts } from '@/core/qr-links'

describe('linkBaseOf (QR_LINK_BASE)', () => {
  it('takes a link base, without its trailing slash, and nothing when unset', () => {
    expect(linkBaseOf('https://bm.example.gov.cn/')).toBe('https://bm.example.gov.cn')
    expect(linkBaseOf(' http://192.168.1.20:8080 ')).toBe('http://192.168.1.20:8080')
    expect(linkBaseOf('https://example.gov.cn/bianmin')).toBe('https://example.gov.cn/bianmin')
    expect(linkBaseOf(undefined)).toBeNull()
    expect(linkBaseOf('  ')).toBeNull()
  })
  it('refuses what no scanner could open, saying what it wants', () => {
    for (const bad of ['bm.example.gov.cn', 'ftp://bm.example.gov.cn', 'https://bm.example.gov.cn/?a=1', 'https://bm example.cn'])
      expect(() => linkBaseOf(bad)).toThrow('QR_LINK_BASE must be a link such as https://bm.example.gov.cn')
  })
})

describe('qrLink and qrLinkParts', () => {
  it('write and read each kind of link, under a base with a path of its own too', () => {
    expect(qrLink('https://bm.example.gov.cn', 'checkIn', ['lsw', '042917'])).toBe('https://bm.example.gov.cn/c/lsw/042917')
    expect(qrLinkParts('https://bm.example.gov.cn/c/lsw/042917', 'checkIn')).toEqual(['lsw', '042917'])
    expect(qrLinkParts('https://example.gov.cn/bianmin/j/K7M4QP2X', 'invite')).toEqual(['K7M4QP2X'])
    // A center whose id is a kind's letter is still read by its place, not its letter.
    expect(qrLinkParts(qrLink('https://a.cn', 'checkIn', ['j', '042917']), 'checkIn')).toEqual(['j', '042917'])
  })
  it('read the link as WeChat hands it to the page (q, encoded)', () => {
    expect(qrLinkParts(encodeURIComponent('https://bm.example.gov.cn/c/lsw/042917'), 'checkIn')).toEqual(['lsw', '042917'])
  })
  it('answer null for another kind, a wrong number of parts, or no link', () => {
    expect(qrLinkParts('https://bm.example.gov.cn/j/K7M4QP2X', 'checkIn')).toBeNull()
    expect(qrLinkParts('https://bm.example.gov.cn/c/042917', 'checkIn')).toBeNull()
    expect(qrLinkParts('https://bm.example.gov.cn/c/lsw/042917?x=1', 'checkIn')).toBeNull()
    expect(qrLinkParts('bianmin-checkin:lsw:042917', 'checkIn')).toBeNull()
    expect(qrLinkParts('https%3A%2F%2F%E0%A4%A', 'checkIn')).toBeNull()
  })
  it('opensApp tells a link from text only the app reads (what the caption says)', () => {
    expect(opensApp('https://bm.example.gov.cn/c/lsw/042917')).toBe(true)
    expect(opensApp('bianmin-checkin:lsw:042917')).toBe(false)
  })
})
