import type { Locator, Page } from 'playwright-core'
import { tap } from './browser'

/** Row height of Taro's H5 picker wheel (its picker-group's LINE_HEIGHT). */
const ROW = 34

/** Where a column's drag starts and ends, inside its box: a drag that leaves the column ends there (mouseleave). */
const EDGE = 8

/**
 * Waits until the column has come to rest: Taro snaps it to a row with a 0.3 s transition after the mouse is released
 * (and re-renders on the next frames), so its drawn position reaches the one its style asks for.
 */
async function atRest(column: Locator): Promise<void> {
  const handle = await column.elementHandle()
  await column.page().waitForFunction((el) => {
    const content = (el as Element).querySelector('.weui-picker__content') as HTMLElement
    const wanted = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(content.style.transform)
    const drawn = new DOMMatrixReadOnly(getComputedStyle(content).transform).m42
    return !wanted || Math.abs(drawn - Number(wanted[1])) < 0.5
  }, handle)
  await column.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
}

/**
 * Turns the open wheel's columns to `values` (each an item's text, e.g. '13' or '12月') by dragging them
 * with the mouse as a person would, as many rows per drag as the column's height allows, then taps 确定.
 */
export async function turnWheels(page: Page, values: string[]): Promise<void> {
  // The open picker's overlay (each picker keeps one, hidden with display: none; its own box is 0 px high).
  const overlay = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await overlay.locator('.weui-picker__group').first().waitFor()
  // The picker slides up from the bottom (0.3 s): drag once it stands still at the bottom of the window.
  await overlay.locator('.weui-picker').evaluate(
    (picker) =>
      new Promise<void>((resolve) => {
        const still = () =>
          Math.abs(picker.getBoundingClientRect().bottom - window.innerHeight) < 1 ? resolve() : requestAnimationFrame(still)
        still()
      }),
  )
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
      const box = (await column.boundingBox())!
      const reach = Math.max(1, Math.floor((box.height - 2 * EDGE) / ROW))
      const rows = Math.max(-reach, Math.min(reach, target - current))
      // Later rows come up from below: drag upwards from the bottom edge (earlier rows: downwards from the top).
      const x = box.x + box.width / 2
      const y = rows > 0 ? box.y + box.height - EDGE : box.y + EDGE
      await page.mouse.move(x, y)
      await page.mouse.down()
      for (let step = 1; step <= 6; step++) await page.mouse.move(x, y - (rows * ROW * step) / 6)
      await page.mouse.up()
      await atRest(column)
    }
  }
  await tap(overlay.getByText('确定'))
  await overlay.waitFor({ state: 'detached' })
}
