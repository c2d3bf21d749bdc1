/** The sitemap and the build's project.config.json (config/weapp-files.ts). */
import path from 'node:path'
import { buildProjectConfig, sitemapFor } from '../../config/weapp-files'

describe('sitemapFor', () => {
  const app = {
    pages: ['pages/index/index', 'pages/guide/index'],
    subPackages: [
      { root: 'staff/', pages: ['pages/home/index', 'pages/queue/index'] },
      { root: 'more', pages: ['pages/x/index'] },
    ],
  }

  it('disallows each staff page by name (WeChat has no wildcard), then allows the rest', () => {
    expect(sitemapFor(app)).toEqual({
      rules: [
        { action: 'disallow', page: 'staff/pages/home/index' },
        { action: 'disallow', page: 'staff/pages/queue/index' },
        { action: 'allow', page: '*' },
      ],
    })
  })

  describe('when there are no subpackages', () => {
    it('allows every page', () => {
      expect(sitemapFor({ pages: ['pages/index/index'] })).toEqual({ rules: [{ action: 'allow', page: '*' }] })
    })
  })
})

describe('buildProjectConfig', () => {
  const root = path.resolve('/repo')
  const rootConfig = { appid: 'wx123', miniprogramRoot: 'dist/weapp/', cloudfunctionRoot: 'cloudfunctions/', compileType: 'miniprogram' }

  it('points both roots from the build folder: itself, and the repository’s cloud functions', () => {
    expect(buildProjectConfig(rootConfig, root, path.join(root, 'dist/weapp'))).toEqual({
      ...rootConfig,
      miniprogramRoot: './',
      cloudfunctionRoot: '../../cloudfunctions/',
    })
  })

  it('leaves out a cloud function root the repository does not have', () => {
    expect(buildProjectConfig({ appid: 'wx123' }, root, path.join(root, 'dist/weapp'))).toEqual({ appid: 'wx123', miniprogramRoot: './' })
  })
})
