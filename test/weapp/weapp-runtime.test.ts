/**
 * The real weapp build in plain Node: dist/weapp's app.js and page js run on
 * Taro's mini-program runtime with React 18, against a stand-in WeChat host
 * (test/support/weapp-runtime.ts) whose wx.cloud.callFunction reaches the real
 * cloud functions on a fresh SQLite file in-process. Catches what the jsdom
 * page tests cannot: runtime crashes (e.g. a React the Taro reconciler cannot
 * drive), the setData tree, tap wiring through `eh`, callFunction wiring, and
 * the 2 MB package limit of the fresh build.
 *
 * Builds dist/weapp itself (`CLOUD_ENV=test-env WX_TMPL_BOOKING_REMINDER=… taro
 * build --type weapp`, test/support/weapp-build.ts) unless dist/weapp/app.js is
 * that build and newer than every file under src/ and config/.
 */
import { parse } from 'acorn'
import fs from 'node:fs'
import path from 'node:path'
import { PACKAGE_LIMIT_BYTES, packageSizes } from '../../scripts/package-sizes'
import { FUNCTIONS } from '@cloud/functions'
import { bookingHarness, type BookingHarness } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { WEAPP_DIST, WEAPP_TEST_REMINDER_TEMPLATE, ensureWeappBuild } from '../support/weapp-build'
import { installWeappHost, textOf, type WeappHost } from '../support/weapp-runtime'

const distDir = WEAPP_DIST
const root = path.resolve(__dirname, '../..')
const OPENID = 'weapp-resident'

const WORKDAY_MORNING = '2026-11-26T09:00:00+08:00' // Thursday 09:00 in Beijing: open
const SATURDAY = '2026-11-28T10:00:00+08:00'

/** Every page route of the build's app.json, subpackage pages with their root. */
function appRoutes(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
  }
  return [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
}

let harness: BookingHarness
let host: WeappHost
/** The booking the resident made in the weapp (its detail page is opened next). */
let bookingId = ''

beforeAll(() => {
  ensureWeappBuild()
}, 120_000)

describe('the weapp build', () => {
  it('keeps the main package and each subpackage under 2 MB (npm run size)', () => {
    const sizes = packageSizes(distDir)
    expect([...sizes.keys()]).toEqual(expect.arrayContaining(['main', 'staff']))
    const over = [...sizes]
      .filter(([, bytes]) => bytes > PACKAGE_LIMIT_BYTES)
      .map(([name, bytes]) => `${name}: ${Math.round(bytes / 1024)} KB`)
    expect(over).toEqual([])
  })

  it('carries neither the holiday data nor the lunar library: the client learns day states from the server', () => {
    const files = fs.readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    // Markers of chinese-days' table ("Spring Festival,春节") and of tyme4ts' classes (LunarDay, SolarTerm).
    const carrying = files.filter((f) => /Spring Festival|LunarDay|SolarTerm/.test(fs.readFileSync(path.join(distDir, f), 'utf8')))
    expect(carrying).toEqual([])
  })
})

describe('the weapp build, as WeChat’s review reads it', () => {
  const appJson = () => JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as Record<string, any>

  it('has the privacy check, on-demand component loading and the v2 style in app.json, and no H5-only key', () => {
    const app = appJson()
    expect(app).toMatchObject({
      __usePrivacyCheck__: true,
      lazyCodeLoading: 'requiredComponents',
      style: 'v2',
      sitemapLocation: 'sitemap.json',
      // The admin's map pick of the center; the resident's own location is never read.
      requiredPrivateInfos: ['chooseLocation'],
    })
    expect(app).not.toHaveProperty('animation')
  })

  it('keeps every staff page out of WeChat search and lets the resident pages in', () => {
    const sitemap = JSON.parse(fs.readFileSync(path.join(distDir, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] }
    const staffPages = appRoutes().filter((r) => r.startsWith('staff/'))
    expect(staffPages.length).toBeGreaterThan(10)
    // WeChat reads rules top down: each staff page is disallowed before the catch-all allow.
    const catchAll = sitemap.rules.findIndex((r) => r.page === '*')
    expect(sitemap.rules[catchAll]).toEqual({ action: 'allow', page: '*' })
    expect(sitemap.rules.slice(0, catchAll)).toEqual(staffPages.map((page) => ({ action: 'disallow', page })))
  })

  it('has no syntax an old iPhone’s JavaScript engine cannot read (no ?? or ?.: every file parses as ES2019)', () => {
    const files = fs.readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    expect(files.length).toBeGreaterThan(40)
    const unreadable = files.flatMap((f) => {
      try {
        parse(fs.readFileSync(path.join(distDir, f), 'utf8'), { ecmaVersion: 2019, sourceType: 'script' })
        return []
      } catch (e) {
        return [`${f}: ${(e as Error).message}`]
      }
    })
    expect(unreadable).toEqual([])
  })

  it('opens in WeChat DevTools from the repository or from the build with both roots found', () => {
    for (const dir of [root, distDir]) {
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'project.config.json'), 'utf8')) as Record<string, string>
      expect({ dir, app: fs.existsSync(path.join(dir, config.miniprogramRoot, 'app.json')) }).toEqual({ dir, app: true })
      expect(path.resolve(dir, config.cloudfunctionRoot)).toBe(path.join(root, 'cloudfunctions'))
    }
  })
})

describe('the weapp build in the Taro mini-program runtime', () => {
  beforeAll(() => {
    harness = bookingHarness({ now: new Date(WORKDAY_MORNING) })
    host = installWeappHost({
      distDir,
      backend: (name, data) =>
        name in FUNCTIONS
          ? harness.call(name as keyof typeof FUNCTIONS, data, OPENID)
          : Promise.reject(new Error(`no cloud function ${name}`)),
    })
    host.launch()
  })
  afterAll(async () => {
    await host?.uninstall()
    harness?.close()
  })
  beforeEach(() => {
    host.navigations.length = 0
    host.modals.length = 0
    host.cloudCalls.length = 0
    host.subscribeRequests.length = 0
  })
  afterEach(() => {
    // Our code never needs a Node-only global, and no call is refused as malformed or crashes the backend (wiring bugs).
    expect(host.forbiddenGlobals).toEqual([])
    expect(host.cloudCalls.filter((c) => c.result && !c.result.ok && ['INVALID_INPUT', 'INTERNAL'].includes(c.result.error.code))).toEqual(
      [],
    )
  })

  describe('when the app launches', () => {
    it('loads every page of app.json, subpackages included, and each registers a Taro page', () => {
      const routes = appRoutes()
      expect(routes).toEqual(
        expect.arrayContaining(['pages/index/index', 'pages/guide/index', 'pages/service/index', 'staff/pages/home/index']),
      )
      const registered = routes.map((route) => ({ route, onLoad: typeof host.register(route).onLoad, eh: typeof host.register(route).eh }))
      expect(registered).toEqual(routes.map((route) => ({ route, onLoad: 'function', eh: 'function' })))
      expect(host.consoleErrors).toEqual([])
    })
  })

  describe('when 办事指南 opens on a device with no center chosen yet', () => {
    it('calls the center function through wx.cloud and shows that center’s services from the real store', async () => {
      const guide = host.open('pages/guide/index')
      const texts = await guide.waitForTexts((t) => t.includes('城乡居民基本养老保险参保登记'), 'the service list')

      // First visit: the first center is chosen and remembered on the device.
      expect(host.storage.get('centerId')).toBe('lsw')
      expect(host.cloudCalls.map((c) => c.data)).toEqual(
        expect.arrayContaining([{ action: 'listCenters' }, { action: 'listServices', centerId: 'lsw' }]),
      )
      expect(texts).toEqual(expect.arrayContaining(['搜索', '全部（20）', '更换 ▼', '可预约', '当场办结']))
      expect(texts).not.toContain('老年人优待证办理（隐珠）')
      expect(texts.some((t) => t.includes('隐珠'))).toBe(false)
      expect(host.consoleErrors).toEqual([])
    })

    it('opens the service’s guide when a service is tapped', async () => {
      const guide = host.open('pages/guide/index')
      await guide.waitForTexts((t) => t.includes('城乡居民基本养老保险参保登记'), 'the service list')
      guide.tap(guide.the('button', '城乡居民基本养老保险参保登记'))
      await host.settle()
      expect(host.navigations).toEqual([
        { api: 'navigateTo', url: expect.stringMatching(/^\/pages\/service\/index\?id=lsw-pension-enroll(&|$)/) },
      ])
    })

    it('filters by category when a chip is tapped', async () => {
      const guide = host.open('pages/guide/index')
      await guide.waitForTexts((t) => t.includes('城乡居民基本养老保险参保登记'), 'the service list')
      // The categories are folded into one line: open it, then pick.
      guide.tap(guide.the('button', '更换 ▼'))
      await guide.waitForTexts((t) => t.includes('收起 ▲'), 'the categories')
      guide.tap(guide.the('button', '残疾人服务（'))
      const texts = await guide.waitForTexts((t) => !t.includes('城乡居民基本养老保险参保登记'), 'the list to narrow')
      expect(host.cloudCalls.at(-1)?.data).toEqual({ action: 'listServices', centerId: 'lsw', category: expect.any(String) })
      expect(texts).toContain('残疾人证办理（新办、换领）')
      expect(guide.text()).toContain('分类：残疾人服务（2）')
    })
  })

  describe('when 首页 opens', () => {
    it('shows the center and that it is open on a working morning', async () => {
      harness.setNow(WORKDAY_MORNING)
      const home = host.open('pages/index/index')
      const texts = await home.waitForTexts((t) => t.includes('灵山卫街道公共服务中心'), 'the center card')
      expect(texts).toEqual(expect.arrayContaining(['办公中', '办事指南', '预约办事', '长辈版：字更大、按钮更大']))
      expect(home.text()).toContain('办公中，12:00 下班')
      expect(host.consoleErrors).toEqual([])
    })

    it('says the center is closed on a Saturday', async () => {
      harness.setNow(SATURDAY)
      const home = host.open('pages/index/index')
      const texts = await home.waitForTexts((t) => t.includes('灵山卫街道公共服务中心'), 'the center card')
      expect(texts).toContain('今日休息')
      expect(texts).not.toContain('办公中')
      harness.setNow(WORKDAY_MORNING)
    })

    it('switches to the guide tab with only bookable services for 预约办事', async () => {
      const home = host.open('pages/index/index')
      await home.waitForTexts((t) => t.includes('灵山卫街道公共服务中心'), 'the center card')
      home.tap(home.the('button', '预约办事'))
      await host.settle()
      expect(host.navigations).toEqual([{ api: 'switchTab', url: '/pages/guide/index' }])
      expect(host.storage.get('guideBookableOnly')).toBe(true)

      const guide = host.open('pages/guide/index')
      const texts = await guide.waitForTexts((t) => t.includes('只显示可以预约的事项。'), 'the bookable-only note')
      expect(host.storage.has('guideBookableOnly')).toBe(false)
      expect(texts).toContain('城乡居民基本养老保险参保登记')
    })

    it('turns on 长辈版 by itself when WeChat’s font is large', async () => {
      host.systemInfo.fontSizeSetting = 20
      try {
        const home = host.open('pages/index/index')
        const texts = await home.waitForTexts((t) => t.includes('灵山卫街道公共服务中心'), 'the center card')
        expect(texts).toContain('长辈版：已开启（点此关闭）')
        expect(home.tree()?.cn?.[0]?.cl).toContain('page--elder')
      } finally {
        host.systemInfo.fontSizeSetting = 17
      }
    })
  })

  describe('when a service’s guide opens', () => {
    it('shows its materials and ticks one off on the device', async () => {
      const page = host.open('pages/service/index', { id: 'lsw-pension-enroll' })
      await page.waitForTexts((t) => t.includes('城乡居民基本养老保险参保登记'), 'the service')
      expect(page.text()).toContain('需要带的材料（已备好 0/3）')

      page.tap(page.find('button', '户口簿')[0])
      await page.waitForTexts(() => page.text().includes('已备好 1/3'), 'the tick')
      expect(host.storage.get('materials:lsw-pension-enroll')).toEqual([1])

      page.tap(page.the('button', '预约办理'))
      await host.settle()
      expect(host.navigations).toEqual([
        { api: 'navigateTo', url: expect.stringMatching(/^\/pages\/booking\/slots\/index\?serviceId=lsw-pension-enroll(&|$)/) },
      ])
    })
  })

  describe('when a resident submits a booking, then adds it to the phone’s calendar', () => {
    it('asks to allow the reminder template from the submit tap, then books', async () => {
      const query = { serviceId: 'lsw-medical-remote', date: '2026-11-27', start: '09:00' }
      const form = host.open('pages/booking/form/index', query)
      await form.waitForTexts((t) => t.includes('确认预约'), 'the booking form')
      form.input(form.byId('name'), '王建国')
      form.input(form.byId('idNumber'), nthIdNumber(7))
      form.input(form.byId('phone'), '13812345678')
      form.tap(form.the('button', '我已阅读并同意'))
      // Ticked, the box shows ✓ before the sentence (no （已同意） after it).
      await form.waitForTexts(() => textOf(form.the('button', '我已阅读并同意')).startsWith('✓'), 'the consent ticked')
      expect(host.subscribeRequests).toEqual([])

      form.tap(form.the('button', '确认预约'))
      await host.settle()
      // Asked once, with the build's template id, before the booking went to the server (WeChat only allows it from the tap).
      const creates = host.cloudCalls.filter((c) => c.data.action === 'create')
      expect(host.subscribeRequests).toEqual([
        { tmplIds: [WEAPP_TEST_REMINDER_TEMPLATE], afterCloudCalls: host.cloudCalls.indexOf(creates[0]) },
      ])
      expect(creates).toEqual([expect.objectContaining({ name: 'booking', result: expect.objectContaining({ ok: true }) })])
      expect(host.navigations).toEqual([
        { api: 'redirectTo', url: expect.stringMatching(/^\/pages\/booking\/detail\/index\?id=.+&created=1$/) },
      ])
      form.unload()
      bookingId = /id=([^&]+)/.exec(host.navigations[0].url ?? '')![1]
    })

    it('asks for the privacy guide before the phone’s calendar, and adds to it only after 同意', async () => {
      const detail = host.open('pages/booking/detail/index', { id: bookingId })
      await detail.waitForTexts((t) => t.includes('添加到日历'), 'the booking')
      expect(detail.text()).not.toContain('用户隐私保护提示')

      // Not agreed yet: WeChat holds the call and asks the page, which shows the prompt.
      detail.tap(detail.the('button', '添加到日历'))
      await detail.waitForTexts((t) => t.includes('用户隐私保护提示'), 'the privacy prompt')
      expect(host.privacy.calls).toEqual([])
      expect(host.privacy.answers).toEqual([{ event: 'exposureAuthorization' }])

      // 不同意: the call fails, the page says so, nothing was added.
      detail.tap(detail.the('button', '不同意'))
      await detail.waitForTexts((t) => t.some((x) => x.includes('没有添加到日历')), 'the refusal said')
      expect(host.privacy.calls).toEqual([{ api: 'addPhoneCalendar', outcome: 'refused' }])
      expect(detail.text()).not.toContain('用户隐私保护提示')

      // Again, and 同意 on the agreePrivacyAuthorization button: the held call goes on.
      detail.tap(detail.the('button', '添加到日历'))
      await detail.waitForTexts((t) => t.includes('用户隐私保护提示'), 'the privacy prompt again')
      detail.tap(detail.the('text', '查看《用户隐私保护指引》'))
      detail.agreePrivacy(detail.the('button', '同意并继续'))
      await host.settle()
      expect(host.privacy.answers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
      expect(host.privacy.calls.at(-1)).toEqual({ api: 'addPhoneCalendar', outcome: 'ok' })
      expect(host.privacy.agreed).toBe(true)
      expect(detail.text()).not.toContain('用户隐私保护提示')
      detail.unload()
    })
  })

  // Last: it opens every page on this device (which chooses the center and fills storage).
  describe('when every page opens', () => {
    it('renders every page of app.json, opened without a query, without a render error', async () => {
      const pages = appRoutes().map((route) => host.open(route))
      await host.settle()
      expect(pages.map((p) => p.instance.route)).toEqual(appRoutes())
      expect(host.consoleErrors).toEqual([])
      for (const page of pages.reverse()) page.unload()
      await host.settle()
      expect(host.consoleErrors).toEqual([])
    })
  })
})
