/** @timezone */
import { runHomecertJobs, sendHomecertDueReminders } from '@cloud/functions/jobs/homecert'
import type { JobContext } from '@cloud/functions/jobs'
import { type BookingHarness, harnessPerTest } from '@test/support/booking-harness'
import { FAMILY, homecertDriver, submitInput, SUPERVISOR, WORKER } from '@test/support/homecert'
import { idNumberFor } from '@test/support/id-numbers'

let h: BookingHarness
let d: ReturnType<typeof homecertDriver>
let jobs: JobContext
// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const harnesses = harnessPerTest()
beforeEach(() => {
  h = harnesses.next()
  d = homecertDriver(h)
  jobs = { store: h.store, now: h.now, settings: { reminderTemplateId: null } }
})
afterEach(() => h.close())

/** An elder certified at home on Thursday 26 November 2026 (next due 26 November 2027). */
async function certifiedElder(idNumber = submitInput().elder.idNumber, name = '张桂兰'): Promise<string> {
  const r = await d.submit({ elder: { ...submitInput().elder, idNumber, name } })
  await d.assign(r.id)
  await d.schedule(r.id, '2026-11-26', 'pm', WORKER, '电话约定今天下午')
  await d.outcome(r.id, 'certified')
  return r.id
}

const dueList = async (openid = SUPERVISOR) =>
  (await d.ok('listDueSoon', {}, openid)) as {
    items: { id: string; nextDue: string; daysLeft: number; reminded: boolean; elderName: string }[]
    days: number
  }
const reminders = async () => (await h.store.messages.listFor('lsw', FAMILY, 50)).filter((m) => m.title === '养老金资格认证即将到期')

describe('the 即将到期 list', () => {
  describe('when the next due date is more than 30 days away', () => {
    it('returns nobody', async () => {
      await certifiedElder()
      h.setNow('2027-10-26T10:00:00+08:00')
      expect((await dueList()).items).toEqual([])
    })
  })
  describe('from 30 days before the next due date', () => {
    it('returns the elder with the days left, and keeps them after the date has passed', async () => {
      const id = await certifiedElder()
      h.setNow('2027-10-27T10:00:00+08:00')
      expect(await dueList()).toEqual({
        days: 30,
        items: [
          expect.objectContaining({
            id,
            elderName: '张桂兰',
            certifiedOn: '2026-11-26',
            nextDue: '2027-11-26',
            daysLeft: 30,
            reminded: false,
          }),
        ],
      })
      h.setNow('2027-12-01T10:00:00+08:00')
      expect((await dueList()).items[0]).toMatchObject({ id, daysLeft: -5 })
    })
  })
  describe('when the family has asked again', () => {
    it('leaves the elder out', async () => {
      await certifiedElder()
      h.setNow('2027-10-27T10:00:00+08:00')
      await d.submit({ windows: [{ date: '2027-10-28', half: 'am' }] })
      expect((await dueList()).items).toEqual([])
    })
  })
  it('is for supervisors of the community and admins, not for grid workers', async () => {
    await certifiedElder()
    h.setNow('2027-10-27T10:00:00+08:00')
    expect((await dueList('dev-admin-sun')).items).toHaveLength(1)
    expect(await h.call('homecert', { action: 'listDueSoon', centerId: 'lsw' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
  it('uses the center’s own number of days', async () => {
    await certifiedElder()
    h.store.db.prepare("INSERT INTO homecert_settings (center_id, rules_json) VALUES ('lsw', ?)").run(JSON.stringify({ dueSoonDays: 60 }))
    h.setNow('2027-09-27T10:00:00+08:00')
    expect(await dueList()).toMatchObject({ days: 60, items: [expect.objectContaining({ daysLeft: 60 })] })
  })
})

describe('sendHomecertDueReminders', () => {
  describe('from 30 days before the next due date, from 09:00', () => {
    it('sends the family one reminder with a link to apply again, and marks the elder as reminded', async () => {
      await certifiedElder()
      h.setNow('2027-10-27T08:59:00+08:00')
      expect(await sendHomecertDueReminders(jobs)).toBe(0)
      h.setNow('2027-10-27T09:00:00+08:00')
      expect(await runHomecertJobs(jobs)).toEqual({ dueReminders: 1 })
      expect(await sendHomecertDueReminders(jobs)).toBe(0)
      const sent = await reminders()
      expect(sent).toEqual([expect.objectContaining({ kind: 'homecert', link: '/pages/homecert/form/index' })])
      expect(sent[0].body).toBe('张桂兰上次认证是 2026年11月26日，下次应在 2027年11月26日 前认证。可以再次申请上门认证，或到中心窗口办理。')
      expect((await dueList()).items[0].reminded).toBe(true)
    })
  })
  describe('before the window opens', () => {
    it('sends nothing', async () => {
      await certifiedElder()
      h.setNow('2027-10-26T12:00:00+08:00')
      expect(await sendHomecertDueReminders(jobs)).toBe(0)
      expect(await reminders()).toEqual([])
    })
  })
  describe('when two elders come due on different days', () => {
    it('reminds each once, on their own day', async () => {
      await certifiedElder()
      h.setNow('2026-12-01T10:00:00+08:00')
      const r = await d.submit({
        elder: { ...submitInput().elder, idNumber: idNumberFor('1939-02-02', 5), name: '赵德福' },
        windows: [{ date: '2026-12-02', half: 'am' }],
      })
      await d.assign(r.id)
      await d.schedule(r.id, '2026-12-01', 'pm', WORKER, '电话约定')
      await d.outcome(r.id, 'certified')
      h.setNow('2027-10-27T10:00:00+08:00')
      expect(await sendHomecertDueReminders(jobs)).toBe(1)
      h.setNow('2027-11-01T10:00:00+08:00')
      expect(await sendHomecertDueReminders(jobs)).toBe(1)
      expect((await reminders()).map((m) => m.body.slice(0, 3))).toEqual(expect.arrayContaining(['张桂兰', '赵德福']))
    })
  })
})
