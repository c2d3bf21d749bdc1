import type { Browser, Page } from 'playwright-core'
import Database from 'better-sqlite3'
import path from 'node:path'
import { post } from './api'
import { launchBrowser, pageAs, tap } from './browser'
import { seriousViolations } from './axe'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { idNumberFor } from '../support/id-numbers'

/**
 * 好差评 after a counter visit, in the browser: 王建国's 09:30 appointment is served and 办结 at window 2;
 * his booking page then asks for a rating in words. In 长辈版 he picks 不满意, is asked why, and sends
 * it; the admin 孙丽 finds it under 差评回访 with its due day, answers what was put right, and he reads the
 * answer on the same page (and in 消息). Thursday 26 November 2026.
 */
describe('好差评 and its follow-up in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let resident: Page
  let admin: Page
  let bookingId = ''
  const shot = screenshotter('rating')

  beforeAll(async () => {
    // Before opening the resident books 09:30; later that morning the clerk checks him in by his code, serves and completes him.
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
          person: { name: '王建国', idNumber: idNumberFor('1968-04-12', 41), phone: '13812345678' },
          forSelf: true,
          consent: true,
          requestId: 'rating-e2e-booking-1',
        },
        'dev-resident-wang',
      )
      bookingId = booking.id
    } finally {
      await early.stop()
    }
    server = await startLocalServer({ DATA_DIR: early.dataDir, APP_NOW: '2026-11-26T09:05:00+08:00', JOBS_INTERVAL_MS: '0' })
    const booking = await post(server, 'booking', { action: 'get', centerId: 'lsw', id: bookingId }, 'dev-resident-wang')
    const ticket = await post(server, 'queue', { action: 'checkInByCode', centerId: 'lsw', window: 2, code: booking.code }, 'dev-clerk-liu')
    await post(server, 'queue', { action: 'callNext', centerId: 'lsw', window: 2 }, 'dev-clerk-liu')
    await post(server, 'queue', { action: 'start', centerId: 'lsw', window: 2, id: ticket.id }, 'dev-clerk-liu')
    await post(server, 'queue', { action: 'complete', centerId: 'lsw', window: 2, id: ticket.id }, 'dev-clerk-liu')

    browser = await launchBrowser()
    resident = await pageAs(browser, 'dev-resident-wang', { elder: true })
    admin = await pageAs(browser, 'dev-admin-sun')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const visible = (page: Page, t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
  const choice = (page: Page, role: string, name: string) =>
    page.locator(`[role="${role}"]`).filter({ hasText: name }).filter({ visible: true }).first()
  const button = (page: Page, name: string | RegExp) =>
    page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true }).first()

  it('asks for a rating on the booking page once 办结, in words, in 长辈版', async () => {
    await resident.goto(`${server.url}/#/pages/booking/detail/index?id=${bookingId}`)
    await visible(resident, '请评价本次服务').waitFor()
    expect(await resident.locator('.page--elder').count()).toBeGreaterThan(0)
    for (const level of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) await choice(resident, 'radio', level).waitFor()
    await wholePage(resident, () => shot(resident, 'ask-elder'))
    expect(await seriousViolations(resident)).toEqual([])
  })

  it('asks why for 不满意, refuses it without a reason, and sends it with one', async () => {
    await tap(choice(resident, 'radio', '不满意'))
    await visible(resident, '✓ 不满意').waitFor()
    await visible(resident, '哪里不满意？（至少选一项）').waitFor()
    await tap(button(resident, '提交评价'))
    await visible(resident, '⚠ 请至少选择一个不满意的原因').waitFor()
    await tap(choice(resident, 'checkbox', '等候或办理时间太长'))
    await visible(resident, '✓ 等候或办理时间太长').waitFor()
    // The choice answers the problem: the warning goes.
    expect(await resident.getByText('⚠ 请至少选择一个不满意的原因').filter({ visible: true }).count()).toBe(0)
    await resident.locator('.rating-card textarea').filter({ visible: true }).first().fill('签到后等了很久才叫号')
    await wholePage(resident, () => shot(resident, 'bad-rating-elder'))
    await tap(button(resident, '提交评价'))
    await visible(resident, '您的评价').waitFor()
    await visible(resident, '原因：等候或办理时间太长').waitFor()
    // Thursday + 5 working days.
    await visible(resident, /服务中心会在 12月3日 前回复您/).waitFor()
    await wholePage(resident, () => shot(resident, 'rated-elder'))
  })

  it('shows the new rating in the statistics at once, and the 差评 to the admin with its due day', async () => {
    const stats = await post(server, 'stats', { action: 'summary', centerId: 'lsw', from: '2026-11-26', to: '2026-11-26' }, 'dev-admin-sun')
    expect(stats.satisfaction).toMatchObject({ ratings: 1, low: 1, byWindow: [{ window: 2 }], followUps: { open: 1 } })
    await admin.goto(`${server.url}/#/staff/pages/admin/index`)
    await tap(visible(admin, '差评回访'))
    await visible(admin, /待回复 1 条，其中已超期 0 条/).waitFor()
    await visible(admin, '评价：不满意').first().waitFor()
    await visible(admin, '居民的话：签到后等了很久才叫号').waitFor()
    await visible(admin, '经办：刘芳（2 号窗口）').waitFor()
    await visible(admin, '回复期限：12月3日').waitFor()
    await wholePage(admin, () => shot(admin, 'admin-open'))
    expect(await seriousViolations(admin)).toEqual([])
  })

  it('lets the admin answer what was put right; the resident reads it on the page and in 消息', async () => {
    await tap(button(admin, '提交回复'))
    await visible(admin, /整改回复至少 5 个字/).waitFor()
    await admin.locator('.follow-up textarea').filter({ visible: true }).first().fill('已在上午高峰加开 3 号窗口办理医疗保障业务')
    await tap(button(admin, '提交回复'))
    await visible(admin, /待回复 0 条/).waitFor()
    await tap(choice(admin, 'tab', '已回复'))
    await visible(admin, /回复（孙丽/).waitFor()
    await wholePage(admin, () => shot(admin, 'admin-answered'))

    await resident.reload()
    await visible(resident, /服务中心的回复/).waitFor()
    await visible(resident, '已在上午高峰加开 3 号窗口办理医疗保障业务').waitFor()
    await wholePage(resident, () => shot(resident, 'answer-elder'))
    await resident.goto(`${server.url}/#/pages/messages/index`)
    await visible(resident, '您的评价已有回复').waitFor()
    await shot(resident, 'message-elder')

    const d = new Database(path.join(server.dataDir, 'bianmin.sqlite'), { readonly: true })
    try {
      expect(d.prepare('SELECT service, level, reasons_json, follow_up_due, follow_up_by FROM ratings').all()).toEqual([
        { service: 'counter', level: 2, reasons_json: '["slow"]', follow_up_due: '2026-12-03', follow_up_by: 'dev-admin-sun' },
      ])
    } finally {
      d.close()
    }
  })

  it('reads the same in normal mode', async () => {
    const normal = await pageAs(browser, 'dev-resident-wang')
    await normal.goto(`${server.url}/#/pages/booking/detail/index?id=${bookingId}`)
    await visible(normal, /服务中心的回复/).waitFor()
    expect(await normal.locator('.page--elder').count()).toBe(0)
    await wholePage(normal, () => shot(normal, 'answer-normal'))
    expect(await seriousViolations(normal)).toEqual([])
  })
})
