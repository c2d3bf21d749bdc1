import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

/** Screenshots of each journey step, kept under artifacts/e2e/<journey>/ for a person to look at. */
export function screenshotter(journey: string) {
  const dir = path.resolve(__dirname, '../../artifacts/e2e', journey)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  let step = 0
  return async (page: Page, name: string) => {
    step += 1
    await page.screenshot({ path: path.join(dir, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true })
  }
}
