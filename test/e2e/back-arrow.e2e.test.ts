import type { Browser, Page } from 'playwright-core'
import { seriousViolations } from './axe'
import { browserForFile, closeContexts, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'

/**
 * The H5 build's header (issue 18, point 6): a page reached from another shows a back arrow named 返回, at least
 * 44 px each way, that works by tap and by keyboard; a page opened by its own link offers 返回首页; tab pages show
 * neither. Normal mode and 长辈版, on a 390 px phone.
 */

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const elder of [false, true]) {
  const mode = elder ? 'elder' : 'normal'
  describe(`the H5 header (${mode})`, () => {
    let server: LocalServer
    let browser: Browser
    let page: Page
    const shot = screenshotter(`back-arrow-${mode}`)

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:10:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      page = await pageAs(browser, 'dev-resident-wang', { elder, viewport: { width: 390, height: 844 } })
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
    const back = () => page.getByRole('button', { name: '返回', exact: true })
    const home = () => page.getByRole('button', { name: '返回首页', exact: true }).and(page.locator('#taro-navigation-bar *'))

    it('shows no arrow on a tab page, and a 返回 arrow of at least 44 px on a page reached from it, which goes back', async () => {
      await page.goto(`${server.url}/#/pages/guide/index`)
      await text('城乡居民基本养老保险参保登记').waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      expect(await back().filter({ visible: true }).count()).toBe(0)
      expect(await home().filter({ visible: true }).count()).toBe(0)

      await tap(text('城乡居民基本养老保险参保登记'))
      await text(/需要带的材料/).waitFor()
      await back().waitFor({ state: 'visible' })
      const box = (await back().boundingBox())!
      expect(box.width).toBeGreaterThanOrEqual(44)
      expect(box.height).toBeGreaterThanOrEqual(44)
      await shot(page, 'service-with-back-arrow')
      expect(await seriousViolations(page)).toEqual([])

      await tap(back())
      await text('城乡居民基本养老保险参保登记').waitFor()
      expect(page.url()).toContain('/pages/guide/index')
    })

    it('goes back from the keyboard too (Tab to 返回, Enter)', async () => {
      await tap(text('城乡居民基本养老保险参保登记'))
      await text(/需要带的材料/).waitFor()
      await back().focus()
      await page.keyboard.press('Enter')
      await page.waitForURL(/pages\/guide\/index/)
    })

    it('offers 返回首页 on a page opened by its own link, and it leads to 首页', async () => {
      await page.goto('about:blank')
      await page.goto(`${server.url}/#/pages/service/index?id=lsw-pension-enroll`)
      await text(/需要带的材料/).waitFor()
      await home().waitFor({ state: 'visible' })
      const box = (await home().boundingBox())!
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
      await shot(page, 'deep-link-home')
      await tap(home())
      await page.waitForURL(/pages\/index\/index/)
      await text('办事指南').waitFor()
    })
  })
}
