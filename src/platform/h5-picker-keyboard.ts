/**
 * Keyboard access for Taro's H5 picker wheel.
 *
 * In WeChat a `Picker` is the phone's own wheel. In the H5 build it is `taro-picker-core`: an overlay
 * with one drag-only column (`taro-picker-group`) per part (hour and minute; year, month and day) and
 * 取消 / 确定 as plain divs — nothing a keyboard reaches. This adapter, in one place for every page,
 * gives each open wheel: focus on its first column, ↑ / ↓ to turn the focused column one row,
 * Tab / ← / → between the columns and the two actions, Enter for 确定 and Escape for 取消; focus goes
 * back to what opened it. A column turns through its own mouse handlers, so its limits (a time
 * wheel's start and end, a date wheel's range) apply exactly as to a drag.
 */

/** Row height of the wheel (taro-picker-group's LINE_HEIGHT). */
const ROW = 34
const OVERLAY = '.weui-picker__overlay'

/** What had focus when each open wheel opened (focus goes back there when it closes). */
const openers = new WeakMap<Element, Element | null>()

const isOpen = (overlay: Element) => (overlay as HTMLElement).style.display !== 'none'

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

/**
 * Turns a column `rows` rows on (positive: later values), as a short drag would. A frame between the
 * steps: the column learns its new position from the wheel only when the wheel redraws.
 */
async function turn(column: HTMLElement, rows: number) {
  const box = column.getBoundingClientRect()
  const x = box.left + box.width / 2
  const y = box.top + box.height / 2
  const fire = (type: string, clientY: number) => column.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: x, clientY }))
  fire('mousedown', y)
  await nextFrame()
  fire('mousemove', y - (rows * ROW) / 2)
  await nextFrame()
  fire('mousemove', y - rows * ROW)
  await nextFrame()
  fire('mouseup', y - rows * ROW)
  await nextFrame()
}

/** Makes an opened wheel's columns and actions reachable, and focuses the first column. */
function opened(overlay: HTMLElement, opener: Element | null) {
  const columns = Array.from(overlay.querySelectorAll<HTMLElement>('.weui-picker__group'))
  columns.forEach((c, i) => {
    c.setAttribute('tabindex', '0')
    c.setAttribute('role', 'group')
    c.setAttribute('aria-label', `第 ${i + 1} 列，用上下方向键选择，回车确定，Esc 取消`)
  })
  overlay.querySelectorAll<HTMLElement>('.weui-picker__action').forEach((a) => {
    a.setAttribute('tabindex', '0')
    a.setAttribute('role', 'button')
  })
  openers.set(overlay, opener)
  columns[0]?.focus()
}

export function installH5PickerKeyboard(doc: Document = document): void {
  let lastFocus: Element | null = null
  doc.addEventListener('focusin', (e) => {
    const el = e.target as Element
    if (!el.closest?.(OVERLAY)) lastFocus = el
  })
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement
      if (!el.matches?.(OVERLAY)) continue
      if (isOpen(el)) {
        if (!openers.has(el)) opened(el, lastFocus)
      } else if (openers.has(el)) {
        const opener = openers.get(el)
        openers.delete(el)
        ;(opener as HTMLElement | null)?.focus?.()
      }
    }
  }).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ['style'] })

  /** Keys are applied one after the other: a turn takes a few frames. */
  let turning = Promise.resolve()
  doc.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement | null
    const overlay = el?.closest?.(OVERLAY) as HTMLElement | null
    if (!el || !overlay || !isOpen(overlay)) return
    const actions = overlay.querySelectorAll<HTMLElement>('.weui-picker__action')
    const [cancel, confirm] = [actions[0], actions[1]]
    const columns = Array.from(overlay.querySelectorAll<HTMLElement>('.weui-picker__group'))
    const at = columns.indexOf(el)
    // 确定 and 取消 wait for a turn under way, so the value confirmed is the one shown.
    if (e.key === 'Escape') turning = turning.then(() => cancel?.click())
    else if (e.key === 'Enter' || (e.key === ' ' && at < 0)) turning = turning.then(() => (at < 0 ? el : confirm)?.click())
    else if (at >= 0 && (e.key === 'ArrowUp' || e.key === 'ArrowDown'))
      turning = turning.then(() => turn(el, e.key === 'ArrowDown' ? 1 : -1))
    else if (at >= 0 && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
      columns[(at + (e.key === 'ArrowRight' ? 1 : columns.length - 1)) % columns.length].focus()
    else return
    e.preventDefault()
  })
}
