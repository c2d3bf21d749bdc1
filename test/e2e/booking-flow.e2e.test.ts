import type { Browser, Locator, Page } from 'playwright-core'
import { launchBrowser, pageAs, settled, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { createBooking } from './api'
import { measureSizes, seriousViolations } from './axe'

/**
 * The booking flow as a resident expects it (issue 19, point 6), at 390 and 320 px in both modes, against
 * the real server on its fixed clock:
 * - on Saturday 5 December 2026 the date strip starts at Monday, the weekend one note above it (12月5日–6日 周末休息);
 * - moving a booking marks its slot 当前预约 and does not offer it;
 * - on Friday 4 December at 16:05 the slots starting within 30 minutes say 需提前 30 分钟预约, and the rule is shown once;
 * - the 取消预约 confirmation is inside the screen and focused right after the tap.
 */
const SERVICE = 'lsw-cert-counter'
const WANG = 'dev-resident-wang'
const CASES = [
  { width: 390, elder: false, day: '2026-12-08', seq: 51 },
  { width: 320, elder: false, day: '2026-12-09', seq: 52 },
  { width: 390, elder: true, day: '2026-12-10', seq: 53 },
  { width: 320, elder: true, day: '2026-12-11', seq: 54 },
]

/** The box of an element in the viewport's coordinates, and the viewport. */
const boxOf = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth }
  })

describe('booking flow in the browser', () => {
  let saturday: LocalServer
  let friday: LocalServer
  let browser: Browser

  beforeAll(async () => {
    ;[saturday, friday] = await Promise.all([
      startLocalServer({ APP_NOW: '2026-12-05T10:00:00+08:00', JOBS_INTERVAL_MS: '0' }),
      startLocalServer({ APP_NOW: '2026-12-04T16:05:00+08:00', JOBS_INTERVAL_MS: '0' }),
    ])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await Promise.all([saturday?.stop(), friday?.stop()])
  })

  for (const c of CASES) {
    const name = `${c.width}${c.elder ? '-elder' : ''}`
    describe(`at ${c.width} px${c.elder ? ' in 长辈版' : ''}`, () => {
      let page: Page
      /** The booking moved, then cancelled. */
      let bookingId = ''
      const shot = screenshotter(`booking-flow-${name}`)
      // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
      const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
      /**
       * axe finds nothing serious; in 长辈版 text is 18 px and more, targets 60 px — measured at 390 px only: Taro's H5
       * sizes follow the window from its 375 px design (rem), so at 320 px every size is 320/375 of it (app-wide).
       */
      const checkPage = async () => {
        expect(await seriousViolations(page)).toEqual([])
        if (!c.elder || c.width < 375) return
        const sizes = await measureSizes(page, 18)
        expect(sizes.small).toEqual([])
        expect(sizes.tiny).toEqual([])
        expect(sizes.minLineHeight).toBeGreaterThanOrEqual(1.3 - 1e-6)
      }
      /** As on a phone: the button low on the screen (its last quarter), tapped where it is (no scrolling to it first). */
      const tapAtBottomEdge = async (button: Locator) => {
        await button.evaluate((el) => el.scrollIntoView({ block: 'end' }))
        await settled(page)
        const at = await boxOf(button)
        expect(at.bottom).toBeGreaterThan(at.height * 0.75)
        await page.mouse.click((at.left + at.right) / 2, (at.top + at.bottom) / 2)
      }
      /** The confirmation that just opened: its whole box inside the screen, and the focus on it. */
      const confirmationOnScreen = async () => {
        const confirm = page.locator('.confirm').filter({ visible: true })
        await confirm.waitFor()
        await settled(page)
        const box = await boxOf(confirm)
        expect(box.top).toBeGreaterThanOrEqual(0)
        expect(box.bottom).toBeLessThanOrEqual(box.height)
        expect(await confirm.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true)
      }
      const go = (server: LocalServer, route: string) => page.goto(`${server.url}/#/${route}`)

      beforeAll(async () => {
        page = await pageAs(browser, WANG, { elder: c.elder, viewport: { width: c.width, height: c.width === 320 ? 568 : 844 } })
      })
      afterAll(() => page?.context().close())

      it('starts the date strip at Monday, the weekend folded into one note, the first day inside the screen', async () => {
        await go(saturday, `pages/booking/slots/index?serviceId=${SERVICE}`)
        await text('1. 选择日期').waitFor()
        await text('12月5日–6日 周末休息。').waitFor()
        await text('最早可约 12月7日 周一').waitFor()
        await text('可预约 12月7日–15日，共 7 个工作日。').waitFor()
        const first = page.locator('.date').filter({ visible: true }).first()
        expect(await first.innerText()).toMatch(/12月7日\s*周一\s*\d+ 个时段可约/)
        const box = await boxOf(first)
        expect(box.left).toBeGreaterThanOrEqual(0)
        expect(box.right).toBeLessThanOrEqual(box.width)
        expect(box.bottom).toBeLessThanOrEqual(box.height)
        // No card a day for the closed ones: the next weekend is one note between Friday and Monday.
        await expect(page.locator('.date').filter({ visible: true }).count()).resolves.toBe(7)
        expect(await page.locator('.date-gap').filter({ visible: true }).allInnerTexts()).toEqual([
          expect.stringMatching(/12月12日–13日\s*周末休息/),
        ])
        await shot(page, 'strip-saturday')
        await checkPage()
      })

      it('marks the current slot when moving a booking and does not offer it', async () => {
        bookingId = (await createBooking(saturday, { serviceId: SERVICE, date: c.day, start: '10:00' }, WANG, c.seq)).id
        await go(saturday, `pages/booking/detail/index?id=${bookingId}`)
        await tap(text('改约其他时间'))
        await text(/^当前预约：12月\d+日 周[一二三四五] 10:00–10:15$/).waitFor()
        const current = page.locator('.slot--current').filter({ visible: true })
        await expect(current.count()).resolves.toBe(1)
        expect(await current.innerText()).toMatch(/10:00–10:15\s*★ 当前预约/)
        expect(await current.getAttribute('aria-disabled')).toBe('true')
        await current.scrollIntoViewIfNeeded()
        await shot(page, 'reschedule-current')
        await checkPage()
        // Tapping it opens nothing; another slot asks, and its confirmation is on screen.
        await current.click({ force: true })
        await settled(page)
        await expect(page.getByText('改约到这个时间吗？').filter({ visible: true }).count()).resolves.toBe(0)
        await tapAtBottomEdge(page.locator('.slot').filter({ visible: true, hasText: '10:15–10:30' }))
        await confirmationOnScreen()
        await shot(page, 'reschedule-confirm')
        await tap(text('再看看'))
      })

      it('shows the cancel confirmation inside the screen, focused, right after the tap', async () => {
        await go(saturday, `pages/booking/detail/index?id=${bookingId}`)
        // Where to go, with the way there.
        await text('导航到中心').waitFor()
        await tapAtBottomEdge(text('取消预约'))
        await confirmationOnScreen()
        await shot(page, 'cancel-confirm')
        await checkPage()
        await tap(text('确认取消'))
        await text('已取消').waitFor({ timeout: 10_000 })
      })

      it('lists what to bring before 确认预约', async () => {
        await go(saturday, `pages/booking/form/index?serviceId=${SERVICE}&date=2026-12-11&start=09:00`)
        await text('请带齐这些材料').waitFor()
        await text('· 本人居民身份证（原件）').waitFor()
        const materials = await boxOf(text('请带齐这些材料'))
        const submit = await boxOf(page.locator('.submit').filter({ visible: true }))
        expect(materials.bottom).toBeLessThan(submit.top)
        await page.locator('.submit').filter({ visible: true }).scrollIntoViewIfNeeded()
        await shot(page, 'form-materials')
        await checkPage()
      })

      it('says why a slot starting within 30 minutes cannot be booked, and states the rule once', async () => {
        await go(friday, `pages/booking/slots/index?serviceId=${SERVICE}`)
        await text('2. 选择时段').waitFor()
        // Today (Friday) is first: 16:45 still starts after the lead time; the weekend is one note after it.
        expect(await page.locator('.date').filter({ visible: true }).first().innerText()).toMatch(/12月4日\s*今天 周五/)
        await expect(page.getByText('每个时段需提前 30 分钟预约。').filter({ visible: true }).count()).resolves.toBe(1)
        const slot = (t: string) => page.locator('.slot').filter({ visible: true, hasText: t })
        if (c.elder) {
          // 长辈版 leaves them out, saying how many and why.
          await text(/^今天已过时间或开始前不足 30 分钟的 \d+ 个时段不再显示。$/).waitFor()
          await expect(slot('16:15–16:30').count()).resolves.toBe(0)
        } else {
          expect(await slot('16:15–16:30').innerText()).toMatch(/需提前 30 分钟预约/)
          expect(await slot('16:30–16:45').innerText()).toMatch(/需提前 30 分钟预约/)
          // Those whose time has passed are left out, saying how many.
          await text(/^今天已过时间的 \d+ 个时段不再显示。$/).waitFor()
          await expect(slot('16:00–16:15').count()).resolves.toBe(0)
          await slot('16:15–16:30').scrollIntoViewIfNeeded()
        }
        expect(await slot('16:45–17:00').innerText()).toMatch(/剩余 \d+ 个号/)
        await shot(page, 'lead-time')
        await checkPage()
      })
    })
  }
})
