import type { Page } from 'playwright-core'
import { tap } from './browser'

/** Row height of Taro's H5 picker wheel (its picker-group's LINE_HEIGHT). */
const ROW = 34

/**
 * Turns the open wheel's columns to `values` (each an item's text, e.g. '13' or '12月') by dragging them
 * with the mouse as a person would, a few rows per drag, then taps 确定.
 */
export async function turnWheels(page: Page, values: string[]): Promise<void> {
  // The open picker's overlay (each picker keeps one, hidden with display: none; its own box is 0 px high).
  const overlay = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await overlay.locator('.weui-picker__group').first().waitFor()
  const columns = overlay.locator('.weui-picker__group')
  for (let c = 0; c < values.length; c++) {
    const column = columns.nth(c)
    for (let guard = 0; guard < 40; guard++) {
      const { current, target } = await column.evaluate((el, want) => {
        const content = el.querySelector('.weui-picker__content') as HTMLElement
        const y = new DOMMatrixReadOnly(getComputedStyle(content).transform).m42
        const items = Array.from(el.querySelectorAll('.weui-picker__item')).map((i) => i.textContent)
        const current = Math.round((102 - y) / 34)
        // The time wheel repeats a few rows at each end: take the match nearest the current row.
        const matches = items.flatMap((t, i) => (t === want ? [i] : []))
        const target = matches.sort((a, b) => Math.abs(a - current) - Math.abs(b - current))[0] ?? -1
        return { current, target }
      }, values[c])
      if (target < 0) throw new Error(`the wheel has no ${values[c]}`)
      if (current === target) break
      const rows = Math.max(-3, Math.min(3, target - current))
      const box = (await column.boundingBox())!
      const x = box.x + box.width / 2
      const y = box.y + box.height / 2
      await page.mouse.move(x, y)
      await page.mouse.down()
      for (let step = 1; step <= 6; step++) await page.mouse.move(x, y - (rows * ROW * step) / 6)
      await page.mouse.up()
      await page.waitForTimeout(400)
    }
  }
  await tap(overlay.getByText('确定'))
  await overlay.waitFor({ state: 'detached' })
}
