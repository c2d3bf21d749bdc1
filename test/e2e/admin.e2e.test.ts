import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { nthIdNumber } from '../support/id-numbers'
import { parseCsv } from '../support/parse-csv'
import { seedStatsMonth } from '../support/stats-month'

/**
 * An admin of 灵山卫 invites a new clerk; the clerk (a WeChat user who is no
 * persona: another browser, another X-Openid) takes the invite up and sees only
 * their windows; the admin changes a service's seats per slot and the
 * resident's slot grid follows; the statistics page over a month of activity.
 * Thursday 26 November 2026, 09:00 in Beijing.
 */
describe('admin journey in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let admin: Page
  let clerk: Page
  let resident: Page
  const shot = screenshotter('admin')
  const CLERK = 'o-e2e-new-clerk-zhang'
  const SERVICE = 'lsw-medical-remote'
  let inviteCode = ''

  /** A browser of its own for one person, the dev identity and the center already chosen. */
  const personPage = (openid: string) => pageAs(browser, openid, { acceptDownloads: true })

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00' })
    browser = await launchBrowser()
    admin = await personPage('dev-admin-sun')
    clerk = await personPage(CLERK)
    resident = await personPage('dev-resident-wang')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
  const on = (page: Page) => (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
  const go = (page: Page, route: string) => page.goto(`${server.url}/#${route}`)
  /** The whole page in one picture: Taro H5 scrolls inside the page, so a tall window instead of fullPage. */
  const tallShot = async (page: Page, name: string, height = 3600) => {
    await page.setViewportSize({ width: 390, height })
    await shot(page, name)
    await page.setViewportSize({ width: 390, height: 844 })
  }

  it('lets the admin invite a clerk for windows 4 and 5', async () => {
    const text = on(admin)
    await go(admin, '/staff/pages/home/index')
    await tap(text('人员、事项、办公时间、规则、统计'))
    await text('人员与邀请').waitFor()
    await shot(admin, 'admin-home')
    await tap(text('人员与邀请'))
    await text('邀请工作人员').waitFor()
    await admin.locator('#invite-name input').fill('张明')
    await tap(text('4 号 民政残联'))
    await tap(text('5 号 户籍计生'))
    await tap(text('生成邀请码'))
    await text('给张明的邀请').waitFor()
    await text('窗口人员（4、5 号窗口）').waitFor()
    inviteCode = (await admin.locator('.invite-code').filter({ visible: true }).first().innerText()).replace(/\s/g, '')
    expect(inviteCode).toMatch(/^[2-9A-Z]{8}$/)
    await expect(admin.locator('img[alt^="二维码：BMINVITE:"]').filter({ visible: true }).count()).resolves.toBe(1)
    await tallShot(admin, 'invite-created')
  })

  it('lets the clerk, in another browser, bind with the code and see only their windows', async () => {
    const text = on(clerk)
    await go(clerk, '/pages/mine/index')
    await tap(text('输入邀请码'))
    await clerk.locator('#invite-code input').fill(inviteCode.slice(0, 4).toLowerCase() + ' ' + inviteCode.slice(4))
    await tap(text('查看邀请'))
    await text('岗位：窗口人员（4、5 号窗口）').waitFor()
    await shot(clerk, 'join-preview')
    await tap(text('确认绑定到我的微信'))
    await text('✓ 绑定成功').waitFor()
    await shot(clerk, 'join-done')
    await tap(text('进入工作台'))
    await text('窗口人员：4 号窗口、5 号窗口').waitFor()
    await go(clerk, '/staff/pages/queue/index')
    await text(/^4 号窗口 · /).waitFor()
    const windows = await clerk.locator('.pick--window').filter({ visible: true }).allInnerTexts()
    // Each of her windows with how many wait there (nobody yet).
    expect(windows.map((w) => w.trim())).toEqual(['4 号 · 等候 0', '5 号 · 等候 0'])
    await shot(clerk, 'clerk-console')
  })

  it('lists the new clerk for the admin; a second use of the code is refused', async () => {
    const res = await fetch(`${server.url}/api/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'o-someone-else' },
      body: JSON.stringify({ action: 'redeemInvite', code: inviteCode }),
    })
    expect((await res.json()).error.code).toBe('CONFLICT')
    const text = on(admin)
    await go(admin, '/staff/pages/admin/people/index')
    await text('张明').waitFor()
    await text('· 窗口人员（4、5 号窗口）').waitFor()
  })

  it("changes a service's seats per slot and the resident's slot grid follows", async () => {
    const r = on(resident)
    await go(resident, `/pages/booking/slots/index?serviceId=${SERVICE}`)
    await tap(r('11月27日'))
    await r('上午 09:00–09:30').waitFor()
    const left = () => resident.locator('.slot').filter({ visible: true }).first().locator('.slot__left').innerText()
    expect(await left()).toBe('剩余 4 个号')
    await shot(resident, 'slots-before')

    const a = on(admin)
    await go(admin, '/staff/pages/admin/services/index')
    await tap(admin.getByLabel('编辑 异地就医备案').filter({ visible: true }).first())
    await a('编辑：异地就医备案').waitFor()
    await admin.locator('#svc-capacity input').fill('6')
    await tap(a('保存'))
    await a('「异地就医备案」已保存。').waitFor()
    await shot(admin, 'capacity-raised')

    await resident.reload()
    await tap(r('11月27日'))
    await r('上午 09:00–09:30').waitFor()
    expect(await left()).toBe('剩余 6 个号')
    await shot(resident, 'slots-after-raise')
  })

  it('lowers the seats below what is booked: bookings kept, the slot listed, the grid full there', async () => {
    for (let n = 1; n <= 3; n++) {
      const res = await fetch(`${server.url}/api/booking`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': `o-e2e-resident-${n}` },
        body: JSON.stringify({
          action: 'create',
          centerId: 'lsw',
          serviceId: SERVICE,
          date: '2026-11-27',
          start: '09:00',
          person: { name: '王建国', idNumber: nthIdNumber(n), phone: '13812345678' },
          forSelf: true,
          consent: true,
          requestId: `e2e-admin-${n}-request`,
        }),
      })
      expect((await res.json()).ok).toBe(true)
    }
    const a = on(admin)
    await go(admin, '/staff/pages/admin/services/index')
    await tap(admin.getByLabel('编辑 异地就医备案').filter({ visible: true }).first())
    await admin.locator('#svc-capacity input').fill('2')
    await tap(a('保存'))
    await a('受影响的已预约时段（预约均已保留）').waitFor()
    await a(/异地就医备案 11月27日 周五 09:00：已约 3 人，已约人数超过新的名额/).waitFor()
    await tallShot(admin, 'capacity-lowered')

    const r = on(resident)
    await resident.reload()
    await tap(r('11月27日'))
    await r('上午 09:00–09:30').waitFor()
    const slots = resident.locator('.slot').filter({ visible: true })
    // Full: said in words, with 候补 offered (issue 20).
    expect(await slots.nth(0).locator('.slot__left').innerText()).toBe('已约满 · 点此候补')
    expect(await slots.nth(1).locator('.slot__left').innerText()).toBe('剩余 2 个号')
    await shot(resident, 'slots-after-lower')
  })

  it('shows a month of statistics with bars and numbers, and exports a table', async () => {
    const db = new Database(path.join(server.dataDir, 'bianmin.sqlite'))
    try {
      seedStatsMonth(db)
    } finally {
      db.close()
    }
    const a = on(admin)
    await go(admin, '/staff/pages/admin/stats/index')
    await a('统计范围').waitFor()
    await tap(a('立即更新数据'))
    await a(/数据更新于/).waitFor()
    await a('排队等候与办理时间').waitFor()
    await a(/医疗保障：\d+ 个号；平均等候 10 分钟，90% 的人等候不超过 30 分钟/).waitFor()
    await tallShot(admin, 'stats', 6000)

    const download = admin.waitForEvent('download')
    await tap(admin.getByLabel('导出表格（CSV）：预约办理').filter({ visible: true }).first())
    const file = await download
    expect(file.suggestedFilename()).toBe('预约办理_2026-11-01_2026-11-26.csv')
    const csv = fs.readFileSync((await file.path())!, 'utf8')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(parseCsv(csv)[0]).toEqual(['事项', '预约数', '已签到', '失约', '已取消'])
    await a(/已下载「预约办理_2026-11-01_2026-11-26.csv」/).waitFor()
    await tap(a('上月'))
    await a('10月1日 周四 至 10月31日 周六（北京时间）').waitFor()
    await tallShot(admin, 'stats-last-month', 2400)
  })

  it('shows the audit log with the export and the configuration changes, filterable by area', async () => {
    const a = on(admin)
    await go(admin, '/staff/pages/admin/audit/index')
    await a('导出统计表').waitFor()
    await a('修改事项').waitFor()
    await a('接受邀请').waitFor()
    await tallShot(admin, 'audit')
    await tap(admin.getByRole('radio', { name: '中心设置' }).filter({ visible: true }).first())
    await tap(a('查询'))
    await a(/共显示 2 条/).waitFor()
    await shot(admin, 'audit-config')
  })
})
