import fs from 'node:fs'
import path from 'node:path'
import type { ActionName, Input } from '@/contract'
import { openFields, SEALED_FIELDS } from '@cloud/store/sealed-fields'
import { signedParts } from '@cloud/store/sqlite/local-files'
import type { CaseStep } from '@/core/delegation-states'
import { bookingHarness, type BookingHarness } from './booking-harness'
import { expectOk, type Answer } from './expect-ok'
import { TEST_PII } from './test-keys'

/** The seeded staff of 灵山卫 this area uses, plus a second clerk the tests add themselves. */
export const CLERK = 'dev-clerk-liu'
export const ADMIN = 'dev-admin-sun'
export const OTHER_CLERK = 'test-clerk-2'
export const YZ_CLERK = 'dev-clerk-yz'
export const GRID = 'dev-grid-chen'
export const RESIDENT = 'resident-a'

/** 城乡居民养老保险待遇领取申请: delegable, 5 working days, 4 materials. */
export const SERVICE = 'lsw-pension-claim'

let requestCounter = 0
const nextRequestId = () => `case-req-${process.pid}-${++requestCounter}`

/** A valid delegation.create input; override what a test is about. */
export function caseInput(overrides: Partial<Input<'delegation', 'create'>> = {}): Input<'delegation', 'create'> {
  return {
    centerId: 'lsw',
    serviceId: SERVICE,
    forSelf: false,
    relation: 'parent',
    applicantName: '王德福',
    phone: '13912345678',
    description: '父亲行动不便，请帮忙申请领取养老金',
    handover: 'window',
    consent: true,
    requestId: nextRequestId(),
    ...overrides,
  }
}

/** The extra fields each staff step needs. */
export const STEP_FIELDS: Record<CaseStep, Record<string, unknown>> = {
  accept: {},
  start: {},
  ask_supplement: { missing: ['户口簿（户主页和本人页）'], note: '请补交户口簿照片或原件' },
  supplement: { note: '已到窗口补交' },
  submit: { department: '区社保中心' },
  conclude: { result: '审核通过，次月起按月发放' },
  deliver: { delivery: 'home', note: '网格员送达' },
  withdraw: { reason: '居民来电要求撤销' },
  reject: { reason: '不符合领取条件' },
}

/** A fresh SQLite store (or `h`'s, e.g. from `harnessPerTest`) with a second 灵山卫 clerk, and helpers to open and move cases. */
export function delegationHarness(options: Parameters<typeof bookingHarness>[0] = {}, h: BookingHarness = bookingHarness(options)) {
  h.store.db
    .prepare(
      "INSERT INTO staff_roles (center_id, openid, name, role, scope_json, created_at) VALUES ('lsw', ?, '测试窗口', 'counter', '{\"windows\":[6]}', ?)",
    )
    .run(OTHER_CLERK, new Date().toISOString())

  /** Calls `delegation.<action>` at 灵山卫 as `openid`, answered as the contract types it. */
  const call = <A extends ActionName<'delegation'>>(action: A, data: Record<string, unknown>, openid: string | null) =>
    h.call('delegation', { action, centerId: 'lsw', ...data }, openid)

  /** A resident's online case (linked to them), answered as the resident sees it. */
  async function create(overrides: Partial<Input<'delegation', 'create'>> = {}, openid = RESIDENT) {
    return expectOk(await call('create', caseInput(overrides), openid))
  }

  /** A counter case opened by a clerk (not linked), with its claim code. */
  async function intake(overrides: Partial<Input<'delegation', 'intake'>> = {}, clerk = CLERK) {
    return expectOk(await call('intake', caseInput(overrides), clerk))
  }

  const advance = (id: string, step: CaseStep, openid = CLERK, fields: Record<string, unknown> = STEP_FIELDS[step]) =>
    call('advance', { id, step, ...fields }, openid)

  /** The clerk ticks every checklist item 已收到 (what 办结 needs). */
  async function receiveAll(id: string, openid = CLERK) {
    const detail = await call('staffGet', { id }, openid)
    if (!detail.ok) throw new Error(`staffGet failed: ${JSON.stringify(detail.error)}`)
    for (const m of detail.data.materials) {
      const res = await call('tickMaterial', { id, index: m.index, status: 'received' }, openid)
      if (!res.ok) throw new Error(`tickMaterial failed: ${JSON.stringify(res.error)}`)
    }
  }

  /**
   * Moves a case along the happy path to a state, by the clerk. An online request still 已提交（待受理） is accepted
   * first (unless the path withdraws or rejects it), a counter case skips a leading accept (it starts 已受理); before 办结 every material is ticked 已收到; a deliver needs the
   * pickup code of a linked case. Tests of those rules take the steps themselves with `advance`.
   */
  async function drive(id: string, path: CaseStep[], openid = CLERK) {
    let last: Answer<'delegation', 'advance'> | undefined
    const first = await call('staffGet', { id }, openid)
    const applied = first.ok && first.data.state === 'applied'
    // A counter case starts 已受理: a leading accept is already done.
    const steps = applied ? path : path.filter((step, i) => i > 0 || step !== 'accept')
    const accepting = applied && steps.length > 0 && !['accept', 'withdraw', 'reject'].includes(steps[0])
    for (const step of accepting ? (['accept', ...steps] as CaseStep[]) : steps) {
      if (step === 'conclude') await receiveAll(id, openid)
      let fields = STEP_FIELDS[step]
      if (step === 'deliver') {
        const detail = await call('get', { id }, RESIDENT)
        if (detail.ok) fields = { delivery: 'pickup', pickupCode: detail.data.pickupCode }
      }
      last = await advance(id, step, openid, fields)
      expectOk(last)
    }
    return last
  }

  /** Any function, as `h.call` of the booking harness. */
  const callFunction = h.call
  return { ...h, call, callFunction, create, intake, advance, drive, receiveAll }
}

export type DelegationHarness = ReturnType<typeof delegationHarness>

/** Staff steps that lead from 已受理 to each state (`drive` accepts an online request first). */
export const PATH_TO: Record<string, CaseStep[]> = {
  applied: [],
  accepted: ['accept'],
  processing: ['start'],
  needs_supplement: ['start', 'ask_supplement'],
  submitted: ['start', 'submit'],
  concluded: ['start', 'submit', 'conclude'],
  delivered: ['start', 'submit', 'conclude', 'deliver'],
  withdrawn: ['withdraw'],
  rejected: ['reject'],
}

/**
 * What the current test's harness (`current()`) stored, seen beneath the port: rows (a 消息's sealed body opened),
 * counts, a case's audit actions, its photo files, and what the local server answers for a photo URL.
 */
export function caseStoreViews(current: () => DelegationHarness) {
  /** Rows as stored, with a 消息's sealed body opened. */
  const rows = (sql: string, ...params: unknown[]) =>
    (
      current()
        .store.db.prepare(sql)
        .all(...params) as Record<string, unknown>[]
    ).map((r) => openFields(TEST_PII, r, SEALED_FIELDS.message))
  const count = (sql: string, ...params: unknown[]) =>
    (
      current()
        .store.db.prepare(sql)
        .get(...params) as { n: number }
    ).n
  const auditActions = (recordId: string) =>
    rows('SELECT action FROM audit_log WHERE record_id = ? ORDER BY id', recordId).map((r) => r.action)
  /** The photo files of a case in the store's files folder. */
  const filesOf = (caseId: string) => {
    const dir = path.join(current().store.files.dir, 'cases', caseId)
    return fs.existsSync(dir) ? fs.readdirSync(dir) : []
  }
  /** What the local server answers for a photo URL (cloud/server/file-route.ts serves it the same way). */
  const served = (url: string) => current().store.files.readSigned(...signedParts(url))
  return { rows, count, auditActions, filesOf, served }
}

/** A tiny real JPEG header followed by filler: enough for the magic-byte check. */
export const jpeg = (bytes = 2000) =>
  `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]).toString('base64')}`
export const png = () =>
  `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]).toString('base64')}`
