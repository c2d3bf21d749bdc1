import type { Browser } from 'playwright-core'
import { seriousViolations } from './axe'
import { post } from './api'
import { launchBrowser, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'

/**
 * 全区概览 in the browser (issue 20): the 区级管理员 opens it from 工作台 and sees every center of the deployment,
 * today's hall and this month's bookings, read-only, and exports it as CSV — in normal mode and in 长辈版, at
 * 390 px and on a desktop. Tuesday 1 December 2026, 10:00.
 */
const MODES = [
  { elder: false, mode: 'normal' },
  { elder: true, mode: 'elder' },
] as const
const DISTRICT = 'dev-district-gao'

describe('全区概览', () => {
  let server: LocalServer
  let browser: Browser

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-12-01T10:00:00+08:00', JOBS_INTERVAL_MS: '0' })
    browser = await launchBrowser()
    // Someone waiting at 灵山卫 (the hall's counts are live; the other figures come from the daily aggregates).
    await post(
      server,
      'queue',
      { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-medical-enroll', requestId: 'district-e2e-walk-in', source: 'kiosk' },
      'dev-clerk-liu',
    )
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  for (const { elder, mode } of MODES) {
    it(`shows every center from 工作台, read-only, and exports it (${mode})`, async () => {
      const shoot = screenshotter(`district-${mode}`)
      const page = await pageAs(browser, DISTRICT, { elder, acceptDownloads: true })
      const a = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
      try {
        await page.goto(`${server.url}/#/staff/pages/home/index`)
        await tap(a('全区概览'))
        await a(/^全区合计（\d+ 个中心）/).waitFor()
        expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
        const centers = await post(server, 'center', { action: 'listCenters' }, DISTRICT)
        for (const c of centers) await a(c.name).waitFor()
        const lsw = page.getByRole('group', { name: centers.find((c) => c.id === 'lsw')!.name })
        await expect(lsw.getByText('今日等候 1 人').count()).resolves.toBe(1)
        await expect(lsw.getByText('今日已办 0 人').count()).resolves.toBe(1)
        // Nothing on the page changes a center.
        const buttons = await page.getByRole('button').filter({ visible: true }).allInnerTexts()
        expect(buttons.filter((b) => /修改|删除|保存|派单|叫号/.test(b))).toEqual([])
        await wholePage(page, () => shoot(page, 'today'))
        expect(await seriousViolations(page)).toEqual([])

        await tap(page.getByRole('radio', { name: '本月' }).filter({ visible: true }).first())
        await a('统计范围').waitFor()
        const download = page.waitForEvent('download')
        await tap(a('导出表格（CSV）'))
        expect((await download).suggestedFilename()).toBe('全区概览_2026-12-01_2026-12-01.csv')
        await a(/已下载「全区概览_2026-12-01_2026-12-01\.csv」/).waitFor()
        await wholePage(page, () => shoot(page, 'exported'))
      } finally {
        await page.context().close()
      }
    })
  }

  it('uses the width of a desktop browser', async () => {
    const shoot = screenshotter('district-desktop')
    const page = await pageAs(browser, DISTRICT, { viewport: { width: 1440, height: 844 }, acceptDownloads: true })
    try {
      await page.goto(`${server.url}/#/staff/pages/district/index`)
      await page
        .getByText(/^全区合计/)
        .first()
        .waitFor()
      await shoot(page, 'desktop')
      expect(await seriousViolations(page)).toEqual([])
    } finally {
      await page.context().close()
    }
  })
})
