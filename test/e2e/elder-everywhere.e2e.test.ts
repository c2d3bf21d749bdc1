import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './browser'
import type { LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { createCase, post, stored } from './api'
import { PAGES, routeOf, serverWithEveryRecord, type PageCase, type PageRecords } from './every-page'

/**
 * 长辈版 everywhere (issue 19, point 5), on the phone widths people have: every page of every-page.ts at 390 and
 * 320 px. In 长辈版 no visible text (the tab bar and the navigation bar included) is below 18 px; in both modes no
 * button's text runs out of its box. The accessibility e2e measures at 375 px, where 1 design px is 1 CSS px: a
 * narrower phone shrinks what scales with the width, which is what this file catches.
 * Screenshots: artifacts/e2e/elder-everywhere/.
 */

const WIDTHS = [390, 320] as const
const MIN_ELDER_PX = 18

/** Visible text below `minPx` (with its words), and buttons whose text runs out of their box. */
interface Findings {
  small: string[]
  overflowing: string[]
}

/**
 * What the screen shows (Taro H5 keeps the earlier pages of the stack in the DOM, hidden): every element that holds
 * text of its own, and every field, with its computed font size; every button whose text's line boxes leave its
 * border box.
 */
async function measure(page: Page, minPx: number): Promise<Findings> {
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

describe('长辈版 everywhere, at 390 and 320 px', () => {
  let server: LocalServer
  let browser: Browser
  let ids: PageRecords = {}
  const shot = screenshotter('elder-everywhere')

  beforeAll(async () => {
    ;({ server, ids } = await serverWithEveryRecord())
    // A case the clerk asked to complete: its page shows the longest labels and buttons (补正说明, the photo button).
    const asked = (await createCase(server)).id
    for (const step of ['accept', 'start'] as const)
      await post(server, 'delegation', { action: 'advance', id: asked, step }, 'dev-clerk-liu')
    await post(server, 'delegation', { action: 'tickMaterial', id: asked, index: 1, status: 'missing' }, 'dev-clerk-liu')
    await post(
      server,
      'delegation',
      { action: 'advance', id: asked, step: 'ask_supplement', missing: ['户口簿'], note: '请拍户主页和本人页' },
      'dev-clerk-liu',
    )
    ids.asked = asked
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function open(context: BrowserContext, c: PageCase, elder: boolean): Promise<Page> {
    await context.addInitScript(
      ([persona, elderKey, elderValue]) => {
        if (sessionStorage.getItem('elder-set')) return
        sessionStorage.setItem('elder-set', '1')
        localStorage.clear()
        localStorage.setItem('centerId', JSON.stringify({ data: 'lsw' }))
        if (persona) localStorage.setItem('devOpenid', persona)
        localStorage.setItem(elderKey, elderValue)
      },
      [c.as ? stored(c.as) : '', `elderMode:${c.as ?? 'me'}`, stored(elder)] as const,
    )
    const page = await context.newPage()
    await page.goto(`${server.url}/#/${routeOf(c, ids)}`)
    const ready = typeof c.ready === 'object' && 'css' in c.ready ? page.locator(c.ready.css) : page.getByText(c.ready)
    await ready.filter({ visible: true }).first().waitFor()
    await page.waitForTimeout(150)
    return page
  }

  // The hall screen and the kiosk have screens of their own (hall-screens.e2e.test.ts): not phone pages.
  const phonePages: PageCase[] = [
    ...PAGES.filter((c) => !c.viewport),
    {
      name: 'delegation-detail-asked',
      route: 'pages/delegation/detail/index?id={asked}',
      as: 'dev-resident-wang',
      who: 'resident',
      ready: '需要您补交材料',
    },
  ]

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      for (const c of phonePages) {
        it(`${c.name}: in 长辈版 no text below ${MIN_ELDER_PX} px and no button text outside its button; in normal mode none outside either`, async () => {
          for (const elder of [true, false]) {
            const context = await browser.newContext({ viewport: { width, height: 740 }, locale: 'zh-CN' })
            try {
              const page = await open(context, c, elder)
              await wholePage(page, () => shot(page, `${c.name}-${width}-${elder ? 'elder' : 'normal'}`))
              const found = await measure(page, elder ? MIN_ELDER_PX : 0)
              expect({ mode: elder ? '长辈版' : 'normal', ...found }).toEqual({
                mode: elder ? '长辈版' : 'normal',
                small: [],
                overflowing: [],
              })
            } finally {
              await context.close()
            }
          }
        })
      }
    })
  }
})
