import type { Browser, Locator, Page } from 'playwright-core'
import { post } from './api'
import { seriousViolations } from './axe'
import { browserForFile, closeContexts, pageAs, settled, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'

/**
 * The clerk's whole desk (issue 18, point 4): 刘芳 works windows 1–3 at a PC. She opens window 1, where nobody
 * waits; the desk says where people wait and calls for that window in one tap. 叫下一位 → 开始办理 → 办结 takes 3
 * taps; the keyboard does the same (N, R, S, E, shown on the buttons). From 1024 px the queue, the current ticket
 * and the walk-in stand side by side; at 390 px they stack. Normal mode and 长辈版. Thursday 26 November 2026.
 */

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const elder of [false, true]) {
  const mode = elder ? 'elder' : 'normal'
  describe(`the clerk's desk (${mode})`, () => {
    let server: LocalServer
    let browser: Browser
    let page: Page
    const shot = screenshotter(`desk-${mode}`)

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:05:00+08:00', JOBS_INTERVAL_MS: '0' })
      // Four residents take numbers for 社保 enrolment, which windows 2 and 3 serve (window 1 does not).
      for (const n of [1, 2, 3, 4]) {
        await post(
          server,
          'queue',
          { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-pension-enroll', requestId: `desk-e2e-${n}`, source: 'kiosk' },
          'dev-clerk-liu',
        )
      }
      browser = fileBrowser()
      page = await pageAs(browser, 'dev-clerk-liu', { elder, viewport: { width: 1440, height: 900 } })
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
    const button = (name: string | RegExp) => page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true }).first()
    const current = (label: string) => page.locator('.ticket-row--current').filter({ hasText: label })
    const box = async (l: Locator) => (await l.boundingBox())!
    const columns = async () => ({
      queue: await box(page.locator('.desk-grid__queue')),
      desk: await box(page.locator('.desk-grid__desk')),
      counter: await box(page.locator('.desk-grid__counter')),
    })
    it('says where people wait when her window has nobody, with each window’s count, and calls for that window in one tap', async () => {
      await page.goto(`${server.url}/#/staff/pages/queue/index?window=1`)
      await text('1 号窗口无人等候；2 号窗口有 4 人等候，3 号窗口有 4 人等候').waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await button('1 号 · 等候 0').waitFor()
      await button('2 号 · 等候 4').waitFor()
      await shot(page, 'desk-1440-nobody-here')
      expect(await seriousViolations(page)).toEqual([])
      await tap(button('为 2 号窗口叫号'))
      await text('已呼叫 A001，请 A001 号到 2 号窗口办理').waitFor()
      await text('2 号窗口 · 社保医保').waitFor()
      await current('A001').waitFor()
    })

    it('uses the whole width of a PC window: queue, current ticket and walk-in side by side at 1440 and 1024 px', async () => {
      for (const width of [1440, 1024]) {
        await page.setViewportSize({ width, height: 900 })
        await settled(page)
        expect(await page.evaluate(() => document.body.getBoundingClientRect().width)).toBeGreaterThan(width - 30)
        const { queue, desk, counter } = await columns()
        expect(queue.x + queue.width).toBeLessThanOrEqual(desk.x)
        expect(desk.x + desk.width).toBeLessThanOrEqual(counter.x)
        expect(Math.abs(queue.y - desk.y)).toBeLessThan(2)
        expect(Math.abs(desk.y - counter.y)).toBeLessThan(2)
        await shot(page, `desk-${width}`)
      }
    })

    it('takes 叫下一位 → 开始办理 → 办结 in 3 taps, the shortcut keys shown on the buttons', async () => {
      // A001, called by the hint, is served first.
      await tap(current('A001').locator('taro-button-core').filter({ hasText: '开始办理 (S)' }))
      await tap(current('A001').locator('taro-button-core').filter({ hasText: '办结 (E)' }))
      await text('A001 已办结').waitFor()

      let taps = 0
      const counted = async (l: Locator) => {
        taps++
        await tap(l)
      }
      await counted(button('叫下一位 (N)'))
      await text('已呼叫 A002，请 A002 号到 2 号窗口办理').waitFor()
      await counted(current('A002').locator('taro-button-core').filter({ hasText: '开始办理 (S)' }))
      await text('A002 开始办理').waitFor()
      await counted(current('A002').locator('taro-button-core').filter({ hasText: '办结 (E)' }))
      await text('A002 已办结').waitFor()
      expect(taps).toBe(3)
      const detail = await post(server, 'queue', { action: 'console', centerId: 'lsw', window: 2 }, 'dev-clerk-liu')
      expect(detail.counts.completedHere).toBe(2)
      expect(detail.current).toEqual([])
    })

    it('calls, recalls, starts and completes from the keyboard (H5), and ignores keys typed into a field', async () => {
      await page.locator('#booking-code input').fill('N')
      await page.keyboard.press('n')
      await settled(page)
      expect(await current('A003').count()).toBe(0)
      await page.locator('#booking-code input').fill('')
      await page.locator('.desk__title').click()

      await page.keyboard.press('n')
      await text('已呼叫 A003，请 A003 号到 2 号窗口办理').waitFor()
      await settled(page)
      await page.keyboard.press('r')
      await text('A003 已重呼（第 2 次呼叫）').waitFor()
      await settled(page)
      await page.keyboard.press('s')
      await text('A003 开始办理').waitFor()
      await settled(page)
      await page.keyboard.press('e')
      await text('A003 已办结').waitFor()
      const desk = await post(server, 'queue', { action: 'console', centerId: 'lsw', window: 2 }, 'dev-clerk-liu')
      expect(desk.counts.completedHere).toBe(3)
      expect(desk.waiting.map((t: { label: string }) => t.label)).toEqual(['A004'])
    })

    it('stacks desk, queue and walk-in in one column on a 390 px phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 })
      await settled(page)
      const { queue, desk, counter } = await columns()
      expect(desk.y + desk.height).toBeLessThanOrEqual(queue.y + 1)
      expect(queue.y + queue.height).toBeLessThanOrEqual(counter.y + 1)
      expect(Math.abs(desk.x - queue.x)).toBeLessThan(2)
      await shot(page, 'desk-390')
      expect(await seriousViolations(page)).toEqual([])
    })

    it('shows no shortcut on a phone’s browser, which has no keyboard', async () => {
      const phone = await pageAs(browser, 'dev-clerk-liu', { elder, viewport: { width: 390, height: 844 }, phone: true })
      await phone.goto(`${server.url}/#/staff/pages/queue/index?window=2`)
      await phone.getByText('叫下一位').filter({ visible: true }).first().waitFor()
      expect(
        await phone
          .getByText(/\((N|R|S|E)\)/)
          .filter({ visible: true })
          .count(),
      ).toBe(0)
      await phone.close()
    })
  })
}
