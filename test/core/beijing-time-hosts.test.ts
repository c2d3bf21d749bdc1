/**
 * The Beijing-time helpers and the open state in child processes whose host runs in six zones (each sets its
 * own TZ): not marked `@timezone`, as jest's zone does not reach them (the time-zone runs would only repeat
 * the same six processes). The helpers in jest's own zone: beijing-time.test.ts.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const REPO_ROOT = path.resolve(__dirname, '../..')

describe('Beijing time on hosts in other time zones', () => {
  /**
   * Instants around Beijing midnight and the host zones' daylight-saving changes
   * (where a clock derived from the host's local time slips by an hour).
   */
  const INSTANTS = [
    '2026-09-30T15:59:00Z', // 2026-09-30 23:59, the eve of National Day
    '2026-09-30T16:00:00Z', // 2026-10-01 00:00, 国庆节
    '2026-10-01T02:00:00Z', // 2026-10-01 10:00
    '2026-10-09T16:00:00Z', // 2026-10-10 00:00, the 调休 Saturday
    '2026-10-10T01:30:00Z', // 2026-10-10 09:30, open
    '2026-02-28T16:00:00Z', // 2026-03-01 00:00
    '2025-12-31T16:00:00Z', // 2026-01-01 00:00, 元旦
    '2026-03-07T18:30:00Z', // 2026-03-08 02:30, US clocks spring forward that day
    '2026-03-29T00:30:00Z', // 2026-03-29 08:30, European clocks spring forward that day
    '2026-10-03T16:30:00Z', // 2026-10-04 00:30, Sydney clocks spring forward that night
    '2026-11-01T00:00:00Z', // 2026-11-01 08:00, US clocks fall back that day
  ]
  const EXPECTED = [
    { date: '2026-09-30', clock: '23:59', state: 'after_close' },
    { date: '2026-10-01', clock: '00:00', state: 'closed_today', reason: '国庆节' },
    { date: '2026-10-01', clock: '10:00', state: 'closed_today', reason: '国庆节' },
    { date: '2026-10-10', clock: '00:00', state: 'before_open' },
    { date: '2026-10-10', clock: '09:30', state: 'open' },
    { date: '2026-03-01', clock: '00:00', state: 'closed_today', reason: '周末休息' },
    { date: '2026-01-01', clock: '00:00', state: 'closed_today', reason: '元旦' },
    { date: '2026-03-08', clock: '02:30', state: 'closed_today', reason: '周末休息' },
    { date: '2026-03-29', clock: '08:30', state: 'closed_today', reason: '周末休息' },
    { date: '2026-10-04', clock: '00:30', state: 'closed_today', reason: '国庆节' },
    { date: '2026-11-01', clock: '08:00', state: 'closed_today', reason: '周末休息' },
  ]
  const SCRIPT = `
    const { beijingDate, beijingClock, addDays, isoWeekday, atBeijing } = require('./src/core/beijing-time.ts')
    const { openStateAt } = require('./src/core/working-days.ts')
    const { workingCalendar } = require('./src/core/working-calendar.ts')
    const hours = { sessions: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }] }
    const instants = ${JSON.stringify(INSTANTS)}
    const out = instants.map((i) => {
      const date = beijingDate(new Date(i))
      const clock = beijingClock(new Date(i))
      const s = openStateAt(date, clock, hours, workingCalendar())
      return { date, clock, state: s.state, ...(s.reason ? { reason: s.reason } : {}) }
    })
    const extra = { next: addDays('2026-02-28', 1), weekday: isoWeekday('2026-03-08'), back: atBeijing('2026-03-08', '02:30').toISOString() }
    process.stdout.write(JSON.stringify({ out, extra }))
  `
  const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Australia/Sydney']

  let results: Record<string, { out: unknown[]; extra: unknown }>

  beforeAll(async () => {
    const outputs = await Promise.all(
      ZONES.map((tz) => run(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { cwd: REPO_ROOT, env: { ...process.env, TZ: tz } })),
    )
    results = Object.fromEntries(ZONES.map((tz, i) => [tz, JSON.parse(outputs[i].stdout)]))
  }, 30_000)

  describe.each(ZONES)('when the host runs in TZ=%s', (tz) => {
    it('returns the Beijing date, clock and open state of each instant', () => {
      expect(results[tz].out).toEqual(EXPECTED.map((e) => expect.objectContaining(e)))
    })
    it('returns the same calendar arithmetic as on a Beijing host', () => {
      expect(results[tz].extra).toEqual({ next: '2026-03-01', weekday: 7, back: '2026-03-07T18:30:00.000Z' })
    })
  })

  describe('when the outputs of every zone are compared', () => {
    it('returns identical output everywhere', () => {
      const first = JSON.stringify(results[ZONES[0]])
      for (const tz of ZONES) expect([tz, JSON.stringify(results[tz])]).toEqual([tz, first])
    })
  })
})
