/**
 * The e2e test files' environment: jest's node environment with what every file needs loaded once per process, not
 * once per file (jest gives each test file a module registry of its own):
 * - playwright-core: its two bundles (3.6 and 3.3 MB) cost ~0.3 CPU s to load each time;
 * - how to launch the browser (scripts/e2e-browser.mjs, a node process of ~0.07 CPU s).
 * Both are handed to every file as `globalThis.e2eShared` (test/e2e/browser.ts). Twenty files a run: ~7 CPU s.
 * It also keeps jest's stack formatter off playwright's own stacks (leavePlaywrightStacksToV8).
 * Plain JavaScript: jest loads its environments without the test transform.
 */
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { TestEnvironment } = require('jest-environment-node')
const playwright = require('playwright-core')

let browserLaunch

const PLAYWRIGHT = path.dirname(require.resolve('playwright-core/package.json'))

/**
 * `Error.prepareStackTrace` for this realm that leaves playwright's own stacks to V8. jest-runner installs its
 * formatter here for each test file: it maps every frame through the test files' source maps. playwright reads the
 * stack of a new Error for every call it makes to the browser (`LongStandingScope._race`, thousands a file), and
 * those frames are all in its own bundle, which has no map: jest's formatter costs 15 % of the jest process then.
 * Such stacks get V8's own format (what jest's formatter gives for frames without a map); any other goes to jest's.
 */
function leavePlaywrightStacksToV8() {
  const jestFormat = Error.prepareStackTrace
  if (typeof jestFormat !== 'function' || jestFormat.leavesPlaywrightToV8) return
  const format = (error, frames) => {
    const ownFrames = frames.every((f) => {
      const file = f.getFileName()
      return !file || file.startsWith(PLAYWRIGHT) || file.startsWith('node:')
    })
    if (!ownFrames) return jestFormat(error, frames)
    let head
    try {
      head = Error.prototype.toString.call(error)
    } catch {
      head = '<error>'
    }
    return head + frames.map((f) => `\n    at ${f}`).join('')
  }
  format.leavesPlaywrightToV8 = true
  Error.prepareStackTrace = format
}

class E2eEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    browserLaunch ??= JSON.parse(
      execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/e2e-browser.mjs')], { encoding: 'utf8' }),
    )
    this.global.e2eShared = { playwright, browserLaunch }
  }

  /** jest-runner has installed its stack formatter by the time the test file is set up (see leavePlaywrightStacksToV8). */
  handleTestEvent(event) {
    if (event.name === 'setup') leavePlaywrightStacksToV8()
  }
}

module.exports = E2eEnvironment
