import type { Browser, BrowserContext, Page } from 'playwright-core'
import Database from 'better-sqlite3'
import path from 'node:path'
import { launchBrowser, loadAfresh, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'
import { idNumberFor } from '../support/id-numbers'

/**
 * Door-to-door certification end to end in the H5 pages against the real
 * server: a daughter asks for her 85-year-old mother (with the usual mistakes
 * first), the supervisor assigns the community's grid worker, the worker agrees
 * one of the family's half-days; the next morning (a second server on the same
 * data, its clock a day on) the worker starts the visit and records 认证通过.
 * The family sees each step on the timeline and in 消息.
 */
describe('home certification journey in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let requestId = ''
  const screenshot = screenshotter('homecert')
  /** The whole page, not only the first screen: Taro H5 scrolls inside the page element, so the viewport grows to fit it for the shot. */
  async function shot(p: Page, name: string) {
    const height = await p.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('.taro_page'))
          .filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).display !== 'none')
          .map((e) => e.scrollHeight),
        0,
      ),
    )
    const size = p.viewportSize()!
    if (height > size.height) await p.setViewportSize({ width: size.width, height: Math.min(height + 60, 4000) })
    await screenshot(p, name)
    await p.setViewportSize(size)
  }
  const mother = { name: '张桂兰', id: idNumberFor('1941-05-01', 12) }

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
  const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
  const exact = (t: string) => page.getByText(t, { exact: true }).filter({ visible: true }).first()
  const labelled = (label: string) => page.locator(`[aria-label="${label}"]`).filter({ visible: true }).first()

  async function actAs(name: string) {
    await page.goto(`${server.url}/#/pages/identity/index`)
    await tap(exact(name))
    await page.waitForTimeout(300)
  }

  /** Opens a page afresh (a full load: pages kept on the H5 stack would still show the previous person's data). */
  async function open(hashPath: string) {
    await loadAfresh(page, `${server.url}/#${hashPath}`)
  }

  it('opens the request form from 首页 as a family member', async () => {
    await actAs('赵敏')
    await open(`/pages/index/index`)
    await tap(exact('上门认证'))
    await text('1. 老人信息').waitFor()
    await text('灵山卫社区').waitFor()
    await shot(page, 'form')
  })

  it('explains each mistake, then submits for an 85-year-old mother', async () => {
    await tap(text('提交申请'))
    await text('⚠ 请选择老人所在的社区/村').waitFor()
    await text('⚠ 请至少选择 1 个方便上门的时间').waitFor()
    await text('⚠ 请阅读并同意《个人信息保护说明》后再提交').waitFor()
    await shot(page, 'form-errors')

    await page.locator('#elderName input').fill(mother.name)
    await page.locator('#elderId input').fill(mother.id)
    await text('按身份证号码，老人今年 85 周岁。号码加密保存，页面上只显示部分数字。').waitFor()
    await tap(exact('灵山卫社区'))
    await page.locator('#address input').fill('灵山卫街道灵山湾路 88 号 2 单元 301')
    await tap(exact('高龄'))
    await page.locator('#requesterName input').fill('赵敏')
    await tap(exact('父母'))
    await page.locator('#requesterPhone input').fill('13812345678')
    await tap(labelled('11月27日 周五 上午'))
    await tap(labelled('11月30日 周一 下午'))
    await text('已选 2 个，最多 3 个').waitFor()
    await tap(text(/我已阅读并同意/))
    await shot(page, 'form-filled')
    // A double tap must ask once.
    await text('提交申请').dblclick({ force: true })
    await text('✓ 申请已提交').waitFor({ timeout: 10_000 })
    requestId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
    expect(requestId).toMatch(/^hc/)
    await text('等待中心派单，一般 3 个工作日内安排网格员，并打电话与您约定上门时间。').waitFor()
    await text('赵敏（家属）提交了申请：方便上门的时间：11月27日 周五 上午、11月30日 周一 下午').waitFor()
    await text(`身份证：${mother.id.slice(0, 4)}**********${mother.id.slice(14)}`).waitFor()
    await shot(page, 'submitted')

    const db = new Database(path.join(server.dataDir, 'bianmin.sqlite'), { readonly: true })
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM homecert_requests').get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  })

  it('lets the supervisor assign the community’s grid worker', async () => {
    await actAs('周敏')
    await open(`/staff/pages/home/index`)
    await text('上门认证派单').waitFor()
    await shot(page, 'staff-home')
    await tap(text('上门认证派单'))
    await text('张桂兰（85 岁）').waitFor()
    await shot(page, 'supervisor-list')
    await tap(text('张桂兰（85 岁）'))
    await text('✓ 陈志强（负责该社区）').waitFor()
    // The supervisor sees the address, phones masked.
    await text('申请人电话：138****5678').waitFor()
    await shot(page, 'supervisor-detail')
    await tap(text('派单给陈志强'))
    await text('✓ 已派单').waitFor({ timeout: 10_000 })
    await text('网格员：陈志强').waitFor()
    await shot(page, 'assigned')
  })

  it('lets the worker agree one of the family’s half-days', async () => {
    await actAs('陈志强')
    await open(`/staff/pages/homecert/list/index?view=mine`)
    await tap(text('张桂兰（85 岁）'))
    await text('约定上门时间').waitFor()
    // The assigned worker sees the phone whole, with a call button.
    await text('申请人电话：13812345678').waitFor()
    await tap(exact('11月27日 周五 上午'))
    await shot(page, 'worker-schedule')
    await tap(text('确认上门时间：11月27日 周五 上午'))
    await text('✓ 已约定上门时间，家属会收到通知').waitFor({ timeout: 10_000 })
    await text('上门时间：11月27日 周五 上午').waitFor()
    await shot(page, 'scheduled')

    // A result before the agreed day reads as a visit that never happened: refused without a reason.
    await tap(exact('认证通过'))
    await text('还没到约定的上门日期（11月27日 周五 上午），提前记录的原因').waitFor()
    await tap(exact('确认认证通过'))
    await text('约定的上门日期是 11月27日，当天或之后才能记录结果；确需提前记录，请写明原因').waitFor({ timeout: 10_000 })
    await shot(page, 'certify-early-refused')
    await tap(exact('返回'))
    await text('已约定上门').waitFor()
  })

  it('shows the family who comes when', async () => {
    await actAs('赵敏')
    await open(`/pages/homecert/detail/index?id=${requestId}`)
    await text('网格员陈志强将于 11月27日 周五 上午 上门。请家中留人，备好老人的身份证原件。').waitFor()
    await text('网格员：陈志强').waitFor()
    await text('网格员工作电话：13905320101').waitFor()
    await page.locator('taro-button-core').filter({ hasText: '拨打 13905320101' }).filter({ visible: true }).first().waitFor()
    await text('主管周敏派单：由网格员陈志强负责').waitFor()
    await shot(page, 'family-scheduled')
  })

  it('the next morning, lets the worker start the visit and record 认证通过', async () => {
    const dataDir = server.dataDir
    await server.stop()
    server = await startLocalServer({ APP_NOW: '2026-11-27T09:30:00+08:00', JOBS_INTERVAL_MS: '0', DATA_DIR: dataDir })
    await actAs('陈志强')
    await open(`/staff/pages/homecert/detail/index?id=${requestId}`)
    await tap(exact('开始上门'))
    await text('✓ 已开始上门，家属会收到通知').waitFor({ timeout: 10_000 })
    // The page reloads the request after the banner: once 开始上门 is gone the buttons stop moving (a tap in between can land on the next one).
    await exact('开始上门').waitFor({ state: 'detached' })
    await tap(exact('认证通过'))
    await text('确认认证通过吗？认证日期记为今天。').waitFor()
    expect(
      await page
        .getByText(/提前记录的原因/)
        .filter({ visible: true })
        .count(),
    ).toBe(0)
    await tap(exact('确认认证通过'))
    await text('请选择核验方式：上门现场核验或视频核验').waitFor({ timeout: 10_000 })
    await tap(exact('上门现场核验'))
    await tap(exact('确认认证通过'))
    await text('请留下核验凭证：拍一张照片，或写明核验情况').waitFor({ timeout: 10_000 })
    await page
      .locator('[aria-labelledby="evidence-label"] textarea, textarea[aria-labelledby="evidence-label"]')
      .first()
      .fill('老人本人在家，核对身份证原件与本人一致')
    await shot(page, 'certify-confirm')
    await tap(exact('确认认证通过'))
    await text('✓ 已记录：认证通过').waitFor({ timeout: 10_000 })
    await text('认证日期 2026-11-27，下次认证 2027-11-27 前').waitFor()
    await text('核验方式：上门现场核验').waitFor()
    await text('核验情况：老人本人在家，核对身份证原件与本人一致').waitFor()
    await shot(page, 'certified')
  })

  it('shows the family every step on the timeline and in 消息', async () => {
    await actAs('赵敏')
    await open(`/pages/homecert/detail/index?id=${requestId}`)
    await text('认证通过。下次认证请在 2027年11月27日 前完成，到期前会提醒您。').waitFor()
    for (const step of [
      '赵敏（家属）提交了申请：方便上门的时间：11月27日 周五 上午、11月30日 周一 下午',
      '主管周敏派单：由网格员陈志强负责',
      '网格员陈志强约定上门时间：11月27日 周五 上午',
      '网格员陈志强开始上门',
      '网格员陈志强认证通过：上门现场核验，认证日期 2026年11月27日，下次认证 2027年11月27日 前',
    ]) {
      await text(step).waitFor()
    }
    // The actual visit and how it was checked; never the agreed visit beside the result.
    await text('实际上门：11月27日 周五').waitFor()
    await text('核验方式：上门现场核验').waitFor()
    expect(
      await page
        .getByText(/^上门时间：/)
        .filter({ visible: true })
        .count(),
    ).toBe(0)
    await shot(page, 'family-certified')

    await open(`/pages/messages/index`)
    await text('上门时间已约定').waitFor()
    await text(/已于 2026年11月27日 通过养老金领取资格认证/).waitFor()
    await shot(page, 'messages')
    await tap(text('已安排网格员'))
    await text(/张桂兰的上门认证/).waitFor()

    await open(`/pages/homecert/mine/index`)
    await text('编号 20261126-001 · 高龄 · 灵山卫社区').waitFor()
    await shot(page, 'my-requests')
  })

  it('reads in 长辈版 (large text) without crowding', async () => {
    await open(`/pages/index/index`)
    await tap(text('长辈版：字更大、按钮更大'))
    await open(`/pages/homecert/form/index`)
    await text('1. 老人信息').waitFor()
    await shot(page, 'form-elder-mode')
    await open(`/pages/homecert/detail/index?id=${requestId}`)
    await text('办理进度').waitFor()
    await shot(page, 'detail-elder-mode')
  })
})
