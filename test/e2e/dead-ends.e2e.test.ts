import type { Browser, Page } from 'playwright-core'
import { browserForFile, closeContexts, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'

/**
 * No dead ends (issue 18, point 6), in normal mode and 长辈版: a bad link offers 返回首页 and no 重试 (it cannot
 * help); a service that does not answer is said to be unavailable (not the resident's network), with 重试 and
 * 返回首页.
 */

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const elder of [false, true]) {
  const mode = elder ? 'elder' : 'normal'
  describe(`error views (${mode})`, () => {
    let server: LocalServer
    let browser: Browser
    let page: Page
    const shot = screenshotter(`dead-ends-${mode}`)

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:10:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      page = await pageAs(browser, 'dev-resident-wang', { elder })
    })

    afterAll(async () => {
      await closeContexts(browser)
      // Killed by the second test: its exit already happened (a killed process keeps exitCode null).
      if (server && server.process.signalCode === null) await server.stop()
    })

    const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
    const buttons = (name: string) => page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true })

    it('offers 返回首页 and no 重试 on a link to something that does not exist', async () => {
      await page.goto(`${server.url}/#/pages/delegation/detail/index?id=csffffffffffffffffffffffff`)
      await text('出错了').waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await buttons('返回首页').first().waitFor()
      expect(await buttons('重试').count()).toBe(0)
      expect(await page.getByText('重新加载').filter({ visible: true }).count()).toBe(0)
      await shot(page, 'not-found')
      await tap(buttons('返回首页').first())
      await text('办事指南').waitFor()
    })

    it('says the service is unavailable when the server does not answer, with 重试 and 返回首页', async () => {
      // The app and the page's code are loaded (as on a phone that opened it before); then only the service goes.
      // A fresh load, not a hash change after the last test's 返回首页 (under load the router let that one pass unseen).
      await page.goto('about:blank')
      await page.goto(`${server.url}/#/pages/booking/mine/index`)
      await text(/没有待办理的预约/).waitFor()
      await page.evaluate(() => {
        window.location.hash = '#/pages/index/index'
      })
      await text('办事指南').waitFor()
      // Gone at once, as a crashed service is (a graceful stop would wait for the browser's keep-alive connections).
      const gone = new Promise((resolve) => server.process.once('exit', resolve))
      server.process.kill('SIGKILL')
      await gone
      await page.evaluate(() => {
        window.location.hash = '#/pages/booking/mine/index'
      })
      await text('服务暂时无法连接，请稍后重试；急需办理请拨打服务中心电话').waitFor({ timeout: 15_000 })
      expect(await page.getByText(/网络/).filter({ visible: true }).count()).toBe(0)
      await buttons('重试').first().waitFor()
      await buttons('返回首页').first().waitFor()
      await shot(page, 'unavailable')
    })
  })
}
