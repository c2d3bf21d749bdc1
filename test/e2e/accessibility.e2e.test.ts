import type { Browser, Page } from 'playwright-core'
import { launchBrowser, settled, visitAfresh } from './browser'
import type { LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { createCase, post, stored } from './api'
import { countCalls, STILL_MORE_THAN_ONE, type CallCount } from './call-counts'
import { PAGES, routeOf, serverWithEveryRecord, type PageCase, type PageRecords } from './every-page'
import { measureSizes, seriousViolations } from './axe'
import { typographyFaults, type TypographyFaults } from './typography'
import { measureFit, MIN_ELDER_PX } from './screen-fit'

describe('accessibility and 长辈版 of every page', () => {
  let server: LocalServer
  let browser: Browser
  let ids: PageRecords = {}
  const shot = screenshotter('accessibility')

  it('covers every page of app.config.ts', () => {
    ;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config
    const appConfig = require('@/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
    const routes = [...appConfig.pages, ...appConfig.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
    expect(routes).toHaveLength(45)
    expect(new Set(PAGES.map((c) => c.route.split('?')[0]))).toEqual(new Set(routes))
  })

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

  /**
   * The page as a first visit by its persona (no center remembered when `firstVisit`), in this mode, at its size, in
   * the mode's one tab (test/e2e/browser.ts `visitAfresh`), counting its calls to our functions from the start.
   */
  async function open(page: Page, c: Case, elder: boolean): Promise<CallCount> {
    await page.setViewportSize(c.viewport ?? PHONE)
    const storage: Record<string, string> = { [`elderMode:${c.as ?? 'me'}`]: stored(elder) }
    if (!c.firstVisit) storage.centerId = stored('lsw')
    if (c.as) storage.devOpenid = stored(c.as)
    // Counted from the new page's start: the previous page (the ticket page asks every second) is gone by then.
    let count: CallCount | undefined
    await visitAfresh(page, `${server.url}/#/${routeOf(c, ids)}`, storage, () => (count = countCalls(page)))
    const ready = typeof c.ready === 'object' && 'css' in c.ready ? page.locator(c.ready.css) : page.getByText(c.ready)
    await ready.filter({ visible: true }).first().waitFor()
    count!.ready()
    await settled(page)
    return count!
  }

  const found: string[] = []
  const typography: string[] = []
  afterAll(() => {
    console.log(`accessibility e2e: ${PAGES.length} pages × 2 modes; serious/critical: ${found.length ? found.join('; ') : 'none'}`)
    console.log(`typography e2e: ${typography.length ? typography.join('; ') : 'no fault'}`)
  })

  /** A phone of today (390 px) and the narrowest still in use (320 px): each page is loaded once, at 390, then narrowed. */
  const PHONE = { width: 390, height: 844 }
  const NARROW = { width: 320, height: 640 }

  /** The page as it is now in the screenshot set, and its typography faults (ISO dates count in resident views). */
  async function shootAndRead(page: Page, c: PageCase, name: string): Promise<TypographyFaults> {
    await wholePage(page, () => shot(page, name))
    const faults = await typographyFaults(page, { isoDates: c.who !== 'staff' })
    for (const [kind, list] of Object.entries(faults)) if (list.length) typography.push(`${name} ${kind}: ${list.join(' | ')}`)
    return faults
  }
  const NO_FAULT: TypographyFaults = { spacedNames: [], isoDates: [], orphans: [], brokenNumbers: [] }

  /** Phone pages (not the hall screen and kiosk, which have screens of their own): in 长辈版 no visible text below 18 px, in both modes no button text outside its button. */
  async function expectFit(page: Page, c: PageCase, elder: boolean, width: number) {
    if (c.viewport) return
    const where = `${elder ? '长辈版' : 'normal'} ${width} px`
    expect({ where, ...(await measureFit(page, elder ? MIN_ELDER_PX : 0)) }).toEqual({ where, small: [], overflowing: [] })
  }

  /** A page to open: `firstVisit`, on a device that remembers no center yet. */
  type Case = PageCase & { firstVisit?: boolean }

  // Every page; a case the clerk asked to complete (the longest labels and buttons); 首页 on a first visit (no center
  // remembered) and on the day of a booking.
  const CASES: Case[] = [
    ...PAGES,
    {
      name: 'delegation-detail-asked',
      route: 'pages/delegation/detail/index?id={asked}',
      as: 'dev-resident-wang',
      who: 'resident',
      ready: '需要您补交材料',
    },
    { name: 'home-first-visit', route: 'pages/index/index', as: null, who: 'resident', ready: '灵山卫街道公共服务中心', firstVisit: true },
    { name: 'home-booking-today', route: 'pages/index/index', as: 'dev-resident-wang', who: 'resident', ready: '今天的预约' },
  ]

  /** The function calls of each resident and family page's first screen, counted on its normal-mode load. */
  const counted = new Map<string, string[]>()
  afterAll(() => {
    const rows = [...counted].map(([name, calls]) => `| ${name} | ${calls.length} | ${calls.join(', ')} |`)
    console.log(['calls per first screen:', '| page | calls | which |', '| --- | --- | --- |', ...rows].join('\n'))
  })

  for (const elder of [false, true]) {
    const mode = elder ? 'elder' : 'normal'
    describe(`in ${elder ? '长辈版' : 'normal mode'}`, () => {
      // One tab for the mode's pages, each opened afresh in it (see `open`).
      let page: Page
      /** The build's scripts and styles the tab asked the server for (a revalidation included), in order. */
      const fromServer: string[] = []
      beforeAll(async () => {
        page = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage()
        page.on('response', (r) => {
          const file = new URL(r.url()).pathname
          // A file taken from the browser's cache has no request timing (requestStart -1); a revalidation (304) has.
          if (/^\/(js|css)\//.test(file) && r.request().timing().requestStart >= 0) fromServer.push(file)
        })
      })
      afterAll(() => page?.context().close())

      for (const c of CASES) {
        const sizes = c.who === 'staff' ? 'nothing below 14 px' : elder ? 'text, headings and targets are large' : ''
        const fit = c.viewport ? '' : elder ? '; every text ≥ 18 px and button text inside its button' : '; button text inside its button'
        const widths = c.viewport ? `${c.viewport.width}×${c.viewport.height}` : '390 and 320 px'
        it(`${c.name} (${c.who}): axe finds no serious or critical violation${sizes ? '; ' + sizes : ''}; Chinese typography${fit} at ${widths}`, async () => {
          const count = await open(page, c, elder)
          try {
            expect(await page.locator('.state--error').filter({ visible: true }).count()).toBe(0)
            const wide = await shootAndRead(page, c, `${c.name}-${mode}-${c.viewport?.width ?? PHONE.width}`)
            const violations = await seriousViolations(page)
            found.push(...violations.map((v) => `${c.name}/${mode}: ${v.id}`))
            expect(violations).toEqual([])
            if (c.who === 'staff') {
              expect((await measureSizes(page, 14)).small).toEqual([])
            } else if (elder) {
              const m = await measureSizes(page, 18)
              expect(m.small).toEqual([])
              expect(m.minLineHeight).toBeGreaterThanOrEqual(1.3 - 1e-6)
              expect(m.tiny).toEqual([])
              if (m.maxTitle !== null) expect(m.maxTitle).toBeGreaterThanOrEqual(30)
            }
            expect(wide).toEqual(NO_FAULT)
            await expectFit(page, c, elder, PHONE.width)
            if (!c.viewport) {
              await page.setViewportSize(NARROW)
              await settled(page)
              expect(await shootAndRead(page, c, `${c.name}-${mode}-${NARROW.width}`)).toEqual(NO_FAULT)
              await expectFit(page, c, elder, NARROW.width)
            }
          } finally {
            const calls = await count.callsSoFar()
            if (!elder && c.who !== 'staff') counted.set(c.name, calls)
          }
        })
      }

      it('asks the server for each script and style of the build once in the tab, then takes it from its cache', () => {
        // Served immutable (cloud/server/static-cache.ts): a page opened again costs no round trip per file.
        expect(fromServer.length).toBeGreaterThan(0)
        expect(fromServer.filter((file, i) => fromServer.indexOf(file) !== i)).toEqual([])
      })
    })
  }

  describe('function calls per first screen (issue 21, point 1), counted on the normal-mode loads above', () => {
    for (const c of CASES.filter((c) => c.who !== 'staff')) {
      const budget = STILL_MORE_THAN_ONE[c.name]?.calls ?? 1
      it(`${c.name}: ${budget === 1 ? 'one call at most' : `${budget} calls (${STILL_MORE_THAN_ONE[c.name].why})`}`, () => {
        const calls = counted.get(c.name)
        expect({ page: c.name, counted: calls !== undefined }).toEqual({ page: c.name, counted: true })
        if (budget === 1) expect(calls!.length).toBeLessThanOrEqual(1)
        else expect(calls).toHaveLength(budget)
      })
    }
  })
})
