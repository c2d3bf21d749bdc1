import { loadConfig } from '@cloud/server/config'

describe('QR_LINK_BASE on the local server', () => {
  it('is the link base the QR codes carry, or none when unset', () => {
    expect(loadConfig({}).qrLinkBase).toBeNull()
    expect(loadConfig({ QR_LINK_BASE: 'http://192.168.1.20:8080/' }).qrLinkBase).toBe('http://192.168.1.20:8080')
  })
  it('stops the start on a value no scanner could open', () => {
    expect(() => loadConfig({ QR_LINK_BASE: 'bm.example.gov.cn' })).toThrow(/QR_LINK_BASE must be a link/)
  })
})
