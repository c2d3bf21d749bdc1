/**
 * Personal data at rest on the real server (issue 17, point 3): after a booking, a home-certification
 * request and a delegated case made over HTTP, nothing a resident typed — phone, elder's name, address —
 * is readable in the SQLite file or its -wal; the three files are the owner's only; and a server whose
 * keys are not the database's (other keys, or a lost dev key file) refuses to start and says why.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEV_KEY_FILE } from '@cloud/runtime/personal-data'
import { createInput } from '@test/support/booking-harness'
import { caseInput } from '@test/support/delegation-harness'
import { FAMILY, submitInput } from '@test/support/homecert'
import { post, runServerToExit, startServer, type ServerProcess } from '@test/support/server-process'

const APP_NOW = '2026-11-26T09:00:00+08:00'
const PHONE = '13987654321'
const ELDER = '欧阳秀梅'
const ADDRESS = '灵山卫街道海滨路 417 号 3 单元'
const APPLICANT = '诸葛德福'

let dataDir: string
let staticDir: string
let server: ServerProcess | null = null
const dbFile = () => path.join(dataDir, 'bianmin.sqlite')
const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, STATIC_DIR: staticDir, APP_NOW, PORT: '0', ...extra })

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-at-rest-'))
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-static-'))
  server = await startServer(env())
  const booked = await post(
    server.base,
    'booking',
    { action: 'create', ...createInput(1, { person: { name: APPLICANT, idNumber: createInput(1).person.idNumber, phone: PHONE } }) },
    'dev-resident-wang',
  )
  expect(booked.body.ok).toBe(true)
  const asked = await post(
    server.base,
    'homecert',
    {
      action: 'submit',
      ...submitInput({
        elder: { ...submitInput().elder, name: ELDER, phone: PHONE, address: ADDRESS },
        requester: { self: false, name: '赵敏', phone: PHONE, relation: 'parent' },
      }),
    },
    FAMILY,
  )
  expect(asked.body.ok).toBe(true)
  const opened = await post(
    server.base,
    'delegation',
    { action: 'create', ...caseInput({ applicantName: APPLICANT, phone: PHONE, handover: 'home_pickup', address: ADDRESS }) },
    'dev-resident-wang',
  )
  expect(opened.body.ok).toBe(true)
}, 60_000)

afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(staticDir, { recursive: true, force: true })
})

describe('the database files of a running server', () => {
  it('hold no phone, elder’s name, applicant’s name or address readable, in the file or its -wal', () => {
    const raw = [dbFile(), `${dbFile()}-wal`].map((f) => fs.readFileSync(f).toString('utf8')).join('\n')
    // The write-ahead log holds the pages just written: the test would be empty without them.
    expect(fs.statSync(`${dbFile()}-wal`).size).toBeGreaterThan(0)
    for (const secret of [PHONE, ELDER, ADDRESS, APPLICANT]) expect(raw).not.toContain(secret)
  })

  it('are readable and writable by their owner only (0600): the file, -wal, -shm and the dev key file', () => {
    for (const f of [dbFile(), `${dbFile()}-wal`, `${dbFile()}-shm`, path.join(dataDir, DEV_KEY_FILE)])
      expect([path.basename(f), fs.statSync(f).mode & 0o777]).toEqual([path.basename(f), 0o600])
  })

  it('are read back whole by the resident who wrote them', async () => {
    const mine = await post(server!.base, 'homecert', { action: 'listMine', centerId: 'lsw' }, FAMILY)
    expect(mine.body.data.items.map((r: { elderName: string }) => r.elderName)).toEqual([ELDER])
  })
})

describe('a server started on that database', () => {
  beforeAll(async () => {
    await server?.stop()
    server = null
  })

  it('refuses other keys and names the mismatch (dev mode)', async () => {
    const other = { PII_ENC_KEY: Buffer.alloc(32, 7).toString('base64'), PII_HASH_KEY: Buffer.alloc(32, 8).toString('base64') }
    const run = await runServerToExit(env(other))
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/personal-data keys do not match .*bianmin\.sqlite/)
  }, 30_000)

  it('refuses other keys in production too', async () => {
    const other = {
      NODE_ENV: 'production',
      PII_ENC_KEY: Buffer.alloc(32, 7).toString('base64'),
      PII_HASH_KEY: Buffer.alloc(32, 8).toString('base64'),
    }
    const run = await runServerToExit({ ...env(other), APP_NOW: '' })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/do not match/)
  }, 30_000)

  it('never generates a new dev key file over sealed data: a lost key file stops the start', async () => {
    const keyFile = path.join(dataDir, DEV_KEY_FILE)
    const saved = fs.readFileSync(keyFile)
    fs.rmSync(keyFile)
    const run = await runServerToExit(env())
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/dev key file .* is missing/)
    expect(fs.existsSync(keyFile)).toBe(false)
    // With the file back, it starts and reads what it sealed.
    fs.writeFileSync(keyFile, saved, { mode: 0o600 })
    server = await startServer(env())
    const mine = await post(server.base, 'homecert', { action: 'listMine', centerId: 'lsw' }, FAMILY)
    expect(mine.body.data.items.map((r: { elderName: string }) => r.elderName)).toEqual([ELDER])
  }, 60_000)
})
