import type { Browser, Locator, Page } from 'playwright-core'
import { launchBrowser, pageAs, settled, tap } from './browser'
import { seriousViolations } from './axe'
import { turnWheels } from './picker-wheel'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'

/**
 * 中心信息与办公时间 with pickers (issue 19 point 3): the admin of 灵山卫 turns Wednesday's hours off with its
 * switch, moves Friday's afternoon on the time wheels, adds a closure on the date wheel with a reason, and a
 * resident's availability follows both; a wrong coordinate is said beside its field with the expected form.
 * Thursday 26 November 2026, 09:00 in Beijing. Screenshots at 1024 and 390 px.
 */
describe('admin sets the hours and a closure with pickers', () => {
  let server: LocalServer
  let browser: Browser
  let admin: Page
  const shot = screenshotter('admin-hours')
  const SERVICE = 'lsw-medical-remote'
  const ROUTE = '/staff/pages/admin/settings/index'

  beforeAll(async () => {
    server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00' })
    browser = await launchBrowser()
    admin = await pageAs(browser, 'dev-admin-sun', { viewport: { width: 1024, height: 900 } })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const on = (t: string | RegExp) => admin.getByText(t).filter({ visible: true }).first()
  const visible = (selector: string) => admin.locator(selector).filter({ visible: true }).first()

  const availability = async () => {
    const res = await fetch(`${server.url}/api/center`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'dev-resident-wang' },
      body: JSON.stringify({ action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE }),
    })
    const days = (await res.json()).data.days as { date: string; open: boolean; reason?: string; slots: { start: string }[] }[]
    return (date: string) => days.find((d) => d.date === date)!
  }

  const pick = (id: string): Locator => visible(`#${id}`)

  it('shows the week on switches and time pickers, the position as checked numbers, at 1024 and 390 px', async () => {
    await admin.goto(`${server.url}/#${ROUTE}`)
    await on('周一').waitFor()
    await expect(pick('hours-1-am-start').innerText()).resolves.toContain('09:00')
    await expect(pick('hours-5-pm').getAttribute('aria-checked')).resolves.toBe('true')
    await expect(pick('hours-5-pm-end').innerText()).resolves.toContain('17:00')
    // The map pick is WeChat's: H5 has the number fields only.
    expect(await admin.getByText('在地图上选择中心位置').count()).toBe(0)
    expect(await seriousViolations(admin)).toEqual([])
    await wholePage(admin, () => shot(admin, 'settings-1024'))
    await admin.setViewportSize({ width: 390, height: 844 })
    await wholePage(admin, () => shot(admin, 'settings-390'))
    await admin.setViewportSize({ width: 1024, height: 900 })
  })

  it('refuses a latitude out of range beside its field, naming the expected form, and saves nothing', async () => {
    const lat = admin.locator('#c-lat input').filter({ visible: true }).first()
    await lat.fill('120.11')
    await tap(on('保存中心信息'))
    await on('纬度应在 3 到 54 之间（中国境内），例如 36.0671').waitFor()
    await shot(admin, 'latitude-refused')
    const saved = await fetch(`${server.url}/api/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'dev-admin-sun' },
      body: JSON.stringify({ action: 'get', centerId: 'lsw' }),
    })
    expect((await saved.json()).data.center.latitude).toBe(35.9418)
    await lat.fill('35.9418')
  })

  it('closes Wednesday with its switch and moves Friday to a 13:30–16:00 afternoon on the time wheels', async () => {
    await tap(pick('hours-3-open'))
    await expect(pick('hours-3-open').getAttribute('aria-checked')).resolves.toBe('false')
    await on('休息').waitFor()
    await tap(pick('hours-5-pm-end'))
    await turnWheels(admin, ['16', '00'])
    await expect(pick('hours-5-pm-end').innerText()).resolves.toContain('16:00')
    await shot(admin, 'hours-edited')
    expect(await seriousViolations(admin)).toEqual([])
    await tap(on('保存中心信息'))
    await on(/中心信息已保存/).waitFor()
    const day = await availability()
    // Wednesday 2 December: open on the calendar, no session; Friday 27 November: the afternoon ends 16:00.
    expect(day('2026-12-02').slots).toEqual([])
    expect(day('2026-11-27').slots.at(-1)!.start).toBe('15:30')
    expect(day('2026-11-27').slots.some((s) => s.start === '13:30')).toBe(true)
  })

  it('turns a wheel from the keyboard: Enter opens it, ↓ turns a column, → moves on, Enter confirms, Escape cancels', async () => {
    /** The wheel opens on the next frame, its first column focused: a person sees it before pressing on. */
    const wheelFocused = () =>
      admin.waitForFunction(() =>
        document.activeElement?.matches('.weui-picker__overlay:not([style*="display: none"]) .weui-picker__group'),
      )
    await pick('hours-1-am-start').focus()
    await admin.keyboard.press('Enter')
    await wheelFocused()
    await admin.keyboard.press('ArrowDown')
    await admin.keyboard.press('ArrowRight')
    await admin.keyboard.press('ArrowDown')
    await admin.keyboard.press('Enter')
    // A turn takes a few frames; the keys are applied in order.
    await admin.locator('#hours-1-am-start', { hasText: '10:01' }).filter({ visible: true }).first().waitFor()
    // Focus is back on the time it changed; Escape leaves it as it was.
    await admin.waitForFunction(() => document.activeElement?.id === 'hours-1-am-start')
    await admin.keyboard.press('Enter')
    await wheelFocused()
    await admin.keyboard.press('ArrowDown')
    await admin.keyboard.press('Escape')
    await admin.waitForFunction(() => document.activeElement?.id === 'hours-1-am-start')
    await expect(pick('hours-1-am-start').innerText()).resolves.toContain('10:01')
  })

  it('adds a closure on the date wheel with a reason, listed in words, and the resident sees the day closed', async () => {
    await tap(pick('d-date'))
    await turnWheels(admin, ['2026年', '12月', '01日'])
    await expect(pick('d-date').innerText()).resolves.toContain('12月1日 周二')
    await admin.locator('#d-reason input').filter({ visible: true }).first().fill('元旦前设备检修')
    await tap(on('添加'))
    await on('12月1日 周二 · 不办公 · 元旦前设备检修').waitFor()
    await on('✓ 12月1日 周二设为不办公（元旦前设备检修）。').waitFor()
    expect((await availability())('2026-12-01')).toMatchObject({ open: false, reason: '元旦前设备检修', slots: [] })
    await settled(admin)
    await wholePage(admin, () => shot(admin, 'closure-added-1024'))
    await admin.setViewportSize({ width: 390, height: 844 })
    await wholePage(admin, () => shot(admin, 'closure-added-390'))
  })

  it('edits the queue rules on 规则: the 即将到号 count refused out of range beside its field, then saved; the reminder time on a wheel', async () => {
    await admin.setViewportSize({ width: 1024, height: 900 })
    await admin.goto(`${server.url}/#/staff/pages/admin/rules/index`)
    await on('排队叫号').waitFor()
    const soon = admin.locator('#q-soon input').filter({ visible: true }).first()
    await expect(soon.inputValue()).resolves.toBe('3')
    await soon.fill('12')
    await tap(on('保存排队叫号规则'))
    await on('即将到号提醒人数应在 1–10 人 之间').waitFor()
    await soon.fill('2')
    await tap(on('保存排队叫号规则'))
    await on(/前面还有 2 人时发即将到号提醒/).waitFor()
    await tap(pick('b-reminderFrom'))
    await turnWheels(admin, ['10', '00'])
    await expect(pick('b-reminderFrom').innerText()).resolves.toContain('10:00')
    await tap(on('保存预约规则'))
    await on(/预约规则已保存/).waitFor()
    const res = await fetch(`${server.url}/api/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'dev-admin-sun' },
      body: JSON.stringify({ action: 'get', centerId: 'lsw' }),
    })
    const view = (await res.json()).data
    expect(view.queueRules.soonAhead).toBe(2)
    expect(view.bookingRules.current.reminderFrom).toBe('10:00')
    expect(await seriousViolations(admin)).toEqual([])
    await wholePage(admin, () => shot(admin, 'rules-1024'))
    await admin.setViewportSize({ width: 390, height: 844 })
    await wholePage(admin, () => shot(admin, 'rules-390'))
  })
})
