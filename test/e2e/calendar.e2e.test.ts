import type { Browser, Page } from 'playwright-core'
import { seriousViolations } from './axe'
import { createBooking, post } from './api'
import { turnWheels } from './picker-wheel'
import { browserForFile, closeContexts, pageAs, settled, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'

/**
 * Issue 14 in the browser: the local server at Monday 28 December 2026, 09:00 in Beijing, with
 * no 2027 data. 2027-01-01 is closed with its reason; a district admin enters a 2027 arrangement
 * in the app (made up for the test, not the State Council's: 元旦 1月1日–4日 off, Saturday 9
 * January worked); the date strip, a case's promised date across it and the statistics follow —
 * in normal mode and in 长辈版, with a screenshot of each step under artifacts/e2e/calendar-<mode>/.
 */
const MODES = [
  { elder: false, mode: 'normal' },
  { elder: true, mode: 'elder' },
] as const

const RESIDENT = 'dev-resident-wang'
const ADMIN = 'dev-admin-sun'
const DISTRICT = 'dev-district-gao'
const SERVICE = 'lsw-medical-remote'

const on = (page: Page) => (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()

/** One browser for both modes (each person a context of their own); each mode its own server: the year is entered anew. */
const fileBrowser = browserForFile()

for (const { elder, mode } of MODES) {
  describe(`working days of 2027 (${mode})`, () => {
    let server: LocalServer
    let browser: Browser
    let resident: Page
    let admin: Page
    let district: Page
    let caseId = ''
    const shoot = screenshotter(`calendar-${mode}`)
    /**
     * A step: 长辈版 exactly when it should be, and its screenshot; `scan` where the step shows a state that only this
     * journey reaches (the 2027 banner, the entry form with a mistake, the preview, saved, the reschedule message), scanned
     * by axe: the pages in their usual states (the date strip, a case, the statistics, the reschedule form) are scanned by
     * the accessibility e2e and test/e2e/booking-flow.e2e.test.ts.
     */
    const step = async (page: Page, name: string, scan?: 'scan') => {
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await wholePage(page, () => shoot(page, name))
      if (scan) expect(await seriousViolations(page)).toEqual([])
    }
    const go = (page: Page, route: string) => page.goto(`${server.url}/#${route}`)
    /** 统计's range, 1–8 January 2027, on the date wheels. */
    const pickStatsRange = async () => {
      await tap(admin.locator('#stats-from').filter({ visible: true }).first())
      await turnWheels(admin, ['2027年', '01月', '01日'])
      await tap(admin.locator('#stats-to').filter({ visible: true }).first())
      await turnWheels(admin, ['2027年', '01月', '08日'])
      await admin.getByText('1月8日 周五').filter({ visible: true }).first().waitFor()
    }
    /** The date strip's note of the closed days around 1 January. */
    const gap = (page: Page) => page.locator('.date-gap').filter({ visible: true, hasText: '1月1日' }).first().innerText()

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-12-28T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      resident = await pageAs(browser, RESIDENT, { elder })
      admin = await pageAs(browser, ADMIN, { elder })
      district = await pageAs(browser, DISTRICT, { elder })
      // Booked before the arrangement is known: Monday 4 January, an ordinary weekday so far.
      await createBooking(server, { serviceId: SERVICE, date: '2027-01-04', start: '09:00' })
      // A case applied for and accepted today: 5 working days.
      caseId = (
        await post(
          server,
          'delegation',
          {
            action: 'create',
            serviceId: 'lsw-pension-claim',
            forSelf: true,
            applicantName: '王建国',
            phone: '13800138000',
            description: '领取养老金',
            handover: 'window',
            consent: true,
            requestId: `e2e-calendar-case-${mode}`,
          },
          RESIDENT,
        )
      ).id
      // The promised clock starts when a clerk accepts the online request.
      await post(server, 'delegation', { action: 'advance', id: caseId, step: 'accept' }, 'dev-clerk-liu')
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    it('shows 2027-01-01 closed with its reason (元旦) while 2027 is unknown', async () => {
      const r = on(resident)
      await go(resident, `/pages/booking/slots/index?serviceId=${SERVICE}`)
      await r('1. 选择日期').waitFor()
      // The closed days from 1 January are one note in the strip, each span with its reason.
      await expect(gap(resident)).resolves.toMatch(/^1月1日\s*元旦\s*1月2日–3日\s*周末休息$/)
      await step(resident, 'strip-unknown-year')
    })

    it('shows the case due on 5 January, and 5 working days in 1–8 January', async () => {
      const r = on(resident)
      await go(resident, `/pages/delegation/detail/index?id=${caseId}`)
      await r(/承诺 1月5日 周二 前办结/).waitFor()
      await step(resident, 'case-before')
      const a = on(admin)
      await go(admin, '/staff/pages/admin/stats/index')
      await a('统计范围').waitFor()
      await pickStatsRange()
      await tap(a('查看'))
      await a(/本期共 5 个工作日/).waitFor()
    })

    it('warns on 工作台 and 中心管理 that 2027 is not entered, and who enters it', async () => {
      const a = on(admin)
      await go(admin, '/staff/pages/home/index')
      await a(/2027 年的放假安排还没有录入/).waitFor()
      await a(/请区级管理员在“工作台 → 年度放假安排”中录入/).waitFor()
      await step(admin, 'workbench-banner', 'scan')
      await go(admin, '/staff/pages/admin/index')
      await a(/2027 年的放假安排还没有录入/).waitFor()
    })

    it('lets the district admin enter 2027, see what changes and which dates have bookings, and save after confirming', async () => {
      const d = on(district)
      await go(district, '/staff/pages/home/index')
      await d('高文华（区级管理员）').waitFor()
      await tap(d('录入 2027 年放假安排'))
      await d(
        '按国务院办公厅的通知逐行填写：放假的起止日期，和调休上班的周六、周日。日期可写 1月1日 或 2027-01-01；某一行不放假就空着。',
      ).waitFor()
      // The form fills itself from the stored year when that answer comes: type after it (under load it came after the typing and blanked it).
      await settled(district)
      // A mistake first: a make-up day on a weekday.
      await district.locator('#l0-from input').fill('1月1日')
      await district.locator('#l0-to input').fill('1月4日')
      await district.locator('#l0-work input').fill('1月8日')
      await tap(d('预览变化'))
      await d(/调休上班日 1月8日 是周五，调休上班日只能是周六或周日/).waitFor()
      await step(district, 'enter-mistake', 'scan')
      await district.locator('#l0-work input').fill('1月9日')
      await tap(d('预览变化'))
      await d('· 1月4日 周一：改为放假（元旦），已有 1 个预约').waitFor()
      await d('· 1月9日 周六：改为上班（元旦调休上班）').waitFor()
      await step(district, 'preview', 'scan')
      await tap(d('确认无误，保存 2027 年放假安排'))
      await d(/2027 年放假安排已保存（第 1 版/).waitFor()
      await d(/已发消息请办事人改约/).waitFor()
      await step(district, 'saved', 'scan')
    })

    it('follows it in the date strip, the case’s promised date and the statistics', async () => {
      const r = on(resident)
      await go(resident, `/pages/booking/slots/index?serviceId=${SERVICE}`)
      await r('1. 选择日期').waitFor()
      await expect(gap(resident)).resolves.toMatch(/^1月1日–4日\s*元旦$/)
      await step(resident, 'strip-entered-year')
      await go(resident, `/pages/delegation/detail/index?id=${caseId}`)
      await r(/承诺 1月6日 周三 前办结/).waitFor()
      await step(resident, 'case-after')
      const a = on(admin)
      await go(admin, '/staff/pages/admin/stats/index')
      await a('统计范围').waitFor()
      await pickStatsRange()
      await tap(a('查看'))
      await a(/本期共 4 个工作日/).waitFor()
      await step(admin, 'stats-after')
      await go(admin, '/staff/pages/home/index')
      await a('中心管理').waitFor()
      expect(
        await admin
          .getByText(/2027 年的放假安排还没有录入/)
          .filter({ visible: true })
          .count(),
      ).toBe(0)
    })

    it('tells the resident booked on 4 January, and 改约 opens with one tap', async () => {
      const r = on(resident)
      await go(resident, '/pages/messages/index')
      await r('预约日不办公，请改约').waitFor()
      await step(resident, 'message', 'scan')
      await tap(r('预约日不办公，请改约'))
      await r('改约成功后，原预约才会取消。').waitFor()
      // Which booking moves, and why.
      await r('当前预约：1月4日 周一 09:00 开始').waitFor()
      await r('这一天（元旦）不办公，请另选时间。').waitFor()
      await step(resident, 'reschedule')
    })
  })
}
