/**
 * The e2e test files' environment: jest's node environment with what every file needs loaded once per process, not
 * once per file (jest gives each test file a module registry of its own):
 * - playwright-core: its two bundles (3.6 and 3.3 MB) cost ~0.3 CPU s to load each time;
 * - how to launch the browser (scripts/e2e-browser.mjs, a node process of ~0.07 CPU s).
 * Both are handed to every file as `globalThis.e2eShared` (test/e2e/browser.ts). Twenty files a run: ~7 CPU s.
 * Plain JavaScript: jest loads its environments without the test transform.
 */
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { TestEnvironment } = require('jest-environment-node')
const playwright = require('playwright-core')

let browserLaunch

class E2eEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    browserLaunch ??= JSON.parse(
      execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/e2e-browser.mjs')], { encoding: 'utf8' }),
    )
    this.global.e2eShared = { playwright, browserLaunch }
  }
}

module.exports = E2eEnvironment
