import type { Browser } from 'playwright-core'
import { launchBrowser } from './browser'
import type { LocalServer } from './local-server'
import { stored } from './api'
import { PAGES, routeOf, serverWithEveryRecord, type PageCase, type PageRecords } from './every-page'

/**
 * One function call per first screen (issue 21, point 1): every resident and family page is opened fresh, as the
 * person who uses it, and the calls to /api it makes until its first screen shows (and a moment after, for late
 * ones) are counted. On WeChat each is a round trip to the cloud, 100–300 ms on a phone network.
 * `npx jest test/e2e/call-counts.e2e.test.ts --selectProjects e2e` prints the table of docs/benchmarks.md.
 */

/**
 * Pages that make more than one call, with how many and why: the test fails when one makes more, or fewer. Every
 * other page makes one at most (a form with nothing to load, none). None since the booking page's 签到取号 entry came
 * with booking.get and the check-in page of a booking checked in already hands its ticket to the ticket page.
 */
const STILL_MORE_THAN_ONE: Record<string, { calls: number; why: string }> = {}

/**
 * A call that starts this long after every earlier one was answered is a live page's refresh (the ticket page asks
 * every second), not part of its first screen: a chained read, or a page asking twice on opening, follows an answer
 * at once. Without this a loaded machine, showing the first screen late, counted the ticket page's first refresh.
 */
const REFRESH_GAP_MS = 900

const WANG = 'dev-resident-wang'
/** 首页 as the people who open it: a first visit (no center remembered) and a resident with a booking today. */
const EXTRA: (PageCase & { fresh?: boolean })[] = [
  { name: 'home, first visit', route: 'pages/index/index', as: null, who: 'resident', ready: '灵山卫街道公共服务中心', fresh: true },
  { name: 'home, booking today', route: 'pages/index/index', as: WANG, who: 'resident', ready: '今天的预约' },
]

const RESIDENT_PAGES = [...PAGES.filter((c) => c.who !== 'staff'), ...EXTRA]

describe('function calls per first screen', () => {
  let server: LocalServer
  let browser: Browser
  let ids: PageRecords = {}
  const counted: { name: string; calls: string[] }[] = []

  beforeAll(async () => {
    ;({ server, ids } = await serverWithEveryRecord())
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    const rows = counted.map((c) => `| ${c.name} | ${c.calls.length} | ${c.calls.join(', ')} |`)
    console.log(['| page | calls | which |', '| --- | --- | --- |', ...rows].join('\n'))
  })

  for (const c of RESIDENT_PAGES) {
    const budget = STILL_MORE_THAN_ONE[c.name]?.calls ?? 1
    it(`${c.name}: ${budget === 1 ? 'one call at most' : `${budget} calls (${STILL_MORE_THAN_ONE[c.name].why})`}`, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
      try {
        await context.addInitScript(
          ([persona, center]) => {
            if (sessionStorage.getItem('calls-set')) return
            sessionStorage.setItem('calls-set', '1')
            localStorage.clear()
            if (center) localStorage.setItem('centerId', center)
            if (persona) localStorage.setItem('devOpenid', persona)
          },
          [c.as ? stored(c.as) : '', 'fresh' in c && c.fresh ? '' : stored('lsw')] as const,
        )
        const page = await context.newPage()
        const calls: string[] = []
        // When the last answer came: a call that starts a poll interval after it is a live page's refresh.
        let lastAnswerAt = 0
        let open = 0
        page.on('request', (r) => {
          const url = new URL(r.url())
          if (!url.pathname.startsWith('/api/')) return
          const action = (r.postDataJSON() as { action?: string } | null)?.action
          const refresh = open === 0 && lastAnswerAt > 0 && Date.now() - lastAnswerAt >= REFRESH_GAP_MS
          open++
          if (!refresh) calls.push(action ? `${url.pathname.slice(5)}.${action}` : url.pathname)
        })
        const answered = (r: { url(): string }) => {
          if (!new URL(r.url()).pathname.startsWith('/api/')) return
          open--
          lastAnswerAt = Date.now()
        }
        page.on('requestfinished', answered)
        page.on('requestfailed', answered)
        await page.goto(`${server.url}/#/${routeOf(c, ids)}`)
        const ready = typeof c.ready === 'object' && 'css' in c.ready ? page.locator(c.ready.css) : page.getByText(c.ready)
        await ready.filter({ visible: true }).first().waitFor()
        // A call that follows the first answer (a chained read) comes within a moment.
        await page.waitForTimeout(800)
        counted.push({ name: c.name, calls })
        if (budget === 1) expect(calls.length).toBeLessThanOrEqual(1)
        else expect(calls.length).toBe(budget)
      } finally {
        await context.close()
      }
    })
  }
})
