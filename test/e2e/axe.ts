import type { Page } from 'playwright-core'
import fs from 'node:fs'
import path from 'node:path'

const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js')
let axeSource: string | null = null

export interface Violation {
  id: string
  impact: string
  nodes: string[]
}

/**
 * The options of every scan: the rules that can only report a minor or moderate finding are left out. axe 4 gives each
 * finding its rule's own impact (`_finalizeRuleResult` in axe.js), so such a rule never yields a serious or critical
 * one; skipping them (28 of 96 enabled in 4.14: landmarks, heading order, region…) leaves the result unchanged and the scan
 * cheaper (measured on six pages in both modes: a scan 0.137 → 0.119 CPU s of Chromium and jest, axe's own
 * evaluation in each new document, 0.063, included). Read from axe's own rules at each scan, so a rule that axe raises to
 * serious runs again; without `_audit` (a later axe) every rule runs.
 */
export const SCAN_OPTIONS = `(() => {
  const rules = {}
  for (const r of (axe._audit && axe._audit.rules) || []) if (r.impact === 'minor' || r.impact === 'moderate') rules[r.id] = { enabled: false }
  return { resultTypes: ['violations'], rules }
})()`

/** axe-core's serious and critical findings on what the page shows now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated by the test tool, not added as a <script>: the server's Content-Security-Policy (rightly) refuses inline scripts.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate((axeSource ??= fs.readFileSync(AXE, 'utf8')))
  return (await page.evaluate(
    `axe.run(document, ${SCAN_OPTIONS}).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')) })))`,
  )) as Violation[]
}

export interface Sizes {
  /** Visible text below `minPx`, as "text px". */
  small: string[]
  minLineHeight: number
  /** Buttons and inputs smaller than 60 × 60. */
  tiny: string[]
  /** The largest card title (the page's key heading), or null when there is none. */
  maxTitle: number | null
}

/**
 * Font sizes, line heights, target sizes and heading size of the page on screen
 * (Taro H5 keeps earlier pages of the stack hidden in the DOM: only the visible one counts).
 */
export async function measureSizes(page: Page, minPx: number): Promise<Sizes> {
  return (await page.evaluate(`(() => {
    const page = Array.from(document.querySelectorAll('.page')).find((p) => p.offsetParent !== null) || Array.from(document.querySelectorAll('.taro_page')).find((p) => getComputedStyle(p).display !== 'none') || document.body
    const px = (el) => parseFloat(getComputedStyle(el).fontSize)
    const texts = Array.from(page.querySelectorAll('taro-text-core, taro-view-core, taro-button-core, taro-label-core, input, textarea'))
      .filter((el) => el.offsetParent !== null && Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
    const small = texts.filter((el) => px(el) < ${minPx}).map((el) => el.textContent.trim().slice(0, 12) + ' ' + px(el))
    const lineHeights = texts.map((el) => { const lh = getComputedStyle(el).lineHeight; return lh === 'normal' ? 1.3 : parseFloat(lh) / px(el) })
    const targets = Array.from(page.querySelectorAll('taro-button-core, input')).filter((el) => el.offsetParent !== null)
    const tiny = targets.filter((el) => { const r = el.getBoundingClientRect(); return r.height < 60 || r.width < 60 }).map((el) => { const r = el.getBoundingClientRect(); return (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 10) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) })
    const titles = Array.from(page.querySelectorAll('.card__title')).filter((el) => el.offsetParent !== null).map(px)
    return { small, minLineHeight: lineHeights.length ? Math.min(...lineHeights) : 1.3, tiny, maxTitle: titles.length ? Math.max(...titles) : null }
  })()`)) as Sizes
}
