import type { Browser, Page } from 'playwright-core'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { idNumberFor } from '../support/id-numbers'

/**
 * A resident books a counter appointment for their father through the H5 pages
 * against the real server, makes the usual mistakes on the way, then moves the
 * booking and cancels it. Thursday 26 November 2026, 09:00 in Beijing.
 */
describe('booking journey in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let page: Page
  const shot = screenshotter('booking')
  const father = { name: '王德福', id: idNumberFor('1950-03-15', 21), phone: '13912345678' }

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00' })
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
  const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()

  it('lets a resident choose who they are (dev identity)', async () => {
    await page.goto(`${server.url}/#/pages/identity/index`)
    await tap(text('王建国'))
    await page.goto(`${server.url}/#/pages/mine/index`)
    // Signed in: 我的 offers to switch (dev mode) and names no openid.
    await text('切换演示身份').waitFor()
    expect(await page.getByText('dev-resident-wang').count()).toBe(0)
  })

  it('finds 退休认证 in the guide and opens its service page with the materials', async () => {
    await page.goto(`${server.url}/#/pages/guide/index`)
    await page.locator('.search__input input').fill('认证')
    await tap(text('搜索'))
    await text(/“认证”找到 \d+ 项/).waitFor()
    await shot(page, 'guide-search')
    await tap(text('养老金领取资格认证（窗口认证）'))
    await text('需要带的材料（已备好 0/2）').waitFor()
    await tap(text('本人居民身份证（原件）'))
    await text('需要带的材料（已备好 1/2）').waitFor()
    await shot(page, 'service-detail')
  })

  it('picks tomorrow morning; the closed weekend is one note that says why', async () => {
    await tap(text('预约办理'))
    await text('1. 选择日期').waitFor()
    expect(await page.locator('.date-gap').filter({ visible: true }).first().innerText()).toMatch(/^11月28日–29日\s*周末休息$/)
    await shot(page, 'slots-weekend')
    await tap(text('11月27日'))
    await text('上午 09:00–09:15').waitFor()
    await shot(page, 'slots-tomorrow')
    await tap(text('上午 09:00–09:15'))
    await text('为谁预约').waitFor()
  })

  it('explains each mistake in the form, then books for the father', async () => {
    await tap(text('为家人预约'))
    await tap(text('确认预约'))
    await text('⚠ 请选择与办事人的关系').waitFor()
    await text('⚠ 请阅读并同意《个人信息保护说明》后再提交').waitFor()
    await tap(text('父母'))
    await page.locator('#name input').fill(father.name)
    // The last digit mistyped: the checksum catches it.
    const wrong = father.id.slice(0, 17) + (father.id[17] === '1' ? '2' : '1')
    await page.locator('#idNumber input').fill(wrong)
    await page.locator('#phone input').fill(father.phone)
    await tap(text(/我已阅读并同意/))
    await tap(text('确认预约'))
    await text('⚠ 身份证号码不正确，请核对最后一位').waitFor()
    await shot(page, 'form-errors')
    await page.locator('#idNumber input').fill(father.id)
    // A double tap must book once.
    await text('确认预约').dblclick({ force: true })
    await text('✓ 预约成功').waitFor({ timeout: 10_000 })
    await text('11月27日 周五 09:00–09:15').waitFor()
    // The ID number is masked on the page.
    await text(`身份证：${father.id.slice(0, 4)}**********${father.id.slice(14)}`).waitFor()
    await shot(page, 'booked')

    // 添加到日历 in the browser: an .ics file the page makes from the booking it shows, for the phone's calendar.
    const download = page.waitForEvent('download')
    await tap(text('添加到日历'))
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^预约-[A-Z0-9]{6,}\.ics$/)
    const ics = fs.readFileSync((await file.path())!, 'utf8')
    expect(ics).toContain('DTSTART:20261127T010000Z')
    expect(ics).toContain('SUMMARY:预约办事：养老金领取资格认证（窗口认证）')
    expect(ics).toContain(file.suggestedFilename().slice(3, -4))

    const db = new Database(path.join(server.dataDir, 'bianmin.sqlite'), { readonly: true })
    try {
      const rows = db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'").get() as { n: number }
      expect(rows.n).toBe(1)
    } finally {
      db.close()
    }
  })

  it('moves the booking to another slot, then cancels it', async () => {
    await tap(text('改约其他时间'))
    await text('改约成功后，原预约才会取消。').waitFor()
    await text('当前预约：11月27日 周五 09:00–09:15').waitFor()
    await tap(text('11月27日'))
    await tap(text('上午 10:00–10:15'))
    await text('改约到这个时间吗？').waitFor()
    await shot(page, 'reschedule-confirm')
    await tap(text('确认改约'))
    await text('✓ 改约成功，原时间已取消').waitFor({ timeout: 10_000 })
    await text('11月27日 周五 10:00–10:15').waitFor()
    await shot(page, 'rescheduled')

    await tap(text('取消预约'))
    await text('确定取消这个预约吗？').waitFor()
    await shot(page, 'cancel-confirm')
    await tap(text('确认取消'))
    await text('已取消').waitFor({ timeout: 10_000 })
    await shot(page, 'cancelled')

    await tap(text('查看我的预约'))
    await tap(text('已取消、失约'))
    await text(/办事人：王德福/).waitFor()
    await shot(page, 'my-bookings-cancelled')
  })
})
