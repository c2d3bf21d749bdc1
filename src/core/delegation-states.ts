/**
 * The life of a delegated case (帮办代办), explicit: every state, every step
 * between states, and who may take it. Anything not in `CASE_STEPS` is a
 * forbidden transition (the backend answers CONFLICT).
 *
 * 已提交（待受理） → 已受理 → 办理中 ⇄ 待补交材料 → 已报送 → 已办结 → 已送达/已领取
 * An online request waits in 已提交（待受理） until a clerk accepts it (a counter case starts 已受理).
 * 已撤销 at the resident's request before 已报送; 不予受理 with a reason.
 * Residents read 补交材料 (plain words), never the office word 补正.
 */

export type CaseState =
  | 'applied'
  | 'accepted'
  | 'processing'
  | 'needs_supplement'
  | 'submitted'
  | 'concluded'
  | 'delivered'
  | 'withdrawn'
  | 'rejected'

export const CASE_STATES: readonly CaseState[] = [
  'applied',
  'accepted',
  'processing',
  'needs_supplement',
  'submitted',
  'concluded',
  'delivered',
  'withdrawn',
  'rejected',
]

/** What each state is called on every screen. */
export const CASE_STATE_TEXT: Record<CaseState, string> = {
  applied: '已提交（待受理）',
  accepted: '已受理',
  processing: '办理中',
  needs_supplement: '待补交材料',
  submitted: '已报送',
  concluded: '已办结',
  delivered: '已送达/已领取',
  withdrawn: '已撤销',
  rejected: '不予受理',
}

/** A step that changes a case's state. */
export type CaseStep = 'accept' | 'start' | 'ask_supplement' | 'supplement' | 'submit' | 'conclude' | 'deliver' | 'withdraw' | 'reject'

/** Who takes a step: the center's staff, or the resident the case is linked to. */
export type CaseActor = 'staff' | 'resident'

export interface CaseStepRule {
  from: readonly CaseState[]
  to: CaseState
  by: readonly CaseActor[]
  /** The step's name on buttons and on the timeline. */
  text: string
}

/**
 * The table of allowed transitions. `conclude` is allowed from 办理中 too: a
 * service the center itself decides (当场办结, e.g. 居民养老参保登记) goes to no
 * department. `supplement` by staff is the clerk confirming what the resident brought or sent is
 * enough; by the resident it is a reply that carries the asked material (photos). `accept` starts the
 * promised clock of an online request.
 */
export const CASE_STEPS: Record<CaseStep, CaseStepRule> = {
  accept: { from: ['applied'], to: 'accepted', by: ['staff'], text: '受理' },
  start: { from: ['accepted'], to: 'processing', by: ['staff'], text: '开始办理' },
  ask_supplement: { from: ['processing'], to: 'needs_supplement', by: ['staff'], text: '通知补交材料' },
  supplement: { from: ['needs_supplement'], to: 'processing', by: ['resident', 'staff'], text: '材料已补齐' },
  submit: { from: ['processing'], to: 'submitted', by: ['staff'], text: '报送部门' },
  conclude: { from: ['processing', 'submitted'], to: 'concluded', by: ['staff'], text: '办结' },
  deliver: { from: ['concluded'], to: 'delivered', by: ['staff'], text: '送达/领取' },
  withdraw: { from: ['applied', 'accepted', 'processing', 'needs_supplement'], to: 'withdrawn', by: ['resident', 'staff'], text: '撤销' },
  reject: { from: ['applied', 'accepted', 'processing', 'needs_supplement'], to: 'rejected', by: ['staff'], text: '不予受理' },
}

export const CASE_STEP_NAMES = Object.keys(CASE_STEPS) as CaseStep[]

/**
 * The state a step leads to from `from` when `actor` takes it, or null when the
 * table forbids it.
 * @example nextState('processing', 'ask_supplement', 'staff') // 'needs_supplement'
 * @example nextState('submitted', 'withdraw', 'resident')     // null (already sent to the department)
 */
export function nextState(from: CaseState, step: CaseStep, actor: CaseActor): CaseState | null {
  const rule = CASE_STEPS[step]
  return rule.from.includes(from) && rule.by.includes(actor) ? rule.to : null
}

/** The steps `actor` may take from a state, in table order (for the buttons a page shows). */
export function stepsFrom(state: CaseState, actor: CaseActor): CaseStep[] {
  return CASE_STEP_NAMES.filter((step) => nextState(state, step, actor) !== null)
}

/** No step leaves these. */
export function isFinal(state: CaseState): boolean {
  return state === 'delivered' || state === 'withdrawn' || state === 'rejected'
}

/** States the promised time limit runs in (not yet before acceptance; it pauses in 待补交材料, stops at 已办结). */
export function clockRuns(state: CaseState): boolean {
  return state === 'accepted' || state === 'processing' || state === 'submitted'
}

/** Why a forbidden step is refused, in words for the person who tried it. */
export function refusalText(state: CaseState, step: CaseStep): string {
  if (step === 'withdraw' && (state === 'submitted' || state === 'concluded' || state === 'delivered'))
    return '材料已报送部门，不能再撤销；如有疑问请联系窗口'
  if (isFinal(state)) return `该件${CASE_STATE_TEXT[state]}，不能再${CASE_STEPS[step].text}`
  return `该件当前${CASE_STATE_TEXT[state]}，不能${CASE_STEPS[step].text}`
}

/** A rating (好差评) may be given once the case is 已办结, including after hand-back. */
export function canRate(state: CaseState): boolean {
  return state === 'concluded' || state === 'delivered'
}

/** Before a clerk accepts an online request no time limit is promised. */
export function isAccepted(state: CaseState): boolean {
  return state !== 'applied'
}

/** How the result and the originals go back to the resident. */
export type HandoverWay = 'window' | 'home_pickup'
export const HANDOVER_TEXT: Record<HandoverWay, string> = { window: '本人到窗口交材料、取结果', home_pickup: '网格员上门收取和送回' }

/** How a concluded case was handed back. */
export type DeliveryWay = 'pickup' | 'home'
export const DELIVERY_TEXT: Record<DeliveryWay, string> = { pickup: '窗口领取', home: '上门送达' }
