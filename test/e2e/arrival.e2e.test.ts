import type { Browser, Locator, Page } from 'playwright-core'
import { browserForFile, closeContexts, loadAfresh, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { createBooking, stored } from './api'

/**
 * Arrival (issue 18, point 1): on the day of her booking a resident opens the app and holds a ticket in at most
 * 3 taps in H5 (首页 → 签到取号 → type the hall code → 签到取号), in normal mode and in 长辈版. 我的 shows the same
 * booking. Thursday 26 November 2026, booking at 09:30, arriving 09:10. A second resident points her phone's camera at
 * the hall QR, which is a link with the deployment's link domain (`QR_LINK_BASE`), and holds a ticket after one tap.
 */

/** The link domain the hall QR carries (any will do: the phone below opens the same path on the local server). */
const LINK_BASE = 'https://bm.example.gov.cn'

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const elder of [false, true]) {
  const mode = elder ? 'elder' : 'normal'
  describe(`arrival (${mode}): from opening the app to holding a ticket`, () => {
    let server: LocalServer
    let browser: Browser
    let page: Page
    let hall: Page
    const shot = screenshotter(`arrival-${mode}`)

    beforeAll(async () => {
      // Booked at 08:50 (a slot must start 30 minutes ahead); the resident arrives at 09:10 (check-in opens at 09:00).
      const booking = await startLocalServer({ APP_NOW: '2026-11-26T08:50:00+08:00', JOBS_INTERVAL_MS: '0' })
      await createBooking(booking, { serviceId: 'lsw-medical-remote', date: '2026-11-26', start: '09:30' })
      await createBooking(booking, { serviceId: 'lsw-medical-remote', date: '2026-11-26', start: '09:30' }, 'dev-resident-li', 8)
      await booking.stop()
      server = await startLocalServer({
        DATA_DIR: booking.dataDir,
        APP_NOW: '2026-11-26T09:10:00+08:00',
        JOBS_INTERVAL_MS: '0',
        QR_LINK_BASE: LINK_BASE,
      })
      browser = fileBrowser()
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
      await context.addInitScript(
        ([key, on]) => {
          localStorage.setItem('devOpenid', JSON.stringify({ data: 'dev-resident-wang' }))
          localStorage.setItem('centerId', JSON.stringify({ data: 'lsw' }))
          localStorage.setItem(key, on)
        },
        ['elderMode:dev-resident-wang', stored(elder)],
      )
      page = await context.newPage()
      const staff = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
      await staff.addInitScript(() => {
        localStorage.setItem('devOpenid', JSON.stringify({ data: 'dev-clerk-liu' }))
        localStorage.setItem('centerId', JSON.stringify({ data: 'lsw' }))
      })
      hall = await staff.newPage()
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
    const button = (name: string) => page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true }).first()

    it('shows 今天的预约 on 首页 and in 我的, and gets a ticket in at most 3 taps', async () => {
      await hall.goto(`${server.url}/#/staff/pages/board/index`)
      await hall.getByText('预约签到码').first().waitFor()
      const code = (await hall.locator('.hall__code-digits').first().innerText()).trim()

      let taps = 0
      const counted = async (l: Locator) => {
        taps++
        await tap(l)
      }
      // Opening the app.
      await page.goto(`${server.url}/#/pages/index/index`)
      await text('今天的预约').waitFor()
      await text(/09:30–\d\d:\d\d 异地就医备案/).waitFor()
      await text(/地点：.*号窗口）/).waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await shot(page, 'home-today')
      await counted(button('签到取号'))
      await text('输入大厅屏幕上的签到码').waitFor()
      await page.locator('#code input').fill(code)
      await shot(page, 'code-typed')
      await counted(page.getByRole('button', { name: '签到取号' }))
      await text(/C\d{3}/).waitFor({ timeout: 10_000 })
      await shot(page, 'ticket')
      expect(taps).toBeLessThanOrEqual(3)

      // Back on 首页 and in 我的, the booking now leads to the ticket.
      await loadAfresh(page, `${server.url}/#/pages/index/index`)
      await text('状态：已签到取号').waitFor()
      await button('查看我的排号').waitFor()
      await loadAfresh(page, `${server.url}/#/pages/mine/index`)
      await text('今天的预约').waitFor()
      await button('查看我的排号').waitFor()
      await shot(page, 'mine-today')
    })

    it('opens the check-in from the hall QR’s link with the code filled in: one tap to a ticket', async () => {
      const qr = await hall.locator('.hall__code img').first().getAttribute('alt')
      const code = (await hall.locator('.hall__code-digits').first().innerText()).trim()
      expect(qr).toBe(`二维码：${LINK_BASE}/c/lsw/${code}`)
      await hall.getByText('微信扫一扫，或在小程序中输入').first().waitFor()
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
      await phone.addInitScript(
        ([key, on]) => {
          // Signed in, but this phone never chose a center: the link says which.
          localStorage.setItem('devOpenid', JSON.stringify({ data: 'dev-resident-li' }))
          localStorage.setItem(key, on)
        },
        ['elderMode:dev-resident-li', stored(elder)],
      )
      const li = await phone.newPage()
      // What the phone's camera opens: the link's path on the server, which hands it to the H5 page.
      await li.goto(`${server.url}${new URL(qr!.replace('二维码：', '')).pathname}`)
      await li.getByText('输入大厅屏幕上的签到码').filter({ visible: true }).first().waitFor()
      await expect(li.locator('#code input').inputValue()).resolves.toBe(code)
      await li.getByText('签到码已从大厅的二维码带入，直接点“签到取号”即可。').filter({ visible: true }).first().waitFor()
      await shot(li, 'link-code-filled')
      await tap(li.getByRole('button', { name: '签到取号' }))
      await li
        .getByText(/C\d{3}/)
        .filter({ visible: true })
        .first()
        .waitFor({ timeout: 10_000 })
      await expect(li.evaluate(() => localStorage.getItem('centerId'))).resolves.toContain('lsw')
      // A resident with no booking today is told what to do instead.
      await li.goto(`${server.url}/#/pages/queue/check-in/index?center=lsw&code=${code}`)
      await li.getByText('查看我的排号').filter({ visible: true }).first().waitFor()
      const none = await phone.newPage()
      await none.addInitScript(() => localStorage.setItem('devOpenid', JSON.stringify({ data: 'dev-clerk-liu' })))
      await none.goto(`${server.url}/c/lsw/${code}`)
      await none.getByText('您今天在本中心没有预约').filter({ visible: true }).first().waitFor()
      await shot(none, 'link-no-booking')
    })
  })
}
