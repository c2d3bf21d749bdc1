import Database from 'better-sqlite3'
import { post, serversOnOneFile, type ServerProcess } from '../support/server-process'

jest.setTimeout(90_000)

const CALLERS = 60

let servers: ServerProcess[]
let dbFile: string
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ servers, dbFile, stop } = await serversOnOneFile(2, { APP_NOW: '2026-11-26T09:00:00+08:00' }))
})

afterAll(() => stop?.())

describe('two server processes on one database file', () => {
  describe(`when ${CALLERS} people take up the same invite at once`, () => {
    let results: { status: number; body: any }[]

    beforeAll(async () => {
      const invite = await post(
        servers[0].base,
        'staff',
        { action: 'createInvite', centerId: 'lsw', name: '张明', grant: { role: 'counter', windows: [4] } },
        'dev-admin-sun',
      )
      expect(invite.body.ok).toBe(true)
      results = await Promise.all(
        Array.from({ length: CALLERS }, (_, n) =>
          post(servers[n % 2].base, 'staff', { action: 'redeemInvite', code: invite.body.data.code }, `o-racer-${n}`),
        ),
      )
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
