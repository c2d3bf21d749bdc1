/**
 * The weapp build the weapp tests run (test/weapp), made the way production makes it: for a cloud
 * environment, and therefore with a reminder template id (config/reminder-templates.ts refuses one
 * without). `npm test` builds it once (scripts/test.ts); a weapp test run alone builds it when stale.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
export const WEAPP_DIST = path.join(root, 'dist/weapp')

/** The subscribe-message template id the test build carries (test/weapp checks the booking submit asks for it). */
export const WEAPP_TEST_REMINDER_TEMPLATE = 'test-reminder-template'

/** The environment of the test build (CLOUD_ENV=test-env, a production build, with the template id). */
export const WEAPP_TEST_BUILD_ENV = {
  CLOUD_ENV: 'test-env',
  NODE_ENV: 'production',
  WX_TMPL_BOOKING_REMINDER: WEAPP_TEST_REMINDER_TEMPLATE,
  WX_TMPL_QUEUE_SOON: 'test-queue-soon-template',
} as const

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), 0)
}

/** What the build is made of: our source, the build config, and the installed packages (a React upgrade changes no file in src/). */
const BUILD_INPUTS = [
  'src',
  'config',
  'babel.config.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
]

/** Whether dist/weapp was built with the test build's template id (a build made by hand for another environment was not). */
function carriesTestTemplate(): boolean {
  const form = path.join(WEAPP_DIST, 'pages/booking/form/index.js')
  return fs.existsSync(form) && fs.readFileSync(form, 'utf8').includes(WEAPP_TEST_REMINDER_TEMPLATE)
}

/** Builds dist/weapp unless the existing build is the test build and newer than every build input (WEAPP_REBUILD=1 forces it). */
export function ensureWeappBuild(): 'reused' | 'built' {
  const app = path.join(WEAPP_DIST, 'app.js')
  const inputs = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(root, p))))
  if (!process.env.WEAPP_REBUILD && fs.existsSync(app) && fs.statSync(app).mtimeMs > inputs && carriesTestTemplate()) return 'reused'
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: root,
      env: { ...process.env, ...WEAPP_TEST_BUILD_ENV },
      stdio: 'pipe',
      timeout: 110_000,
    })
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; message: string }
    // eslint-disable-next-line no-control-regex -- strips the build's terminal colours (ESC [ … m)
    const out = `${err.stdout?.toString() ?? ''}\n${err.stderr?.toString() ?? ''}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    throw new Error(`The weapp build failed (CLOUD_ENV=test-env taro build --type weapp): ${err.message}\n${out.slice(-4000)}`)
  }
  if (!fs.existsSync(app)) throw new Error('The weapp build finished without dist/weapp/app.js')
  return 'built'
}
