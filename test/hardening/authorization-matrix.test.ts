/**
 * Every action × every persona, aimed at records owned by someone else (or at
 * the center's staff-only resources). Every cell starts from the same prepared
 * records: it runs inside a savepoint of one real SQLite store that is rolled
 * back after it, so a write allowed in one cell cannot change another (the last
 * test checks that the database ends exactly as prepared).
 * allow = authorization passed: ok, or a business refusal (CONFLICT, CLOSED, …);
 * deny  = UNAUTHENTICATED, FORBIDDEN or NOT_FOUND. A denied call aimed at a
 * record answers exactly like the same call on a record that does not exist.
 * The table (docs/authorization-matrix.md) is generated from SPEC below:
 * `WRITE_MATRIX=1 npx jest test/hardening/authorization-matrix.test.ts`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { inputs } from '@/contract'
import type { Envelope } from '@/contract/envelope'
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { bookingHarness, createInput, TEST_PII, WORKDAY_MORNING } from '../support/booking-harness'
import { caseInput, STEP_FIELDS } from '../support/delegation-harness'
import { submitInput } from '../support/homecert'
import { expectOk } from '../support/expect-ok'
import { idNumberFor } from '../support/id-numbers'
import { currentCheckInCode } from '@cloud/functions/queue/check-in-code'
import { previewHash } from '@cloud/functions/calendar/arrangements'
import { fingerprint, P, type PersonaKey } from './fixtures'
import { openSavepoint } from '../support/temp-store'

const PERSONA_KEYS = Object.keys(P) as PersonaKey[]
const LABEL: Record<PersonaKey, string> = {
  anonymous: '匿名',
  residentA: '居民A',
  residentB: '居民B',
  family: '家属',
  clerkW1: '窗口1',
  clerkW4: '窗口4',
  gridX: '网格X',
  gridY: '网格Y',
  supervisor: '主管',
  admin: '管理员',
  district: '区级',
}
const ALL = PERSONA_KEYS
const SIGNED = ALL.filter((p) => p !== 'anonymous')
const COUNTER = ['clerkW1', 'clerkW4', 'admin'] as PersonaKey[]
const CASE_STAFF = ['clerkW1', 'clerkW4', 'supervisor', 'admin'] as PersonaKey[]
const ADMIN = ['admin'] as PersonaKey[]
/** A case in hand: its clerk (the one who took it up), supervisors and admins; other clerks ask for a reassignment. */
const HANDLER = ['clerkW1', 'supervisor', 'admin'] as PersonaKey[]
const MISSING = 'zz0000000000000000000000000000ff'
/** An arrangement of a year the package lacks (made up for the matrix). */
const YEAR_2027 = { year: 2027, lines: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: ['2027-01-09'] }] }

const jpeg = () =>
  `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1996, 7)]).toString('base64')}`

/** Any action of any function, as the table names them: the answers stay untyped (`any`) here. */
type Call = (fn: keyof typeof FUNCTIONS, data: Record<string, unknown>, openid: string | null) => Promise<Envelope<any>>
const must = (call: Call) => async (fn: keyof typeof FUNCTIONS, data: Record<string, unknown>, openid: string | null) =>
  expectOk(await call(fn, data, openid))

/** Resident A's mother, listed in A's 亲友 (consent pending). */
const RELATIVE_OF_A = { name: '李秀英', idNumber: idNumberFor('1954-03-02', 7) }

/** The slot the matrix books out so resident A can wait for it. */
const WAIT_SLOT = { date: '2026-11-30', start: '15:00' }
/** A 候补 join of person n for WAIT_SLOT. */
const joinInput = (n: number, requestId: string) => {
  const { note: _n, ...create } = createInput(n, { ...WAIT_SLOT, requestId })
  return create
}

/** The records every cell starts from. */
async function prepare(call: Call) {
  const ok = must(call)
  let n = 7000
  const bookingA = await ok('booking', { action: 'create', ...createInput(++n, { date: '2026-11-27', start: '09:00' }) }, P.residentA)
  const todayChecked = await ok('booking', { action: 'create', ...createInput(++n, { date: '2026-11-26', start: '09:30' }) }, P.residentA)
  const todayOpen = await ok('booking', { action: 'create', ...createInput(++n, { date: '2026-11-26', start: '09:30' }) }, P.residentA)
  const code = currentCheckInCode(TEST_PII, 'lsw', WORKDAY_MORNING).code
  const checked = await ok('queue', { action: 'checkIn', centerId: 'lsw', bookingId: todayChecked.id, code }, P.residentA)
  const walk = await ok(
    'queue',
    { action: 'issueWalkIn', centerId: 'lsw', serviceId: 'lsw-senior-card', requestId: 'matrix-walk-in-0001', source: 'kiosk' },
    P.clerkW1,
  )
  const hcX = await ok('homecert', { action: 'submit', ...submitInput({ requestId: 'matrix-homecert-0001' }) }, P.family)
  const elder = (i: number) => ({
    name: '张桂兰',
    idNumber: idNumberFor('1941-05-01', 20 + i),
    phone: '13700001111',
    address: '灵山卫街道灵山湾路 88 号 2 单元 301',
    communityId: 'lsw-c-lingshanwei',
  })
  const hcAssigned = await ok(
    'homecert',
    { action: 'submit', ...submitInput({ requestId: 'matrix-homecert-0002', elder: elder(1) }) },
    P.family,
  )
  await ok('homecert', { action: 'assign', centerId: 'lsw', id: hcAssigned.id, workerOpenid: P.gridX }, P.supervisor)
  const hcScheduled = await ok(
    'homecert',
    { action: 'submit', ...submitInput({ requestId: 'matrix-homecert-0003', elder: elder(2) }) },
    P.family,
  )
  await ok('homecert', { action: 'assign', centerId: 'lsw', id: hcScheduled.id, workerOpenid: P.gridX }, P.supervisor)
  await ok(
    'homecert',
    { action: 'schedule', centerId: 'lsw', id: hcScheduled.id, date: '2026-11-26', half: 'am', note: '已与家属电话约定今天上门' },
    P.gridX,
  )
  const hcVisiting = await ok(
    'homecert',
    { action: 'submit', ...submitInput({ requestId: 'matrix-homecert-0004', elder: elder(3) }) },
    P.family,
  )
  await ok('homecert', { action: 'assign', centerId: 'lsw', id: hcVisiting.id, workerOpenid: P.gridX }, P.supervisor)
  await ok(
    'homecert',
    { action: 'schedule', centerId: 'lsw', id: hcVisiting.id, date: '2026-11-26', half: 'am', note: '已与家属电话约定今天上门' },
    P.gridX,
  )
  await ok('homecert', { action: 'startVisit', centerId: 'lsw', id: hcVisiting.id }, P.gridX)
  const caseA = await ok('delegation', { action: 'create', ...caseInput({ requestId: 'matrix-case-0001' }) }, P.residentA)
  await ok('delegation', { action: 'advance', centerId: 'lsw', id: caseA.id, step: 'accept', ...STEP_FIELDS.accept }, P.clerkW1)
  await ok('delegation', { action: 'advance', centerId: 'lsw', id: caseA.id, step: 'start', ...STEP_FIELDS.start }, P.clerkW1)
  await ok(
    'delegation',
    { action: 'advance', centerId: 'lsw', id: caseA.id, step: 'ask_supplement', ...STEP_FIELDS.ask_supplement },
    P.clerkW1,
  )
  const photo = await ok('delegation', { action: 'uploadPhoto', centerId: 'lsw', id: caseA.id, dataUrl: jpeg() }, P.residentA)
  const counterCase = await ok('delegation', { action: 'intake', ...caseInput({ requestId: 'matrix-case-0002' }) }, P.clerkW1)
  const config = await ok('config', { action: 'get', centerId: 'lsw' }, P.admin)
  await ok('config', { action: 'setDay', centerId: 'lsw', date: '2026-12-31', open: false, reason: '临时闭馆' }, P.admin)
  const invite = await ok(
    'staff',
    { action: 'createInvite', centerId: 'lsw', name: '新同事', grant: { role: 'counter', windows: [2] } },
    P.admin,
  )
  const relative = await ok('people', { action: 'addRelative', relation: 'parent', ...RELATIVE_OF_A }, P.residentA)
  // A full slot (others book it out), and resident A in its 候补 line.
  for (const persona of ['residentB', 'family', 'clerkW4', 'gridX', 'gridY', 'supervisor'] as PersonaKey[]) {
    const res = await call('booking', { action: 'create', ...createInput(++n, WAIT_SLOT) }, P[persona])
    if (!res.ok && res.error.code === 'SLOT_FULL') break
    expectOk(res)
  }
  const waitA = await ok('booking', { action: 'joinWaitlist', ...joinInput(++n, 'matrix-join-prepare-01') }, P.residentA)
  // A counter visit of A's, served and 办结 at window 1, rated 非常不满意: a 差评 with its follow-up open.
  const visit = await ok(
    'booking',
    { action: 'create', ...createInput(++n, { date: '2026-11-26', start: '09:30', serviceId: 'lsw-senior-card' }) },
    P.residentA,
  )
  const visitTicket = await ok('queue', { action: 'checkIn', centerId: 'lsw', bookingId: visit.id, code }, P.residentA)
  const served = (await ok('queue', { action: 'callNext', centerId: 'lsw', window: 1 }, P.clerkW1)).ticket.id as string
  if (served !== visitTicket.id) throw new Error('window 1 called another ticket than A’s visit')
  await ok('queue', { action: 'start', centerId: 'lsw', window: 1, id: served }, P.clerkW1)
  await ok('queue', { action: 'complete', centerId: 'lsw', window: 1, id: served }, P.clerkW1)
  await ok('rating', { action: 'rate', centerId: 'lsw', service: 'counter', id: visit.id, level: 1, reasons: ['slow'] }, P.residentA)
  return {
    waitA: waitA.id as string,
    visitA: visit.id as string,
    badRating: `counter:${served}`,
    relativeA: relative.relative.id as string,
    consentCode: relative.code as string,
    bookingA: bookingA.id as string,
    todayOpen: todayOpen.id as string,
    todayOpenCode: todayOpen.code as string,
    ticketA: (checked.ticket?.id ?? checked.id) as string,
    walkIn: (walk.ticket?.id ?? walk.id) as string,
    hcX: hcX.id as string,
    hcAssigned: hcAssigned.id as string,
    hcScheduled: hcScheduled.id as string,
    hcVisiting: hcVisiting.id as string,
    caseA: caseA.id as string,
    photoA: (photo.id ?? photo.photoId ?? photo.photo?.id) as string,
    counterCase: counterCase.id as string,
    claimCode: (counterCase.claimCode ?? counterCase.code) as string,
    invite: invite.id as string,
    inviteCode: invite.code as string,
    center: config.center as { name: string; address: string; phone: string; latitude: number; longitude: number; hours: unknown },
    service: config.services[0] as Record<string, unknown>,
    bookingRules: config.bookingRules.current as Record<string, unknown>,
    homecertRules: config.homecertRules.current as Record<string, unknown>,
  }
}
type R = Awaited<ReturnType<typeof prepare>>

interface Cell {
  /** Who may (authorization passes); everybody else is refused. */
  allow: PersonaKey[]
  data: (r: R) => Record<string, unknown>
  /** The record the call aims at: its id key in `data`, swapped for a missing one to compare denials. */
  record?: string
  /** Run first in the cell's copy (as staff), e.g. to call a ticket to the window; what it answers is merged into `data`. */
  prep?: (ok: ReturnType<typeof must>, r: R) => Promise<Record<string, unknown>>
  /** Staff who may read the record anyway (a refusal may tell them why); everyone else's refusal must read like "does not exist". */
  visibleTo?: PersonaKey[]
  /** A list that must not show the record to anyone but its owner. */
  noLeak?: { key: keyof R; owner: PersonaKey[] }
  note: string
}

const W = 'lsw'
/** Calls the next ticket to window 1 (as its clerk) and aims the cell at it. */
const callToWindow1 = async (ok: ReturnType<typeof must>) => {
  const called = await ok('queue', { action: 'callNext', centerId: W, window: 1 }, P.clerkW1)
  const id = called?.ticket?.id ?? called?.current?.id ?? called?.id
  if (!id) throw new Error(`callNext answered no ticket: ${JSON.stringify(called).slice(0, 300)}`)
  return { id }
}

/** THE expected matrix. Keyed `function.action`; every action of the contract must appear (checked below). */
const SPEC: Record<string, Cell> = {
  'center.listCenters': { allow: ALL, data: () => ({}), note: '公开' },
  'center.getInfo': { allow: ALL, data: () => ({ centerId: W }), note: '公开' },
  'center.listServices': { allow: ALL, data: () => ({ centerId: W }), note: '公开' },
  'center.getService': { allow: ALL, data: () => ({ centerId: W, serviceId: 'lsw-medical-remote' }), note: '公开' },
  'center.me': { allow: ALL, data: () => ({ centerId: W }), note: '自己的身份与岗位' },
  'center.home': {
    allow: ALL,
    data: () => ({ centerId: W }),
    noLeak: { key: 'todayOpen', owner: ['residentA'] },
    note: '首页：公开的中心信息，加上自己今天的预约',
  },
  'center.getAvailability': {
    allow: ALL,
    data: () => ({ centerId: W, serviceId: 'lsw-medical-remote', from: '2026-11-27', days: 3 }),
    note: '公开',
  },

  'booking.create': {
    allow: SIGNED,
    data: () => ({ ...createInput(7777, { date: '2026-11-30', start: '09:00', requestId: 'matrix-create-cell-0001' }) }),
    note: '为自己预约',
  },
  'booking.listMine': {
    allow: SIGNED,
    data: () => ({ centerId: W, tab: 'upcoming' }),
    noLeak: { key: 'bookingA', owner: ['residentA'] },
    note: '只列自己的',
  },
  'booking.get': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.bookingA }), record: 'id', note: 'A 的预约' },
  'booking.cancel': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.bookingA }), record: 'id', note: 'A 的预约' },
  'booking.reschedule': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, id: r.bookingA, date: '2026-11-30', start: '10:00' }),
    record: 'id',
    note: 'A 的预约',
  },
  'booking.form': {
    allow: SIGNED,
    data: () => ({ centerId: W, serviceId: 'lsw-medical-remote' }),
    note: '自己的身份、亲友和上次填写的姓名电话',
  },
  'booking.listMessages': {
    allow: SIGNED,
    data: () => ({ centerId: W }),
    noLeak: { key: 'bookingA', owner: ['residentA'] },
    note: '只列自己的',
  },
  'booking.joinWaitlist': { allow: SIGNED, data: () => ({ ...joinInput(7778, 'matrix-join-cell-0001') }), note: '为自己候补' },
  'booking.myWaitlist': {
    allow: SIGNED,
    data: () => ({ centerId: W }),
    noLeak: { key: 'waitA', owner: ['residentA'] },
    note: '只列自己的',
  },
  'booking.leaveWaitlist': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.waitA }), record: 'id', note: 'A 的候补' },
  'booking.acceptOffer': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, id: r.waitA, requestId: 'matrix-accept-cell-0001' }),
    record: 'id',
    note: 'A 的候补',
  },

  'homecert.options': { allow: ALL, data: () => ({ centerId: W }), note: '公开' },
  'homecert.submit': {
    allow: SIGNED,
    data: () =>
      submitInput({
        requestId: 'matrix-submit-cell-0001',
        elder: {
          name: '刘玉珍',
          idNumber: idNumberFor('1940-03-03', 99),
          phone: '13700002222',
          address: '灵山卫街道灵山湾路 90 号 1 单元 101',
          communityId: 'lsw-c-lingshanwei',
        },
      }),
    note: '为老人申请',
  },
  'homecert.listMine': { allow: SIGNED, data: () => ({ centerId: W }), noLeak: { key: 'hcX', owner: ['family'] }, note: '只列自己提交的' },
  'homecert.get': { allow: ['family'], data: (r) => ({ centerId: W, id: r.hcX }), record: 'id', note: '家属提交的申请（社区X）' },
  'homecert.cancel': { allow: ['family'], data: (r) => ({ centerId: W, id: r.hcX }), record: 'id', note: '家属提交的申请' },
  'homecert.reschedule': {
    allow: ['family'],
    data: (r) => ({ centerId: W, id: r.hcX, windows: [{ date: '2026-11-30', half: 'am' }] }),
    record: 'id',
    note: '家属提交的申请',
  },
  'homecert.listForStaff': { allow: ['supervisor', 'admin'], data: () => ({ centerId: W, view: 'supervise' }), note: '派单列表' },
  'homecert.staffGet': {
    allow: ['gridX', 'supervisor', 'admin'],
    data: (r) => ({ centerId: W, id: r.hcAssigned }),
    record: 'id',
    note: '派给网格X的申请',
  },
  'homecert.assign': {
    allow: ['supervisor', 'admin'],
    data: (r) => ({ centerId: W, id: r.hcX, workerOpenid: P.gridX }),
    record: 'id',
    note: '派单',
  },
  'homecert.schedule': {
    allow: ['gridX', 'supervisor', 'admin'],
    data: (r) => ({ centerId: W, id: r.hcAssigned, date: '2026-11-27', half: 'am' }),
    record: 'id',
    note: '派给网格X的申请',
  },
  'homecert.startVisit': {
    allow: ['gridX', 'supervisor', 'admin'],
    data: (r) => ({ centerId: W, id: r.hcScheduled }),
    record: 'id',
    note: '派给网格X的申请',
  },
  'homecert.recordOutcome': {
    allow: ['gridX', 'supervisor', 'admin'],
    data: (r) => ({
      centerId: W,
      id: r.hcVisiting,
      outcome: 'certified',
      certifiedOn: '2026-11-26',
      method: 'onsite',
      evidenceNote: '本人在家，已核对',
    }),
    record: 'id',
    note: '派给网格X的申请',
  },
  'homecert.listDueSoon': { allow: ['supervisor', 'admin'], data: () => ({ centerId: W }), note: '主管' },

  'queue.checkInStatus': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, bookingId: r.todayOpen }),
    record: 'bookingId',
    note: 'A 今天的预约',
  },
  'queue.checkIn': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, bookingId: r.todayOpen, code: currentCheckInCode(TEST_PII, W, WORKDAY_MORNING).code }),
    record: 'bookingId',
    note: 'A 今天的预约',
  },
  'queue.myTicket': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.ticketA }), record: 'id', note: 'A 的号' },
  'queue.today': {
    allow: SIGNED,
    data: () => ({ centerId: W }),
    noLeak: { key: 'todayOpen', owner: ['residentA'] },
    note: '只列自己今天的预约',
  },
  'queue.myTickets': { allow: SIGNED, data: () => ({ centerId: W }), noLeak: { key: 'ticketA', owner: ['residentA'] }, note: '只列自己的' },
  'queue.display': { allow: COUNTER, data: () => ({ centerId: W }), note: '大厅屏（工作人员打开）' },
  'queue.console': { allow: ['clerkW1', 'admin'], data: () => ({ centerId: W, window: 1 }), note: '1 号窗口' },
  'queue.ticket': { allow: COUNTER, data: (r) => ({ centerId: W, id: r.ticketA }), record: 'id', note: '窗口人员查号' },
  'queue.callNext': { allow: ['clerkW1', 'admin'], data: () => ({ centerId: W, window: 1 }), note: '1 号窗口' },
  'queue.recall': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.skip': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.putBack': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.start': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.complete': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.setGreen': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn }),
    record: 'id',
    note: '候号中的号',
  },
  'queue.transfer': {
    allow: ['clerkW1', 'admin'],
    prep: callToWindow1,
    data: (r) => ({ centerId: W, window: 1, id: r.walkIn, serviceId: 'lsw-medical-remote' }),
    record: 'id',
    note: '1 号窗口已叫的号',
  },
  'queue.checkInByCode': {
    allow: ['clerkW1', 'admin'],
    data: (r) => ({ centerId: W, window: 1, code: r.todayOpenCode }),
    note: '窗口代签到',
  },
  'queue.issueWalkIn': {
    allow: COUNTER,
    data: () => ({ centerId: W, serviceId: 'lsw-pension-enroll', requestId: 'matrix-walk-cell-0001', source: 'clerk' }),
    note: '现场取号',
  },

  'delegation.create': { allow: SIGNED, data: () => caseInput({ requestId: 'matrix-case-cell-0001' }), note: '网上申请帮办' },
  'delegation.listMine': {
    allow: SIGNED,
    data: () => ({ centerId: W }),
    noLeak: { key: 'caseA', owner: ['residentA'] },
    note: '只列自己的',
  },
  'delegation.get': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.caseA }), record: 'id', note: 'A 的帮办' },
  'delegation.claim': { allow: SIGNED, data: (r) => ({ code: r.claimCode }), note: '凭领取码（持码即可）' },
  'delegation.uploadPhoto': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, id: r.caseA, dataUrl: jpeg() }),
    record: 'id',
    note: 'A 的帮办',
  },
  'delegation.getPhoto': {
    allow: ['residentA'],
    visibleTo: CASE_STAFF,
    data: (r) => ({ centerId: W, id: r.caseA, photoId: r.photoA }),
    record: 'id',
    note: 'A 尚未发送的照片（发送前只有本人可见）',
  },
  'delegation.reply': { allow: ['residentA'], data: (r) => ({ centerId: W, id: r.caseA, text: '已补充' }), record: 'id', note: 'A 的帮办' },
  'delegation.withdraw': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, id: r.caseA, reason: '不需要了' }),
    record: 'id',
    note: 'A 的帮办',
  },
  'delegation.intake': { allow: CASE_STAFF, data: () => caseInput({ requestId: 'matrix-intake-cell-0001' }), note: '窗口受理' },
  'delegation.staffList': { allow: CASE_STAFF, data: () => ({ centerId: W }), note: '帮办列表' },
  'delegation.staffGet': { allow: CASE_STAFF, data: (r) => ({ centerId: W, id: r.caseA }), record: 'id', note: 'A 的帮办' },
  'delegation.advance': {
    allow: HANDLER,
    visibleTo: CASE_STAFF,
    data: (r) => ({ centerId: W, id: r.caseA, step: 'start' }),
    record: 'id',
    note: 'A 的帮办（刘芳经办）',
  },
  'delegation.tickMaterial': {
    allow: HANDLER,
    visibleTo: CASE_STAFF,
    data: (r) => ({ centerId: W, id: r.caseA, index: 0, status: 'received' }),
    record: 'id',
    note: 'A 的帮办',
  },
  'delegation.logOriginal': {
    allow: CASE_STAFF,
    data: (r) => ({ centerId: W, id: r.caseA, kind: 'received', name: '身份证原件' }),
    record: 'id',
    note: 'A 的帮办：收取原件（谁经手谁登记，不限经办人）',
  },
  'delegation.reassign': {
    allow: HANDLER,
    visibleTo: CASE_STAFF,
    data: (r) => ({ centerId: W, id: r.caseA, to: P.clerkW4 }),
    record: 'id',
    note: 'A 的帮办',
  },
  'delegation.clerks': { allow: CASE_STAFF, data: () => ({ centerId: W }), note: '可指派的人员' },
  'delegation.newClaimCode': { allow: CASE_STAFF, data: (r) => ({ centerId: W, id: r.counterCase }), record: 'id', note: '窗口受理的帮办' },
  'delegation.revealPhone': { allow: CASE_STAFF, data: (r) => ({ centerId: W, id: r.caseA }), record: 'id', note: 'A 的手机号（留痕）' },

  'staff.createInvite': {
    allow: ADMIN,
    data: () => ({ centerId: W, name: '新同事', grant: { role: 'counter', windows: [3] } }),
    note: '管理员',
  },
  'staff.listInvites': { allow: ADMIN, data: () => ({ centerId: W }), note: '管理员' },
  'staff.cancelInvite': { allow: ADMIN, data: (r) => ({ centerId: W, id: r.invite }), record: 'id', note: '管理员' },
  'staff.previewInvite': { allow: SIGNED, data: (r) => ({ code: r.inviteCode }), note: '凭邀请码（持码即可）' },
  'staff.redeemInvite': { allow: SIGNED, data: (r) => ({ code: r.inviteCode }), note: '凭邀请码（持码即可）' },
  'staff.listStaff': { allow: ADMIN, data: () => ({ centerId: W }), note: '管理员' },
  'staff.setGrant': {
    allow: ADMIN,
    data: () => ({ centerId: W, openid: P.clerkW4, grant: { role: 'counter', windows: [4, 5] } }),
    note: '管理员',
  },
  'staff.revokeGrant': { allow: ADMIN, data: () => ({ centerId: W, openid: P.gridY, role: 'grid' }), note: '管理员' },
  'staff.listAudit': { allow: ADMIN, data: () => ({ centerId: W }), note: '管理员' },

  'config.get': { allow: ADMIN, data: () => ({ centerId: W }), note: '管理员' },
  'config.updateCenter': {
    allow: ADMIN,
    data: (r) => ({
      centerId: W,
      name: r.center.name,
      address: r.center.address,
      phone: '0532-80000000',
      latitude: r.center.latitude,
      longitude: r.center.longitude,
      hours: r.center.hours,
    }),
    note: '管理员',
  },
  'config.setDay': { allow: ADMIN, data: () => ({ centerId: W, date: '2026-12-31', open: false, reason: '临时闭馆' }), note: '管理员' },
  'config.removeDay': { allow: ADMIN, data: () => ({ centerId: W, date: '2026-12-31' }), note: '管理员' },
  'config.saveService': {
    allow: ADMIN,
    data: (r) => {
      const { categoryName: _c, retired: _r, upcomingBookings: _u, ...svc } = r.service
      return { centerId: W, ...svc, slotCapacity: 3 }
    },
    note: '管理员',
  },
  'config.setServiceRetired': { allow: ADMIN, data: () => ({ centerId: W, id: 'lsw-medical-remote', retired: true }), note: '管理员' },
  'config.saveWindow': { allow: ADMIN, data: () => ({ centerId: W, id: 'lsw-w6', number: 6, name: '6 号窗口' }), note: '管理员' },
  'config.removeWindow': { allow: ADMIN, data: () => ({ centerId: W, id: 'lsw-w6' }), note: '管理员' },
  'config.saveCommunity': { allow: ADMIN, data: () => ({ centerId: W, name: '新社区', responsibleOpenid: null }), note: '管理员' },
  'config.removeCommunity': { allow: ADMIN, data: () => ({ centerId: W, id: 'lsw-c-dongfeng' }), note: '管理员' },
  'config.updateBookingRules': {
    allow: ADMIN,
    data: (r) => ({ centerId: W, rules: { ...r.bookingRules, maxActiveBookings: 4 } }),
    note: '管理员',
  },
  'config.updateQueueRules': { allow: ADMIN, data: () => ({ centerId: W, greenAge: 70 }), note: '管理员' },
  'config.updateHomecertRules': {
    allow: ADMIN,
    data: (r) => ({ centerId: W, rules: { ...r.homecertRules, dueSoonDays: 20 } }),
    note: '管理员',
  },

  'config.updateRatingRules': { allow: ADMIN, data: () => ({ centerId: W, followUpWorkingDays: 3 }), note: '管理员' },

  'rating.get': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, service: 'counter', id: r.visitA }),
    record: 'id',
    note: 'A 办结的窗口办事（按预约或号）',
  },
  'rating.rate': {
    allow: ['residentA'],
    data: (r) => ({ centerId: W, service: 'case', id: r.caseA, level: 5 }),
    record: 'id',
    note: 'A 的帮办（未办结时 CONFLICT）',
  },
  'rating.followUps': { allow: ADMIN, data: () => ({ centerId: W }), note: '管理员：差评回访' },
  'rating.answer': {
    allow: ADMIN,
    data: (r) => ({ centerId: W, id: r.badRating, answer: '已为老年人开设专门窗口' }),
    note: '管理员：回复 A 的差评（留痕）',
  },

  'stats.summary': { allow: ADMIN, data: () => ({ centerId: W, from: '2026-11-01', to: '2026-11-26' }), note: '管理员' },
  'stats.exportCsv': { allow: ADMIN, data: () => ({ centerId: W, from: '2026-11-01', to: '2026-11-26', table: 'daily' }), note: '管理员' },
  'stats.refresh': { allow: ADMIN, data: () => ({ centerId: W, from: '2026-11-20', to: '2026-11-26' }), note: '管理员' },
  'stats.district': { allow: ['district'], data: () => ({ from: '2026-11-01', to: '2026-11-26' }), note: '区级管理员（全区，只读）' },
  'stats.districtCsv': { allow: ['district'], data: () => ({ from: '2026-11-01', to: '2026-11-26' }), note: '区级管理员（全区，只读）' },

  'people.me': {
    allow: SIGNED,
    data: () => ({}),
    noLeak: { key: 'relativeA', owner: ['residentA'] },
    note: '本人的身份与亲友',
  },
  'people.saveIdentity': { allow: SIGNED, data: () => ({ name: '王建国', idNumber: idNumberFor('1970-01-01', 5) }), note: '本人' },
  'people.verifyIdentity': { allow: SIGNED, data: () => ({}), note: '本人（无记录时 CONFLICT）' },
  'people.addRelative': {
    allow: SIGNED,
    data: () => ({ relation: 'child', name: '王小明', idNumber: idNumberFor('2001-06-01', 9) }),
    note: '本人',
  },
  'people.removeRelative': { allow: ['residentA'], data: (r) => ({ id: r.relativeA }), record: 'id', note: 'A 的亲友' },
  'people.newConsentCode': { allow: ['residentA'], data: (r) => ({ id: r.relativeA }), record: 'id', note: 'A 的亲友' },
  'people.confirmConsent': {
    allow: SIGNED,
    data: (r) => ({ code: r.consentCode }),
    note: '持确认码者；仅实名核验的本人能确认，其他人与错误确认码同样回答',
  },
  'people.counterConfirm': {
    allow: COUNTER,
    data: (r) => ({ centerId: W, code: r.consentCode, idNumber: RELATIVE_OF_A.idNumber }),
    note: '窗口人员核对身份证后代为确认（审计）',
  },
  'calendar.status': { allow: SIGNED, data: () => ({ centerId: W }), note: '哪些年份已知（工作台提示）' },
  'calendar.getYear': { allow: ['district'], data: () => ({ year: 2027 }), note: '区级管理员（全区）' },
  'calendar.previewYear': { allow: ['district'], data: () => YEAR_2027, note: '区级管理员（全区）' },
  'calendar.saveYear': {
    allow: ['district'],
    data: () => ({ ...YEAR_2027, confirm: previewHash(YEAR_2027, 0) }),
    note: '区级管理员（全区），须先预览确认',
  },
}

const DENY = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'])
let records: R
let h: ReturnType<typeof bookingHarness>
/** The prepared database's content hash: every cell must leave it so. */
let prepared: string

beforeAll(async () => {
  h = bookingHarness()
  records = await prepare((fn, data, openid) => h.call(fn, data, openid))
  prepared = fingerprint(h.store.db)
}, 60_000)
afterAll(() => h?.close())

/**
 * The prepared store for one cell, inside a savepoint that `close` rolls back: the cell's writes (and its actions'
 * own transactions, nested savepoints of this one) are undone before the next cell. A copy of the file per cell did
 * the same at 7 ms of CPU a cell to open the copy (1 221 cells): 12.9 → 2.6 CPU s for this file run alone.
 */
function cellStore() {
  const close = openSavepoint(h.store.db)
  const call: Call = (fn, data, openid) =>
    dispatch(FUNCTIONS[fn] as never, data, {
      openid,
      store: h.store,
      now: () => WORKDAY_MORNING,
      requestId: 'matrix',
      pii: TEST_PII,
      settings: DEFAULT_SETTINGS,
    })
  return { call, close }
}

type Outcome = { persona: PersonaKey; verdict: 'allow' | 'deny'; code: string }
const observed: Record<string, Outcome[]> = {}
const mismatches: string[] = []
const stats = { cells: 0, allowOk: 0, allowRefused: 0, denied: 0, sameAsMissing: 0, listsChecked: 0 }

it('covers every action of the contract', () => {
  const actions = Object.entries(inputs).flatMap(([fn, a]) => Object.keys(a).map((x) => `${fn}.${x}`))
  expect(actions.filter((a) => !SPEC[a])).toEqual([])
  expect(Object.keys(SPEC).filter((a) => !actions.includes(a))).toEqual([])
})

describe.each(Object.entries(SPEC))('%s', (key, cell) => {
  const [fn, action] = key.split('.') as [keyof typeof FUNCTIONS, string]
  it.each(PERSONA_KEYS)(`as %s`, async (persona) => {
    const expected = cell.allow.includes(persona) ? 'allow' : 'deny'
    const s = cellStore()
    try {
      const extra = cell.prep ? await cell.prep(must(s.call), records) : {}
      const data = { action, ...cell.data(records), ...extra }
      const res = await s.call(fn, data, P[persona])
      const code = res.ok ? 'OK' : res.error.code
      expect(code).not.toBe('INTERNAL')
      const verdict = res.ok || !DENY.has(code) ? 'allow' : 'deny'
      ;(observed[key] ??= []).push({ persona, verdict, code })
      stats.cells++
      if (verdict !== expected)
        mismatches.push(`${key} as ${persona}: expected ${expected}, got ${res.ok ? 'ok' : JSON.stringify(res.error)}`)
      expect({ key, persona, verdict, answer: res.ok ? 'ok' : res.error }).toEqual({
        key,
        persona,
        verdict: expected,
        answer: expect.anything(),
      })
      if (verdict === 'allow') {
        if (res.ok) stats.allowOk++
        else stats.allowRefused++
      } else stats.denied++
      if (cell.noLeak && res.ok && !cell.noLeak.owner.includes(persona)) {
        expect(JSON.stringify(res.data)).not.toContain(records[cell.noLeak.key])
        stats.listsChecked++
      }
      if (verdict === 'deny' && cell.record && !cell.visibleTo?.includes(persona)) {
        // "Not yours" must read exactly like "does not exist".
        const missing = await s.call(fn, { ...data, [cell.record]: MISSING }, P[persona])
        expect(missing.ok).toBe(false)
        if (!res.ok && !missing.ok && JSON.stringify(missing.error) !== JSON.stringify(res.error))
          mismatches.push(`${key} as ${persona}: not-yours ${JSON.stringify(res.error)} vs missing ${JSON.stringify(missing.error)}`)
        if (!res.ok && !missing.ok) expect({ key, persona, error: missing.error }).toEqual({ key, persona, error: res.error })
        stats.sameAsMissing++
      }
    } finally {
      s.close()
    }
  })
})

it('leaves the prepared records as they were after every cell', () => {
  expect(fingerprint(h.store.db)).toBe(prepared)
})

afterAll(() => {
  if (mismatches.length) console.log(`matrix mismatches:\n${mismatches.join('\n')}`)
  console.log(
    `authorization matrix: ${stats.cells} cells checked (${Object.keys(observed).length} actions × ${PERSONA_KEYS.length} personas): ${stats.allowOk} allowed and ok, ${stats.allowRefused} allowed then refused by a business rule, ${stats.denied} denied; ${stats.sameAsMissing} denials identical to "does not exist", ${stats.listsChecked} lists checked for others' records`,
  )
  if (process.env.WRITE_MATRIX) {
    const head = `| action | ${PERSONA_KEYS.map((p) => LABEL[p]).join(' | ')} | target |\n| --- | ${PERSONA_KEYS.map(() => ':---:').join(' | ')} | --- |\n`
    const rows = Object.entries(SPEC)
      .map(([k, c]) => `| \`${k}\` | ${PERSONA_KEYS.map((p) => (c.allow.includes(p) ? '✅' : '⛔')).join(' | ')} | ${c.note} |`)
      .join('\n')
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/authorization-matrix.md'), 'utf8')
    const start = doc.indexOf('<!-- matrix -->')
    const end = doc.indexOf('<!-- /matrix -->')
    fs.writeFileSync(
      path.join(__dirname, '../../docs/authorization-matrix.md'),
      `${doc.slice(0, start)}<!-- matrix -->\n${head}${rows}\n${doc.slice(end)}`,
    )
  }
})
