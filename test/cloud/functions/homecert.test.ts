/** @timezone */
import fs from 'node:fs'
import path from 'node:path'
import { signedParts } from '@cloud/store/sqlite/local-files'
import {
  nextStatus,
  FINAL_STATUSES,
  HOMECERT_ACTIONS,
  HOMECERT_STATUSES,
  type HomecertAction,
  type HomecertStatus,
} from '@/core/home-certification-states'
import type { ActionName } from '@/contract'
import { CANNOT_SUBMIT_TEXT } from '@cloud/functions/homecert/resident'
import { bookingHarness, harnessPerTest, TEST_PII, type BookingHarness } from '@test/support/booking-harness'
import { CERTIFIED_EVIDENCE, ELDER_85, FAMILY, homecertDriver, OTHER_WORKER, submitInput, SUPERVISOR, WORKER } from '@test/support/homecert'
import { idNumberFor } from '@test/support/id-numbers'
import { expectOk } from '@test/support/expect-ok'

// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts); the two that read the
// database file's bytes or the photo files take a store of their own (`onOwnStore`).
const harnesses = harnessPerTest()
let h: BookingHarness
let d: ReturnType<typeof homecertDriver>
beforeEach(() => {
  h = harnesses.next()
  d = homecertDriver(h)
})
afterEach(() => h.close())

/** Runs a test on a store of its own: its writes are committed to its file, and its photos are the only ones. */
async function onOwnStore(test: () => Promise<void>): Promise<void> {
  const perTest = { h, d }
  h = bookingHarness()
  d = homecertDriver(h)
  try {
    await test()
  } finally {
    h.close()
    ;({ h, d } = perTest)
  }
}

const call = <A extends ActionName<'homecert'>>(action: A, data: Record<string, unknown>, openid: string | null = FAMILY) =>
  h.call('homecert', { action, centerId: 'lsw', ...data }, openid)
/** A person's 消息, newest first; steps written at one frozen test instant are ordered by their step number. */
const messagesOf = async (openid: string) => {
  const step = (id: string) => Number(/-(\d+)(-worker)?$/.exec(id)?.[1] ?? 0)
  return (await h.store.messages.listFor('lsw', openid, 50)).sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || step(b.id) - step(a.id),
  )
}
const rows = () => h.store.db.prepare('SELECT * FROM homecert_requests').all() as Record<string, unknown>[]

describe('homecert.options', () => {
  it('returns the center’s communities, the categories and working days from tomorrow', async () => {
    const res = await call('options', {}, null)
    const o = expectOk(res)
    expect(o.communities.map((c: { name: string }) => c.name)).toEqual(['灵山卫社区', '城东社区', '南门外村', '北门外村', '东风村'])
    expect(o.categories.map((c: { name: string }) => c.name)).toEqual(['高龄', '孤寡', '残疾', '重病', '其他'])
    expect(o.minAge).toBe(80)
    expect(o.maxWindows).toBe(3)
    expect(o.today).toBe('2026-11-26')
    expect(o.dates.slice(0, 3)).toEqual([
      { date: '2026-11-27', weekday: '周五', label: '11月27日' },
      { date: '2026-11-30', weekday: '周一', label: '11月30日' },
      { date: '2026-12-01', weekday: '周二', label: '12月1日' },
    ])
    expect(o.dates).toHaveLength(10)
  })
  it('returns only the other center’s communities there', async () => {
    const res = await h.call('homecert', { action: 'options', centerId: 'yz' }, null)
    expect(expectOk(res).communities.map((c: { name: string }) => c.name)).toEqual(['隐珠社区', '海滨社区'])
  })
})

describe('homecert.submit', () => {
  describe('when an 85-year-old is asked for by a daughter', () => {
    it('returns the request: a daily number, 待派单, the ID number masked, the first step on the timeline', async () => {
      const r = await d.submit()
      expect(r).toMatchObject({
        number: '20261126-001',
        status: 'submitted',
        statusText: '待派单',
        elderName: '张桂兰',
        elderAge: 85,
        categoryName: '高龄',
        communityName: '灵山卫社区',
        overdue: false,
        elder: {
          idNumberMasked: `${ELDER_85.idNumber.slice(0, 4)}**********${ELDER_85.idNumber.slice(14)}`,
          phone: '13700001111',
          address: '灵山卫街道灵山湾路 88 号 2 单元 301',
        },
        requester: { self: false, name: '赵敏', phone: '13812345678', relationName: '母亲' },
        windows: [
          { date: '2026-11-27', half: 'am', text: '11月27日 周五 上午' },
          { date: '2026-11-30', half: 'pm', text: '11月30日 周一 下午' },
        ],
        worker: null,
        actions: ['cancel', 'request_reschedule'],
        assignable: [],
      })
      expect(r.timeline).toEqual([
        {
          at: '2026-11-26T01:00:00.000Z',
          text: '赵敏（家属）提交了申请：方便上门的时间：11月27日 周五 上午、11月30日 周一 下午',
          note: null,
          statusText: '待派单',
        },
      ])
      expect(JSON.stringify(r)).not.toContain(ELDER_85.idNumber)
    })
    it('tells the family it was received, with a link to the request', async () => {
      const r = await d.submit()
      expect(await messagesOf(FAMILY)).toEqual([
        expect.objectContaining({
          kind: 'homecert',
          title: '上门认证申请已提交',
          link: `/pages/homecert/detail/index?id=${r.id}`,
          bookingId: null,
        }),
      ])
    })
    it('stores the ID and disability numbers only sealed and hashed, nowhere in the database file', () =>
      onOwnStore(async () => {
        const id = idNumberFor('1950-03-15', 21)
        await d.submit({ elder: { ...submitInput().elder, idNumber: id }, category: 'disabled', disabilityCertNumber: `${id}42` })
        const row = rows()[0]
        expect(Object.values(row).some((v) => String(v).includes(id))).toBe(false)
        expect(TEST_PII.decrypt(row.elder_id_sealed as string)).toBe(id)
        expect(TEST_PII.decrypt(row.disability_sealed as string)).toBe(`${id}42`)
        expect(row).toMatchObject({ elder_id_hash: TEST_PII.hash(id), disability_kind: '肢体残疾', disability_grade: '二级' })
        h.store.db.pragma('wal_checkpoint(TRUNCATE)')
        expect(fs.readFileSync(h.file).includes(Buffer.from(id))).toBe(false)
      }))
    it('numbers the day’s requests in order', async () => {
      await d.submit()
      const second = await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1940-01-01', 1) } })
      expect(second.number).toBe('20261126-002')
    })
    it('answers a retried submit with its first result and stores one request', async () => {
      const input = submitInput()
      const first = await d.ok('submit', input, FAMILY)
      const again = await d.ok('submit', input, FAMILY)
      expect(again.id).toBe(first.id)
      expect(rows()).toHaveLength(1)
    })
    it('takes the elder as the requester when they ask themselves (本人)', async () => {
      const r = await d.submit({ requester: { self: true, phone: '13700001111' } })
      expect(r.requester).toEqual({ self: true, name: '张桂兰', phone: '13700001111', relationName: null })
      expect(r.timeline[0].text).toMatch(/^张桂兰（本人）提交了申请/)
    })
  })

  describe('when the elder does not qualify', () => {
    it('refuses 79 years and 364 days with the age and what to do instead, and accepts the 80th birthday', async () => {
      const res = await call('submit', submitInput({ elder: { ...submitInput().elder, idNumber: idNumberFor('1946-11-27', 3) } }))
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { category: expect.stringContaining('今年 79 周岁，未满 80 周岁') } },
      })
      expect(!res.ok && res.error.message).toContain('静默认证')
      expect(!res.ok && res.error.message).toContain('窗口认证')
      await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1946-11-26', 3) } })
    })
    it('uses the center’s own age threshold', async () => {
      h.store.db.prepare("INSERT INTO homecert_settings (center_id, rules_json) VALUES ('lsw', ?)").run(JSON.stringify({ minAge: 75 }))
      await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1951-11-26', 3) } })
    })
    it('refuses a disability certificate that is not this elder’s', async () => {
      const other = idNumberFor('1950-03-15', 22)
      const res = await call('submit', submitInput({ category: 'disabled', disabilityCertNumber: `${other}42` }))
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { disabilityCertNumber: expect.stringContaining('与老人的身份证号码不一致') } },
      })
    })
    it('refuses 重病 without a reason', async () => {
      const res = await call(
        'submit',
        submitInput({ category: 'ill', elder: { ...submitInput().elder, idNumber: idNumberFor('1960-01-01', 1) } }),
      )
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { reason: expect.stringContaining('病情') } } })
    })
  })

  describe('when the input is invalid', () => {
    it.each([
      ['windows.0', { windows: [{ date: '2026-11-28', half: 'am' }] }, '11月28日不上班（周末休息），请选择工作日'],
      ['windows', { windows: [] }, '请至少选择 1 个方便上门的时间'],
      ['elder.communityId', { elder: { ...submitInput().elder, communityId: 'yz-c-yinzhu' } }, '请选择老人所在的社区/村'],
      ['elder.address', { elder: { ...submitInput().elder, address: '灵山' } }, '请填写老人的详细住址（小区或村、楼号、门牌号）'],
      ['elder.phone', { elder: { ...submitInput().elder, phone: '0532' } }, '请填写 11 位手机号码，没有可不填'],
      ['requester.name', { requester: { self: false, phone: '13812345678', relation: 'child' } }, '请填写您的姓名'],
      ['requester.relation', { requester: { self: false, name: '赵敏', phone: '13812345678' } }, '请选择您与老人的关系'],
      ['consent', { consent: false }, '请阅读并同意《个人信息保护说明》后再提交'],
    ] as const)('refuses with a message on %s', async (field, overrides, message) => {
      const res = await call('submit', submitInput(overrides as never))
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(!res.ok && res.error.fields?.[field]).toBe(message)
    })
    it('refuses an anonymous caller', async () => {
      expect(await call('submit', submitInput(), null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })
  })

  describe('when the elder is picked from 亲友', () => {
    const elder = { address: '灵山卫街道灵山湾路 88 号 2 单元 301', communityId: 'lsw-c-lingshanwei' }
    it('takes the name and ID number on file, and a typed elder joins 亲友 pending (next time they are picked)', async () => {
      const typed = await d.submit()
      const relatives = expectOk(await h.call('people', { action: 'me' }, FAMILY)).relatives
      expect(relatives).toMatchObject([{ name: ELDER_85.name, relation: 'parent', consentText: '待本人确认' }])
      await d.ok('cancel', { id: typed.id }, FAMILY)
      const picked = await d.submit({ elderRef: relatives[0].id, elder })
      expect(picked).toMatchObject({ elderName: ELDER_85.name, elder: { idNumberMasked: relatives[0].idMasked }, status: 'submitted' })
    })
    it('answers a field error for a relative that is not the caller’s, and writes nothing', async () => {
      await d.submit()
      const theirs = expectOk(await h.call('people', { action: 'me' }, FAMILY)).relatives[0].id
      const res = await call('submit', submitInput({ elderRef: theirs, elder }), 'dev-resident-wang')
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { elderRef: '没有这位亲友' } } })
      expect(rows()).toHaveLength(1)
    })
    it('still needs the name and ID number when nothing is picked', async () => {
      const res = await call('submit', submitInput({ elder }))
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { 'elder.name': '请填写姓名', 'elder.idNumber': '请填写身份证号码' } },
      })
    })
  })

  describe('when the elder already has a request in progress', () => {
    it('refuses a second one from the family that asked with CONFLICT naming the first’s number and status', async () => {
      const first = await d.submit()
      await d.assign(first.id)
      const res = await call('submit', submitInput(), FAMILY)
      expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(!res.ok && res.error.message).toContain('编号 20261126-001，待约定上门时间')
      expect(!res.ok && res.error.message).toContain('请在「我的上门认证」查看')
      expect(rows()).toHaveLength(1)
    })
    it('refuses anyone else in words that name nothing about the elder (test/hardening/homecert-conflict.test.ts)', async () => {
      await d.submit()
      const res = await call(
        'submit',
        submitInput({ requester: { self: false, name: '赵强', phone: '13912345678', relation: 'parent' } }),
        'dev-resident-wang',
      )
      expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: CANNOT_SUBMIT_TEXT } })
      expect(rows()).toHaveLength(1)
    })
    it('accepts a new request once the first was cancelled', async () => {
      const first = await d.submit()
      await d.ok('cancel', { id: first.id }, FAMILY)
      expect((await d.submit()).number).toBe('20261126-002')
    })
  })

  describe('when the elder was certified at home in the current cycle', () => {
    it('refuses with the certification date and when the next is due, until 30 days before it', async () => {
      const r = await d.submit()
      await d.assign(r.id)
      await d.schedule(r.id, '2026-11-26', 'pm', WORKER, '电话约定今天下午')
      await d.outcome(r.id, 'certified')
      h.setNow('2027-10-26T10:00:00+08:00')
      const res = await call('submit', submitInput({ windows: [{ date: '2027-10-27', half: 'am' }] }), FAMILY)
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message:
            '张桂兰已于 2026年11月26日 通过上门认证，本年度不用再认证。下次认证时间为 2027年11月26日，2027年10月27日 起可以再次申请。',
        },
      })
      h.setNow('2027-10-27T10:00:00+08:00')
      expect((await d.submit({ windows: [{ date: '2027-10-28', half: 'am' }] })).status).toBe('submitted')
    })
  })
})

describe('the request’s life through the actions', () => {
  it('goes 提交 → 派单 → 约定 → 上门 → 认证通过, each step on the family’s timeline and in their 消息', async () => {
    const r = await d.submit()
    const assigned = await d.assign(r.id)
    expect(assigned).toMatchObject({ status: 'assigned', workerName: '陈志强', worker: { name: '陈志强', phone: '13905320101' } })
    await d.schedule(r.id, '2026-11-27', 'am')
    h.setNow('2026-11-27T09:30:00+08:00')
    await d.startVisit(r.id)
    const done = await d.outcome(r.id, 'certified')
    expect(done).toMatchObject({
      status: 'certified',
      statusText: '认证通过',
      visit: null,
      outcome: {
        certifiedOn: '2026-11-27',
        nextDue: '2027-11-27',
        note: null,
        visitedOn: '2026-11-27',
        visitedText: '11月27日 周五',
        method: 'onsite',
        methodText: '上门现场核验',
        evidenceNote: '老人本人在家，核对身份证与本人一致',
        hasPhoto: false,
      },
      actions: [],
    })

    const seen = await d.ok('get', { id: r.id }, FAMILY)
    expect(seen.timeline.map((s: { text: string }) => s.text)).toEqual([
      '赵敏（家属）提交了申请：方便上门的时间：11月27日 周五 上午、11月30日 周一 下午',
      '主管周敏派单：由网格员陈志强负责',
      '网格员陈志强约定上门时间：11月27日 周五 上午',
      '网格员陈志强开始上门',
      '网格员陈志强认证通过：上门现场核验，认证日期 2026年11月27日，下次认证 2027年11月27日 前',
    ])
    expect(seen.timeline.map((s: { statusText: string }) => s.statusText)).toEqual([
      '待派单',
      '待约定上门时间',
      '已约定上门',
      '正在上门',
      '认证通过',
    ])
    // The family sees the worker's work phone in full, to call back; the actual visit, never the agreed one beside the result.
    expect(seen.worker).toEqual({ name: '陈志强', phone: '13905320101', centerPhone: false })
    expect(seen).toMatchObject({
      visit: null,
      outcome: { visitedText: '11月27日 周五', methodText: '上门现场核验', evidencePhotoUrl: null },
    })
    const titles = (await messagesOf(FAMILY)).map((m) => m.title).reverse()
    expect(titles).toEqual(['上门认证申请已提交', '已安排网格员', '上门时间已约定', '网格员已出发', '认证通过'])
    expect(
      (await messagesOf(FAMILY)).every((m) => m.link === `/pages/homecert/detail/index?id=${r.id}` && !m.body.includes(ELDER_85.idNumber)),
    ).toBe(true)
    expect((await messagesOf(WORKER)).map((m) => m.title)).toEqual(['新的上门认证任务'])
  })

  it('records 未遇: back to agreeing a time, counted, then certified on a second visit', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id)
    h.setNow('2026-11-27T10:00:00+08:00')
    const missed = await d.outcome(r.id, 'not_home')
    expect(missed).toMatchObject({
      status: 'not_home',
      statusText: '未遇，待重新约定',
      notHomeCount: 1,
      visit: null,
      actions: ['schedule', 'ineligible', 'close_other'],
    })
    await d.schedule(r.id, '2026-11-30', 'pm')
    h.setNow('2026-11-30T15:00:00+08:00')
    await d.outcome(r.id, 'not_home')
    await d.schedule(r.id, '2026-12-01', 'am', WORKER, '家属电话改约')
    h.setNow('2026-12-01T10:00:00+08:00')
    const done = await d.outcome(r.id, 'certified')
    expect(done).toMatchObject({ status: 'certified', notHomeCount: 2 })
    expect(done.timeline.filter((s: { text: string }) => s.text.includes('上门未遇')).map((s: { text: string }) => s.text)).toEqual([
      '网格员陈志强上门未遇：第 1 次未遇，需重新约定时间',
      '网格员陈志强上门未遇：第 2 次未遇，需重新约定时间',
    ])
    const bodies = (await messagesOf(FAMILY)).map((m) => m.body)
    expect(bodies.some((b) => b.includes('不在家（第 2 次）'))).toBe(true)
  })

  describe('when the outcome is recorded before the agreed visit day', () => {
    it('refuses it without a reason and writes nothing; takes it with one, on the timeline', async () => {
      const r = await d.submit()
      await d.assign(r.id)
      await d.schedule(r.id, '2026-11-30', 'pm') // today is Thu 26 Nov
      const early = await call('recordOutcome', { id: r.id, outcome: 'certified', ...CERTIFIED_EVIDENCE }, WORKER)
      expect(early).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          fields: { earlyReason: '约定的上门日期是 11月30日，当天或之后才能记录结果；确需提前记录，请写明原因' },
        },
      })
      expect((await h.store.homecert.get(r.id))?.status).toBe('scheduled')
      const done = await d.outcome(r.id, 'certified', { earlyReason: '老人周一住院，家属请求今天提前上门' })
      expect(done).toMatchObject({ status: 'certified', outcome: { visitedOn: '2026-11-26' } })
      expect(done.timeline.at(-1)?.text).toContain('（约定 11月30日，提前记录：老人周一住院，家属请求今天提前上门）')
    })
  })

  describe('when 认证通过 is recorded', () => {
    it('needs the method and evidence (a note or a photo), and keeps the photo for staff only', () =>
      onOwnStore(async () => {
        const r = await d.submit()
        await d.assign(r.id)
        await d.schedule(r.id, '2026-11-26', 'pm', WORKER, '电话约定今天下午')
        expect(await call('recordOutcome', { id: r.id, outcome: 'certified', evidenceNote: '已核对' }, WORKER)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: { method: '请选择核验方式' } },
        })
        expect(await call('recordOutcome', { id: r.id, outcome: 'certified', method: 'video' }, WORKER)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: { evidenceNote: '请留下核验凭证：拍一张照片，或写明核验情况' } },
        })
        const fake = `data:image/jpeg;base64,${Buffer.from('not a jpeg at all').toString('base64')}`
        expect(await call('recordOutcome', { id: r.id, outcome: 'certified', method: 'video', evidencePhoto: fake }, WORKER)).toMatchObject(
          {
            ok: false,
            error: { code: 'INVALID_INPUT', fields: { evidencePhoto: '只能上传 JPG 或 PNG 照片' } },
          },
        )
        expect((await h.store.homecert.get(r.id))?.status).toBe('scheduled')
        expect(fs.existsSync(path.join(h.store.files.dir, 'homecert'))).toBe(false)
        const photo = `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]).toString('base64')}`
        const done = await d.ok('recordOutcome', { id: r.id, outcome: 'certified', method: 'video', evidencePhoto: photo }, WORKER)
        expect(done).toMatchObject({ outcome: { methodText: '视频核验', hasPhoto: true, evidenceNote: null } })
        // Staff get a URL that serves the photo for minutes; the row keeps the file's key, not the picture.
        const url = done.outcome!.evidencePhotoUrl!
        expect(url).toMatch(new RegExp(`^/files/homecert/${r.id}/[0-9a-f]{32}\\.jpg\\?e=`))
        expect(h.store.files.readSigned(...signedParts(url))).toEqual({
          bytes: Buffer.from(photo.split(',')[1], 'base64'),
          contentType: 'image/jpeg',
        })
        expect(rows()[0].evidence_photo).toMatch(new RegExp(`^homecert/${r.id}/[0-9a-f]{32}\\.jpg$`))
        const seen = await d.ok('get', { id: r.id }, FAMILY)
        expect(seen.outcome).toMatchObject({ methodText: '视频核验', hasPhoto: true, evidencePhotoUrl: null })
      }))
  })

  describe('when the assigned worker has no work phone of their own', () => {
    it('gives the family the center’s number to call', async () => {
      h.store.db.prepare("DELETE FROM homecert_worker_phones WHERE openid = 'dev-grid-chen'").run()
      const r = await d.submit()
      await d.assign(r.id)
      const seen = await d.ok('get', { id: r.id }, FAMILY)
      expect(seen.worker).toMatchObject({ name: '陈志强', centerPhone: true, phone: expect.stringMatching(/\d{3,}/) })
    })
  })

  it('records 不符合 and 已办结 only with a reason, and tells the family', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    expect(await call('recordOutcome', { id: r.id, outcome: 'ineligible' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { note: '请写明不符合上门条件的原因' } },
    })
    const closed = await d.outcome(r.id, 'ineligible', { note: '老人可自行到中心' })
    expect(closed).toMatchObject({ status: 'ineligible', outcome: { note: '老人可自行到中心' } })
    expect((await messagesOf(FAMILY))[0]).toMatchObject({ title: '不符合上门认证条件', body: expect.stringContaining('老人可自行到中心') })
  })

  it('refuses a visit outside the family’s half-days without a note, and a weekend', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    expect(await call('schedule', { id: r.id, date: '2026-12-01', half: 'am' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { note: expect.stringContaining('不在家属选择的时间里') } },
    })
    expect(await call('schedule', { id: r.id, date: '2026-11-28', half: 'am', note: '周末' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { date: '11月28日不上班（周末休息），请选择工作日' } },
    })
    expect((await d.schedule(r.id, '2026-12-01', 'am', WORKER, '家属来电约在周二')).visitNote).toBe('家属来电约在周二')
  })

  it('offers and allows starting a visit only on the agreed day', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id, '2026-11-27', 'am')
    expect(await call('startVisit', { id: r.id }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('当天才能开始上门') },
    })
    expect((await d.ok('staffGet', { id: r.id }, WORKER)).actions).toEqual(['schedule', 'certify', 'not_home', 'ineligible', 'close_other'])
    h.setNow('2026-11-27T08:30:00+08:00')
    expect((await d.ok('staffGet', { id: r.id }, WORKER)).actions).toEqual([
      'schedule',
      'start_visit',
      'certify',
      'not_home',
      'ineligible',
      'close_other',
    ])
  })

  it('lets the family ask for other half-days, which undoes the agreed visit and tells the worker', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id)
    const moved = await d.ok('reschedule', { id: r.id, windows: [{ date: '2026-12-02', half: 'pm' }], note: '那天要去医院' }, FAMILY)
    expect(moved).toMatchObject({ status: 'assigned', visit: null, windows: [{ date: '2026-12-02', half: 'pm' }] })
    expect(moved.timeline.at(-1)).toMatchObject({ text: '赵敏（家属）申请改期：新的方便时间：12月2日 周三 下午', note: '那天要去医院' })
    expect((await messagesOf(WORKER))[0]).toMatchObject({ title: '家属申请改期', link: `/staff/pages/homecert/detail/index?id=${r.id}` })
  })

  it('lets the family cancel until the visit has started, and not after', async () => {
    const a = await d.submit()
    await d.assign(a.id)
    await d.schedule(a.id, '2026-11-26', 'pm', WORKER, '电话约定')
    await d.startVisit(a.id)
    expect(await call('cancel', { id: a.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '工作人员已开始上门，不能取消了。如有变化请直接联系工作人员。' },
    })
    await d.outcome(a.id, 'closed_other', { note: '已到窗口认证' })
    const b = await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1940-01-01', 1) } })
    await d.assign(b.id)
    const cancelled = await d.ok('cancel', { id: b.id, reason: '老人已去窗口' }, FAMILY)
    expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] })
    expect((await d.ok('cancel', { id: b.id }, FAMILY)).status).toBe('cancelled')
    expect((await messagesOf(WORKER)).map((m) => m.title)).toContain('上门认证已取消')
  })

  it('writes every staff action to the audit log without personal data', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id)
    await d.ok('staffGet', { id: r.id }, WORKER)
    const entries = await h.store.audit.list({ centerId: 'lsw', actionPrefix: 'homecert.', limit: 20 })
    expect(entries.map((e) => `${e.action} ${e.actorName}`)).toEqual([
      'homecert.view 陈志强',
      'homecert.schedule 陈志强',
      'homecert.assign 周敏',
    ])
    expect(JSON.stringify(entries)).not.toMatch(/13700001111|13812345678|张桂兰|灵山湾路/)
  })
})

/**
 * Every status × every action through the real function, as the actor the table
 * names: allowed transitions land where the table says; forbidden ones answer
 * CONFLICT. Repeating an action that already happened (a retried tap) answers
 * the request unchanged.
 */
describe('every transition through the function', () => {
  /** Brings a fresh request to `status`, assigned to the worker once past 待派单 (the visit agreed for today, so it can start). */
  async function requestIn(status: HomecertStatus): Promise<string> {
    const r = await d.submit()
    if (status === 'submitted') return r.id
    await d.assign(r.id)
    if (status === 'cancelled') return (await d.ok('cancel', { id: r.id }, FAMILY)).id
    if (status === 'ineligible' || status === 'closed_other') return (await d.outcome(r.id, status, { note: '原因说明' }, SUPERVISOR)).id
    if (status === 'assigned') return r.id
    await d.schedule(r.id, '2026-11-26', 'pm', WORKER, '电话约定')
    if (status === 'scheduled') return r.id
    if (status === 'not_home') return (await d.outcome(r.id, 'not_home')).id
    if (status === 'certified') return (await d.outcome(r.id, 'certified')).id
    await d.startVisit(r.id)
    return r.id
  }

  const attempt: Record<HomecertAction, (id: string) => ReturnType<typeof call>> = {
    assign: (id) => call('assign', { id, workerOpenid: OTHER_WORKER }, SUPERVISOR),
    schedule: (id) => call('schedule', { id, date: '2026-11-27', half: 'am' }, SUPERVISOR),
    start_visit: (id) => call('startVisit', { id }, WORKER),
    certify: (id) => call('recordOutcome', { id, outcome: 'certified', ...CERTIFIED_EVIDENCE }, SUPERVISOR),
    not_home: (id) => call('recordOutcome', { id, outcome: 'not_home' }, SUPERVISOR),
    ineligible: (id) => call('recordOutcome', { id, outcome: 'ineligible', note: '原因说明' }, SUPERVISOR),
    close_other: (id) => call('recordOutcome', { id, outcome: 'closed_other', note: '原因说明' }, SUPERVISOR),
    cancel: (id) => call('cancel', { id }, FAMILY),
    request_reschedule: (id) => call('reschedule', { id, windows: [{ date: '2026-12-01', half: 'pm' }] }, FAMILY),
  }
  const sameAgain = (status: HomecertStatus, action: HomecertAction) =>
    (status === 'cancelled' && action === 'cancel') ||
    (status === 'visiting' && action === 'start_visit') ||
    (FINAL_STATUSES.includes(status) &&
      ({ certify: 'certified', ineligible: 'ineligible', close_other: 'closed_other' } as Record<string, string>)[action] === status)

  const cases = HOMECERT_STATUSES.flatMap((status) => HOMECERT_ACTIONS.map((action) => [status, action] as const))
  it.each(cases)('from %s, %s', async (status, action) => {
    const id = await requestIn(status)
    const res = await attempt[action](id)
    const to = nextStatus(status, action)
    if (status === 'submitted' && action === 'start_visit') {
      // Nobody is assigned yet: to the worker the request is not there.
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    } else if (to) {
      expect(res).toMatchObject({ ok: true, data: { status: to } })
    } else if (sameAgain(status, action)) {
      expect(res).toMatchObject({ ok: true, data: { status } })
    } else {
      expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect((await h.store.homecert.get(id))?.status).toBe(status)
    }
  })
})

describe('who may see and do what', () => {
  let id: string
  beforeEach(async () => {
    id = (await d.submit()).id
  })

  const sameAsMissing = async (action: ActionName<'homecert'>, openid: string, extra: Record<string, unknown> = {}) => {
    const real = await call(action, { id, ...extra }, openid)
    const missing = await call(action, { id: 'hc-does-not-exist', ...extra }, openid)
    expect(real).toEqual(missing)
    return real
  }

  describe('when another family member or resident asks for the request', () => {
    it('answers NOT_FOUND exactly as for a request that does not exist', async () => {
      expect(await sameAsMissing('get', 'dev-resident-wang')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '没有找到相关申请' },
      })
      await sameAsMissing('cancel', 'dev-resident-wang')
      await sameAsMissing('reschedule', 'dev-resident-wang', { windows: [{ date: '2026-12-01', half: 'am' }] })
      expect((await d.ok('listMine', {}, 'dev-resident-wang')).items).toEqual([])
    })
    it('refuses a resident every staff action with FORBIDDEN, whether or not the request exists', async () => {
      expect(await sameAsMissing('staffGet', 'dev-resident-wang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      await sameAsMissing('assign', FAMILY, { workerOpenid: WORKER })
      expect(await call('listForStaff', { view: 'supervise' }, FAMILY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('when a grid worker asks', () => {
    it('answers NOT_FOUND before the request is assigned to them', async () => {
      expect(await sameAsMissing('staffGet', WORKER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
    it('answers NOT_FOUND to a worker of another community, for reading and for acting', async () => {
      await d.assign(id)
      expect(await sameAsMissing('staffGet', OTHER_WORKER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      await sameAsMissing('schedule', OTHER_WORKER, { date: '2026-11-27', half: 'am' })
      await sameAsMissing('recordOutcome', OTHER_WORKER, { outcome: 'certified' })
      expect((await d.ok('listForStaff', { view: 'mine' }, OTHER_WORKER)).items).toEqual([])
    })
    it('shows the assigned worker the address and phones whole, the ID number masked, and only their own list', async () => {
      await d.assign(id)
      const seen = await d.ok('staffGet', { id }, WORKER)
      expect(seen.elder).toMatchObject({
        phone: '13700001111',
        address: '灵山卫街道灵山湾路 88 号 2 单元 301',
        idNumberMasked: expect.stringContaining('**********'),
      })
      expect(seen.requester.phone).toBe('13812345678')
      expect(seen.actions).toEqual(['schedule', 'ineligible', 'close_other'])
      expect((await d.ok('listForStaff', { view: 'mine' }, WORKER)).items.map((s: { id: string }) => s.id)).toEqual([id])
    })
    it('refuses a grid worker assigning (a supervisor’s job)', async () => {
      await d.assign(id)
      expect(await call('assign', { id, workerOpenid: OTHER_WORKER }, WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('when a supervisor asks', () => {
    it('shows requests of the communities they supervise, phones masked', async () => {
      const seen = await d.ok('staffGet', { id }, SUPERVISOR)
      expect(seen.elder.phone).toBe('137****1111')
      expect(seen.requester.phone).toBe('138****5678')
      expect(seen.actions).toEqual(['assign', 'ineligible', 'close_other'])
      expect(seen.assignable.map((w: { openid: string; responsible: boolean }) => [w.openid, w.responsible])).toEqual([
        [WORKER, true],
        [OTHER_WORKER, false],
      ])
    })
    it('answers NOT_FOUND to a supervisor of other communities and leaves the request out of their list', async () => {
      h.store.db
        .prepare(
          "INSERT INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES ('lsw', 'sup-north', '北门主管', 'supervisor', ?, '2026-01-01')",
        )
        .run(JSON.stringify({ communities: ['北门外村'] }))
      expect(await sameAsMissing('staffGet', 'sup-north')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      await sameAsMissing('assign', 'sup-north', { workerOpenid: WORKER })
      const list = await d.ok('listForStaff', { view: 'supervise' }, 'sup-north')
      expect(list.items).toEqual([])
      expect(list.communities).toEqual([{ id: 'lsw-c-beimenwai', name: '北门外村' }])
      expect((await d.ok('listForStaff', { view: 'supervise', communityId: 'lsw-c-lingshanwei' }, 'sup-north')).items).toEqual([])
    })
    it('refuses staff of another center', async () => {
      expect(await call('staffGet', { id }, 'dev-clerk-yz')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
    it('lets an admin see every community', async () => {
      expect((await d.ok('listForStaff', { view: 'supervise' }, 'dev-admin-sun')).items.map((s: { id: string }) => s.id)).toEqual([id])
    })
    it('refuses to assign a worker who is not a grid worker of the center', async () => {
      expect(await call('assign', { id, workerOpenid: 'dev-clerk-liu' }, SUPERVISOR)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { workerOpenid: '请选择本中心的网格员' } },
      })
    })
  })
})

describe('overdue requests', () => {
  it('puts a request not scheduled within 3 working days first in the supervisor’s list', async () => {
    h.setNow('2026-11-20T09:00:00+08:00')
    const older = await d.submit({
      elder: { ...submitInput().elder, idNumber: idNumberFor('1940-01-01', 1) },
      windows: [{ date: '2026-11-23', half: 'am' }],
    })
    await d.assign(older.id)
    await d.schedule(older.id, '2026-11-23', 'am')
    h.setNow('2026-11-26T09:00:00+08:00')
    const late = await d.submit()
    h.setNow('2026-12-01T09:00:00+08:00')
    let list = await d.ok('listForStaff', { view: 'supervise' }, SUPERVISOR)
    expect(list.items.map((s: { id: string; overdue: boolean }) => [s.id, s.overdue])).toEqual([
      [older.id, false],
      [late.id, false],
    ])
    h.setNow('2026-12-02T09:00:00+08:00')
    list = await d.ok('listForStaff', { view: 'supervise' }, SUPERVISOR)
    expect(list.items.map((s: { id: string; overdue: boolean }) => [s.id, s.overdue])).toEqual([
      [late.id, true],
      [older.id, false],
    ])
    expect(
      (await d.ok('listForStaff', { view: 'supervise', filter: 'overdue' }, SUPERVISOR)).items.map((s: { id: string }) => s.id),
    ).toEqual([late.id])
  })
  it('restarts the clock after 未遇', async () => {
    const r = await d.submit()
    await d.assign(r.id)
    await d.schedule(r.id)
    h.setNow('2026-11-27T15:00:00+08:00')
    await d.outcome(r.id, 'not_home')
    h.setNow('2026-12-02T09:00:00+08:00')
    expect((await d.ok('get', { id: r.id }, FAMILY)).overdue).toBe(false)
    h.setNow('2026-12-03T09:00:00+08:00')
    expect((await d.ok('get', { id: r.id }, FAMILY)).overdue).toBe(true)
  })
})

describe('homecert.listMine', () => {
  it('returns the caller’s requests, newest first, and nobody else’s', async () => {
    const a = await d.submit()
    h.setNow('2026-11-26T10:00:00+08:00')
    const b = await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1940-01-01', 1), name: '赵德福' } })
    await d.submit({ elder: { ...submitInput().elder, idNumber: idNumberFor('1940-01-01', 2) } }, 'dev-resident-wang')
    expect((await d.ok('listMine', {}, FAMILY)).items.map((s: { id: string }) => s.id)).toEqual([b.id, a.id])
  })
})
