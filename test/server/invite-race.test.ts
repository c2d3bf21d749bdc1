import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '../../cloud/store/sqlite/sqlite-store'
import { freePort, post, startServer, type ServerProcess } from '../support/server-process'

jest.setTimeout(90_000)

const CALLERS = 60

const servers: ServerProcess[] = []
let dataDir: string
let staticDir: string
let dbFile: string

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-invite-race-'))
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-static-'))
  dbFile = path.join(dataDir, 'bianmin.sqlite')
  createSqliteStore(dbFile).close()
  const ports = [await freePort(), await freePort()]
  servers.push(...(await Promise.all(ports.map((port) => startServer({ PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: staticDir, APP_NOW: '2026-11-26T09:00:00+08:00' })))))
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(staticDir, { recursive: true, force: true })
})

describe('two server processes on one database file', () => {
  describe(`when ${CALLERS} people take up the same invite at once`, () => {
    let results: { status: number; body: any }[]

    beforeAll(async () => {
      const invite = await post(servers[0].base, 'staff', { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'counter', windows: [4] } }, 'dev-admin-sun')
      expect(invite.body.ok).toBe(true)
      results = await Promise.all(Array.from({ length: CALLERS }, (_, n) => post(servers[n % 2].base, 'staff', { action: 'redeemInvite', code: invite.body.data.code }, `o-racer-${n}`)))
    })

    it('binds exactly one of them and answers CONFLICT to the rest', () => {
      expect(results.filter((r) => r.body.ok)).toHaveLength(1)
      const refused = results.filter((r) => !r.body.ok)
      expect(refused).toHaveLength(CALLERS - 1)
      expect(refused.every((r) => r.status === 409 && r.body.error.code === 'CONFLICT')).toBe(true)
    })

    it('stores one new staff row and one redemption in the audit log', () => {
      const db = new Database(dbFile, { readonly: true })
      try {
        expect(db.prepare("SELECT COUNT(*) AS n FROM staff_roles WHERE openid LIKE 'o-racer-%'").get()).toEqual({ n: 1 })
        expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'staff.redeemInvite'").get()).toEqual({ n: 1 })
      } finally {
        db.close()
      }
    })
  })
})
