import type { Browser, BrowserContext, Page } from 'playwright-core'
import path from 'node:path'
import { launchBrowser } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { idNumberFor } from '../support/id-numbers'

const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js')

interface PageCase {
  name: string
  /** Hash route, with `{booking}` replaced by a real booking id. */
  route: string
  /** Demo persona, or null for an anonymous visitor. */
  as: string | null
  /** Text that proves the page loaded its data. */
  ready: string | RegExp
}

/** Every resident and family page; staff pages join as their areas land. */
const PAGES: PageCase[] = [
  { name: 'home', route: 'pages/index/index', as: null, ready: '灵山卫街道公共服务中心' },
  { name: 'guide', route: 'pages/guide/index', as: null, ready: '城乡居民基本养老保险参保登记' },
  { name: 'service', route: 'pages/service/index?id=lsw-pension-claim', as: null, ready: /需要带的材料/ },
  { name: 'mine', route: 'pages/mine/index', as: 'dev-resident-wang', ready: '我的预约' },
  { name: 'centers', route: 'pages/centers/index', as: null, ready: '隐珠街道便民服务中心' },
  { name: 'identity', route: 'pages/identity/index', as: null, ready: '王建国' },
  { name: 'booking-slots', route: 'pages/booking/slots/index?serviceId=lsw-cert-counter', as: 'dev-resident-wang', ready: '2. 选择时段' },
  { name: 'booking-form', route: 'pages/booking/form/index?serviceId=lsw-cert-counter&date=2026-11-27&start=09:30', as: 'dev-resident-wang', ready: '为谁预约' },
  { name: 'booking-detail', route: 'pages/booking/detail/index?id={booking}', as: 'dev-resident-wang', ready: '预约码（到窗口出示）' },
  { name: 'booking-mine', route: 'pages/booking/mine/index', as: 'dev-resident-wang', ready: /办事人：/ },
  { name: 'messages', route: 'pages/messages/index', as: 'dev-resident-wang', ready: /暂时没有消息|提醒/ },
]

/** What Taro's H5 storage keeps for `setStorageSync(key, value)`. */
const stored = (value: unknown) => JSON.stringify({ data: value })

describe('accessibility and 长辈版 of every page', () => {
  let server: LocalServer
  let browser: Browser
  let bookingId: string
  const shot = screenshotter('accessibility')

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00' })
    browser = await launchBrowser()
    const res = await fetch(`${server.url}/api/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'dev-resident-wang' },
      body: JSON.stringify({
        action: 'create',
        centerId: 'lsw',
        serviceId: 'lsw-cert-counter',
        date: '2026-11-27',
        start: '09:00',
        person: { name: '王建国', idNumber: idNumberFor('1960-05-01', 7), phone: '13800138000' },
        forSelf: true,
        consent: true,
        requestId: 'a11y-setup-0001',
      }),
    })
    const body = (await res.json()) as { ok: boolean; data: { id: string } }
    expect(body.ok).toBe(true)
    bookingId = body.data.id
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function open(context: BrowserContext, c: PageCase, elder: boolean): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/centers/index`)
    await page.evaluate(
      ([persona, elderKey, elderValue]) => {
        localStorage.clear()
        localStorage.setItem('centerId', JSON.stringify({ data: 'lsw' }))
        if (persona) localStorage.setItem('devOpenid', persona)
        localStorage.setItem(elderKey, elderValue)
      },
      [c.as ? stored(c.as) : '', `elderMode:${c.as ?? 'me'}`, stored(elder)] as const,
    )
    await page.goto(`${server.url}/#/${c.route.replace('{booking}', bookingId)}`)
    await page.reload()
    await page.getByText(c.ready).filter({ visible: true }).first().waitFor()
    return page
  }

  for (const elder of [false, true]) {
    const mode = elder ? 'elder' : 'normal'
    describe(`in ${elder ? '长辈版' : 'normal mode'}`, () => {
      for (const c of PAGES) {
        it(`${c.name}: axe finds no serious or critical violation${elder ? '; text, headings and targets are large' : ''}`, async () => {
          const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
          try {
            const page = await open(context, c, elder)
            await shot(page, `${c.name}-${mode}`)
            await page.addScriptTag({ path: AXE })
            const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))`)) as {
              id: string
              impact: string
              nodes: string[]
            }[]
            expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
            if (elder) {
              const m = (await page.evaluate(`(() => {
                const page = Array.from(document.querySelectorAll('.page')).find((p) => p.offsetParent !== null)
                const px = (el) => parseFloat(getComputedStyle(el).fontSize)
                const texts = Array.from(page.querySelectorAll('taro-text-core, taro-view-core, taro-button-core, input, textarea'))
                  .filter((el) => el.offsetParent !== null && Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
                const small = texts.filter((el) => px(el) < 18).map((el) => el.textContent.trim().slice(0, 12) + ' ' + px(el))
                const lineHeights = texts.map((el) => { const lh = getComputedStyle(el).lineHeight; return lh === 'normal' ? 1.3 : parseFloat(lh) / px(el) })
                const targets = Array.from(page.querySelectorAll('taro-button-core, input')).filter((el) => el.offsetParent !== null)
                const tiny = targets.map((el) => el.getBoundingClientRect()).filter((r) => r.height < 60 || r.width < 60).map((r) => Math.round(r.width) + 'x' + Math.round(r.height))
                const titles = Array.from(page.querySelectorAll('.card__title')).filter((el) => el.offsetParent !== null).map(px)
                return { small, minLineHeight: Math.min(...lineHeights), tiny, maxTitle: titles.length ? Math.max(...titles) : null }
              })()`)) as { small: string[]; minLineHeight: number; tiny: string[]; maxTitle: number | null }
              expect(m.small).toEqual([])
              expect(m.minLineHeight).toBeGreaterThanOrEqual(1.3 - 1e-6)
              expect(m.tiny).toEqual([])
              if (m.maxTitle !== null) expect(m.maxTitle).toBeGreaterThanOrEqual(30)
            }
          } finally {
            await context.close()
          }
        })
      }
    })
  }
})
