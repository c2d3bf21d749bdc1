import type { Browser, Page } from 'playwright-core'
import { post, stored } from './api'
import { launchBrowser } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { seriousViolations } from './axe'

/**
 * The hall's own screens at the sizes they really have: the 叫号屏 on landscape TVs and monitors
 * (720p to 4K), with and without a call banner, and the 自助取号机 on a portrait 1080×1920 kiosk.
 * Geometry is measured from the rendered boxes: nothing clipped, nothing overlapping, the header on one line.
 * Thursday 26 November 2026, 10:00.
 */
describe('the hall screen and the kiosk at their real sizes', () => {
  let server: LocalServer
  let browser: Browser
  const shot = screenshotter('hall-screens')

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T10:00:00+08:00', JOBS_INTERVAL_MS: '0' })
    browser = await launchBrowser()
    // People waiting in three queues, so every part of the board has something to show.
    const services = [
      'lsw-medical-enroll',
      'lsw-medical-enroll',
      'lsw-pension-enroll',
      'lsw-pension-claim',
      'lsw-residence-permit',
      'lsw-household-proof',
    ]
    for (const [i, serviceId] of services.entries())
      await post(
        server,
        'queue',
        { action: 'issueWalkIn', centerId: 'lsw', serviceId, requestId: `hall-screens-walk-in-${i}`, source: 'kiosk' },
        'dev-clerk-liu',
      )
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const open = async (route: string, viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    await context.addInitScript(
      ([who, center]) => {
        localStorage.setItem('devOpenid', who)
        localStorage.setItem('centerId', center)
      },
      [stored('dev-admin-sun'), stored('lsw')],
    )
    const page = await context.newPage()
    await page.goto(`${server.url}/#/${route}`)
    return page
  }

  /** Boxes of the selectors' visible elements, and of the window. */
  const boxes = (page: Page, selectors: string[]) =>
    page.evaluate((sel) => {
      const out: Record<string, { left: number; top: number; right: number; bottom: number; lines: number }[]> = {}
      for (const s of sel)
        out[s] = Array.from(document.querySelectorAll(s))
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect()
            const lineHeight = parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.2
            return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, lines: Math.round(r.height / lineHeight) }
          })
      return { out, width: window.innerWidth, height: window.innerHeight }
    }, selectors)

  const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1

  const PARTS = ['.hall__top', '.hall__now', '.hall__table', '.hall__side', '.hall__queues']

  /** Every part inside the window, no two parts overlapping, every window row and the header texts on one line. */
  async function expectLaidOut(page: Page) {
    const { out, width, height } = await boxes(page, [...PARTS, '.hall__row', '.hall__center', '.hall__clock', '.hall__queue'])
    for (const part of PARTS) {
      expect({ part, count: out[part].length }).toEqual({ part, count: 1 })
      const b = out[part][0]
      expect({ part, inside: b.left >= 0 && b.top >= 0 && b.right <= width + 0.5 && b.bottom <= height + 0.5 }).toEqual({
        part,
        inside: true,
      })
    }
    const parts = PARTS.map((p) => ({ p, b: out[p][0] }))
    for (const [i, x] of parts.entries())
      for (const y of parts.slice(i + 1))
        expect({ pair: `${x.p} ${y.p}`, overlap: overlaps(x.b, y.b) }).toEqual({ pair: `${x.p} ${y.p}`, overlap: false })
    // All six windows shown, each inside the table.
    const table = out['.hall__table'][0]
    expect(out['.hall__row'].length).toBe(7)
    for (const row of out['.hall__row']) expect(row.bottom <= table.bottom + 0.5 && row.right <= table.right + 0.5).toBe(true)
    for (const q of out['.hall__queue']) expect(q.right <= width + 0.5 && q.bottom <= height + 0.5).toBe(true)
    expect(out['.hall__center'][0].lines).toBe(1)
    expect(out['.hall__clock'][0].lines).toBe(1)
  }

  const SIZES = [
    { width: 1280, height: 720 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]

  it.each(SIZES)('lays the 叫号屏 out on a $width×$height screen, with and without a call banner', async (size) => {
    const hall = await open('staff/pages/board/index', size)
    try {
      await hall.getByText('预约签到码').first().waitFor()
      await shot(hall, `board-${size.width}x${size.height}`)
      await expectLaidOut(hall)
      // A call while the screen is open: the banner names the number and the window.
      const window = [2, 3, 5, 2][SIZES.indexOf(size)]
      await post(server, 'queue', { action: 'callNext', centerId: 'lsw', window }, 'dev-admin-sun')
      await hall.locator('.hall__now--fresh').waitFor({ timeout: 5_000 })
      await shot(hall, `board-${size.width}x${size.height}-call`)
      await expectLaidOut(hall)
      if (size.width === 1280) expect(await seriousViolations(hall)).toEqual([])
    } finally {
      await hall.context().close()
    }
  })

  it('fills a portrait 1080×1920 kiosk with large targets and a real checkbox', async () => {
    const kiosk = await open('staff/pages/kiosk/index', { width: 1080, height: 1920 })
    try {
      await kiosk.getByText('没有预约？请选择您要办的事').first().waitFor()
      await shot(kiosk, 'kiosk-1080x1920')
      const { out, width } = await boxes(kiosk, ['.kiosk', '.kiosk__service'])
      // The layout uses the screen, not a phone-sized column in its middle.
      expect(out['.kiosk'][0].right - out['.kiosk'][0].left).toBeGreaterThan(width * 0.9)
      for (const s of out['.kiosk__service']) expect(s.bottom - s.top).toBeGreaterThanOrEqual(96)
      const box = kiosk.getByRole('checkbox')
      await expect(box.count()).resolves.toBe(1)
      await expect(box.getAttribute('aria-checked')).resolves.toBe('false')
      await box.click()
      await expect(box.getAttribute('aria-checked')).resolves.toBe('true')
      await shot(kiosk, 'kiosk-1080x1920-ticked')
      expect(await seriousViolations(kiosk)).toEqual([])
    } finally {
      await kiosk.context().close()
    }
  })
})
