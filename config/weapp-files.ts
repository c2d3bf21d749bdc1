import fs from 'node:fs'
import path from 'node:path'

/**
 * Two files of the weapp build that Taro does not get right by itself, written when a build completes:
 *
 * - `sitemap.json` (app.json `sitemapLocation`): WeChat search indexes every page unless told not to,
 *   and a sitemap rule names one page (`*` is "every page", never a wildcard). Staff pages are kept out
 *   page by page, from the build's own app.json, so a staff page added later is kept out too.
 * - `project.config.json`: Taro copies the repository's into the build with `miniprogramRoot: './'` but
 *   leaves `cloudfunctionRoot: 'cloudfunctions/'`, a folder that does not exist beside the build. DevTools
 *   opening dist/weapp would then find no cloud functions; the copy points back at the repository's.
 */

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

export interface SitemapRule {
  action: 'allow' | 'disallow'
  page: string
}

/** The subpackages residents never see (staff pages): kept out of WeChat search. */
export const UNSEARCHABLE_SUBPACKAGES = ['staff']

/** Every page of a subpackage, with its root (`staff/pages/home/index`). */
function subpackagePages(app: AppJson, roots: string[]): string[] {
  return (app.subPackages ?? [])
    .filter((p) => roots.includes(p.root.replace(/\/$/, '')))
    .flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))
}

/**
 * The sitemap: every staff page disallowed, then every other page allowed.
 * @example
 * sitemapFor({ pages: ['pages/index/index'], subPackages: [{ root: 'staff', pages: ['pages/home/index'] }] })
 * // { rules: [{ action: 'disallow', page: 'staff/pages/home/index' }, { action: 'allow', page: '*' }] }
 */
export function sitemapFor(app: AppJson): { rules: SitemapRule[] } {
  const hidden = subpackagePages(app, UNSEARCHABLE_SUBPACKAGES)
  return { rules: [...hidden.map((page) => ({ action: 'disallow' as const, page })), { action: 'allow', page: '*' }] }
}

/**
 * The build's project.config.json: the repository's, with both roots relative to the build folder.
 * @example
 * buildProjectConfig({ miniprogramRoot: 'dist/weapp/', cloudfunctionRoot: 'cloudfunctions/' }, '/repo', '/repo/dist/weapp')
 * // { miniprogramRoot: './', cloudfunctionRoot: '../../cloudfunctions/' }
 */
export function buildProjectConfig(rootConfig: Record<string, unknown>, rootDir: string, outputDir: string): Record<string, unknown> {
  const config: Record<string, unknown> = { ...rootConfig, miniprogramRoot: './' }
  if (typeof rootConfig.cloudfunctionRoot === 'string') {
    const relative = path.relative(outputDir, path.resolve(rootDir, rootConfig.cloudfunctionRoot)).split(path.sep).join('/')
    config.cloudfunctionRoot = `${relative}/`
  }
  return config
}

/** Taro's plugin context, as far as this plugin uses it. */
interface PluginContext {
  paths: { appPath: string; outputPath: string }
  onBuildComplete(fn: () => void): void
}

/** The Taro plugin (config/index.ts `plugins`): weapp builds only. */
export default function weappFiles(ctx: PluginContext): void {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.onBuildComplete(() => {
    const { appPath, outputPath } = ctx.paths
    const app = JSON.parse(fs.readFileSync(path.join(outputPath, 'app.json'), 'utf8')) as AppJson
    fs.writeFileSync(path.join(outputPath, 'sitemap.json'), `${JSON.stringify(sitemapFor(app), null, 2)}\n`)
    const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
    const distFile = path.join(outputPath, 'project.config.json')
    const rootConfig = read(path.join(appPath, 'project.config.json'))
    // Taro's copy may carry TARO_APP_ID as its appid: keep that.
    const appid = fs.existsSync(distFile) ? read(distFile).appid : undefined
    const config = buildProjectConfig({ ...rootConfig, appid: appid ?? rootConfig.appid }, appPath, outputPath)
    fs.writeFileSync(distFile, `${JSON.stringify(config, null, 2)}\n`)
  })
}
