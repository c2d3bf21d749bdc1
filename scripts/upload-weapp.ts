/**
 * `npm run upload:weapp`: uploads dist/weapp as a development version of the mini-program with
 * miniprogram-ci (WeChat's own upload tool, what DevTools' 上传 does), for a job that holds the AppID
 * and the code-upload key. Build first: `CLOUD_ENV=… WX_TMPL_BOOKING_REMINDER=… WX_TMPL_QUEUE_SOON=… npm run build:weapp`.
 *
 *   WX_APPID=wx… WX_UPLOAD_KEY_PATH=./private.wx….key npm run upload:weapp
 *   (optional) WX_UPLOAD_VERSION (default: package.json's version), WX_UPLOAD_DESC, WX_UPLOAD_ROBOT (1–30)
 *
 * Without what it needs it says which and exits 1, before loading anything. miniprogram-ci is not a
 * dependency of this repository (≈ 600 packages, 210 MB, with its own older Babel that npm would hoist
 * over the build's): the upload job installs it, `npm install --no-save miniprogram-ci@2.1.42`.
 */
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42'

export interface UploadSettings {
  appid: string
  privateKeyPath: string
  projectPath: string
  version: string
  desc: string
  robot: number
}

/**
 * What the upload is missing, in words (empty: it can go), or the settings.
 * @example
 * uploadSettings({}, '/repo') // { problems: ['WX_APPID: …', 'WX_UPLOAD_KEY_PATH: …'] }
 */
export function uploadSettings(
  env: Partial<Record<string, string | undefined>>,
  repoRoot: string,
): { problems: string[]; settings?: UploadSettings } {
  const problems: string[] = []
  const appid = env.WX_APPID?.trim() ?? ''
  if (!appid) problems.push('WX_APPID: the mini-program AppID (mp.weixin.qq.com → 开发管理 → 开发设置 → AppID(小程序ID))')
  else if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push(`WX_APPID: "${appid}" is not an AppID (wx followed by 16 hex digits)`)
  const keyPath = env.WX_UPLOAD_KEY_PATH?.trim() ?? ''
  if (!keyPath)
    problems.push(
      'WX_UPLOAD_KEY_PATH: the file of the code-upload key (开发管理 → 开发设置 → 小程序代码上传 → 上传密钥; add the job machine’s IP to the whitelist or turn it off)',
    )
  else if (!fs.existsSync(path.resolve(repoRoot, keyPath)))
    problems.push(`WX_UPLOAD_KEY_PATH: no file at ${path.resolve(repoRoot, keyPath)}`)
  const projectPath = path.join(repoRoot, 'dist/weapp')
  if (!fs.existsSync(path.join(projectPath, 'app.json')))
    problems.push(
      'dist/weapp: no weapp build; run `CLOUD_ENV=<环境 ID> WX_TMPL_BOOKING_REMINDER=<模板 ID> WX_TMPL_QUEUE_SOON=<模板 ID> npm run build:weapp` first',
    )
  const robot = Number(env.WX_UPLOAD_ROBOT ?? '1')
  if (!Number.isInteger(robot) || robot < 1 || robot > 30)
    problems.push(`WX_UPLOAD_ROBOT: "${env.WX_UPLOAD_ROBOT}" is not a robot number 1–30`)
  if (problems.length > 0) return { problems }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  return {
    problems,
    settings: {
      appid,
      privateKeyPath: path.resolve(repoRoot, keyPath),
      projectPath,
      version: env.WX_UPLOAD_VERSION?.trim() || pkg.version,
      desc: env.WX_UPLOAD_DESC?.trim() || `npm run upload:weapp ${new Date().toISOString().slice(0, 10)}`,
      robot,
    },
  }
}

/** The part of miniprogram-ci the upload uses. */
interface MiniprogramCi {
  Project: new (options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown
  upload(options: {
    project: unknown
    version: string
    desc: string
    robot: number
    setting: Record<string, boolean>
    onProgressUpdate?: (task: unknown) => void
  }): Promise<{ subPackageInfo?: { name: string; size: number }[] }>
}

async function main(): Promise<number> {
  const { problems, settings } = uploadSettings(process.env, root)
  if (!settings) {
    console.error(`upload:weapp needs:\n${problems.map((p) => `  ${p}`).join('\n')}\nNothing was uploaded.`)
    return 1
  }
  let ci: MiniprogramCi
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ci = require('miniprogram-ci') as MiniprogramCi
  } catch {
    console.error(`upload:weapp needs miniprogram-ci, which this repository does not install: npm install --no-save ${MINIPROGRAM_CI}`)
    return 1
  }
  const project = new ci.Project({
    appid: settings.appid,
    type: 'miniProgram',
    projectPath: settings.projectPath,
    privateKeyPath: settings.privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  console.log(`Uploading dist/weapp as ${settings.appid} version ${settings.version} (robot ${settings.robot}) …`)
  // Already transpiled for old iPhones and minified by the Taro build: WeChat must not do it again.
  const result = await ci.upload({
    project,
    version: settings.version,
    desc: settings.desc,
    robot: settings.robot,
    setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false },
  })
  for (const p of result.subPackageInfo ?? []) console.log(`  ${p.name.padEnd(12)} ${(p.size / 1024).toFixed(1)} KB`)
  console.log('Uploaded: mp.weixin.qq.com → 管理 → 版本管理 → 开发版本, then 提交审核.')
  return 0
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`upload:weapp failed: ${(e as Error)?.message ?? e}`)
      process.exit(1)
    },
  )
}
