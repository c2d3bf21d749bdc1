/**
 * Demo data only where asked (issue 17, point 5): a production database starts with the centers'
 * configuration only — no personas, no staff, no district admin, no workers' phones, nobody
 * responsible for a community — and its first admin comes from `npm run admin:bootstrap` (a one-time
 * invite code, redeemed through the real staff function), as does the first 区级管理员; on CloudBase
 * the same through the jobs function.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FUNCTIONS } from '@cloud/functions'
import type { CloudbaseHost } from '@cloud/entry/cloudbase-host'
import { cloudbaseJobsMain } from '@cloud/entry/cloudbase-jobs'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { openLocalStore } from '@cloud/server/local-store'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { checkCloudbaseKeys } from '@cloud/store/cloudbase/key-check'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { run as adminBootstrap } from '../../scripts/admin-bootstrap'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_KEY_ENV, TEST_PII } from '@test/support/test-keys'

const dirs: string[] = []
const dataDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-demo-'))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

const count = (store: ReturnType<typeof openLocalStore>['store'], table: string) =>
  (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** Runs the script as `npm run admin:bootstrap -- …` would, capturing what it prints. */
async function bootstrap(dir: string, ...args: string[]) {
  const out: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  const err = jest.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
  try {
    const code = await adminBootstrap(args, { ...TEST_KEY_ENV, NODE_ENV: 'production', DATA_DIR: dir })
    return { code, text: out.join('\n') }
  } finally {
    log.mockRestore()
    err.mockRestore()
  }
}

describe('a database opened by the server', () => {
  it('in production holds the centers’ configuration and no person at all', () => {
    const { store } = openLocalStore({ production: true, dataDir: dataDir() }, TEST_KEY_ENV)
    try {
      expect(count(store, 'centers')).toBe(2)
      expect(count(store, 'services')).toBeGreaterThan(20)
      expect(count(store, 'communities')).toBeGreaterThan(0)
      for (const table of ['staff_roles', 'district_staff', 'homecert_worker_phones'])
        expect([table, count(store, table)]).toEqual([table, 0])
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM communities WHERE responsible_openid IS NOT NULL').get()).toEqual({ n: 0 })
    } finally {
      store.close()
    }
  })

  it('in dev mode holds the demo personas and staff too', () => {
    const { store } = openLocalStore({ production: false, dataDir: dataDir() }, TEST_KEY_ENV)
    try {
      expect(count(store, 'staff_roles')).toBeGreaterThan(5)
      expect(count(store, 'district_staff')).toBe(1)
    } finally {
      store.close()
    }
  })
})

describe('npm run admin:bootstrap', () => {
  it('prints a one-time invite that makes the first admin through 工作人员绑定, and refuses a second bootstrap', async () => {
    const dir = dataDir()
    const first = await bootstrap(dir, '--center', 'lsw', '--name', '孙丽')
    expect(first.code).toBe(0)
    const code = /邀请码[^：]*：([A-Z0-9]+)/.exec(first.text)?.[1] ?? ''
    expect(code).toMatch(/^[A-Z0-9]{8}$/)

    const { store, pii } = openLocalStore({ production: true, dataDir: dir }, TEST_KEY_ENV)
    try {
      const ctx = (openid: string) => ({ openid, store, now: () => new Date(), requestId: 't', pii, settings: DEFAULT_SETTINGS })
      const redeemed = await dispatch(FUNCTIONS.staff as never, { action: 'redeemInvite', code }, ctx('o-first-admin'))
      expect(redeemed).toMatchObject({ ok: true })
      expect((await store.staff.rolesOf('lsw', 'o-first-admin')).map((r) => [r.name, r.grant.role])).toEqual([['孙丽', 'admin']])
      // One use only.
      expect(await dispatch(FUNCTIONS.staff as never, { action: 'redeemInvite', code }, ctx('o-someone-else'))).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
    } finally {
      store.close()
    }
    const again = await bootstrap(dir, '--center', 'lsw', '--name', '另一人')
    expect(again.code).toBe(1)
    expect(again.text).toContain('已有管理员')
    expect((await bootstrap(dir, '--center', 'nowhere', '--name', '孙丽')).text).toContain('没有服务中心 nowhere')
  })

  it('makes the first 区级管理员 by OPENID, and explains its usage when called wrong', async () => {
    const dir = dataDir()
    expect((await bootstrap(dir, '--district', 'o-district-1', '--name', '高文华')).code).toBe(0)
    const { store } = openLocalStore({ production: true, dataDir: dir }, TEST_KEY_ENV)
    try {
      expect(await store.staff.districtRole('o-district-1')).toMatchObject({ name: '高文华', role: 'district' })
    } finally {
      store.close()
    }
    const wrong = await bootstrap(dir, '--center', 'lsw')
    expect([wrong.code, wrong.text]).toEqual([2, expect.stringContaining('用法')])
  })
})

describe('the CloudBase jobs function', () => {
  it('bootstraps a center’s first admin and a 区级管理员 from the console, never for a mini-program caller', async () => {
    const { db } = createCloudbaseDouble()
    await seedCloudbase(db, { staff: false })
    const store = createCloudbaseStore(db, TEST_PII)
    let openid = ''
    const host = (): CloudbaseHost => ({
      sdk: { getWXContext: () => ({ OPENID: openid }) } as unknown as CloudbaseHost['sdk'],
      store,
      pii: TEST_PII,
      keysChecked: checkCloudbaseKeys(db, TEST_PII),
      settings: DEFAULT_SETTINGS,
      log: { error: () => {}, warn: () => {} },
    })
    const main = cloudbaseJobsMain(host)
    openid = 'o-someone'
    expect(await main({ bootstrapAdmin: { centerId: 'lsw', name: '孙丽' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    openid = ''
    const answer = await main({ bootstrapAdmin: { centerId: 'lsw', name: '孙丽' } })
    expect(answer).toMatchObject({ ok: true, bootstrapped: { ok: true, code: expect.stringMatching(/^[A-Z0-9]{8}$/) } })
    expect((await store.staffAdmin.invites('lsw', 10)).map((i) => [i.name, i.grant.role])).toEqual([['孙丽', 'admin']])
    expect(await main({ bootstrapDistrict: { openid: 'o-district-1', name: '高文华' } })).toEqual({ ok: true, bootstrapped: { ok: true } })
    expect(await store.staff.districtRole('o-district-1')).toMatchObject({ name: '高文华' })
  })
})
