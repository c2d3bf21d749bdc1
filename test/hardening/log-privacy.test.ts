/**
 * The server's logs at LOG_LEVEL=info through a burst of real requests that
 * carry ID numbers and phone numbers (bookings, a home certification, a
 * delegated case, invalid and hostile ones too): every line is JSON with a
 * request id, and no line holds an ID number (18 digits with a valid check
 * character) or a mainland mobile number.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { idCheckChar } from '@/core/id-number'
import { createInput } from '../support/booking-harness'
import { caseInput } from '../support/delegation-harness'
import { submitInput } from '../support/homecert'
import { nthIdNumber } from '../support/id-numbers'
import { freePort, post, startServer, type ServerProcess } from '../support/server-process'

let server: ServerProcess
let dataDir: string
let logs = ''

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-logs-'))
  server = await startServer({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    STATIC_DIR: dataDir,
    LOG_LEVEL: 'info',
    APP_NOW: '2026-11-26T09:00:00+08:00',
  })
  server.child.stdout.on('data', (c) => (logs += c))
  server.child.stderr.on('data', (c) => (logs += c))
}, 30_000)
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** 18-character ID numbers whose check character is right (what a leak would look like). */
function idNumbersIn(text: string): string[] {
  return [...text.matchAll(/(?<![0-9])[1-9]\d{16}[\dXx](?![0-9])/g)]
    .map((m) => m[0])
    .filter((id) => idCheckChar(id.slice(0, 17)) === id[17].toUpperCase())
}
const phonesIn = (text: string) => [...text.matchAll(/(?<![0-9])1[3-9]\d{9}(?![0-9])/g)].map((m) => m[0])

it('logs JSON lines with request ids and never an ID number or a phone number', async () => {
  const sentIds: string[] = []
  for (let i = 0; i < 30; i++) {
    const idNumber = nthIdNumber(40_000 + i)
    sentIds.push(idNumber)
    const phone = `139${String(10_000_000 + i).padStart(8, '0')}`
    await post(
      server.base,
      'booking',
      {
        action: 'create',
        ...createInput(40_000 + i, {
          date: '2026-11-27',
          start: ['09:00', '10:00', '14:00'][i % 3],
          person: { name: '王建国', idNumber, phone },
          requestId: `logs-${i}-0000`,
        }),
      },
      `log-resident-${i}`,
    )
  }
  // Invalid ones: a wrong check character, a phone in the wrong field, an ID number in an unknown key and in the action name.
  await post(
    server.base,
    'booking',
    {
      action: 'create',
      ...createInput(1, { person: { name: nthIdNumber(41_000), idNumber: nthIdNumber(41_001).slice(0, 17) + 'Z', phone: '13900001111' } }),
    },
    'log-resident-x',
  )
  await post(server.base, 'booking', { action: nthIdNumber(41_002), extra: '13900002222' }, 'log-resident-x')
  await post(server.base, 'homecert', { action: 'submit', ...submitInput({ requestId: 'logs-homecert-0001' }) }, 'dev-family-zhao')
  await post(
    server.base,
    'delegation',
    { action: 'create', ...caseInput({ requestId: 'logs-case-0001', phone: '13912340000' }) },
    'dev-resident-wang',
  )
  const bad = await fetch(`${server.base}/api/booking`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'log-resident-y' },
    body: `{"action":"create","person":{"idNumber":"${nthIdNumber(41_003)}","phone":"13900003333"`,
  })
  expect(bad.status).toBe(400)
  // The log is another process's stdout: wait (on a busy machine, a while) until every response's line has
  // arrived whole, rather than reading at a fixed moment and catching a line cut in two.
  const completed = () => (logs.match(/"request completed"/g) ?? []).length
  for (let waited = 0; waited < 10_000 && (completed() < 34 || !logs.endsWith('\n')); waited += 50)
    await new Promise((r) => setTimeout(r, 50))

  const lines = logs.split('\n').filter((l) => l.trim() && !l.includes('已启动'))
  const parsed = lines.map((l) => {
    try {
      return JSON.parse(l) as { reqId?: string; level?: number }
    } catch {
      return null
    }
  })
  expect(parsed.filter((p) => p === null).length).toBe(0)
  const requestLines = parsed.filter((p) => p && (p as { req?: unknown }).req)
  expect(requestLines.length).toBeGreaterThanOrEqual(34)
  expect(requestLines.every((p) => typeof p!.reqId === 'string' && p!.reqId.length > 0)).toBe(true)
  expect(logs).not.toMatch(/"body"|"x-openid"|"headers"/)
  // Request ids are random UUIDs: a group like `…-a15668285808` reads as a phone number once in a few dozen runs.
  const scanned = logs.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
  expect({ idNumbers: idNumbersIn(scanned), phones: phonesIn(scanned) }).toEqual({ idNumbers: [], phones: [] })
  console.log(
    `log privacy: ${lines.length} JSON log lines (${requestLines.length} with a request), ${sentIds.length + 3} ID numbers and 34 phone numbers sent, 0 found in the logs`,
  )
}, 60_000)
