import type { Browser, BrowserContext, Page } from 'playwright-core'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { browserForFile, closeContexts, loadAfresh, photoShown, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { attempt, post, stored } from './api'
import { seriousViolations } from './axe'
import { idNumberFor } from '../support/id-numbers'

/**
 * The three journeys of issue 8, end to end in the H5 build against the real
 * server, each on a fresh database and in a fresh browser context, each run in
 * normal mode and in 长辈版, with the mistakes people make on the way (a wrong
 * ID number, a slot that fills up, a double tap, the back button). Screenshots
 * of every step in artifacts/e2e/journey-<n>-<mode>/.
 */

const MODES = [
  { elder: false, mode: 'normal' },
  { elder: true, mode: 'elder' },
] as const

/** A person's own browser: their dev identity, the center chosen, 长辈版 on or off (as they left it in 我的). */
async function personContext(
  browser: Browser,
  openid: string,
  elder: boolean,
  viewport = { width: 390, height: 844 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' })
  await context.addInitScript(
    ([who, center, key, on]) => {
      localStorage.setItem('devOpenid', who)
      localStorage.setItem('centerId', center)
      localStorage.setItem(key, on)
    },
    [stored(openid), stored('lsw'), `elderMode:${openid}`, stored(elder)],
  )
  // The server's Content-Security-Policy must fit the H5 build: anything it blocks is recorded here.
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] }
    w.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return context
}

/** What is on screen (earlier pages stay hidden in the DOM on Taro's H5 stack). */
const on = (page: Page) => (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
const buttonOn = (page: Page) => (name: string | RegExp) =>
  page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true }).first()
const go = (server: LocalServer, page: Page, route: string) => page.goto(`${server.url}/#${route}`)
/** The route loaded in full (its data asked afresh), as a person reopening the app. */
const goAfresh = (server: LocalServer, page: Page, route: string) => loadAfresh(page, `${server.url}/#${route}`)
const idFromUrl = (page: Page) => new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''

/** The page on screen is in 长辈版 exactly when it should be. */
async function expectMode(page: Page, elder: boolean) {
  expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
}

/**
 * Steps whose page the accessibility e2e scans in the same state (every page on real records, 首页 with today's
 * booking, a case asked to complete): no second axe scan here. Every other step shows a state only a journey
 * reaches (a search, a mistake explained, a banner, a called ticket, a full slot) and is scanned.
 */
const SCANNED_ELSEWHERE = new Set([
  'journey-1/service',
  'journey-1/slots-tomorrow',
  'journey-1/after-back',
  'journey-1/my-bookings',
  'journey-1/day-home',
  'journey-1/ticket-waiting',
  'journey-2/form',
  'journey-2/my-requests',
  'journey-2/messages',
  'journey-3/asked-supplement',
])

/**
 * Screenshot of the whole page, nothing blocked by the CSP and, unless the accessibility e2e scans the same state
 * (SCANNED_ELSEWHERE), no serious or critical axe finding on it.
 */
function stepper(journey: number, mode: string) {
  const shoot = screenshotter(`journey-${journey}-${mode}`)
  return async (page: Page, name: string) => {
    await wholePage(page, () => shoot(page, name))
    if (!SCANNED_ELSEWHERE.has(`journey-${journey}/${name}`)) expect(await seriousViolations(page)).toEqual([])
    // Nothing blocked by the content security policy, and the template's inline script (allowed by its hash) ran.
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).not.toBe('')
  }
}

/** One browser for the file (each person a context of their own); each journey its own server and database. */
const fileBrowser = browserForFile()

for (const { elder, mode } of MODES) {
  describe(`journey 1 (${mode}): 退休认证 booked for tomorrow for the father, checked in on the day, called and completed`, () => {
    // Day D−1 is Thursday 26 November 2026 (a working day); day D is Friday 27 November.
    let server: LocalServer
    let browser: Browser
    let resident: Page
    let clerk: Page
    let bookingId = ''
    const step = stepper(1, mode)
    const father = { name: '王德福', id: idNumberFor('1950-03-15', 21), phone: '13912345678' }

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T15:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      resident = await (await personContext(browser, 'dev-resident-wang', elder)).newPage()
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    it('finds 退休认证 in the guide and opens the service', async () => {
      const text = on(resident)
      await go(server, resident, '/pages/guide/index')
      await resident.locator('.search__input input').fill('退休认证')
      await tap(text('搜索'))
      await text(/“退休认证”找到 \d+ 项/).waitFor()
      await step(resident, 'guide-search')
      await expectMode(resident, elder)
      await tap(text('养老金领取资格认证（窗口认证）'))
      await text(/需要带的材料/).waitFor()
      await step(resident, 'service')
    })

    it('picks tomorrow 09:15, which fills up before the form is sent: the form says so and leads back to the times', async () => {
      const text = on(resident)
      await tap(text('预约办理'))
      await text('1. 选择日期').waitFor()
      await tap(text('11月27日'))
      await text('上午 09:15–09:30').waitFor()
      await step(resident, 'slots-tomorrow')
      await tap(text('上午 09:15–09:30'))
      await text('为谁预约').waitFor()
      // Meanwhile others book 09:15 out.
      for (let i = 0; i < 20; i++) {
        const r = await attempt(
          server,
          'booking',
          {
            action: 'create',
            serviceId: 'lsw-cert-counter',
            date: '2026-11-27',
            start: '09:15',
            person: { name: '李秀英', idNumber: idNumberFor('1954-01-01', 100 + i), phone: '13700000000' },
            forSelf: true,
            consent: true,
            requestId: `journey-fill-${mode}-${i}`,
          },
          `o-e2e-filler-${i}`,
        )
        if (!r.ok) {
          expect(r.error!.code).toBe('SLOT_FULL')
          break
        }
      }
    })

    it('explains a wrong ID number, then the full slot, and books 09:00 for the father with a double tap booking once', async () => {
      const text = on(resident)
      const button = buttonOn(resident)
      await tap(button('为家人预约'))
      await tap(button('父母'))
      await resident.locator('#name input').fill(father.name)
      await resident.locator('#idNumber input').fill(father.id.slice(0, 17) + (father.id[17] === '1' ? '2' : '1'))
      await resident.locator('#phone input').fill(father.phone)
      await tap(text(/我已阅读并同意/))
      await tap(button('确认预约'))
      await text('⚠ 身份证号码不正确，请核对最后一位').waitFor()
      await step(resident, 'form-wrong-id')
      await resident.locator('#idNumber input').fill(father.id)
      await tap(button('确认预约'))
      await text('该时段已约满，请选择其他时段').waitFor({ timeout: 10_000 })
      await step(resident, 'form-slot-full')
      await tap(button('重新选择时间'))
      await text('2. 选择时段').waitFor()
      await tap(text('11月27日'))
      await text('上午 09:15–09:30').waitFor()
      await step(resident, 'slots-0915-full')
      // A full slot is said in words and offers 候补 (issue 20) instead of booking.
      await expect(
        resident.locator('taro-button-core.slot').filter({ hasText: '09:15–09:30' }).filter({ visible: true }).first().innerText(),
      ).resolves.toContain('已约满 · 点此候补')
      await tap(text('上午 09:00–09:15'))
      await text('为谁预约').waitFor()
      await tap(button('为家人预约'))
      await tap(button('父母'))
      await resident.locator('#name input').fill(father.name)
      await resident.locator('#idNumber input').fill(father.id)
      await resident.locator('#phone input').fill(father.phone)
      await tap(text(/我已阅读并同意/))
      await button('确认预约').dblclick({ force: true })
      await text('✓ 预约成功').waitFor({ timeout: 10_000 })
      await text('11月27日 周五 09:00–09:15').waitFor()
      await text('预约码（到窗口出示）').waitFor()
      bookingId = idFromUrl(resident)
      await step(resident, 'booked')
      const mine = await post(server, 'booking', { action: 'listMine' }, 'dev-resident-wang')
      expect(mine.items.filter((b) => b.status === 'booked')).toHaveLength(1)
    })

    it('goes back from the booking: the times again, asked afresh (09:15 已约满 in words), and still one booking', async () => {
      const text = on(resident)
      await resident.goBack()
      await text('已约满').waitFor()
      await text('剩余 5 个号').waitFor()
      await step(resident, 'after-back')
      await go(server, resident, '/pages/booking/mine/index')
      await text(/办事人：王德福/).waitFor()
      expect(
        await resident
          .getByText(/办事人：王德福/)
          .filter({ visible: true })
          .count(),
      ).toBe(1)
      await step(resident, 'my-bookings')
    })

    it('on the day: checks in from 首页 with the code from the hall board; a mistyped code is explained', async () => {
      const dataDir = server.dataDir
      await server.stop()
      server = await startLocalServer({ DATA_DIR: dataDir, APP_NOW: '2026-11-27T08:50:00+08:00', JOBS_INTERVAL_MS: '0' })
      clerk = await (await personContext(browser, 'dev-clerk-liu', false, { width: 430, height: 932 })).newPage()
      await go(server, clerk, '/staff/pages/board/index')
      await on(clerk)('预约签到码').waitFor()
      const code = (await clerk.locator('.hall__code-digits').first().innerText()).trim()
      expect(code).toMatch(/^\d{6}$/)

      const text = on(resident)
      const button = buttonOn(resident)
      // Opening the app: 首页 shows today's booking with where to go and the one button.
      await goAfresh(server, resident, '/pages/index/index')
      await text('今天的预约').waitFor()
      await text(/地点：.*号窗口）/).waitFor()
      await step(resident, 'day-home')
      await tap(button('签到取号'))
      await text('输入大厅屏幕上的签到码').waitFor()
      await resident.locator('#code input').fill(code === '111111' ? '222222' : '111111')
      await tap(resident.getByRole('button', { name: '签到取号' }))
      await text('⚠ 签到码不正确或已过期，请看大厅屏幕上的最新签到码').waitFor()
      await step(resident, 'check-in-wrong-code')
      await resident.locator('#code input').fill(code)
      await resident.getByRole('button', { name: '签到取号' }).dblclick({ force: true })
      await text(/A\d{3}|B\d{3}|C\d{3}/).waitFor({ timeout: 10_000 })
      await step(resident, 'ticket-waiting')
    })

    it('is called by the clerk at window 1, served and completed; the booking says 已办结', async () => {
      const text = on(resident)
      await go(server, clerk, '/staff/pages/queue/index?window=1')
      await tap(on(clerk)('叫下一位'))
      await on(clerk)(/已呼叫/).waitFor()
      await text('请到 1 号窗口').waitFor({ timeout: 3_000 })
      await step(resident, 'ticket-called')
      await tap(clerk.locator('.ticket-row--current').getByText('开始办理'))
      await text('正在 1 号窗口办理').waitFor({ timeout: 3_000 })
      await tap(clerk.locator('.ticket-row--current').getByText('办结'))
      await text('已办结，感谢您的耐心等候').waitFor({ timeout: 3_000 })
      await step(resident, 'ticket-completed')
      const booking = await post(server, 'booking', { action: 'get', id: bookingId }, 'dev-resident-wang')
      expect(booking.status).toBe('completed')
    })
  })

  describe(`journey 2 (${mode}): home certification for an 85-year-old, assigned, visited, 认证通过, seen by the family`, () => {
    let server: LocalServer
    let browser: Browser
    let family: Page
    let requestId = ''
    const step = stepper(2, mode)
    const mother = { name: '张桂兰', id: idNumberFor('1941-05-01', 12) }

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      family = await (await personContext(browser, 'dev-family-zhao', elder)).newPage()
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    it('the family member asks for her mother: a wrong ID number is explained, a double tap asks once', async () => {
      const text = on(family)
      const exact = (t: string) => family.getByText(t, { exact: true }).filter({ visible: true }).first()
      await go(server, family, '/pages/index/index')
      await tap(exact('上门认证'))
      await text('1. 老人信息').waitFor()
      await step(family, 'form')
      await expectMode(family, elder)
      await family.locator('#elderName input').fill(mother.name)
      await family.locator('#elderId input').fill(mother.id.slice(0, 17) + (mother.id[17] === '1' ? '2' : '1'))
      await tap(exact('灵山卫社区'))
      await family.locator('#address input').fill('灵山卫街道灵山湾路 88 号 2 单元 301')
      await tap(exact('高龄'))
      await family.locator('#requesterName input').fill('赵敏')
      await tap(exact('父母'))
      await family.locator('#requesterPhone input').fill('13812345678')
      await tap(family.locator('[aria-label="11月27日 周五 上午"]').filter({ visible: true }).first())
      await tap(text(/我已阅读并同意/))
      await tap(text('提交申请'))
      await text(/身份证号码不正确/).waitFor()
      await step(family, 'form-wrong-id')
      await family.locator('#elderId input').fill(mother.id)
      await text('按身份证号码，老人今年 85 周岁。号码加密保存，页面上只显示部分数字。').waitFor()
      await text('提交申请').dblclick({ force: true })
      await text('✓ 申请已提交').waitFor({ timeout: 10_000 })
      requestId = idFromUrl(family)
      expect(requestId).toMatch(/^hc/)
      await step(family, 'submitted')
    })

    it('goes back from the submitted request: still one request, and 我的申请 shows it', async () => {
      await family.goBack()
      await family.waitForTimeout(500)
      await step(family, 'after-back')
      await goAfresh(server, family, '/pages/homecert/mine/index')
      await on(family)(/张桂兰/).waitFor()
      expect(
        await family
          .getByText(/编号 \d{8}-\d{3}/)
          .filter({ visible: true })
          .count(),
      ).toBe(1)
      await step(family, 'my-requests')
    })

    it('a supervisor assigns; the grid worker agrees the time, visits the next morning and records 认证通过', async () => {
      const supervisor = await (await personContext(browser, 'dev-supervisor-zhou', false)).newPage()
      await go(server, supervisor, `/staff/pages/homecert/detail/index?id=${requestId}`)
      await tap(on(supervisor)('派单给陈志强'))
      await on(supervisor)('✓ 已派单').waitFor({ timeout: 10_000 })
      await step(supervisor, 'supervisor-assigned')
      const worker = await (await personContext(browser, 'dev-grid-chen', false)).newPage()
      await go(server, worker, `/staff/pages/homecert/detail/index?id=${requestId}`)
      await tap(worker.getByText('11月27日 周五 上午', { exact: true }).filter({ visible: true }).first())
      await tap(on(worker)('确认上门时间：11月27日 周五 上午'))
      await on(worker)('✓ 已约定上门时间，家属会收到通知').waitFor({ timeout: 10_000 })

      const dataDir = server.dataDir
      await server.stop()
      server = await startLocalServer({ APP_NOW: '2026-11-27T09:30:00+08:00', JOBS_INTERVAL_MS: '0', DATA_DIR: dataDir })
      await goAfresh(server, worker, `/staff/pages/homecert/detail/index?id=${requestId}`)
      await tap(worker.getByText('开始上门', { exact: true }).filter({ visible: true }).first())
      await on(worker)('✓ 已开始上门，家属会收到通知').waitFor({ timeout: 10_000 })
      // The page reloads the request after the banner: once 开始上门 is gone the buttons stop moving (a tap in between can land on the next one).
      await worker.getByText('开始上门', { exact: true }).filter({ visible: true }).waitFor({ state: 'detached' })
      await tap(worker.getByText('认证通过', { exact: true }).filter({ visible: true }).first())
      // The evidence: how the elder was seen, and a photo taken at the door.
      await tap(worker.getByText('上门现场核验', { exact: true }).filter({ visible: true }).first())
      const dataUrl = await worker.evaluate(() => {
        const canvas = document.createElement('canvas')
        canvas.width = 640
        canvas.height = 480
        const ctx = canvas.getContext('2d')!
        ctx.fillStyle = '#dfe8f0'
        ctx.fillRect(0, 0, 640, 480)
        ctx.fillStyle = '#33414e'
        ctx.font = 'bold 40px sans-serif'
        ctx.fillText('上门核验 · 本人在家', 60, 120)
        return canvas.toDataURL('image/jpeg', 0.9)
      })
      const evidence = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-evidence-')), 'visit.jpg')
      fs.writeFileSync(evidence, Buffer.from(dataUrl.split(',')[1], 'base64'))
      const chooser = worker.waitForEvent('filechooser')
      await tap(on(worker)('拍照或选择核验照片'))
      await (await chooser).setFiles(evidence)
      await worker.locator('[aria-label="已选核验照片"]').filter({ visible: true }).first().waitFor()
      await step(worker, 'worker-evidence')
      await tap(worker.getByText('确认认证通过', { exact: true }).filter({ visible: true }).first())
      await on(worker)('✓ 已记录：认证通过').waitFor({ timeout: 10_000 })
      await on(worker)('核验方式：上门现场核验').waitFor()
      await photoShown(worker.locator('[aria-label="核验照片"]').filter({ visible: true }).first(), '/files/homecert/')
      await step(worker, 'worker-certified')
      fs.rmSync(path.dirname(evidence), { recursive: true, force: true })
    })

    it('the family sees the result on the request and in 消息', async () => {
      const text = on(family)
      await goAfresh(server, family, `/pages/homecert/detail/index?id=${requestId}`)
      await text('认证通过。下次认证请在 2027年11月27日 前完成，到期前会提醒您。').waitFor()
      await text('实际上门：11月27日 周五').waitFor()
      await text('核验方式：上门现场核验').waitFor()
      await text('核验照片：已留存').waitFor()
      await text('网格员工作电话：13905320101').waitFor()
      await step(family, 'family-certified')
      await go(server, family, '/pages/messages/index')
      await text(/已于 2026年11月27日 通过养老金领取资格认证/).waitFor()
      await step(family, 'messages')
    })
  })

  describe(`journey 3 (${mode}): a delegated case, a missing document supplied, refused 办结 while a material is missing, completed and rated`, () => {
    let server: LocalServer
    let browser: Browser
    let resident: Page
    let clerk: Page
    let caseId = ''
    const step = stepper(3, mode)
    const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-photo-')), 'hukou.jpg')

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      resident = await (await personContext(browser, 'dev-resident-wang', elder)).newPage()
      clerk = await (await personContext(browser, 'dev-clerk-liu', false)).newPage()
    })

    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
      fs.rmSync(path.dirname(photo), { recursive: true, force: true })
    })

    it('opens a case for his father: a missing choice is explained, a double tap opens one case', async () => {
      const text = on(resident)
      const button = buttonOn(resident)
      await go(server, resident, '/pages/index/index')
      await tap(text('帮办代办'))
      await tap(text('申请帮办代办'))
      await text('办理事项').waitFor()
      await tap(button('提交申请'))
      await text('⚠ 请选择要办理的事项').waitFor()
      await step(resident, 'form-errors')
      await expectMode(resident, elder)
      await tap(button('城乡居民养老保险待遇领取申请'))
      await tap(button('为家人办理'))
      await tap(button('父母'))
      await resident.locator('#applicantName input').fill('王德福')
      await resident.locator('#phone input').fill('13912345678')
      await resident.locator('.text-area--tall textarea').filter({ visible: true }).first().fill('父亲腿脚不便，请帮忙申请按月领取养老金')
      await tap(button(/我已阅读并同意/))
      await button('提交申请').dblclick({ force: true })
      await text('✓ 已提交，等待窗口受理。受理后开始计算承诺时限。').waitFor({ timeout: 10_000 })
      await text('已提交（待受理）').waitFor()
      caseId = idFromUrl(resident)
      expect(caseId).toMatch(/^cs/)
      await step(resident, 'created')
      await resident.goBack()
      await resident.waitForTimeout(500)
      await step(resident, 'after-back')
      await goAfresh(server, resident, '/pages/delegation/mine/index')
      await text(/DB20261126-0001/).waitFor()
      expect(
        await resident
          .getByText(/DB20261126-000\d/)
          .filter({ visible: true })
          .count(),
      ).toBe(1)
    })

    it('the clerk accepts it and asks for the missing 户口簿; the resident is told and answers with a photo', async () => {
      await post(server, 'delegation', { action: 'advance', id: caseId, step: 'accept' }, 'dev-clerk-liu')
      await post(server, 'delegation', { action: 'advance', id: caseId, step: 'start' }, 'dev-clerk-liu')
      await post(server, 'delegation', { action: 'tickMaterial', id: caseId, index: 1, status: 'missing' }, 'dev-clerk-liu')
      await post(
        server,
        'delegation',
        { action: 'advance', id: caseId, step: 'ask_supplement', missing: ['户口簿'], note: '请拍户主页和本人页，或明天带原件来' },
        'dev-clerk-liu',
      )
      const text = on(resident)
      const button = buttonOn(resident)
      await goAfresh(server, resident, `/pages/delegation/detail/index?id=${caseId}`)
      await text('需要您补交材料').waitFor()
      await text('· 户口簿').waitFor()
      await step(resident, 'asked-supplement')
      const dataUrl = await resident.evaluate(() => {
        const canvas = document.createElement('canvas')
        canvas.width = 800
        canvas.height = 550
        const ctx = canvas.getContext('2d')!
        ctx.fillStyle = '#f3ead7'
        ctx.fillRect(0, 0, 800, 550)
        ctx.fillStyle = '#5a3e2b'
        ctx.font = 'bold 45px sans-serif'
        ctx.fillText('居民户口簿 · 户主页', 60, 100)
        return canvas.toDataURL('image/jpeg', 0.9)
      })
      fs.writeFileSync(photo, Buffer.from(dataUrl.split(',')[1], 'base64'))
      await resident.locator('.text-area--tall textarea').filter({ visible: true }).first().fill('户主页和本人页的照片见附件')
      const chooser = resident.waitForEvent('filechooser')
      await tap(button(/拍照或选择照片/))
      await (await chooser).setFiles(photo)
      await text('删除照片 1').waitFor()
      await button('提交补交的材料').dblclick({ force: true })
      await text('办理中').waitFor({ timeout: 10_000 })
      await step(resident, 'supplied')
    })

    it('the clerk cannot close it while 户口簿 is still marked missing', async () => {
      await post(server, 'delegation', { action: 'advance', id: caseId, step: 'submit', department: '区社保中心' }, 'dev-clerk-liu')
      const text = on(clerk)
      const button = buttonOn(clerk)
      await go(server, clerk, `/staff/pages/delegation/detail/index?id=${caseId}`)
      await text(/⚠ 暂不能办结：还有材料未收齐：.*户口簿（缺少）/).waitFor()
      await tap(button('办结'))
      await clerk.locator('.step-form .text-area--tall textarea').fill('审核通过，12 月起按月发放养老金')
      await button('确认办结').dblclick({ force: true })
      await text(/⚠ 还有材料未收齐：.*户口簿（缺少）/).waitFor()
      await step(clerk, 'staff-conclude-refused')
      const refused = await attempt(
        server,
        'delegation',
        { action: 'advance', id: caseId, step: 'conclude', result: '审核通过' },
        'dev-clerk-liu',
      )
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })

    it('the clerk completes it once every material is in; the resident rates it (an empty rating is explained first)', async () => {
      for (const index of [0, 1, 2, 3])
        await post(server, 'delegation', { action: 'tickMaterial', id: caseId, index, status: 'received' }, 'dev-clerk-liu')
      await post(
        server,
        'delegation',
        { action: 'advance', id: caseId, step: 'conclude', result: '审核通过，12 月起按月发放养老金' },
        'dev-clerk-liu',
      )
      await goAfresh(server, clerk, `/staff/pages/delegation/detail/index?id=${caseId}`)
      await on(clerk)('在承诺时限内办结（12月3日 周四 前）').waitFor()
      await step(clerk, 'staff-concluded')
      const text = on(resident)
      const button = buttonOn(resident)
      await goAfresh(server, resident, `/pages/delegation/detail/index?id=${caseId}`)
      await text('审核通过，12 月起按月发放养老金').waitFor()
      await text('请凭取件码到窗口领取办理结果。').waitFor()
      await step(resident, 'concluded')
      await tap(button('提交评价'))
      await text('⚠ 请先选择满意程度').waitFor()
      await step(resident, 'rating-empty')
      await tap(resident.locator('[role="radio"]').filter({ hasText: '非常满意' }).filter({ visible: true }).first())
      await button('提交评价').dblclick({ force: true })
      await text('您的评价').waitFor({ timeout: 10_000 })
      await step(resident, 'rated')
    })
  })
}
