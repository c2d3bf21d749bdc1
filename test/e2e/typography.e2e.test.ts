import type { Browser, Page } from 'playwright-core'
import { stored } from './api'
import { launchBrowser } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { typographyFaults, type TypographyFaults } from './typography'

/**
 * Chinese typography (issue 19 point 7). The phone pages are read in the accessibility scan, on the same page loads
 * (test/e2e/accessibility.e2e.test.ts, at 390 and 320 px in both modes); here: the check itself on a page made to hold
 * each fault, the hall screen and the kiosk at their real sizes in both modes, and the statistics period chips on the
 * 7th of a month, when 本月 and 近 7 天 are the same days.
 */
describe('Chinese typography', () => {
  let browser: Browser
  const NO_FAULT: TypographyFaults = { spacedNames: [], isoDates: [], orphans: [], brokenNumbers: [] }

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  describe('the check', () => {
    /** A stand-in for a Taro page (`.taro_page`) holding the given body, 20 px text. */
    async function pageWith(body: string): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
      await page.setContent(
        `<html lang="zh-CN"><body style="margin:0;font:20px/1.5 'Noto Sans SC',sans-serif"><div class="taro_page">${body}</div></body></html>`,
      )
      return page
    }

    it('finds a space between a Chinese word and a name, on either side, and a masked name', async () => {
      const page = await pageWith('<p>网格员 陈志强 将于 12月7日 上门</p><p>张** 的上门认证</p><p>申请人：王建国，电话 13800000000</p>')
      try {
        const faults = await typographyFaults(page, { isoDates: true })
        expect(faults.spacedNames).toEqual(['网格员 陈志强 将于 12', '张** 的上门认证'])
        expect({ ...faults, spacedNames: [] }).toEqual(NO_FAULT)
      } finally {
        await page.close()
      }
    })

    it('finds ISO dates only where asked (resident views)', async () => {
      const page = await pageWith('<p>预约时间：2026-11-27 09:30</p><p>12月7日 周一 09:30</p>')
      try {
        expect((await typographyFaults(page, { isoDates: true })).isoDates).toEqual(['预约时间：2026-11-27 09:30'])
        expect(await typographyFaults(page, { isoDates: false })).toEqual(NO_FAULT)
      } finally {
        await page.close()
      }
    })

    it('finds a heading or a button whose last line is one character, measured from its line boxes', async () => {
      // Three 20 px characters fit a 64 px button: 提交申 / 请. The same text in a 90 px one fits on one line.
      const page = await pageWith(
        '<button style="width:64px;font:inherit;padding:0;border:0">提交申请</button>' +
          '<button style="width:90px;font:inherit;padding:0;border:0">提交申请</button>' +
          '<h2 style="width:110px;font-size:20px">上门认证申请（窗口认证）</h2>' +
          '<p style="width:64px">提交申请</p>',
      )
      try {
        const faults = await typographyFaults(page, { isoDates: true })
        expect(faults.orphans).toEqual(['提交申请 → 请', '上门认证申请（窗口认证） → 证）'])
        expect({ ...faults, orphans: [] }).toEqual(NO_FAULT)
      } finally {
        await page.close()
      }
    })

    it('finds a phone number or a case number broken across lines', async () => {
      const page = await pageWith(
        '<p style="width:200px">服务中心电话 0532-86100001</p><p style="width:200px">服务中心电话 <span style="white-space:nowrap">0532-86100001</span></p>' +
          '<p style="width:180px">编号 DB20261207-0001 已受理</p>',
      )
      try {
        const faults = await typographyFaults(page, { isoDates: true })
        expect(faults.brokenNumbers).toEqual(['0532-86100001', 'DB20261207-0001'])
        expect({ ...faults, brokenNumbers: [] }).toEqual(NO_FAULT)
      } finally {
        await page.close()
      }
    })
  })

  describe('on the hall screens', () => {
    let server: LocalServer
    const shot = screenshotter('typography-hall')

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-12-07T10:00:00+08:00', JOBS_INTERVAL_MS: '0' })
    })

    afterAll(async () => {
      await server?.stop()
    })

    async function open(route: string, openid: string, viewport: { width: number; height: number }, elder: boolean): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' })
      await context.addInitScript(
        ([who, center, key, on]) => {
          localStorage.setItem('devOpenid', who)
          localStorage.setItem('centerId', center)
          localStorage.setItem(key, on)
        },
        [stored(openid), stored('lsw'), `elderMode:${openid}`, stored(elder)] as const,
      )
      const page = await context.newPage()
      await page.goto(`${server.url}/#/${route}`)
      return page
    }

    const BOARD_SIZES = [
      { width: 1280, height: 720 },
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]

    for (const elder of [false, true]) {
      const mode = elder ? 'elder' : 'normal'
      it(`the 叫号屏 at 1280×720 to 3840×2160 and the 取号机 at 1080×1920, ${elder ? '长辈版' : 'normal mode'}: no fault`, async () => {
        const board = await open('staff/pages/board/index', 'dev-admin-sun', BOARD_SIZES[0], elder)
        try {
          await board.getByText('预约签到码').first().waitFor()
          for (const size of BOARD_SIZES) {
            await board.setViewportSize(size)
            await shot(board, `board-${mode}-${size.width}x${size.height}`)
            expect(await typographyFaults(board, { isoDates: false })).toEqual(NO_FAULT)
          }
        } finally {
          await board.context().close()
        }
        const kiosk = await open('staff/pages/kiosk/index', 'dev-clerk-liu', { width: 1080, height: 1920 }, elder)
        try {
          await kiosk.getByText('没有预约？请选择您要办的事').first().waitFor()
          await wholePage(kiosk, () => shot(kiosk, `kiosk-${mode}-1080x1920`))
          // The kiosk is where residents take a number: ISO dates count there.
          expect(await typographyFaults(kiosk, { isoDates: true })).toEqual(NO_FAULT)
        } finally {
          await kiosk.context().close()
        }
      })
    }

    it('selects one statistics period on the 7th, when 本月 and 近 7 天 are the same days, and moves it when another is tapped', async () => {
      const stats = await open('staff/pages/admin/stats/index', 'dev-admin-sun', { width: 390, height: 844 }, false)
      try {
        await stats.getByText('统计范围').waitFor()
        const pressed = () => stats.locator('.chip[aria-pressed="true"]').allTextContents()
        await expect(pressed()).resolves.toEqual(['✓ 本月'])
        await stats.locator('.chip', { hasText: '近 7 天' }).click({ force: true })
        await stats.locator('.chip[aria-pressed="true"]', { hasText: '近 7 天' }).waitFor()
        await expect(pressed()).resolves.toEqual(['✓ 近 7 天'])
        await shot(stats, 'stats-period-chips')
      } finally {
        await stats.context().close()
      }
    })
  })
})
