import type { Page } from 'playwright-core'

/**
 * 长辈版 everywhere (issue 19, point 5), measured on the whole screen at the phone widths people have (390 and 320 px,
 * test/e2e/accessibility.e2e.test.ts loads each page once and narrows it): in 长辈版 no visible text, the tab bar and
 * the navigation bar included, is below 18 px; in both modes no button's text runs out of its box. A narrower phone
 * shrinks whatever scales with the width, which is what this catches.
 */
export const MIN_ELDER_PX = 18

/** Visible text below `minPx` (with its words), and buttons whose text runs out of their box. */
export interface Findings {
  small: string[]
  overflowing: string[]
}

/**
 * What the screen shows (Taro H5 keeps the earlier pages of the stack in the DOM, hidden): every element that holds
 * text of its own, and every field, with its computed font size; every button whose text's line boxes leave its
 * border box.
 */
export async function measureFit(page: Page, minPx: number): Promise<Findings> {
  return (await page.evaluate(`(() => {
    const shown = (el) => {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false
      const r = el.getBoundingClientRect()
      return r.width > 2 && r.height > 2
    }
    const ownText = (el) => Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim()
    const px = (el) => parseFloat(getComputedStyle(el).fontSize)
    const name = (el) => (ownText(el) || el.getAttribute('placeholder') || el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 24)
    const all = Array.from(document.body.querySelectorAll('*')).filter((el) => !['SCRIPT', 'STYLE', 'svg'].includes(el.tagName))
    const texts = all.filter((el) => (ownText(el) || el.matches('input, textarea')) && shown(el))
    const small = texts.filter((el) => px(el) < ${minPx} - 0.05).map((el) => '"' + name(el) + '" ' + px(el).toFixed(1) + 'px')
    const overflowing = all
      .filter((el) => el.matches('taro-button-core, button') && shown(el) && el.textContent.trim())
      .filter((el) => {
        const box = el.getBoundingClientRect()
        const range = document.createRange()
        range.selectNodeContents(el)
        return Array.from(range.getClientRects()).some((r) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
      })
      .map((el) => '"' + name(el) + '"')
    return { small: [...new Set(small)], overflowing: [...new Set(overflowing)] }
  })()`)) as Findings
}
