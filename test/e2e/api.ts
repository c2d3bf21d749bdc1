import type { LocalServer } from './local-server'
import { idNumberFor } from '../support/id-numbers'

/** What Taro's H5 storage keeps for `setStorageSync(key, value)`. */
export const stored = (value: unknown) => JSON.stringify({ data: value })

/** One action of a cloud function through the real server's HTTP API, as `openid`; throws on a refusal. */
export async function post<T = any>(server: LocalServer, fn: string, data: Record<string, unknown>, openid: string): Promise<T> {
  const res = await fetch(`${server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ centerId: 'lsw', ...data }),
  })
  const body = await res.json()
  if (!body.ok) throw new Error(`${fn}.${data.action} as ${openid}: ${JSON.stringify(body.error)}`)
  return body.data as T
}

/** The same, answering the refusal instead of throwing (for the mistakes a person makes). */
export async function attempt(
  server: LocalServer,
  fn: string,
  data: Record<string, unknown>,
  openid: string,
): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }> {
  const res = await fetch(`${server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ centerId: 'lsw', ...data }),
  })
  return res.json()
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
  return post<{ id: string; code: string }>(
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
  return (await post<{ checkIn: { code: string } }>(server, 'queue', { action: 'display' }, staff)).checkIn.code
}

/** Checks a booking in with the code from the hall screen; answers the resident's ticket. */
export async function checkIn(server: LocalServer, bookingId: string, openid = 'dev-resident-wang') {
  const code = await onSiteCode(server)
  return post<{ id: string; number: string }>(server, 'queue', { action: 'checkIn', bookingId, code }, openid)
}

/** A home-certification request for an 85-year-old in 灵山卫社区, asked by the daughter 赵敏 (dev-family-zhao). */
export function submitHomecert(server: LocalServer, windows: { date: string; half: 'am' | 'pm' }[], openid = 'dev-family-zhao') {
  return post<{ id: string }>(
    server,
    'homecert',
    {
      action: 'submit',
      elder: {
        name: '张桂兰',
        idNumber: idNumberFor('1941-05-01', 11),
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
  return post<{ id: string; number: string }>(
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
