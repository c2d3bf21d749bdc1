import type { Browser, BrowserContext, Page } from 'playwright-core'
import { post, stored } from './api'
import { launchBrowser, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { seriousViolations } from './axe'
import { idNumberFor } from '../support/id-numbers'

/**
 * The day at the center, in three browsers at once: the hall screen shows the
 * check-in code; a resident checks in with it on their phone and watches their
 * number; a clerk at window 2 calls the queue. The resident's page and the hall
 * screen must show the call within two seconds. Thursday 26 November 2026.
 */
describe('check-in and the counter queue in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let resident: Page
  let clerk: Page
  let hall: Page
  let bookingId: string
  const shot = screenshotter('queue')

  beforeAll(async () => {
    // Before opening: the resident books the 09:30 slot (08:50 is past the 30-minute lead), and two walk-ins take numbers.
    const early = await startLocalServer({ APP_NOW: '2026-11-26T08:50:00+08:00', JOBS_INTERVAL_MS: '0' })
    try {
      const booking = await post(
        early,
        'booking',
        {
          action: 'create',
          centerId: 'lsw',
          serviceId: 'lsw-medical-remote',
          date: '2026-11-26',
          start: '09:30',
          person: { name: '王建国', idNumber: idNumberFor('1968-04-12', 31), phone: '13812345678' },
          forSelf: true,
          consent: true,
          requestId: 'queue-e2e-booking-1',
        },
        'dev-resident-wang',
      )
      bookingId = booking.id
      await post(
        early,
        'queue',
        { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-medical-enroll', requestId: 'queue-e2e-walk-in-1', source: 'kiosk' },
        'dev-clerk-liu',
      )
      await post(
        early,
        'queue',
        {
          action: 'issueWalkIn',
          centerId: 'lsw',
          serviceId: 'lsw-medical-enroll',
          requestId: 'queue-e2e-walk-in-2',
          source: 'clerk',
          green: 'clerk',
        },
        'dev-clerk-liu',
      )
    } finally {
      await early.stop()
    }
    // The same database, later that morning: check-in for the 09:30 slot is open from 09:00.
    server = await startLocalServer({ DATA_DIR: early.dataDir, APP_NOW: '2026-11-26T09:05:00+08:00', JOBS_INTERVAL_MS: '0' })
    browser = await launchBrowser()
    const as = async (openid: string, viewport: { width: number; height: number }): Promise<BrowserContext> => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' })
      await context.addInitScript(
        ([who, center]) => {
          localStorage.setItem('devOpenid', who)
          localStorage.setItem('centerId', center)
        },
        [stored(openid), stored('lsw')],
      )
      return context
    }
    resident = await (await as('dev-resident-wang', { width: 390, height: 844 })).newPage()
    clerk = await (await as('dev-clerk-liu', { width: 430, height: 932 })).newPage()
    // The hall screen: landscape, signed in as the admin who set it up; its speech is recorded, not played.
    const hallContext = await as('dev-admin-sun', { width: 1600, height: 900 })
    // A plain script (not a compiled function: the test transform's helpers do not exist in the page).
    await hallContext.addInitScript(`
      window.__spoken = []
      window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.rate = 1 }
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: { speak: function (u) { window.__spoken.push(u.text) }, cancel: function () {} } })
    `)
    hall = await hallContext.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const visible = (page: Page, t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
  const ticketId = async () =>
    (await post(server, 'queue', { action: 'checkInStatus', centerId: 'lsw', bookingId }, 'dev-resident-wang')).ticketId as string
  const spoken = () => hall.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.slice())
  let code = ''

  it('shows the hall screen with the check-in code as digits and a QR code, and turns speech on with one tap', async () => {
    await hall.goto(`${server.url}/#/staff/pages/board/index`)
    await visible(hall, '预约签到码').waitFor()
    code = (await hall.locator('.hall__code-digits').first().innerText()).trim()
    expect(code).toMatch(/^\d{6}$/)
    await expect(hall.locator('.hall__code img').first().getAttribute('alt')).resolves.toBe(`二维码：bianmin-checkin:lsw:${code}`)
    await visible(hall, 'C 医疗保障').waitFor()
    await visible(hall, '等候 2 人').waitFor()
    await tap(visible(hall, '点此开启语音播报'))
    await visible(hall, '语音播报：已开启').waitFor()
    expect(await spoken()).toEqual(['语音播报已开启', '语音播报已开启'])
    await shot(hall, 'hall-before-calls')
  })

  it('lets the resident check in from the booking with the code on the screen', async () => {
    await resident.goto(`${server.url}/#/pages/booking/detail/index?id=${bookingId}`)
    await visible(resident, '到中心了吗？').waitFor()
    await shot(resident, 'booking-check-in-entry')
    await tap(visible(resident, '签到取号'))
    await visible(resident, '输入大厅屏幕上的签到码').waitFor()
    // A mistyped code first: the page says what to do.
    await resident.locator('#code input').fill(code === '111111' ? '222222' : '111111')
    await tap(resident.getByRole('button', { name: '签到取号' }))
    await visible(resident, '⚠ 签到码不正确或已过期，请看大厅屏幕上的最新签到码').waitFor()
    await shot(resident, 'check-in-wrong-code')
    expect(await seriousViolations(resident)).toEqual([])
    await resident.locator('#code input').fill(code)
    await tap(resident.getByRole('button', { name: '签到取号' }))
    // The green-channel walk-in goes first; the appointment next, before the plain walk-in.
    await visible(resident, '前面还有 1 人').waitFor({ timeout: 10_000 })
    await visible(resident, '预计等候约 5 分钟').waitFor()
    await visible(resident, 'C003').waitFor()
    await shot(resident, 'ticket-waiting')
    expect(await seriousViolations(resident)).toEqual([])
  })

  it('shows the clerk the queue in call order with the reason for each place', async () => {
    await clerk.goto(`${server.url}/#/staff/pages/queue/index?window=2`)
    await visible(clerk, '2 号窗口 · 社保医保').waitFor()
    await visible(clerk, '等候（3）').waitFor()
    const reasons = await clerk.locator('.ticket-row__reason').allInnerTexts()
    expect(reasons).toEqual(['绿色通道：工作人员标记', '预约 09:30', '现场取号 08:50'])
    await shot(clerk, 'console-waiting')
    expect(await seriousViolations(clerk)).toEqual([])
  })

  it('moves the resident up live when the clerk calls the green-channel ticket, who then does not come (过号)', async () => {
    await tap(visible(clerk, '叫下一位'))
    await visible(clerk, '已呼叫 C002，请 C002 号到 2 号窗口办理').waitFor()
    await visible(resident, '下一位就是您，请留意叫号').waitFor({ timeout: 2_000 })
    await tap(clerk.locator('.ticket-row--current').filter({ hasText: 'C002' }).getByText('过号'))
    await visible(clerk, 'C002 已过号').waitFor()
    await visible(clerk, '已过号（1）').waitFor()
  })

  it('shows the call on the resident’s page and on the hall screen within 2 seconds, and reads it out', async () => {
    const tapped = Date.now()
    await tap(visible(clerk, '叫下一位'))
    await visible(resident, '请到 2 号窗口').waitFor({ timeout: 2_000 })
    const onPhone = Date.now() - tapped
    await visible(hall, '请 C003 号到 2 号窗口办理').waitFor({ timeout: 2_000 })
    const inHall = Date.now() - tapped
    expect(onPhone).toBeLessThan(2_000)
    expect(inHall).toBeLessThan(2_000)
    await visible(clerk, '已呼叫 C003，请 C003 号到 2 号窗口办理').waitFor()
    await shot(resident, 'ticket-called')
    await shot(hall, 'hall-called')
    await shot(clerk, 'console-called')
    expect(await spoken()).toContain('请 C003 号到 2 号窗口办理')
    expect(await seriousViolations(resident)).toEqual([])
    expect(await seriousViolations(hall)).toEqual([])
    console.log(`queue e2e: the call showed on the phone after ${onPhone} ms, in the hall after ${inHall} ms`)
  })

  it('says the call just as clearly in 长辈版', async () => {
    const elder = await resident.context().newPage()
    await elder.goto(`${server.url}/#/pages/queue/ticket/index?id=${await ticketId()}`)
    await elder.evaluate((value) => localStorage.setItem('elderMode:dev-resident-wang', value), stored(true))
    await elder.reload()
    await visible(elder, '请到 2 号窗口').waitFor()
    expect(await elder.locator('.page--elder').count()).toBeGreaterThan(0)
    await shot(elder, 'ticket-called-elder')
    expect(await seriousViolations(elder)).toEqual([])
    await elder.evaluate(() => localStorage.removeItem('elderMode:dev-resident-wang'))
    await elder.close()
  })

  it('serves and completes the resident; their page and booking say so', async () => {
    const current = clerk.locator('.ticket-row--current').filter({ hasText: 'C003' })
    await tap(current.getByText('开始办理'))
    await visible(resident, '正在 2 号窗口办理').waitFor({ timeout: 3_000 })
    await tap(clerk.locator('.ticket-row--current').filter({ hasText: 'C003' }).getByText('办结'))
    await visible(resident, '已办结，感谢您的耐心等候').waitFor({ timeout: 3_000 })
    await shot(resident, 'ticket-completed')
    await shot(clerk, 'console-after')
    const booking = await post(server, 'booking', { action: 'get', centerId: 'lsw', id: bookingId }, 'dev-resident-wang')
    expect(booking.status).toBe('completed')
  })

  it('gives a walk-in a number at the kiosk, which the hall screen counts', async () => {
    const kiosk = await clerk.context().newPage()
    await kiosk.goto(`${server.url}/#/staff/pages/kiosk/index`)
    await visible(kiosk, '没有预约？请选择您要办的事').waitFor()
    await tap(visible(kiosk, '城乡居民医疗保险参保登记'))
    await visible(kiosk, 'C004').waitFor()
    // Today's average so far (one quick service) drives the estimate.
    await visible(kiosk, /^前面还有 1 人，预计等候约 \d+ 分钟$/).waitFor()
    await shot(kiosk, 'kiosk-number')
    expect(await seriousViolations(kiosk)).toEqual([])
    await visible(hall, '等候 2 人').waitFor({ timeout: 2_000 })
    await shot(hall, 'hall-after')
  })
})
