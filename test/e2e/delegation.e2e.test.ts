import type { Browser, Page } from 'playwright-core'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { post } from './api'
import { launchBrowser, photoShown, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter } from './screenshots'

/**
 * A delegated case end to end in the H5 pages against the real server:
 * 王建国 asks the center to apply for his father's pension (已提交（待受理）), the clerk 刘芳
 * accepts it (the promised clock starts), ticks the checklist and asks for the missing 户口簿;
 * he first answers in words only (the case keeps waiting), then with a photo; she sends it to
 * the department, cannot conclude while a material is neither received nor waived, waives one
 * with a reason, concludes it and hands the result back against his pickup code; he is told
 * about exactly the original the center holds, and rates the service. Thursday 26 November 2026.
 */
describe('delegated case journey in the browser', () => {
  let server: LocalServer
  let browser: Browser
  let page: Page
  let caseId = ''
  let pickupCode = ''
  const shot = screenshotter('delegation')
  const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-photo-')), 'hukou.jpg')

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    fs.rmSync(path.dirname(photo), { recursive: true, force: true })
  })

  // Earlier pages stay in the DOM (hidden) on the page stack: look only at what is on screen.
  const text = (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
  const button = (name: string | RegExp) => page.locator('taro-button-core').filter({ hasText: name }).filter({ visible: true }).first()

  async function actAs(name: string) {
    await page.goto(`${server.url}/#/pages/identity/index`)
    await tap(text(name))
    await page.waitForTimeout(300)
  }

  const db = () => new Database(path.join(server.dataDir, 'bianmin.sqlite'), { readonly: true })

  it('opens 帮办代办 from 首页 as a resident and applies for his father', async () => {
    await actAs('王建国')
    await page.goto(`${server.url}/#/pages/index/index`)
    await tap(text('帮办代办'))
    await text('在窗口办的？输入领取码').waitFor()
    await shot(page, 'mine-empty')
    await tap(text('申请帮办代办'))
    await text('办理事项').waitFor()
    await tap(button('提交申请'))
    await text('⚠ 请选择要办理的事项').waitFor()
    await text('⚠ 请确认已阅读并同意《个人信息保护说明》').waitFor()
    await shot(page, 'form-errors')

    await tap(button('城乡居民养老保险待遇领取申请'))
    await text('办理时限：5 个工作日（从受理之日起算，补交材料期间暂停）').waitFor()
    await tap(button('为家人办理'))
    await tap(button('父母'))
    await page.locator('#applicantName input').fill('王德福')
    await page.locator('#phone input').fill('13912345678')
    await page.locator('.text-area--tall textarea').filter({ visible: true }).first().fill('父亲腿脚不便，请帮忙申请按月领取养老金')
    await tap(button(/我已阅读并同意/))
    await shot(page, 'form-filled')
    await button('提交申请').dblclick({ force: true })
    await text('✓ 已提交，等待窗口受理。受理后开始计算承诺时限。').waitFor({ timeout: 10_000 })
    await text('DB20261126-0001').waitFor()
    await text('已提交（待受理）').waitFor()
    await text('工作人员受理后开始计算承诺时限。').waitFor()
    expect(
      await page
        .getByText(/承诺 2026/)
        .filter({ visible: true })
        .count(),
    ).toBe(0)
    caseId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
    expect(caseId).toMatch(/^cs/)
    await shot(page, 'created')
    const d = db()
    try {
      expect(d.prepare('SELECT COUNT(*) AS n FROM cases').get()).toEqual({ n: 1 })
    } finally {
      d.close()
    }
  })

  it('lets the clerk find it, accept it, tick the checklist, log an original and ask for the missing 户口簿', async () => {
    await actAs('刘芳')
    await page.goto(`${server.url}/#/staff/pages/delegation/list/index`)
    await text('DB20261126-0001').waitFor()
    await text(/今日到期 0/).waitFor()
    await text('网上申请待受理 1').waitFor()
    await shot(page, 'staff-list')
    await page.locator('.case-search__input input').fill('5678')
    await tap(button('查找'))
    await text('清除查找“5678”').waitFor()
    await tap(text('DB20261126-0001'))
    await text('需要办理：父亲腿脚不便，请帮忙申请按月领取养老金').waitFor()
    await text('电话：139****5678').waitFor()
    // 受理 is one tap with a few seconds to take it back (a delayed commit): 撤销 leaves nothing behind.
    const staffView = () => post(server, 'delegation', { action: 'staffGet', centerId: 'lsw', id: caseId }, 'dev-clerk-liu')
    const before = await staffView()
    await tap(button('受理（开始计算承诺时限）'))
    const tappedAt = Date.now()
    await text(/^✓ 已受理 · [1-5] 秒后生效$/).waitFor()
    await shot(page, 'staff-accept-undo')
    await tap(button('撤销'))
    await button('受理（开始计算承诺时限）').waitFor()
    // Past the moment the step would have been sent (5 s after the tap, UNDO_SECONDS), and a little more.
    await page.waitForTimeout(Math.max(0, tappedAt + 5_500 - Date.now()))
    const after = await staffView()
    expect([after.state, after.timeline.length]).toEqual([before.state, before.timeline.length])
    expect(
      await page
        .getByText(/已受理/)
        .filter({ visible: true })
        .count(),
    ).toBe(0)
    await tap(button('受理（开始计算承诺时限）'))
    await page.getByText('✓ 已受理', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 10_000 })
    expect((await staffView()).state).toBe('accepted')
    await text('承诺 12月3日 周四 前办结（还剩 5 个工作日）').waitFor()

    await tap(page.locator('[aria-label="本人居民身份证的状态"] taro-button-core').filter({ hasText: '已收到' }))
    await text('✓ 本人居民身份证：已收到').waitFor()
    await tap(page.locator('[aria-label="户口簿的状态"] taro-button-core').filter({ hasText: '缺少' }))
    await text('✓ 户口簿：缺少').waitFor()
    await page.locator('#original-name input').fill('本人社会保障卡')
    await tap(button('登记收取'))
    await text('✓ 已登记收取：本人社会保障卡').waitFor()

    // Leaving the page within the 5 seconds sends the step at once (not when the 5 seconds would have ended).
    await tap(button('开始办理'))
    await text(/^✓ 已开始办理 · [1-5] 秒后生效$/).waitFor()
    await tap(button('返回代办列表'))
    const left = Date.now()
    while ((await staffView()).state !== 'processing' && Date.now() - left < 3_000) await page.waitForTimeout(50)
    expect((await staffView()).state).toBe('processing')
    await tap(text('DB20261126-0001'))
    await text('办理中').waitFor()
    await tap(button('通知补交材料'))
    // 户口簿 was ticked missing: it is chosen already.
    await text('✓ 户口簿').waitFor()
    await page.locator('.step-form .text-area--tall textarea').fill('请拍户主页和本人页，或明天带原件来')
    await shot(page, 'staff-ask-supplement')
    await tap(button('确认通知补交材料'))
    await text('✓ 已通知补交材料').waitFor()
    await text(/等待居民补交材料/).waitFor()
    await shot(page, 'staff-waiting')
  })

  it('tells the resident what is missing in 消息, keeps waiting after words only, and takes his reply with a photo', async () => {
    await actAs('王建国')
    await page.goto(`${server.url}/#/pages/messages/index`)
    await text('请补交材料').waitFor()
    await shot(page, 'messages')
    await tap(text('请补交材料'))
    await text('需要您补交材料').waitFor()
    await text('· 户口簿').waitFor()
    await text('工作人员说明：请拍户主页和本人页，或明天带原件来').waitFor()
    await text(/等待补交材料，暂停计时/).waitFor()
    expect(await page.getByText(/补正/).filter({ visible: true }).count()).toBe(0)

    // Words without the material: recorded, and the case keeps waiting for the clerk.
    await page.locator('.text-area--tall textarea').filter({ visible: true }).first().fill('户口簿在老家，下周一带原件去')
    await tap(button('提交说明'))
    await text('您已回复：“户口簿在老家，下周一带原件去”。等待工作人员确认材料齐全后继续办理。').waitFor({ timeout: 10_000 })
    await text('待补交材料').waitFor()
    await text(/等待补交材料，暂停计时/).waitFor()
    await shot(page, 'replied-words-only')

    // A real photo file for the file picker, drawn in the browser (a page of a 户口簿, roughly).
    const dataUrl = await page.evaluate(() => {
      const canvas = document.createElement('canvas')
      canvas.width = 1600
      canvas.height = 1100
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#f3ead7'
      ctx.fillRect(0, 0, 1600, 1100)
      ctx.fillStyle = '#5a3e2b'
      ctx.font = 'bold 90px sans-serif'
      ctx.fillText('居民户口簿 · 户主页', 120, 200)
      for (let i = 0; i < 30; i++) ctx.fillRect(120, 300 + i * 24, 300 + ((i * 97) % 1100), 6)
      return canvas.toDataURL('image/jpeg', 0.95)
    })
    fs.writeFileSync(photo, Buffer.from(dataUrl.split(',')[1], 'base64'))
    expect(fs.statSync(photo).size).toBeGreaterThan(44 * 1024)

    await page.locator('.text-area--tall textarea').filter({ visible: true }).first().fill('户主页和本人页的照片见附件，原件明天带去')
    const chooser = page.waitForEvent('filechooser')
    await tap(button(/拍照或选择照片/))
    await (await chooser).setFiles(photo)
    await text('删除照片 1').waitFor()
    await shot(page, 'reply-with-photo')
    await tap(button('提交补交的材料'))
    await text('办理中').waitFor({ timeout: 10_000 })
    await text(/承诺 12月3日 周四 前办结/).waitFor()
    // He can open what he sent: the picture, from a signed URL.
    await tap(button('查看照片 1'))
    await photoShown(page.locator('[aria-label="补交材料照片 1"]').filter({ visible: true }).first(), `/files/cases/${caseId}/`)
    await shot(page, 'replied')

    const d = db()
    try {
      const row = d.prepare('SELECT bytes, event_seq, file FROM case_photos').get() as { bytes: number; event_seq: number; file: string }
      expect(row.bytes).toBeLessThanOrEqual(44 * 1024)
      // The row names the file in DATA_DIR/files; the picture is not in the database.
      expect(row.file).toMatch(new RegExp(`^cases/${caseId}/[0-9a-f]{32}\\.jpg$`))
      expect(row.event_seq).not.toBeNull()
    } finally {
      d.close()
    }
  })

  it('lets the clerk see the photo, send the case to the department, and conclude it only once every material is in or waived', async () => {
    await actAs('刘芳')
    await page.goto(`${server.url}/#/staff/pages/delegation/detail/index?id=${caseId}`)
    await text('户主页和本人页的照片见附件，原件明天带去').waitFor()
    await tap(button('查看照片 1'))
    // The picture itself, from a signed URL of the files folder (not bytes inside the answer).
    const src = await photoShown(page.locator('[aria-label="补交材料照片 1"]').filter({ visible: true }).first(), `/files/cases/${caseId}/`)
    expect(new URL(src).searchParams.get('s')).toBeTruthy()
    await shot(page, 'staff-photo')

    await tap(button('报送部门'))
    await tap(button('区社保中心'))
    await tap(button('确认报送部门'))
    await text('✓ 已报送部门').waitFor()
    await text(/⚠ 暂不能办结：还有材料未收齐：户口簿（缺少）/).waitFor()
    await tap(button('办结'))
    await page.locator('.step-form .text-area--tall textarea').fill('审核通过，12 月起按月发放养老金')
    await tap(button('确认办结'))
    await text(/⚠ 还有材料未收齐：户口簿（缺少）、本人社会保障卡或银行卡（待核对）、城乡居民养老保险待遇申领表（待核对）/).waitFor()
    await shot(page, 'staff-conclude-refused')
    await tap(button('取消'))

    await tap(page.locator('[aria-label="户口簿的状态"] taro-button-core').filter({ hasText: '已收到' }))
    await text('✓ 户口簿：已收到').waitFor()
    await tap(page.locator('[aria-label="本人社会保障卡或银行卡的状态"] taro-button-core').filter({ hasText: '已收到' }))
    await text('✓ 本人社会保障卡或银行卡：已收到').waitFor()
    await tap(page.locator('[aria-label="城乡居民养老保险待遇申领表的状态"] taro-button-core').filter({ hasText: '免交' }))
    await page.locator('#waive-3 input').fill('申领表由窗口代为填写')
    await tap(button('确认免交'))
    await text('✓ 城乡居民养老保险待遇申领表：免交').waitFor()
    await text('免交原因：申领表由窗口代为填写').waitFor()
    await shot(page, 'staff-waived')
    await tap(button('办结'))
    await page.locator('.step-form .text-area--tall textarea').fill('审核通过，12 月起按月发放养老金')
    await tap(button('确认办结'))
    await text('✓ 已办结').waitFor()
    await text('在承诺时限内办结（12月3日 周四 前）').waitFor()
    await shot(page, 'staff-concluded')
  })

  it('shows the resident the result and his pickup code', async () => {
    await actAs('王建国')
    await page.goto(`${server.url}/#/pages/delegation/detail/index?id=${caseId}`)
    await text('审核通过，12 月起按月发放养老金').waitFor()
    // The center holds one original (logged at the counter): exactly that one is named.
    await text('请凭取件码到窗口领取办理结果，并取回原件（本人社会保障卡 1 份）。').waitFor()
    await text('免交：申领表由窗口代为填写').waitFor()
    pickupCode = (await page.locator('.case-big-code').filter({ visible: true }).first().innerText()).trim()
    expect(pickupCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/)
    await text('请评价本次服务').waitFor()
    await shot(page, 'concluded')
  })

  it('lets the clerk hand the result back against the code, returning the original with it', async () => {
    await actAs('刘芳')
    await page.goto(`${server.url}/#/staff/pages/delegation/detail/index?id=${caseId}`)
    await tap(button('送达/领取'))
    await text('同时归还原件：本人社会保障卡×1').waitFor()
    await page.locator('#pickup-code input').fill('AAAAAA' === pickupCode ? 'BBBBBB' : 'AAAAAA')
    await tap(button('确认送达/领取'))
    await text('⚠ 取件码不正确，请核对').waitFor()
    await page.locator('#pickup-code input').fill(pickupCode.toLowerCase())
    await tap(button('确认送达/领取'))
    await text('✓ 已送达/领取').waitFor()
    await text(/归还：本人社会保障卡×1（随办理结果窗口归还）/).waitFor()
    await shot(page, 'staff-delivered')
  })

  it('lets the resident rate the service with big buttons in words (the ratings area), and reads in 长辈版', async () => {
    await actAs('王建国')
    await page.goto(`${server.url}/#/pages/delegation/detail/index?id=${caseId}`)
    await text('已送达/已领取').waitFor()
    await text('办理结果已在窗口领取，原件已归还（本人社会保障卡 1 份）。').waitFor()
    await tap(button('提交评价'))
    await text('⚠ 请先选择满意程度').waitFor()
    await tap(page.locator('[role="radio"]').filter({ hasText: '非常满意' }).filter({ visible: true }).first())
    await text('✓ 非常满意').waitFor()
    await page.locator('.rating-card .text-area--tall textarea').filter({ visible: true }).last().fill('刘芳很耐心，不用跑腿')
    await shot(page, 'rating')
    await tap(button('提交评价'))
    await text('您的评价').waitFor()
    await text('刘芳很耐心，不用跑腿').waitFor()
    await shot(page, 'rated')

    await page.goto(`${server.url}/#/pages/index/index`)
    await tap(text('长辈版：字更大、按钮更大'))
    await page.goto(`${server.url}/#/pages/delegation/detail/index?id=${caseId}`)
    await text('您的评价').waitFor()
    await shot(page, 'rated-elder')

    await page.goto(`${server.url}/#/pages/delegation/mine/index`)
    await tap(button('已结束'))
    await text('编号 DB20261126-0001 · 办事人：王德福').waitFor()
    await shot(page, 'mine-done')
    const d = db()
    try {
      expect(d.prepare('SELECT id, level, comment FROM ratings').all()).toEqual([
        { id: `case:${caseId}`, level: 5, comment: '刘芳很耐心，不用跑腿' },
      ])
      const kinds = (d.prepare('SELECT kind FROM case_events ORDER BY seq').all() as { kind: string }[]).map((r) => r.kind)
      expect(kinds).toEqual(['apply', 'accept', 'start', 'ask_supplement', 'reply', 'supplement', 'submit', 'conclude', 'deliver'])
    } finally {
      d.close()
    }
  })
})
