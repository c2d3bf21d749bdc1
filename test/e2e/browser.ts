import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core'

interface BrowserLaunch {
  executablePath: string
  args: string[]
  env: Record<string, string>
}

/**
 * What test/e2e/environment.js loads once for the whole run: playwright-core and how to launch the browser. A file run
 * without that environment loads and asks them itself.
 */
const shared = (globalThis as { e2eShared?: { playwright: typeof import('playwright-core'); browserLaunch: BrowserLaunch } }).e2eShared
const { chromium } = shared?.playwright ?? (require('playwright-core') as typeof import('playwright-core'))

let found: BrowserLaunch | undefined = shared?.browserLaunch

/** Where the browser is and how to start it: scripts/e2e-browser.mjs decides (system Chromium, else the one from npm). */
function findBrowser(): BrowserLaunch {
  found ??= JSON.parse(
    execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/e2e-browser.mjs')], { encoding: 'utf8' }),
  ) as BrowserLaunch
  return found
}

/** The calls to our functions (`/api/…`) each browser context has under way, for `tap` to wait on. */
const calls = new WeakMap<BrowserContext, Set<Request>>()

function trackCalls(context: BrowserContext): void {
  const pending = new Set<Request>()
  calls.set(context, pending)
  context.on('request', (r) => void (r.url().includes('/api/') && pending.add(r)))
  context.on('requestfinished', (r) => void pending.delete(r))
  context.on('requestfailed', (r) => void pending.delete(r))
}

/** A headless Chromium with the network chatter this machine refuses switched off, and CJK fonts. Its contexts track their calls (see `tap`). */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args, env } = findBrowser()
  const browser = await chromium.launch({ executablePath, headless: true, args, env: { ...process.env, ...env } as Record<string, string> })
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...options) => {
    const context = await newContext(...options)
    trackCalls(context)
    return context
  }
  return browser
}

/**
 * Loads `url` in full in `page`, keeping the site's storage: what `goto` and then `reload` did, without first drawing
 * the route inside the old document (a hash change is a same-document navigation) and asking its data twice. On
 * another origin (a server restarted on a new port) it is a plain `goto`, a full load already.
 */
export async function loadAfresh(page: Page, url: string): Promise<void> {
  if (page.url().startsWith(`${new URL(url).origin}/`)) {
    await page.evaluate((to) => history.replaceState(history.state, '', to), url)
    await page.reload()
  } else await page.goto(url)
}

/**
 * One browser for a whole test file (call at its top level): launched before the file's first test, closed after its
 * last. The file's describes (a mode each, say) take contexts of it and close them with `closeContexts`: a launch is
 * about 0.4 CPU s and a second or more of wall time on a loaded machine.
 */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())
  return () => {
    if (!browser) throw new Error('the browser is launched in the file’s beforeAll: ask for it in a test or hook')
    return browser
  }
}

/** Closes every context of `browser` (the pages of a describe that is done), leaving the browser to the next one. */
export async function closeContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((c) => c.close()))
}

/**
 * Waits until the page has no call to our functions under way (at most 5 s: the queue pages poll)
 * and has drawn twice since: the state a person taps (or starts typing) in. After an action a page typically shows
 * its banner, then reloads its data and redraws; a tap aimed in between can land on whatever moved
 * into the spot (seen under load: 认证通过 became the button below it).
 */
export async function settled(page: Page): Promise<void> {
  const pending = calls.get(page.context())
  for (const end = Date.now() + 5_000; pending && pending.size > 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20))
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

/**
 * Taps what a person would tap. Playwright's "stable" check never settles on
 * Taro's H5 custom elements here (it does on plain pages), so wait until the
 * element is visible, then click at its centre without that check: still a real
 * mouse event at the element's position.
 */
export async function tap(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' })
  await settled(locator.page())
  // Into the middle of the screen first, as a person scrolls to what they tap: at the very top it would sit under
  // the navigation bar (fixed over the page), which would take the click.
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await locator.click({ force: true })
}

/** The phone the resident pages are tried on unless a test says otherwise (390 × 844, an iPhone 12–14). */
export const PHONE_VIEWPORT = { width: 390, height: 844 }

/**
 * A page signed in as `openid` (the dev identity), at center 灵山卫, in 长辈版 or not, in a fresh context of
 * `browser` with the given viewport (PHONE_VIEWPORT unless given; `phone`: a touch screen without a mouse;
 * `acceptDownloads`: for the CSV exports). One context per person: each keeps its own storage.
 */
export async function pageAs(
  browser: Browser,
  openid: string,
  options: { elder?: boolean; viewport?: { width: number; height: number }; phone?: boolean; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const phone = options.phone ? { isMobile: true, hasTouch: true } : {}
  const downloads = options.acceptDownloads ? { acceptDownloads: true } : {}
  const context = await browser.newContext({ viewport: options.viewport ?? PHONE_VIEWPORT, locale: 'zh-CN', ...phone, ...downloads })
  await context.addInitScript(
    ([who, key, on]) => {
      localStorage.setItem('devOpenid', who)
      localStorage.setItem('centerId', JSON.stringify({ data: 'lsw' }))
      localStorage.setItem(key, on)
    },
    [JSON.stringify({ data: openid }), `elderMode:${openid}`, JSON.stringify({ data: options.elder ?? false })],
  )
  return context.newPage()
}

/**
 * Opens `url` in `page` as a first visit: the site's storage emptied and filled with `storage` (key → value as Taro
 * keeps it, e.g. `stored('lsw')`), then the app loaded in full. Goes through `/healthz` (a document of the site without
 * the app) to reach the storage before the app starts, and loads in full even when only the route changes. Opening
 * many pages one after another in one tab this way costs less CPU than a fresh browser context each: the tab keeps
 * the app's compiled code and axe's (measured on the 44 pages, context, load and first axe scan: 0.55 → 0.31 CPU s a page).
 */
export async function visitAfresh(
  page: Page,
  url: string,
  storage: Record<string, string>,
  /** Called once the previous page is gone and before the new one loads (e.g. to start counting its calls). */
  beforeLoad?: () => void,
): Promise<void> {
  await page.goto(`${new URL(url).origin}/healthz`)
  await page.evaluate((items) => {
    localStorage.clear()
    sessionStorage.clear()
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value)
  }, storage)
  beforeLoad?.()
  await page.goto(url)
}

/**
 * Waits until the image at `locator` (a Taro `<Image>`: the element or the `<img>` inside it) has loaded a picture
 * from a URL starting with `from` — the photo itself, not a broken image — and answers the URL it loaded.
 */
export async function photoShown(locator: Locator, from: string): Promise<string> {
  await locator.waitFor()
  const handle = await locator.elementHandle()
  const page = locator.page()
  await page.waitForFunction(
    ([el, prefix]) => {
      const img = (el as Element).tagName === 'IMG' ? (el as HTMLImageElement) : (el as Element).querySelector('img')
      return !!img && img.complete && img.naturalWidth > 0 && new URL(img.src).pathname.startsWith(prefix as string)
    },
    [handle, from] as const,
    { timeout: 10_000 },
  )
  return handle!.evaluate((el) => ((el.tagName === 'IMG' ? el : el.querySelector('img')) as HTMLImageElement).src)
}
