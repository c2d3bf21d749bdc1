import Database from 'better-sqlite3'
import { CANNOT_SUBMIT_TEXT } from '@cloud/functions/homecert/resident'
import { submitInput } from '../support/homecert'
import { post, serversOnOneFile, type ServerProcess } from '../support/server-process'

jest.setTimeout(90_000)

const FAMILIES = 30
const APP_NOW = '2026-11-26T09:00:00+08:00'

let servers: ServerProcess[]
let dbFile: string
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ servers, dbFile, stop } = await serversOnOneFile(2, { APP_NOW }))
})

afterAll(() => stop?.())

describe('two server processes on one database file', () => {
  describe(`when ${FAMILIES} family members ask for the same elder at once`, () => {
    it('keeps exactly one request and answers everyone else CONFLICT, naming it only to the family that asked', async () => {
      const results = await Promise.all(
        Array.from({ length: FAMILIES }, (_, n) =>
          post(servers[n % 2].base, 'homecert', { action: 'submit', ...submitInput({ requestId: `race-${n}-request` }) }, `family-${n}`),
        ),
      )
      const ok = results.filter((r) => r.body.ok)
      const refused = results.filter((r) => !r.body.ok)
      expect(ok).toHaveLength(1)
      expect(refused).toHaveLength(FAMILIES - 1)
      // The others are accounts without the elder's consent: one sentence that names nothing (docs/hardening.md).
      expect(
        refused.every((r) => r.status === 409 && r.body.error.code === 'CONFLICT' && r.body.error.message === CANNOT_SUBMIT_TEXT),
      ).toBe(true)
      const winner = `family-${results.findIndex((r) => r.body.ok)}`
      const again = await post(servers[0].base, 'homecert', { action: 'submit', ...submitInput({ requestId: 'race-again' }) }, winner)
      expect(again.body.error.message).toContain(`编号 ${ok[0].body.data.number}`)
      const db = new Database(dbFile, { readonly: true })
      try {
        expect(db.prepare('SELECT COUNT(*) AS n FROM homecert_requests').get()).toEqual({ n: 1 })
        expect(db.prepare('SELECT COUNT(*) AS n FROM homecert_timeline').get()).toEqual({ n: 1 })
      } finally {
        db.close()
      }
    })
  })
})
