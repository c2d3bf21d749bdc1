/**
 * Scanning in the real weapp build (Taro's mini-program runtime in Node, test/support/weapp-runtime.ts): the
 * resident's 签到取号 on 首页 scans the hall screen's QR and holds a ticket after one tap; the clerk's 叫号台 scans
 * a booking's QR and checks it in; in PC WeChat the desk's keys call. Only the platform is stood in for (wx.scanCode
 * answers what the camera would read, wx.onKeyDown what a key would send); the cloud calls reach the real
 * functions on a fresh SQLite file. Thursday 26 November 2026.
 */
import { FUNCTIONS } from '@cloud/functions'
import { checkInQrText } from '@/core/queue-check-in'
import { expectOk } from '../support/expect-ok'
import { queueHarness, type QueueHarness } from '../support/queue-harness'
import { WEAPP_DIST, ensureWeappBuild } from '../support/weapp-build'
import { installWeappHost, type WeappHost } from '../support/weapp-runtime'

const RESIDENT = 'resident-a'
const CLERK = 'dev-clerk-liu'

let q: QueueHarness
let host: WeappHost
/** Whose WeChat the mini-program runs in (the platform's OPENID). */
let who = RESIDENT
let residentBooking = { id: '', code: '' }
let otherBooking = { id: '', code: '' }

beforeAll(async () => {
  ensureWeappBuild()
  q = queueHarness()
  // Booked before opening for the 09:30 slot; the residents arrive at 09:10 (check-in opens 30 minutes before).
  q.h.setNow('2026-11-26T08:50:00+08:00')
  residentBooking = await q.book({ start: '09:30', openid: RESIDENT })
  otherBooking = await q.book({ start: '09:30', openid: 'resident-b' })
  q.h.setNow('2026-11-26T09:10:00+08:00')
  host = installWeappHost({
    distDir: WEAPP_DIST,
    backend: (name, data) =>
      name in FUNCTIONS ? q.h.call(name as keyof typeof FUNCTIONS, data, who) : Promise.reject(new Error(`no cloud function ${name}`)),
  })
  host.launch()
  host.storage.set('centerId', 'lsw')
  // The resident agreed to the privacy guide once, the first time the camera was asked for.
  host.privacy.agreed = true
}, 120_000)

afterAll(async () => {
  await host?.uninstall()
  q?.h.close()
})

afterEach(() => {
  expect(host.forbiddenGlobals).toEqual([])
  expect(host.consoleErrors).toEqual([])
  host.navigations.length = 0
  host.cloudCalls.length = 0
  host.scanCalls.length = 0
})

describe('the hall QR’s link opened by WeChat’s 扫一扫 (a deployment with QR_LINK_BASE)', () => {
  it('opens 签到取号 for the resident’s one booking today with the code filled in, in the link’s center', async () => {
    who = RESIDENT
    host.storage.set('centerId', 'yz')
    // WeChat's 扫普通链接二维码打开小程序 rule opens the page with the link, encoded, as `q`.
    const link = checkInQrText('lsw', q.code(), 'https://bm.example.gov.cn')
    const page = host.open('pages/queue/check-in/index', { q: encodeURIComponent(link), scancode_time: '1764119400' })
    for (let i = 0; i < 100 && host.navigations.length === 0; i++) await host.settle()
    expect(host.navigations).toEqual([
      { api: 'redirectTo', url: `/pages/queue/check-in/index?bookingId=${residentBooking.id}&code=${q.code()}` },
    ])
    expect(host.cloudCalls.map((c) => [c.data.action, c.data.centerId])).toEqual([['today', 'lsw']])
    expect(host.storage.get('centerId')).toBe('lsw')
    page.unload()
  })
})

describe('首页’s 签到取号 in WeChat', () => {
  it('scans the hall screen’s QR, checks in and opens the ticket: one tap from opening the app', async () => {
    who = RESIDENT
    const home = host.open('pages/index/index')
    await home.waitForTexts((t) => t.includes('今天的预约'), '今天的预约')
    // A QR that is not the hall's: said, nothing checked in.
    host.scans.push('https://example.com/not-ours')
    home.tap(home.the('button', '签到取号'))
    await home.waitForTexts((t) => t.some((x) => x.includes('这不是本中心大厅屏幕上的签到二维码')), 'the wrong QR said')
    expect(host.cloudCalls.filter((c) => c.data.action === 'checkIn')).toEqual([])
    host.scanCalls.length = 0

    // The hall's QR: one tap from 首页 to the ticket.
    let taps = 0
    host.scans.push(checkInQrText('lsw', q.code()))
    home.tap(home.the('button', '签到取号'))
    taps++
    await host.settle()
    expect(host.scanCalls).toEqual([{ onlyFromCamera: true, scanType: ['qrCode'] }])
    const checkIn = host.cloudCalls.find((c) => c.data.action === 'checkIn')
    expect(checkIn?.result).toMatchObject({ ok: true, data: { bookingId: residentBooking.id, status: 'waiting' } })
    const ticketId = (checkIn!.result as { ok: true; data: { id: string } }).data.id
    expect(host.navigations).toEqual([{ api: 'navigateTo', url: `/pages/queue/ticket/index?id=${ticketId}` }])
    expect(taps).toBeLessThanOrEqual(2)
    home.unload()
  })
})

describe('叫号台 in WeChat on a phone', () => {
  it('checks a booking in by scanning its QR, and refuses a QR that is not a booking’s', async () => {
    who = CLERK
    const desk = host.open('staff/pages/queue/index', { window: '2' })
    await desk.waitForTexts((t) => t.includes('扫预约二维码签到'), 'the scan button')
    // A phone has no keyboard events: the buttons carry no shortcut.
    expect(desk.text()).toContain('叫下一位')
    expect(desk.text()).not.toContain('叫下一位 (N)')

    host.scans.push(checkInQrText('lsw', q.code()))
    desk.tap(desk.the('button', '扫预约二维码签到'))
    await desk.waitForTexts((t) => t.some((x) => x.includes('这不是预约二维码')), 'the wrong QR said')

    host.scans.push(otherBooking.code)
    desk.tap(desk.the('button', '扫预约二维码签到'))
    await desk.waitForTexts((t) => t.some((x) => x.startsWith('已签到：')), 'the check-in said')
    expect(host.scanCalls).toEqual([
      { onlyFromCamera: false, scanType: ['qrCode'] },
      { onlyFromCamera: false, scanType: ['qrCode'] },
    ])
    const status = expectOk(await q.h.call('queue', { action: 'checkInStatus', centerId: 'lsw', bookingId: otherBooking.id }, 'resident-b'))
    expect(status.timing).toBe('checked_in')
    desk.unload()
    await host.settle()
  })
})

describe('叫号台 in PC WeChat', () => {
  it('shows the shortcuts on the buttons and calls the next with N', async () => {
    who = CLERK
    host.systemInfo.platform = 'windows'
    try {
      const desk = host.open('staff/pages/queue/index', { window: '2' })
      await desk.waitForTexts((t) => t.includes('叫下一位 (N)'), 'the keyed button')
      host.pressKey('n')
      await desk.waitForTexts((t) => t.some((x) => /^已呼叫 C\d{3}/.test(x)), 'the call')
      expect(host.cloudCalls.filter((c) => c.data.action === 'callNext')).toEqual([
        expect.objectContaining({ data: { action: 'callNext', centerId: 'lsw', window: 2 } }),
      ])
      desk.unload()
      await host.settle()
    } finally {
      host.systemInfo.platform = 'ios'
    }
  })
})
