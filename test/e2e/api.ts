import type { ActionName, FunctionName, Output } from '@/contract'
import type { Envelope } from '@/contract/envelope'
import { expectOk, type Answer, type CallData } from '@test/support/expect-ok'
import type { LocalServer } from './local-server'
import { idNumberFor } from '../support/id-numbers'
import { ONE_CALL_PER_CONNECTION } from '../support/server-process'

/** What Taro's H5 storage keeps for `setStorageSync(key, value)`. */
export const stored = (value: unknown) => JSON.stringify({ data: value })

/**
 * One action of a cloud function through the real server's HTTP API, as `openid` (at 灵山卫 unless
 * `data` names another center), answered as the contract types it (for the mistakes a person makes).
 */
export async function attempt<F extends FunctionName, A extends ActionName<F>>(
  server: LocalServer,
  fn: F,
  data: CallData<A>,
  openid: string,
): Promise<Answer<F, A>> {
  const res = await fetch(`${server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, ...ONE_CALL_PER_CONNECTION },
    body: JSON.stringify({ centerId: 'lsw', ...data }),
  })
  return (await res.json()) as Envelope<Output<F, A>>
}

/** The same, for an action that must succeed: its data (a refusal fails the test with its code and message). */
export async function post<F extends FunctionName, A extends ActionName<F>>(
  server: LocalServer,
  fn: F,
  data: CallData<A>,
  openid: string,
): Promise<Output<F, A>> {
  return expectOk(await attempt(server, fn, data, openid))
}

let counter = 0
const requestId = (what: string) => `e2e-${what}-${process.pid}-${++counter}`

/** A counter booking for the resident (灵山卫, 王建国 books for himself unless `person` says otherwise). */
export function createBooking(
  server: LocalServer,
  slot: { serviceId: string; date: string; start: string },
  openid = 'dev-resident-wang',
  seq = 7,
) {
  return post(
    server,
    'booking',
    {
      action: 'create',
      ...slot,
      person: { name: '王建国', idNumber: idNumberFor('1960-05-01', seq), phone: '13800138000' },
      forSelf: true,
      consent: true,
      requestId: requestId('booking'),
    },
    openid,
  )
}

/** The check-in code the hall screen shows now (read as a staff member). */
export async function onSiteCode(server: LocalServer, staff = 'dev-clerk-liu'): Promise<string> {
  return (await post(server, 'queue', { action: 'display' }, staff)).checkIn.code
}

/** Checks a booking in with the code from the hall screen; answers the resident's ticket. */
export async function checkIn(server: LocalServer, bookingId: string, openid = 'dev-resident-wang') {
  const code = await onSiteCode(server)
  return post(server, 'queue', { action: 'checkIn', bookingId, code }, openid)
}

/** A home-certification request for an 85-year-old in 灵山卫社区, asked by the daughter 赵敏 (dev-family-zhao). */
export function submitHomecert(server: LocalServer, windows: { date: string; half: 'am' | 'pm' }[], openid = 'dev-family-zhao') {
  return post(
    server,
    'homecert',
    {
      action: 'submit',
      elder: {
        name: '张桂兰',
        idNumber: idNumberFor('1941-05-01', 12),
        phone: '13700001111',
        address: '灵山卫街道灵山湾路 88 号 2 单元 301',
        communityId: 'lsw-c-lingshanwei',
      },
      category: 'elderly',
      requester: { self: false, name: '赵敏', phone: '13812345678', relation: 'parent' },
      windows,
      consent: true,
      requestId: requestId('homecert'),
    },
    openid,
  )
}

/** A delegated case (帮办代办) 王建国 opens for his father's pension. */
export function createCase(server: LocalServer, openid = 'dev-resident-wang') {
  return post(
    server,
    'delegation',
    {
      action: 'create',
      serviceId: 'lsw-pension-claim',
      forSelf: false,
      relation: 'parent',
      applicantName: '王德福',
      phone: '13912345678',
      description: '父亲行动不便，请帮忙申请领取养老金',
      handover: 'window',
      consent: true,
      requestId: requestId('case'),
    },
    openid,
  )
}
