import { parseIdentityVerification } from '@cloud/runtime/identity-verifier'
import { loadConfig } from '@cloud/server/config'

describe('IDENTITY_VERIFICATION', () => {
  describe('on the local server', () => {
    it('defaults to the dev verifier in dev mode and to off in production', () => {
      expect(loadConfig({}).identityVerification).toBe('dev')
      expect(loadConfig({ IDENTITY_VERIFICATION: 'off' }).identityVerification).toBe('off')
      expect(loadConfig({ NODE_ENV: 'production' }).identityVerification).toBe('off')
    })
    it('refuses to start with a value it cannot run: the dev verifier in production, WeChat anywhere', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', IDENTITY_VERIFICATION: 'dev' })).toThrow(/IDENTITY_VERIFICATION must be one of off/)
      expect(() => loadConfig({ IDENTITY_VERIFICATION: 'wechat' })).toThrow(/IDENTITY_VERIFICATION/)
      expect(() => loadConfig({ IDENTITY_VERIFICATION: 'yes' })).toThrow(/IDENTITY_VERIFICATION/)
    })
  })
  describe('parseIdentityVerification', () => {
    it('takes the fallback when unset or blank, and a listed value as given', () => {
      expect(parseIdentityVerification(undefined, 'off', ['off', 'wechat'])).toBe('off')
      expect(parseIdentityVerification(' ', 'off', ['off', 'wechat'])).toBe('off')
      expect(parseIdentityVerification('wechat', 'off', ['off', 'wechat'])).toBe('wechat')
    })
  })
})
