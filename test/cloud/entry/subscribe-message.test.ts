/** @timezone */
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import type { NewMessage, Store } from '@cloud/store/port'
import { outcomeOf, subscribeSender, subscribeSettingsFrom, SUBSCRIBE_SENDS, withSubscribeMessages } from '@cloud/entry/subscribe-message'
import type { SubscribeSendParams } from '@cloud/entry/wx-server-sdk'
import type { DbApi } from '@cloud/store/cloudbase/db-api'
import { booking, GUARD, nextCode, slot } from '@test/store/contract/fixtures'
import { createCloudbaseDouble, type CloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

const AT = '2026-11-26T10:00:00.000Z'
let double: CloudbaseDouble
let db: DbApi
let store: Store
let sent: SubscribeSendParams[]
let answer: (p: SubscribeSendParams) => Promise<{ errCode?: number }>
let logged: object[]

beforeEach(async () => {
  double = createCloudbaseDouble()
  db = double.db
  await seedCloudbase(db)
  store = createCloudbaseStore(db, TEST_PII)
  sent = []
  logged = []
  answer = async () => ({ errCode: 0, errMsg: 'ok' }) as { errCode: number }
})

const sender = () =>
  subscribeSender({
    api: { send: (p) => (sent.push(p), answer(p)) },
    db,
    store,
    settings: subscribeSettingsFrom({}),
    now: () => new Date(AT),
    log: (e) => logged.push(e),
  })

async function reminderFor(n: number, templateId: string | null = 'tmpl-reminder'): Promise<NewMessage> {
  const r = await store.bookings.create(booking(n, { serviceId: 'lsw-medical-remote' }), slot('09:00', undefined, 10), GUARD, nextCode)
  if (r.kind !== 'created') throw new Error(r.kind)
  return {
    id: `reminder-${r.booking.id}`,
    centerId: 'lsw',
    openid: r.booking.openid,
    bookingId: r.booking.id,
    kind: 'reminder',
    title: '预约提醒',
    body: '…',
    templateId,
    link: `/pages/booking/detail/index?id=${r.booking.id}`,
    createdAt: AT,
  }
}

describe('subscribeSender', () => {
  it('sends a reminder with the template’s values cut to their limits, to the booking’s owner, opening the booking', async () => {
    const m = await reminderFor(1)
    expect(await sender()(m)).toBe('sent')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ touser: 'openid-1', templateId: 'tmpl-reminder', page: m.link, miniprogramState: 'formal' })
    expect(sent[0].data.time2.value).toBe('2026年11月27日 09:00~09:30')
    expect(sent[0].data.thing3.value).toBe('灵山卫街道公共服务中心')
    for (const [key, { value }] of Object.entries(sent[0].data))
      if (key.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20)
    expect(double.dump(SUBSCRIBE_SENDS)).toEqual([expect.objectContaining({ _id: m.id, status: 'sent', errCode: 0 })])
  })

  it('sends a closed day’s 消息 on the reminder’s template, opening 改约, with its own tip', async () => {
    const r = await reminderFor(1)
    const m: NewMessage = {
      ...r,
      id: `closure-${r.bookingId}-2026-11-27`,
      kind: 'closure',
      title: '预约日不办公，请改约',
      link: `/pages/booking/slots/index?serviceId=lsw-medical-remote&rescheduleId=${r.bookingId}`,
    }
    expect(await sender()(m)).toBe('sent')
    expect(sent[0]).toMatchObject({ touser: 'openid-1', templateId: 'tmpl-reminder', page: m.link })
    expect(sent[0].data.thing5.value).toBe('当天不办公，请点此改约')
    expect(sent[0].data.time2.value).toBe('2026年11月27日 09:00~09:30')
  })

  it('sends each message id at most once, even from two senders at once', async () => {
    const m = await reminderFor(1)
    const outcomes = await Promise.all([sender()(m), sender()(m), sender()(m)])
    expect(outcomes.sort()).toEqual(['sent', 'skipped', 'skipped'])
    expect(sent).toHaveLength(1)
  })

  it('records a refusal (43101) and bad data (47003) without retrying, whether the SDK resolves or throws them', async () => {
    const refused = await reminderFor(1)
    const bad = await reminderFor(2)
    answer = async (p) => {
      if (p.touser === 'openid-1') return { errCode: 43101, errMsg: 'user refuse to accept the msg' }
      throw Object.assign(new Error('argument invalid! data.thing1.value invalid'), { errCode: 47003 })
    }
    const send = sender()
    expect(await send(refused)).toBe('refused')
    expect(await send(bad)).toBe('bad_data')
    expect(await send(refused)).toBe('skipped')
    expect(sent).toHaveLength(2)
    expect(double.dump(SUBSCRIBE_SENDS).map((d) => [d._id, d.status, d.errCode])).toEqual([
      [refused.id, 'refused', 43101],
      [bad.id, 'bad_data', 47003],
    ])
    expect(logged).toHaveLength(2)
  })

  it('pauses sending after five failures in a row that are not refusals (no retry storm during an outage)', async () => {
    answer = async () => ({ errCode: -501000 })
    const send = sender()
    const outcomes: string[] = []
    for (let i = 1; i <= 7; i++) outcomes.push(await send(await reminderFor(i)))
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'skipped', 'skipped'])
    expect(sent).toHaveLength(5)
  })

  it('sends a queue 消息 (即将到号) on the queue template with its own words, cut to the limits, opening the ticket', async () => {
    const m: NewMessage = {
      id: 'queue-soon-tk1',
      centerId: 'lsw',
      openid: 'openid-9',
      bookingId: null,
      kind: 'queue',
      title: '即将到号',
      body: '您的 C001 号前面还有 3 人，请回到大厅留意叫号（异地就医备案）',
      templateId: 'tmpl-queue',
      link: '/pages/queue/ticket/index?id=tk1',
      createdAt: AT,
    }
    expect(await sender()(m)).toBe('sent')
    expect(sent).toEqual([
      expect.objectContaining({
        touser: 'openid-9',
        templateId: 'tmpl-queue',
        page: '/pages/queue/ticket/index?id=tk1',
        data: { thing1: { value: '即将到号' }, thing2: { value: expect.stringMatching(/^您的 C001 号前面还有 3 人/) } },
      }),
    ])
    expect(sent[0].data.thing2.value.length).toBeLessThanOrEqual(20)
  })

  it('skips a 消息 without a template, or of a kind with no template layout', async () => {
    const send = sender()
    expect(await send(await reminderFor(1, null))).toBe('skipped')
    expect(
      await send({
        id: 'm1',
        centerId: 'lsw',
        openid: 'o',
        bookingId: null,
        kind: 'case',
        title: 't',
        body: 'b',
        templateId: 'tmpl-x',
        createdAt: AT,
      }),
    ).toBe('skipped')
    expect(sent).toHaveLength(0)
  })
})

describe('withSubscribeMessages', () => {
  it('sends the reminder only when the store wrote it, and never fails the write', async () => {
    const m = await reminderFor(1)
    answer = async () => {
      throw new Error('network down')
    }
    const wrapped = withSubscribeMessages(store, sender(), (e) => logged.push(e))
    expect(await wrapped.bookings.recordReminder(m.bookingId!, AT, m)).toBe(true)
    expect(await wrapped.bookings.recordReminder(m.bookingId!, AT, m)).toBe(false)
    expect(sent).toHaveLength(1)
    expect(double.dump(SUBSCRIBE_SENDS)[0]).toMatchObject({ status: 'failed', errCode: -1 })
    expect((await store.messages.listFor('lsw', 'openid-1', 5)).map((x) => x.id)).toEqual([m.id])
  })
})

describe('outcomeOf and subscribeSettingsFrom', () => {
  it('name the outcomes by errCode', () => {
    expect([0, 43101, 47003, 40037, -1].map(outcomeOf)).toEqual(['sent', 'refused', 'bad_data', 'failed', 'failed'])
  })
  it('refuse a malformed field map or mini-program state', () => {
    expect(() => subscribeSettingsFrom({ SUBSCRIBE_REMINDER_FIELDS: 'thing1=service' })).toThrow(/key:value/)
    expect(() => subscribeSettingsFrom({ SUBSCRIBE_MINIPROGRAM_STATE: 'prod' })).toThrow(/developer, trial or formal/)
    expect(subscribeSettingsFrom({ SUBSCRIBE_REMINDER_FIELDS: 'thing2:service', SUBSCRIBE_MINIPROGRAM_STATE: 'trial' })).toEqual({
      miniprogramState: 'trial',
      reminderFields: { thing2: 'service' },
      queueFields: { thing1: 'title', thing2: 'body' },
    })
    expect(subscribeSettingsFrom({ SUBSCRIBE_QUEUE_FIELDS: 'thing3:body' }).queueFields).toEqual({ thing3: 'body' })
    expect(() => subscribeSettingsFrom({ SUBSCRIBE_QUEUE_FIELDS: 'thing1' })).toThrow(/key:value/)
  })
})
