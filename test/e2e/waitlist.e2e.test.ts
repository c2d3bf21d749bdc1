import type { Browser, Page } from 'playwright-core'
import { browserForFile, closeContexts, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { createBooking, post } from './api'
import { idNumberFor } from '../support/id-numbers'

/**
 * 候补 through the H5 pages against the real server (issue 20), in normal mode and 长辈版: 王建国 meets a full
 * slot, joins its line with the booking form's person; 赵敏 cancels the seat; 王建国 sees it held for him in
 * 我的候补 and books it in one tap. Thursday 26 November 2026, 09:00 in Beijing.
 */

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const elder of [false, true]) {
  const mode = elder ? 'elder' : 'normal'
  describe(`候补 journey in the browser (${mode})`, () => {
    let server: LocalServer
    let browser: Browser
    let page: Page
    let held: string
    const shot = screenshotter(`waitlist-${mode}`)
    const me = { name: '王建国', id: idNumberFor('1962-08-08', 31), phone: '13912345678' }

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      // One seat a slot, taken by 赵敏 at 09:00 tomorrow.
      const config = await post(server, 'config', { action: 'get' }, 'dev-admin-sun')
      const {
        categoryName: _c,
        retired: _r,
        upcomingBookings: _u,
        ...service
      } = config.services.find((s) => s.id === 'lsw-medical-remote')!
      await post(server, 'config', { action: 'saveService', ...service, slotCapacity: 1 }, 'dev-admin-sun')
      held = (await createBooking(server, { serviceId: 'lsw-medical-remote', date: '2026-11-27', start: '09:00' }, 'dev-family-zhao', 41))
        .id
      browser = fileBrowser()
      page = await pageAs(browser, 'dev-resident-wang', { elder })
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
    const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()

    it('offers 候补 on a full slot and joins its line with the form’s person', async () => {
      await page.goto(`${server.url}/#/pages/booking/slots/index?serviceId=lsw-medical-remote`)
      await tap(text('11月27日'))
      await text('已约满 · 点此候补').waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await shot(page, 'slots-full')
      await tap(text('已约满 · 点此候补'))
      await text('候补时间：11月27日 周五 09:00').waitFor()
      await page.locator('#name input').fill(me.name)
      await page.locator('#idNumber input').fill(me.id)
      await page.locator('#phone input').fill(me.phone)
      await tap(text(/我已阅读并同意/))
      await shot(page, 'form')
      await tap(text('确认候补'))
      await text('您排在第一位，有空位会先通知您。').waitFor({ timeout: 10_000 })
      await text('候补中').waitFor()
      await shot(page, 'in-line')
    })

    it('shows the seat held for him when it frees, and books it in one tap', async () => {
      await post(server, 'booking', { action: 'cancel', id: held }, 'dev-family-zhao')
      await page.reload()
      await text(/有空位了：11月27日 周五 09:00，为您保留到 09:15/).waitFor({ timeout: 10_000 })
      await text('有空位，待确认').waitFor()
      await shot(page, 'offered')
      await tap(text('确认预约'))
      await text('✓ 预约成功').waitFor({ timeout: 10_000 })
      await text('11月27日 周五 09:00–09:30').waitFor()
      await shot(page, 'booked')
      const messages = await post(server, 'booking', { action: 'listMessages' }, 'dev-resident-wang')
      expect(messages.items.map((m) => m.title)).toContain('候补有空位了')
    })
  })
}
