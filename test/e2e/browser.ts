import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { chromium, type Browser, type Locator } from 'playwright-core'

interface BrowserLaunch {
  executablePath: string
  args: string[]
  env: Record<string, string>
}

let found: BrowserLaunch | undefined

/** Where the browser is and how to start it: scripts/e2e-browser.mjs decides (system Chromium, else the one from npm). */
function findBrowser(): BrowserLaunch {
  found ??= JSON.parse(execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/e2e-browser.mjs')], { encoding: 'utf8' })) as BrowserLaunch
  return found
}

/** A headless Chromium with the network chatter this machine refuses switched off, and CJK fonts. */
export function launchBrowser(): Promise<Browser> {
  const { executablePath, args, env } = findBrowser()
  return chromium.launch({ executablePath, headless: true, args, env: { ...process.env, ...env } as Record<string, string> })
}

/**
 * Taps what a person would tap. Playwright's "stable" check never settles on
 * Taro's H5 custom elements here (it does on plain pages), so wait until the
 * element is visible, then click at its centre without that check: still a real
 * mouse event at the element's position.
 */
export async function tap(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' })
  await locator.click({ force: true })
}
