/**
 * 中心信息与办公时间 in the real weapp build (Taro's mini-program runtime in Node, test/support/weapp-runtime.ts):
 * the admin points at the center on WeChat's map (wx.chooseLocation, a privacy API declared in
 * requiredPrivateInfos) instead of typing coordinates; the privacy prompt comes first; the fields take the
 * pick, rounded to six decimals, and 保存 stores it. Only the platform is stood in for; the cloud calls reach
 * the real functions on a fresh SQLite file. Thursday 26 November 2026.
 */
import { FUNCTIONS } from '@cloud/functions'
import { bookingHarness, type BookingHarness } from '../support/booking-harness'
import { WEAPP_DIST, ensureWeappBuild } from '../support/weapp-build'
import { installWeappHost, type WeappHost } from '../support/weapp-runtime'

const ADMIN = 'dev-admin-sun'

let harness: BookingHarness
let host: WeappHost

beforeAll(() => {
  ensureWeappBuild()
  harness = bookingHarness({ now: new Date('2026-11-26T09:00:00+08:00') })
  host = installWeappHost({
    distDir: WEAPP_DIST,
    backend: (name, data) =>
      name in FUNCTIONS
        ? harness.call(name as keyof typeof FUNCTIONS, data, ADMIN)
        : Promise.reject(new Error(`no cloud function ${name}`)),
  })
  host.launch()
  host.storage.set('centerId', 'lsw')
}, 120_000)

afterAll(async () => {
  await host?.uninstall()
  harness?.close()
})

afterEach(() => {
  expect(host.forbiddenGlobals).toEqual([])
  expect(host.consoleErrors).toEqual([])
})

describe('the center’s position picked on WeChat’s map', () => {
  it('asks for the privacy guide first, then fills the coordinates from the pick and saves them', async () => {
    const page = host.open('staff/pages/admin/settings/index')
    await page.waitForTexts((t) => t.includes('在地图上选择中心位置'), 'the map pick')
    host.locations.push({ name: '灵山卫街道办事处', address: '灵山湾路 1 号', latitude: 35.94187654321, longitude: 120.11223456789 })

    // Not agreed yet: WeChat holds the call and the page shows the prompt; after 同意 the map opens where the center is.
    page.tap(page.the('button', '在地图上选择中心位置'))
    await page.waitForTexts((t) => t.includes('用户隐私保护提示'), 'the privacy prompt')
    expect(page.text()).toContain('地图选点')
    page.agreePrivacy(page.the('button', '同意并继续'))
    await page.waitForTexts((t) => t.join('').includes('已选：灵山卫街道办事处'), 'the pick said')
    expect(host.privacy.calls).toEqual([{ api: 'chooseLocation', outcome: 'ok' }])
    expect(host.locationCalls).toEqual([{ latitude: 35.9418, longitude: 120.1122 }])

    page.tap(page.the('button', '保存中心信息'))
    await page.waitForTexts((t) => t.some((x) => x.includes('中心信息已保存')), 'saved')
    expect(await harness.store.centers.get('lsw')).toMatchObject({ latitude: 35.941877, longitude: 120.112235 })
    page.unload()
  })

  it('keeps the fields as they were when the map is closed without a choice', async () => {
    const page = host.open('staff/pages/admin/settings/index')
    await page.waitForTexts((t) => t.includes('在地图上选择中心位置'), 'the map pick')
    page.tap(page.the('button', '在地图上选择中心位置'))
    await host.settle()
    expect(page.text()).not.toContain('已选：')
    page.tap(page.the('button', '保存中心信息'))
    await page.waitForTexts((t) => t.some((x) => x.includes('中心信息已保存')), 'saved')
    expect(await harness.store.centers.get('lsw')).toMatchObject({ latitude: 35.941877, longitude: 120.112235 })
    page.unload()
  })
})
