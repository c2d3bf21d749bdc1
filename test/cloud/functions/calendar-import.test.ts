/**
 * The deployer's import of a year's arrangement: the shared use case (local script and CloudBase
 * jobs function), the `npm run calendar:import` script on a real DATA_DIR, and the jobs function's
 * `importCalendar` event on the CloudBase adapter.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cloudbaseJobsMain } from '@cloud/entry/cloudbase-jobs'
import type { CloudbaseHost } from '@cloud/entry/cloudbase-host'
import { importArrangement } from '@cloud/functions/calendar/import'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { fingerprint } from '@test/hardening/fixtures'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { checkCloudbaseKeys } from '@cloud/store/cloudbase/key-check'
import { TEST_KEY_ENV, TEST_PII } from '@test/support/test-keys'

const ROOT = path.resolve(__dirname, '../../..')
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/calendar-2027.example.json'), 'utf8'))
const { example: _mark, ...FILLED } = EXAMPLE
const now = () => new Date('2026-12-28T09:00:00+08:00')

describe('importArrangement', () => {
  let dir: string
  let store: ReturnType<typeof createSqliteStore>
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-import-'))
    store = createSqliteStore(path.join(dir, 'test.sqlite'), { sealer: TEST_PII })
  })
  afterEach(() => {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const ctx = () => ({ store, now, settings: DEFAULT_SETTINGS })

  describe('when the file is the documented example, still marked', () => {
    it('refuses it and stores nothing', async () => {
      const before = fingerprint(store.db)
      expect(await importArrangement(ctx(), EXAMPLE)).toEqual({ ok: false, fields: { example: expect.stringContaining('这是示例文件') } })
      expect(fingerprint(store.db)).toBe(before)
    })
  })
  describe('when a line is wrong', () => {
    it('names it and stores nothing', async () => {
      const before = fingerprint(store.db)
      const bad = { ...FILLED, lines: [...FILLED.lines.slice(0, 6), { ...FILLED.lines[6], workdays: ['2027-10-02'] }] }
      expect(await importArrangement(ctx(), bad)).toEqual({
        ok: false,
        fields: { 'lines.6.workdays.0': '10月2日 是法定节假日（国庆节），不能调休上班' },
      })
      expect(fingerprint(store.db)).toBe(before)
    })
  })
  describe('when the file is filled in', () => {
    it('stores it as imported, version by version, and audits it in every center', async () => {
      expect(await importArrangement(ctx(), FILLED)).toMatchObject({ ok: true, year: 2027, version: 1, replaced: 0 })
      expect(await importArrangement(ctx(), FILLED)).toMatchObject({ ok: true, version: 2, replaced: 1 })
      expect(await store.calendar.arrangements()).toMatchObject([
        { year: 2027, version: 2, source: 'imported', enteredByName: '部署导入', lines: FILLED.lines },
      ])
      expect(store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'calendar.importYear'").get()).toEqual({ n: 4 })
    })
  })
})

describe('npm run calendar:import', () => {
  it('imports a file into DATA_DIR, and refuses the example with the reason', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-import-cli-'))
    try {
      const file = path.join(dataDir, '2027.json')
      fs.writeFileSync(file, JSON.stringify(FILLED))
      const env = { ...process.env, DATA_DIR: dataDir, ...TEST_KEY_ENV }
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/calendar-import.ts', file], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      })
      expect(out).toContain('2027 年放假安排已导入（第 1 版）：元旦 1月1日–1月3日放假')
      let refused = ''
      try {
        execFileSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/calendar-import.ts', path.join(ROOT, 'docs/calendar-2027.example.json')],
          { cwd: ROOT, env, encoding: 'utf8', stdio: 'pipe' },
        )
      } catch (err) {
        refused = String((err as { stderr: string }).stderr)
      }
      expect(refused).toContain('这是示例文件')
      const store = createSqliteStore(path.join(dataDir, 'bianmin.sqlite'), { sealer: TEST_PII })
      expect(store.db.prepare('SELECT year, version, source FROM calendar_years').all()).toEqual([
        { year: 2027, version: 1, source: 'imported' },
      ])
      store.close()
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('the CloudBase jobs function’s importCalendar', () => {
  it('imports from the console (no OPENID) and refuses a mini-program caller', async () => {
    const { db } = createCloudbaseDouble()
    await seedCloudbase(db)
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
    expect(await main({ importCalendar: FILLED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await store.calendar.arrangements()).toEqual([])
    openid = ''
    expect(await main({ importCalendar: FILLED })).toMatchObject({ ok: true, imported: { ok: true, year: 2027, version: 1 } })
    expect((await store.calendar.arrangements())[0]).toMatchObject({ year: 2027, source: 'imported' })
  })
})
