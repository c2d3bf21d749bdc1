import type { Page } from 'playwright-core'
import { PERSONAS } from '@cloud/seed/personas'

/**
 * Chinese typography of what a page shows, read from the rendered page (issue 19 point 7):
 * - no space between a Chinese character and a person's name ("网格员 陈志强 将于", "赵德厚 的上门认证");
 * - no ISO date (2026-12-07) in a resident's view: residents read 12月7日 周一 (inputs and exports keep ISO);
 * - no heading or button whose last line holds a single character ("申/请"), measured from the line boxes
 *   (a Range per character, grouped into lines by where they sit);
 * - no phone number, booking code, case number or ticket number broken across two lines ("0532-/86100001").
 */
export interface TypographyFaults {
  /** "…text…" around a name with a space beside it. */
  spacedNames: string[]
  /** Text holding an ISO date (only collected where asked: resident views). */
  isoDates: string[]
  /** Heading or button text whose last line is one character, as "text → last line". */
  orphans: string[]
  /** A number or code that starts on one line and ends on the next. */
  brokenNumbers: string[]
}

/** The names the seeded records show: the personas, the elder of the home-certification record, and their masks (王**, 赵*). */
export const SEEDED_NAMES: string[] = (() => {
  const names = [...PERSONAS.map((p) => p.name), '张桂兰']
  return [...new Set([...names, ...names.map((n) => n[0] + '*'.repeat(n.length - 1))])]
})()

/** What a heading or a button is on our pages (Taro H5 renders <Button> as taro-button-core). */
export const HEADINGS_AND_BUTTONS =
  'h1, h2, h3, h4, [role="heading"], .card__title, .page__title, taro-button-core, button, [role="button"], .taro-navigation-bar-title'

/**
 * The faults of the page on screen (Taro H5 keeps earlier pages of the stack hidden in the DOM: only the visible
 * one is read, with the navigation bar above it). `isoDates`: whether ISO dates count (resident and family views).
 */
export async function typographyFaults(page: Page, options: { isoDates: boolean }): Promise<TypographyFaults> {
  return page.evaluate(
    ([names, headingSelector, checkIso]) => {
      const visible = (el: Element) => {
        const s = getComputedStyle(el)
        return s.display !== 'none' && s.visibility !== 'hidden' && (el as HTMLElement).getClientRects().length > 0
      }
      const roots: Element[] = [
        ...Array.from(document.querySelectorAll('.taro_page')).filter(visible),
        ...Array.from(document.querySelectorAll('.taro-navigation-bar-title, .taro-navigation-bar')).filter(visible),
      ]
      if (roots.length === 0) roots.push(document.body)

      /**
       * The text a person reads as one run: text nodes joined through inline elements without a box of their own;
       * a block, a chip (padding, border or background) or a line break ends the run.
       */
      const runs: string[] = []
      const boxed = (s: CSSStyleDeclaration) =>
        parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) > 0 ||
        parseFloat(s.borderLeftWidth) > 0 ||
        (s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent')
      const walk = (node: Node, run: string[]): void => {
        for (const child of Array.from(node.childNodes)) {
          if (child.nodeType === Node.TEXT_NODE) run.push(child.textContent ?? '')
          else if (child.nodeType === Node.ELEMENT_NODE) {
            const el = child as Element
            if (!visible(el) || el.matches('script, style, input, textarea')) continue
            const s = getComputedStyle(el)
            if (s.display === 'inline' && !boxed(s)) walk(el, run)
            else {
              runs.push(run.splice(0).join(''))
              const inner: string[] = []
              walk(el, inner)
              runs.push(inner.join(''))
            }
          }
        }
      }
      for (const root of roots) {
        const run: string[] = []
        walk(root, run)
        runs.push(run.join(''))
      }
      const texts = [...new Set(runs.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean))]

      const anyName = names.map((n) => n.replace(/[*]/g, '\\*')).join('|')
      const spacedName = new RegExp(`[\\u4e00-\\u9fff（，：、]\\s+(?:${anyName})|(?:${anyName})\\s+[\\u4e00-\\u9fff]`, 'g')
      const spacedNames = texts.flatMap((t) =>
        Array.from(t.matchAll(spacedName), (m) => t.slice(Math.max(0, m.index! - 6), m.index! + m[0].length + 6)),
      )
      const isoDates = checkIso ? texts.filter((t) => /\d{4}-\d{2}-\d{2}/.test(t)) : []

      /**
       * Each visible character of `el` with its line box's top and bottom, and the block it is laid out in (a button
       * holding a title and a note is two texts, each with its own last line).
       */
      const characters = (el: Element) => {
        const out: { ch: string; top: number; bottom: number; block: Element }[] = []
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        const range = document.createRange()
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (!n.parentElement || !visible(n.parentElement)) continue
          let block: Element = n.parentElement
          while (block !== el && getComputedStyle(block).display === 'inline') block = block.parentElement!
          const text = n.data
          for (let i = 0; i < text.length; i++) {
            if (/\s/.test(text[i])) continue
            range.setStart(n, i)
            range.setEnd(n, i + 1)
            const r = range.getClientRects()[0]
            if (r && r.width > 0) out.push({ ch: text[i], top: r.top, bottom: r.bottom, block })
          }
        }
        return out
      }
      /** Characters grouped into lines: a character starts a new line when it sits below the previous one's middle. */
      const linesOf = (chars: ReturnType<typeof characters>) => {
        const lines: (typeof chars)[] = []
        for (const c of chars) {
          const last = lines[lines.length - 1]
          const prev = last?.[last.length - 1]
          if (prev && c.top < (prev.top + prev.bottom) / 2) last.push(c)
          else lines.push([c])
        }
        return lines
      }

      const orphans: string[] = []
      const punctuation = /[，。、；：！？）」』》”’,.;:!?)\]·]/
      for (const root of roots)
        for (const el of Array.from(root.querySelectorAll(headingSelector))) {
          if (!visible(el) || el.parentElement?.closest(headingSelector)) continue
          const blocks = new Map<Element, ReturnType<typeof characters>>()
          for (const c of characters(el)) blocks.set(c.block, [...(blocks.get(c.block) ?? []), c])
          for (const [block, chars] of blocks) {
            const lines = linesOf(chars)
            if (lines.length < 2) continue
            const last = lines[lines.length - 1]
            if (last.filter((c) => !punctuation.test(c.ch)).length <= 1)
              orphans.push(`${(block.textContent ?? '').trim()} → ${last.map((c) => c.ch).join('')}`)
          }
        }

      // Phone numbers (landline and mobile), case numbers (DB…), ticket numbers (A001), home-certification numbers, booking codes.
      const numberPattern =
        /0\d{2,3}-\d{7,8}|1[3-9]\d{9}|DB\d{8}-\d{4}|\b[A-Z]\d{3}\b|\d{8}-\d{3}|\b(?=[A-Z2-9]*\d)(?=[A-Z2-9]*[A-Z])[A-Z2-9]{6}\b/g
      const brokenNumbers: string[] = []
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        const range = document.createRange()
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (!n.parentElement || !visible(n.parentElement)) continue
          for (const m of n.data.matchAll(numberPattern)) {
            range.setStart(n, m.index!)
            range.setEnd(n, m.index! + m[0].length)
            const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
            const tops = rects.map((r) => r.top)
            if (rects.length > 1 && Math.max(...tops) - Math.min(...tops) > rects[0].height / 2) brokenNumbers.push(m[0])
          }
        }
      }
      return { spacedNames, isoDates, orphans, brokenNumbers }
    },
    [SEEDED_NAMES, HEADINGS_AND_BUTTONS, options.isoDates] as const,
  )
}
