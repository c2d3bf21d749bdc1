/** @timezone */
import Database from 'better-sqlite3'
import { post, serversOnOneFile, type ServerProcess } from '../support/server-process'

jest.setTimeout(90_000)

const RESIDENTS = 120
const CLERK_INTAKES = 40
const APP_NOW = '2026-11-26T09:00:00+08:00'

let shared: Awaited<ReturnType<typeof serversOnOneFile>>
let servers: ServerProcess[]
let dbFile: string

beforeAll(async () => {
  shared = await serversOnOneFile(2, { APP_NOW })
  servers = shared.servers
  dbFile = shared.dbFile
})

afterAll(() => shared?.stop())

const body = (action: 'create' | 'intake', n: number) => ({
  action,
  centerId: 'lsw',
  serviceId: 'lsw-pension-claim',
  forSelf: true,
  applicantName: '王建国',
  phone: '13812345678',
  description: `第 ${n} 件：请帮忙办理`,
  handover: 'window',
  consent: true,
  requestId: `casenos-${action}-${n}`,
})

describe('case numbers on two server processes sharing one database file', () => {
  describe(`when ${RESIDENTS} residents apply online and clerks open ${CLERK_INTAKES} counter cases at the same moment`, () => {
    let results: { status: number; body: any }[]

    beforeAll(async () => {
      const online = Array.from({ length: RESIDENTS }, (_, n) =>
        post(servers[n % 2].base, 'delegation', body('create', n), `casenos-resident-${n}`),
      )
      const counter = Array.from({ length: CLERK_INTAKES }, (_, n) =>
        post(servers[(n + 1) % 2].base, 'delegation', body('intake', n), n % 2 ? 'dev-clerk-liu' : 'dev-admin-sun'),
      )
      results = await Promise.all([...online, ...counter])
    })

    it('answers every call with a case, never a lock error', () => {
      expect(results.filter((r) => !r.body.ok)).toEqual([])
    })

    it('gives every case its own number, 0001 to 0160 with no gap', () => {
      const numbers = results.map((r) => r.body.data.caseNo as string).sort()
      expect(new Set(numbers).size).toBe(RESIDENTS + CLERK_INTAKES)
      expect(numbers).toEqual(Array.from({ length: RESIDENTS + CLERK_INTAKES }, (_, i) => `DB20261126-${String(i + 1).padStart(4, '0')}`))
    })

    it('stores a day counter equal to the cases, and one first row on each timeline (apply online, accept at the counter)', () => {
      const db = new Database(dbFile, { readonly: true })
      try {
        expect(db.prepare("SELECT last FROM case_sequences WHERE date = '2026-11-26'").get()).toEqual({ last: RESIDENTS + CLERK_INTAKES })
        expect(db.prepare('SELECT COUNT(*) AS n FROM cases').get()).toEqual({ n: RESIDENTS + CLERK_INTAKES })
        expect(db.prepare("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'apply' AND seq = 1").get()).toEqual({ n: RESIDENTS })
        expect(db.prepare("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'accept' AND seq = 1").get()).toEqual({ n: CLERK_INTAKES })
      } finally {
        db.close()
      }
    })

    describe('and every online submit is retried at once through the other server', () => {
      it('answers each with its first case and takes no new number', async () => {
        const retries = await Promise.all(
          Array.from({ length: RESIDENTS }, (_, n) =>
            post(servers[(n + 1) % 2].base, 'delegation', body('create', n), `casenos-resident-${n}`),
          ),
        )
        expect(retries.every((r, n) => r.body.ok && r.body.data.caseNo === results[n].body.data.caseNo)).toBe(true)
        const db = new Database(dbFile, { readonly: true })
        try {
          expect(db.prepare("SELECT last FROM case_sequences WHERE date = '2026-11-26'").get()).toEqual({ last: RESIDENTS + CLERK_INTAKES })
        } finally {
          db.close()
        }
      })
    })

    describe('and two clerks on the two servers take the same step on the same case at once', () => {
      it('lets exactly one win; the other is refused (CONFLICT, or FORBIDDEN for the clerk who read the case after the admin took it)', async () => {
        const id = results[0].body.data.id
        const step = (openid: string, server: number) =>
          post(servers[server].base, 'delegation', { action: 'advance', centerId: 'lsw', id, step: 'accept' }, openid)
        const [a, b] = await Promise.all([step('dev-clerk-liu', 0), step('dev-admin-sun', 1)])
        expect([a.body.ok, b.body.ok].filter(Boolean)).toHaveLength(1)
        // The admin's accept assigns the case to the admin: a clerk reading it after that commit may no longer act on it.
        const loser = a.body.ok ? b : a
        const expected = loser === a ? [409, 403] : [409]
        expect(expected).toContain(loser.status)
        expect(loser.body).toMatchObject({ ok: false, error: { code: loser.status === 409 ? 'CONFLICT' : 'FORBIDDEN' } })
      })
    })
  })
})
