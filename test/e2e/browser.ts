import { chromium, type Browser, type Locator } from 'playwright-core'

/** Debian's Chromium, headless, with the network chatter this machine refuses switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
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
