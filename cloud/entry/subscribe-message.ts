/**
 * Subscribe messages (订阅消息) in CloudBase: a 消息 that names a template goes
 * out once through `cloud.openapi.subscribeMessage.send`, after the store has
 * written it. Locally nothing is sent (the 消息 page is the outbox there).
 *
 * No retry storms: each message id is attempted at most once, ever — the
 * attempt is claimed first in `subscribe_sends` (deterministic `_id` = the
 * message id, so two processes or a re-run job never send it twice), and its
 * outcome is recorded there: `sent`, `refused` (43101: the person gave no, or
 * no more, one-time grant), `bad_data` (47003: a value WeChat would not take),
 * or `failed` (anything else). A failure is never retried; after several
 * failures in a row that are not the person's refusal (quota, outage) this
 * container stops sending for a while. A failed send never fails the write
 * that produced the message.
 */
import { longDate } from '@/core/beijing-time'
import type { BookingRecord, CenterRecord, NewMessage, Store } from '../store/port'
import { isDuplicateKey, type DbApi } from '../store/cloudbase/db-api'
import { parseFieldMap, subscribeData, type FieldMap } from './subscribe-fields'
import type { SubscribeMessageApi } from './wx-server-sdk'

export const SUBSCRIBE_SENDS = 'subscribe_sends'

/** The reminder template's keys by default (the public library's 预约提醒 layout); override with SUBSCRIBE_REMINDER_FIELDS. */
export const DEFAULT_REMINDER_FIELDS = 'thing1:service,time2:time,thing3:place,character_string4:code,thing5:tip'

/** The queue template's keys by default (a 排队提醒 layout: what, and what to do); override with SUBSCRIBE_QUEUE_FIELDS. */
export const DEFAULT_QUEUE_FIELDS = 'thing1:title,thing2:body'

export type SendOutcome = 'sent' | 'refused' | 'bad_data' | 'failed' | 'skipped'

export interface SubscribeSettings {
  /** `developer` / `trial` / `formal`: which build of the mini-program the message opens. */
  miniprogramState: 'developer' | 'trial' | 'formal'
  /** Template key → value name, for the booking reminder. */
  reminderFields: FieldMap
  /** Template key → value name, for the queue's 消息 (即将到号, 叫号). */
  queueFields: FieldMap
}

/** Reads SUBSCRIBE_REMINDER_FIELDS, SUBSCRIBE_QUEUE_FIELDS and SUBSCRIBE_MINIPROGRAM_STATE; throws on a malformed value (the function then refuses to start). */
export function subscribeSettingsFrom(env: NodeJS.ProcessEnv): SubscribeSettings {
  const state = env.SUBSCRIBE_MINIPROGRAM_STATE ?? 'formal'
  if (state !== 'developer' && state !== 'trial' && state !== 'formal')
    throw new Error(`SUBSCRIBE_MINIPROGRAM_STATE must be developer, trial or formal, got ${state}`)
  return {
    miniprogramState: state,
    reminderFields: parseFieldMap(env.SUBSCRIBE_REMINDER_FIELDS || DEFAULT_REMINDER_FIELDS),
    queueFields: parseFieldMap(env.SUBSCRIBE_QUEUE_FIELDS || DEFAULT_QUEUE_FIELDS),
  }
}

/** The values a booking reminder offers a template, by name. */
export function reminderValues(
  b: BookingRecord,
  serviceName: string,
  center: Pick<CenterRecord, 'name' | 'address'>,
): Record<string, string> {
  return {
    service: serviceName,
    time: `${longDate(b.date)} ${b.start}~${b.end}`,
    place: center.name,
    address: center.address,
    code: b.code,
    name: b.personName,
    tip: '请带齐材料，按时到中心签到',
  }
}

/** Failures in a row (other than refusals) after which this container pauses sending. */
const BREAKER_FAILURES = 5
const BREAKER_PAUSE_MS = 10 * 60_000

export interface SubscribeSender {
  (message: NewMessage): Promise<SendOutcome>
}

type SendLog = {
  _id: string
  openid: string
  templateId: string
  kind: string
  status: 'sending' | Exclude<SendOutcome, 'skipped'>
  errCode: number | null
  at: string
  doneAt: string | null
}

/** The errCode of a refusal, whether the SDK resolved with it or threw it. */
function errCodeOf(value: unknown): number | null {
  const e = value as { errCode?: unknown; errcode?: unknown } | null
  const code = e?.errCode ?? e?.errcode
  return typeof code === 'number' ? code : null
}

export function outcomeOf(errCode: number | null): Exclude<SendOutcome, 'skipped'> {
  if (errCode === 0) return 'sent'
  if (errCode === 43101) return 'refused'
  if (errCode === 47003) return 'bad_data'
  return 'failed'
}

export interface SenderDeps {
  api: SubscribeMessageApi
  db: DbApi
  store: Store
  settings: SubscribeSettings
  now: () => Date
  log: (entry: object) => void
}

/** A sender: claims the message id, builds the template data from the store, sends once, records the outcome. */
export function subscribeSender(deps: SenderDeps): SubscribeSender {
  let failuresInARow = 0
  let pausedUntil = 0
  const sends = deps.db.collection<SendLog>(SUBSCRIBE_SENDS)

  async function dataFor(message: NewMessage): Promise<Record<string, { value: string }> | null> {
    // The queue's 消息 carry their words themselves (number, window or people ahead): nothing to read.
    if (message.kind === 'queue') return subscribeData(deps.settings.queueFields, { title: message.title, body: message.body })
    // A closed day's 消息 goes out on the reminder's template too: same booking, a different tip.
    if ((message.kind !== 'reminder' && message.kind !== 'closure') || !message.bookingId) return null
    const b = await deps.store.bookings.get(message.bookingId)
    if (!b) return null
    const [service, center] = await Promise.all([deps.store.centers.service(b.centerId, b.serviceId), deps.store.centers.get(b.centerId)])
    if (!center) return null
    const values = reminderValues(b, service?.name ?? '预约事项', center)
    return subscribeData(deps.settings.reminderFields, message.kind === 'closure' ? { ...values, tip: '当天不办公，请点此改约' } : values)
  }

  return async (message) => {
    if (!message.templateId) return 'skipped'
    const at = deps.now()
    if (at.getTime() < pausedUntil) return 'skipped'
    const data = await dataFor(message)
    // Only the reminder and the queue have a template layout; a template on any other kind is a configuration mistake, not a send.
    if (!data) return 'skipped'
    try {
      await sends.add({
        data: {
          _id: message.id,
          openid: message.openid,
          templateId: message.templateId,
          kind: message.kind,
          status: 'sending',
          errCode: null,
          at: at.toISOString(),
          doneAt: null,
        },
      })
    } catch (err) {
      if (isDuplicateKey(err)) return 'skipped'
      throw err
    }
    let errCode: number | null
    try {
      const result = await deps.api.send({
        touser: message.openid,
        templateId: message.templateId,
        page: message.link ?? undefined,
        data,
        miniprogramState: deps.settings.miniprogramState,
        lang: 'zh_CN',
      })
      errCode = errCodeOf(result) ?? 0
    } catch (err) {
      errCode = errCodeOf(err) ?? -1
    }
    const outcome = outcomeOf(errCode)
    if (outcome === 'failed') {
      failuresInARow++
      if (failuresInARow >= BREAKER_FAILURES) {
        pausedUntil = at.getTime() + BREAKER_PAUSE_MS
        failuresInARow = 0
      }
    } else failuresInARow = 0
    await sends.doc(message.id).update({ data: { status: outcome, errCode, doneAt: deps.now().toISOString() } })
    if (outcome !== 'sent') deps.log({ event: 'subscribe_message', outcome, errCode, kind: message.kind, messageId: message.id })
    return outcome
  }
}

/**
 * The store, with every write that can produce a templated 消息 followed by
 * its subscribe message: the booking reminder (and any 消息 sent directly).
 * The send happens only when the write says it wrote (a reminder already
 * recorded is not sent again); its failure is logged, never thrown.
 */
export function withSubscribeMessages(store: Store, send: SubscribeSender, log: (entry: object) => void): Store {
  const push = async (message: NewMessage) => {
    if (!message.templateId) return
    try {
      await send(message)
    } catch (err) {
      log({ event: 'subscribe_message', outcome: 'error', messageId: message.id, err: err instanceof Error ? err.name : typeof err })
    }
  }
  return {
    ...store,
    bookings: {
      ...store.bookings,
      async recordReminder(bookingId, at, message) {
        const written = await store.bookings.recordReminder(bookingId, at, message)
        if (written) await push(message)
        return written
      },
    },
    messages: {
      ...store.messages,
      async send(message) {
        await store.messages.send(message)
        await push(message)
      },
    },
    close: () => store.close(),
  }
}
