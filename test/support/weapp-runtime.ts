/**
 * Just enough of WeChat's mini-program host to run the real weapp build
 * (dist/weapp: Taro's mini-program runtime, React 18 reconciler, our pages) in
 * plain Node: the `wx` API, `App`/`Page`/`Component`, `getApp`,
 * `getCurrentPages`, and page instances whose `setData` builds the same data
 * tree WeChat would render from base.wxml. Cloud calls go to a backend the
 * test supplies (the real functions on a real SQLite file).
 *
 * Not a simulator: nothing is drawn (no layout, no styles, no native
 * components); base.wxml is only read to know which element and which events
 * each node gets. What it catches is what only the weapp runtime shows: crashes
 * at load or render, setData trees, event wiring through `eh`, and
 * `wx.cloud.callFunction` wiring.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Envelope } from '@/contract/envelope'

export type CloudBackend = (name: string, data: Record<string, unknown>) => Promise<Envelope<unknown>>

/** A node of the tree Taro's runtime sends through setData (keys shortened by Taro: nn node name, cn children, v text, sid node id, cl class). */
export interface MpNode {
  nn?: string
  cn?: MpNode[]
  v?: string
  sid?: string
  uid?: string
  cl?: string
  [key: string]: unknown
}

type Json = Record<string, unknown>
type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

/** WeChat's setData refuses one call's data above 1 MB. */
const SET_DATA_LIMIT_BYTES = 1024 * 1024

/**
 * Globals Node has and WeChat's JS engine does not. Taro's webpack build
 * supplies its own `document`, `window`, `navigator`, `URL` to our code, but not
 * these: in WeChat a page touching them throws; in Node it would quietly work.
 */
const NOT_IN_WECHAT = [
  'fetch',
  'Blob',
  'FormData',
  'Headers',
  'Request',
  'Response',
  'WebSocket',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
] as const

/** Splits a setData key (`root.cn.[0].cn[2].v`) into object keys and array indexes. */
export function dataPath(key: string): (string | number)[] {
  return [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]))
}

function applyPatch(data: Json, patch: Json): void {
  for (const [key, raw] of Object.entries(patch)) {
    // WeChat sends setData across to the view as JSON: functions and undefined vanish.
    const value = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw))
    const keys = dataPath(key)
    let target: any = data
    keys.slice(0, -1).forEach((k, i) => {
      if (target[k] === undefined || target[k] === null || typeof target[k] !== 'object')
        target[k] = typeof keys[i + 1] === 'number' ? [] : {}
      target = target[k]
    })
    target[keys[keys.length - 1]] = value
  }
}

/** Every node of a tree, depth first, in document order. */
export function nodesOf(root: MpNode | undefined): MpNode[] {
  if (!root) return []
  return [root, ...(root.cn ?? []).flatMap(nodesOf)]
}

/** The texts of a tree in document order (text nodes, the ones carrying `v`; trimmed, empty ones dropped). */
export function textsOf(root: MpNode | undefined): string[] {
  return nodesOf(root)
    .filter((n) => typeof n.v === 'string')
    .map((n) => (n.v as string).trim())
    .filter(Boolean)
}

/** All text under one node joined, e.g. a button's label. */
export function textOf(node: MpNode): string {
  return textsOf(node).join('')
}

/** What base.wxml renders for one `nn`: the element, and the events its template binds to `eh`. */
export interface NodeTemplate {
  tag: string
  events: Set<string>
}

/**
 * Reads the build's base.wxml: Taro renders node `nn: 'N'` with template
 * `tmpl_0_N` (inputs through `tmpl_0_N_blur`/`_focus`). A node whose template
 * lacks `bindtap="eh"` never hears a tap in WeChat, whatever React thinks.
 */
export function readTemplates(baseWxml: string): Map<string, NodeTemplate> {
  const bodies = new Map<string, string>()
  for (const m of baseWxml.matchAll(/<template name="tmpl_0_(\w+)">\s*<([\w-]+)([^>]*)>/g)) bodies.set(m[1], `${m[2]} ${m[3]}`)
  const templates = new Map<string, NodeTemplate>()
  for (const [key, body] of bodies) {
    if (key.includes('_')) continue
    const real = body.startsWith('template ') ? (bodies.get(`${key}_blur`) ?? body) : body
    const tag = real.split(' ')[0]
    const events = new Set([...real.matchAll(/(?:bind|catch)(\w+)="eh"/g)].map((e) => e[1]))
    templates.set(key, { tag: tag === 'block' ? '#text' : tag, events })
  }
  return templates
}

export interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  data: Json
  setData(patch: Json, cb?: () => void): void
  [method: string]: any
}

export interface OpenedPage {
  instance: PageInstance
  /** The page's rendered tree (what `root` in its data holds). */
  tree(): MpNode | undefined
  texts(): string[]
  /** All text of the page as one string, as a reader sees it (whitespace runs collapsed). */
  text(): string
  /** Nodes rendered as `tag` (button, view, text, input…) whose joined text contains `text`, in document order. */
  find(tag: string, text?: string): MpNode[]
  /** The one `tag` node whose text contains `text`; fails with the page's texts otherwise. */
  the(tag: string, text: string): MpNode
  /**
   * Fires a tap the way WeChat would: only if the node's template binds tap to
   * `eh`, with currentTarget id / data-sid as base.wxml sets them.
   */
  tap(node: MpNode): void
  /** Taps a button with `open-type="agreePrivacyAuthorization"` (WeChat then accepts `resolve({event: 'agree', buttonId})` with its id). */
  agreePrivacy(node: MpNode): void
  /** Types into an input the way WeChat reports it: an `input` event through `eh`, only if base.wxml binds it. */
  input(node: MpNode, value: string): void
  /** The node rendered with this id (what `id` on a Taro component becomes in WeChat). */
  byId(id: string): MpNode
  /** Leaves the page for good (onUnload): React unmounts it, so its timers and polling stop. */
  unload(): void
  /** Resolves once `predicate(texts)` holds; fails at once on a render error, or with the page's texts after `timeoutMs`. */
  waitForTexts(predicate: (texts: string[]) => boolean, what: string, timeoutMs?: number): Promise<string[]>
}

export interface WeappHost {
  wx: Record<string, any>
  /** What wx.getSystemInfoSync / getAppBaseInfo / getWindowInfo answer; change it to play a device setting. */
  systemInfo: Record<string, any>
  /** The element each `nn` renders as, from the build's base.wxml. */
  templates: Map<string, NodeTemplate>
  tagOf(node: MpNode): string
  /** wx.navigateTo / redirectTo / switchTab / reLaunch / navigateBack, in call order. */
  navigations: { api: string; url?: string }[]
  toasts: unknown[]
  modals: unknown[]
  /** Every wx.cloud.callFunction, with what it answered. */
  cloudCalls: { name: string; data: Json; result?: Envelope<unknown> }[]
  /** Every wx.requestSubscribeMessage, with how many cloud calls had been made before it (to tell what it preceded). */
  subscribeRequests: { tmplIds: string[]; afterCloudCalls: number }[]
  /**
   * WeChat's privacy check (app.json `__usePrivacyCheck__`): until `agreed`, a privacy API asks the
   * listener of wx.onNeedPrivacyAuthorization and waits. `answers` are what the app resolved with;
   * `calls` every privacy API call and how it ended ('ok', or 'refused' when not agreed).
   */
  privacy: {
    agreed: boolean
    answers: { event: string; buttonId?: string }[]
    calls: { api: string; outcome: 'ok' | 'refused' }[]
  }
  /** What the camera reads at each wx.scanCode, first in first out; a scan with nothing queued is cancelled (the scanner closed). */
  scans: string[]
  /** Every wx.scanCode call's options. */
  scanCalls: Json[]
  /** What WeChat's map answers at each wx.chooseLocation (name, address, latitude, longitude), first in first out; none queued: closed without a choice. */
  locations: Json[]
  /** Every wx.chooseLocation call's options (where the map opened). */
  locationCalls: Json[]
  /** A key pressed in PC WeChat: calls the wx.onKeyDown listeners (which the page registers only on a PC). */
  pressKey(key: string): void
  /** Node-only globals (see NOT_IN_WECHAT) our code in the weapp build touched, with where. */
  forbiddenGlobals: { name: string; at: string }[]
  /** What was written to console.error (React reports render errors there). */
  consoleErrors: string[]
  /** Largest single setData payload seen (bytes of JSON). */
  largestSetDataBytes: number
  storage: Map<string, unknown>
  app(): Record<string, any>
  launch(): void
  /** Loads a page's js (it calls Page()) without opening it; returns the page config. */
  register(route: string): Record<string, any>
  open(route: string, query?: Record<string, string>): OpenedPage
  /** Waits until no cloud call is in flight and no setData arrived for a while. */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>
  /** Unloads every open page (so no page keeps polling), then restores the globals. */
  uninstall(): Promise<void>
}

/**
 * Defines the host globals, then `launch()` loads dist/weapp/app.js and calls
 * the app's onLaunch/onShow; `open(route)` loads a page's js once and runs a
 * fresh page instance through onLoad → onShow → onReady, like WeChat does.
 */
export function installWeappHost(options: { distDir: string; backend: CloudBackend; systemInfo?: Json }): WeappHost {
  const { distDir, backend } = options
  const g = globalThis as unknown as Record<string, any>
  const previous = new Map<string, PropertyDescriptor | undefined>()
  const define = (name: string, desc: PropertyDescriptor) => {
    if (!previous.has(name)) previous.set(name, Object.getOwnPropertyDescriptor(g, name))
    Object.defineProperty(g, name, { configurable: true, ...desc })
  }

  const storage = new Map<string, unknown>()
  const navigations: WeappHost['navigations'] = []
  const toasts: unknown[] = []
  const modals: unknown[] = []
  const cloudCalls: WeappHost['cloudCalls'] = []
  const subscribeRequests: WeappHost['subscribeRequests'] = []
  const privacy: WeappHost['privacy'] = { agreed: false, answers: [], calls: [] }
  let privacyListener: ((resolve: (o: { event: string; buttonId?: string }) => void, info: { referrer: string }) => void) | null = null
  /** Ids of agree buttons tapped: WeChat accepts an `agree` only naming one of them. */
  const agreeButtonsTapped = new Set<string>()
  const forbiddenGlobals: WeappHost['forbiddenGlobals'] = []
  const scans: string[] = []
  const scanCalls: Json[] = []
  const locations: Json[] = []
  const locationCalls: Json[] = []
  const keyListeners = new Set<(res: { key: string; code: string; timeStamp: number }) => void>()
  const consoleErrors: string[] = []
  let inFlight = 0
  let lastActivity = Date.now()
  let largestSetDataBytes = 0

  /** The async wx API shape: success/fail/complete callbacks, answered on a later macrotask (Taro promisifies them itself). */
  const asyncApi =
    (record: (opts: any) => unknown = () => ({})) =>
    (opts: Callbacks & Json = {}) => {
      let ok = true
      let res: Json
      try {
        res = { errMsg: 'ok', ...(record(opts) as Json) }
      } catch (e) {
        ok = false
        res = { errMsg: `fail ${(e as Error).message}` }
      }
      setTimeout(() => {
        if (ok) opts.success?.(res)
        else opts.fail?.(res)
        opts.complete?.(res)
      })
    }
  /**
   * A privacy API: runs at once when agreed; otherwise WeChat holds the call, asks the app's listener,
   * and goes on after `agree` (naming a tapped agree button) or fails after `disagree`.
   */
  const privacyApi =
    (api: string, record: (opts: any) => unknown = () => ({})) =>
    (given: Callbacks & Json = {}): Promise<unknown> | undefined => {
      // Called without callbacks (as Taro passes an API it does not promisify itself), WeChat answers a promise.
      if (!given.success && !given.fail && !given.complete)
        return new Promise((resolve, reject) => void privacyApi(api, record)({ ...given, success: resolve, fail: reject }))
      const opts = given
      const run = () => {
        privacy.calls.push({ api, outcome: 'ok' })
        asyncApi(record)(opts)
      }
      const refuse = () => {
        privacy.calls.push({ api, outcome: 'refused' })
        const res = { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 }
        setTimeout(() => (opts.fail?.(res), opts.complete?.(res)))
      }
      if (privacy.agreed) return void run()
      if (!privacyListener) return void refuse()
      let answered = false
      privacyListener(
        (option) => {
          privacy.answers.push({ ...option })
          if (option.event === 'exposureAuthorization' || answered) return
          answered = true
          if (option.event === 'agree' && option.buttonId && agreeButtonsTapped.has(option.buttonId)) {
            privacy.agreed = true
            run()
          } else refuse()
        },
        { referrer: api },
      )
    }
  const navigate = (api: string) => asyncApi((o) => navigations.push({ api, url: o.url }) && {})

  const systemInfo: Record<string, any> = {
    brand: 'devtools',
    model: 'iPhone 12',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 753,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'ios',
    SDKVersion: '3.5.0',
    fontSizeSetting: 17,
    fontSizeScaleFactor: 1,
    theme: 'light',
    safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 },
    ...options.systemInfo,
  }

  // Every key must exist before taro.js loads: Taro builds its API from Object.keys(wx).
  const wx: Record<string, any> = {
    // Storage: Taro.getStorageSync etc. (center choice, 长辈版, guide filters).
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    getStorage: asyncApi((o) => {
      if (!storage.has(o.key)) throw new Error(`getStorage: no ${o.key}`)
      return { data: storage.get(o.key) }
    }),
    setStorage: asyncApi((o) => void storage.set(o.key, o.data)),
    removeStorage: asyncApi((o) => void storage.delete(o.key)),
    // Device info: Taro's pxTransform and our 长辈版 (WeChat large font) read these.
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: asyncApi(() => ({ ...systemInfo })),
    getWindowInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getSystemSetting: () => ({ deviceOrientation: 'portrait' }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn),
    // Navigation: recorded, not performed (tests open the next page themselves).
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: asyncApi(() => navigations.push({ api: 'navigateBack' }) && {}),
    // UI feedback: recorded.
    showToast: asyncApi((o) => toasts.push(o) && {}),
    hideToast: asyncApi(),
    showLoading: asyncApi(),
    hideLoading: asyncApi(),
    showModal: asyncApi((o) => modals.push(o) && { confirm: true, cancel: false }),
    setNavigationBarTitle: asyncApi(),
    stopPullDownRefresh: asyncApi(),
    pageScrollTo: asyncApi(),
    makePhoneCall: asyncApi(),
    openLocation: asyncApi(),
    addPhoneCalendar: privacyApi('addPhoneCalendar'),
    chooseImage: privacyApi('chooseImage', (o) => ({
      tempFilePaths: Array.from({ length: o.count ?? 1 }, (_, i) => `wxfile://tmp_${i}.jpg`),
    })),
    setClipboardData: privacyApi('setClipboardData'),
    scanCode: privacyApi('scanCode', (o) => {
      scanCalls.push({ onlyFromCamera: o.onlyFromCamera, scanType: o.scanType })
      const result = scans.shift()
      if (result === undefined) throw new Error('cancel')
      return { result, scanType: 'QR_CODE', charSet: 'UTF-8' }
    }),
    chooseLocation: privacyApi('chooseLocation', (o) => {
      locationCalls.push({ latitude: o.latitude, longitude: o.longitude })
      const picked = locations.shift()
      if (picked === undefined) throw new Error('cancel')
      return picked
    }),
    // PC WeChat only (base library 3.6.0+); on a phone nothing is ever sent.
    onKeyDown: (listener: (res: { key: string; code: string; timeStamp: number }) => void) => void keyListeners.add(listener),
    offKeyDown: (listener: (res: { key: string; code: string; timeStamp: number }) => void) => void keyListeners.delete(listener),
    onNeedPrivacyAuthorization: (listener: typeof privacyListener) => void (privacyListener = listener),
    openPrivacyContract: asyncApi(),
    // Every template is accepted, as a resident tapping 允许 would.
    requestSubscribeMessage: asyncApi((o) => {
      subscribeRequests.push({ tmplIds: [...o.tmplIds], afterCloudCalls: cloudCalls.length })
      return Object.fromEntries((o.tmplIds as string[]).map((id) => [id, 'accept']))
    }),
    createSelectorQuery: () => {
      const q = {
        in: () => q,
        select: () => q,
        selectAll: () => q,
        selectViewport: () => q,
        boundingClientRect: () => q,
        scrollOffset: () => q,
        fields: () => q,
        exec: (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.([])),
      }
      return q
    },
    // Cloud: the platform adds the caller's identity; the data crosses as JSON.
    cloud: {
      init() {},
      callFunction({ name, data, success, fail, complete }: { name: string; data?: Json } & Callbacks) {
        const sent = JSON.parse(JSON.stringify(data ?? {})) as Json
        const entry: WeappHost['cloudCalls'][number] = { name, data: sent }
        cloudCalls.push(entry)
        inFlight++
        lastActivity = Date.now()
        const p = backend(name, sent).then(
          (result) => {
            entry.result = result
            return { errMsg: 'cloud.callFunction:ok', result: JSON.parse(JSON.stringify(result)), requestID: `req-${cloudCalls.length}` }
          },
          (e: unknown) => {
            throw { errCode: -504002, errMsg: `cloud.callFunction:fail ${(e as Error)?.message ?? e}` }
          },
        )
        // Settle on the next macrotask, as a real network answer would.
        const answered = p.then(
          (r) => new Promise<typeof r>((res) => setTimeout(() => res(r))),
          (e) => new Promise<never>((_, rej) => setTimeout(() => rej(e))),
        )
        answered.then(
          (r) => (success?.(r), complete?.(r)),
          (e) => (fail?.(e), complete?.(e)),
        )
        answered
          .finally(() => {
            inFlight--
            lastActivity = Date.now()
          })
          .catch(() => undefined)
        return answered
      },
    },
  }

  let appConfig: Record<string, any> | null = null
  const pageConfigs = new Map<string, Record<string, any>>()
  const componentConfigs: Record<string, any>[] = []
  const stack: PageInstance[] = []
  let registering: string | null = null

  define('wx', { value: wx, writable: true })
  // App(), Page(), Component(): the registrations the build's js files make.
  define('App', { value: (config: Record<string, any>) => void (appConfig = config), writable: true })
  define('Page', {
    value: (config: Record<string, any>) => {
      if (!registering) throw new Error('Page() called outside a page file')
      pageConfigs.set(registering, config)
    },
    writable: true,
  })
  define('Component', { value: (config: Record<string, any>) => void componentConfigs.push(config), writable: true })
  define('getApp', { value: () => appConfig, writable: true })
  define('getCurrentPages', { value: () => [...stack], writable: true })
  define('requirePlugin', { value: () => ({}), writable: true })

  // The Node-only globals: the weapp build sees them as absent, and use from our code (not Taro's window
  // shim in taro.js, which copies every global) is recorded; the in-process backend still has Node's.
  const weappFile = `${path.resolve(distDir)}${path.sep}`
  const taroJs = `${weappFile}taro.js`
  for (const name of NOT_IN_WECHAT) {
    const original = Object.getOwnPropertyDescriptor(g, name)
    define(name, {
      get() {
        const caller = (new Error().stack ?? '').split('\n')[2] ?? ''
        if (caller.includes(weappFile)) {
          if (!caller.includes(taroJs)) forbiddenGlobals.push({ name, at: caller.trim() })
          return undefined
        }
        return original?.get ? original.get.call(g) : original?.value
      },
      set(v) {
        Object.defineProperty(g, name, { configurable: true, writable: true, value: v })
      },
    })
  }

  // Taro reports render errors through console.error; keep them for the assertions.
  const realConsoleError = console.error
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '))
    realConsoleError.apply(console, args)
  }

  const baseWxml = path.join(distDir, 'base.wxml')
  if (!fs.existsSync(baseWxml)) throw new Error(`${baseWxml} not found: is ${distDir} a weapp build?`)
  const templates = readTemplates(fs.readFileSync(baseWxml, 'utf8'))
  const tagOf = (node: MpNode) => (node.nn === undefined ? '?' : (templates.get(node.nn)?.tag ?? `?nn=${node.nn}`))

  const load = (file: string) => {
    const full = path.join(distDir, file)
    if (!fs.existsSync(full)) throw new Error(`${full} not found: the weapp build is missing it`)
    try {
      require(full)
    } catch (e) {
      // Re-thrown from here: jest would otherwise print a frame of the minified line.
      throw Object.assign(new Error(`The weapp build crashed loading ${file}: ${(e as Error)?.message ?? e}`), { cause: e })
    }
  }

  const host: WeappHost = {
    wx,
    systemInfo,
    templates,
    tagOf,
    navigations,
    toasts,
    modals,
    cloudCalls,
    subscribeRequests,
    privacy,
    forbiddenGlobals,
    scans,
    scanCalls,
    locations,
    locationCalls,
    pressKey(key) {
      for (const listener of [...keyListeners]) listener({ key, code: `Key${key.toUpperCase()}`, timeStamp: Date.now() })
    },
    consoleErrors,
    get largestSetDataBytes() {
      return largestSetDataBytes
    },
    storage,
    app() {
      if (!appConfig) throw new Error('App() was never called: launch() first')
      return appConfig
    },
    launch() {
      load('app.js')
      const app = host.app()
      const launch = { path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }
      app.onLaunch?.call(app, launch)
      app.onShow?.call(app, launch)
    },
    register(route) {
      if (!pageConfigs.has(route)) {
        registering = route
        try {
          load(`${route}.js`)
        } finally {
          registering = null
        }
        if (!pageConfigs.has(route)) throw new Error(`${route}.js did not call Page()`)
      }
      return pageConfigs.get(route)!
    },
    open(route, query = {}) {
      const config = host.register(route)
      const errorsBefore = consoleErrors.length
      // WeChat copies the config's methods onto each instance (bound: Taro marks `this.onReady.called`) and deep-copies its data.
      const instance: PageInstance = Object.assign(Object.create(null), config, {
        route,
        __route__: route,
        options: { ...query },
        data: structuredClone(config.data ?? {}),
        setData(patch: Json, cb?: () => void) {
          const bytes = Buffer.byteLength(JSON.stringify(patch))
          largestSetDataBytes = Math.max(largestSetDataBytes, bytes)
          if (bytes > SET_DATA_LIMIT_BYTES) throw new Error(`setData of ${bytes} bytes on ${route}: WeChat refuses more than 1 MB`)
          applyPatch(instance.data, patch)
          lastActivity = Date.now()
          if (cb) setTimeout(cb)
        },
      })
      for (const [k, v] of Object.entries(config)) if (typeof v === 'function') instance[k] = v.bind(instance)
      // Opening a page hides the one below it, as navigateTo does (pages stop polling while hidden).
      stack.at(-1)?.onHide?.()
      stack.push(instance)
      lastActivity = Date.now()
      instance.onLoad?.({ ...query })
      instance.onShow?.()
      instance.onReady?.()

      const tree = () => (instance.data.root as MpNode | undefined) ?? undefined
      /** An event the way WeChat delivers it: only if the node's template binds it to `eh`, with currentTarget id / data-sid as base.wxml sets them. */
      const fire = (node: MpNode, type: string, detail: Json) => {
        const id = (node.uid as string | undefined) ?? node.sid
        if (!id) throw new Error(`node ${JSON.stringify(node).slice(0, 120)} has no sid: it cannot receive events`)
        const template = node.nn === undefined ? undefined : templates.get(node.nn)
        if (!template?.events.has(type)) {
          throw new Error(
            `<${tagOf(node)}> "${textOf(node)}" (nn ${node.nn}) has no bind${type} in base.wxml: in WeChat it reaches no handler`,
          )
        }
        const target = { id, dataset: { sid: node.sid } }
        instance.eh({ type, currentTarget: target, target, detail, timeStamp: Date.now(), touches: [], changedTouches: [], mark: {} })
      }
      const page: OpenedPage = {
        instance,
        tree,
        texts: () => textsOf(tree()),
        text: () =>
          nodesOf(tree())
            .map((n) => (typeof n.v === 'string' ? n.v : ''))
            .join('')
            .replace(/\s+/g, ' '),
        find(tag, text) {
          return nodesOf(tree()).filter((n) => tagOf(n) === tag && (text === undefined || textOf(n).includes(text)))
        },
        the(tag, text) {
          const found = page.find(tag, text)
          if (found.length !== 1)
            throw new Error(`${route}: expected one <${tag}> with "${text}", found ${found.length}. Texts: ${JSON.stringify(page.texts())}`)
          return found[0]
        },
        unload() {
          const at = stack.indexOf(instance)
          if (at === -1) return
          stack.splice(at, 1)
          instance.onUnload?.()
        },
        tap(node) {
          fire(node, 'tap', { x: 0, y: 0 })
        },
        agreePrivacy(node) {
          // Noted before the event: the app resolves from inside its handler.
          const id = (node.uid as string | undefined) ?? node.sid
          if (id) agreeButtonsTapped.add(id)
          fire(node, 'agreeprivacyauthorization', {})
        },
        input(node, value) {
          fire(node, 'input', { value, cursor: value.length, keyCode: 0 })
        },
        byId(id) {
          const found = nodesOf(tree()).filter((n) => n.uid === id)
          if (found.length !== 1) throw new Error(`${route}: expected one node with id "${id}", found ${found.length}`)
          return found[0]
        },
        async waitForTexts(predicate, what, timeoutMs = 5000) {
          const end = Date.now() + timeoutMs
          for (;;) {
            const texts = page.texts()
            if (predicate(texts)) return texts
            if (consoleErrors.length > errorsBefore)
              throw new Error(`${route}: render error while waiting for ${what}: ${consoleErrors[errorsBefore]}`)
            if (Date.now() > end) throw new Error(`${route}: timed out waiting for ${what}. Texts now: ${JSON.stringify(texts)}`)
            await new Promise((r) => setTimeout(r, 10))
          }
        },
      }
      return page
    },
    async settle(quietMs = 100, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs
      for (;;) {
        await new Promise((r) => setTimeout(r, 10))
        if (inFlight === 0 && Date.now() - lastActivity >= quietMs) return
        if (Date.now() > end) throw new Error(`weapp did not settle in ${timeoutMs} ms (${inFlight} cloud calls in flight)`)
      }
    },
    async uninstall() {
      for (const instance of [...stack].reverse()) instance.onUnload?.()
      stack.length = 0
      // Let React finish unmounting (effect clean-ups clear the pages' timers) while wx still exists.
      await new Promise((r) => setTimeout(r, 50))
      console.error = realConsoleError
      for (const [name, desc] of previous) {
        if (desc) Object.defineProperty(g, name, desc)
        else delete g[name]
      }
    },
  }
  return host
}
