import type { ActionName, Input } from '@/contract'
import type { BookingHarness } from './booking-harness'
import { expectOk } from './expect-ok'
import { idNumberFor } from './id-numbers'

/** An elder of 85 on Thursday 26 November 2026 (born 1 May 1941). */
export const ELDER_85 = { name: '张桂兰', idNumber: idNumberFor('1941-05-01', 12) }

export const FAMILY = 'dev-family-zhao'
export const SUPERVISOR = 'dev-supervisor-zhou'
export const WORKER = 'dev-grid-chen'
export const OTHER_WORKER = 'dev-grid-ma'

let counter = 0

/** A valid homecert.submit input (85-year-old in 灵山卫社区, asked by a daughter); override what a test is about. */
export function submitInput(overrides: Partial<Input<'homecert', 'submit'>> = {}): Input<'homecert', 'submit'> {
  return {
    centerId: 'lsw',
    elder: {
      name: ELDER_85.name,
      idNumber: ELDER_85.idNumber,
      phone: '13700001111',
      address: '灵山卫街道灵山湾路 88 号 2 单元 301',
      communityId: 'lsw-c-lingshanwei',
    },
    category: 'elderly',
    requester: { self: false, name: '赵敏', phone: '13812345678', relation: 'parent' },
    windows: [
      { date: '2026-11-27', half: 'am' },
      { date: '2026-11-30', half: 'pm' },
    ],
    consent: true,
    requestId: `homecert-${process.pid}-${++counter}`,
    ...overrides,
  }
}

/** What a 认证通过 needs besides the outcome: how the elder was seen and the evidence. */
export const CERTIFIED_EVIDENCE = { method: 'onsite', evidenceNote: '老人本人在家，核对身份证与本人一致' } as const

/** Thin wrappers over the dispatcher that fail loudly, for driving a request through its life. */
export function homecertDriver(h: BookingHarness) {
  const ok = async <A extends ActionName<'homecert'>>(action: A, data: Record<string, unknown>, openid: string) =>
    expectOk(await h.call('homecert', { action, centerId: 'lsw', ...data }, openid))
  return {
    ok,
    submit: (overrides: Partial<Input<'homecert', 'submit'>> = {}, openid = FAMILY) => ok('submit', submitInput(overrides), openid),
    assign: (id: string, workerOpenid = WORKER, by = SUPERVISOR) => ok('assign', { id, workerOpenid }, by),
    schedule: (id: string, date = '2026-11-27', half = 'am', by = WORKER, note?: string) => ok('schedule', { id, date, half, note }, by),
    startVisit: (id: string, by = WORKER) => ok('startVisit', { id }, by),
    /** 认证通过 carries a method and evidence (a note) unless the test gives its own. */
    outcome: (id: string, outcome: string, extra: Record<string, unknown> = {}, by = WORKER) =>
      ok('recordOutcome', { id, outcome, ...(outcome === 'certified' ? CERTIFIED_EVIDENCE : {}), ...extra }, by),
  }
}
