/**
 * The life of a door-to-door certification request (上门认证申请), as one table.
 *
 * submitted ──assign──▶ assigned ──schedule──▶ scheduled ──start_visit──▶ visiting
 *                                                  │                         │
 *                             certify / not_home / ineligible / close_other ◀┘
 *
 * 未遇 (not_home) sends the request back to scheduling and is counted; the family
 * may cancel until the visit has started and may ask for other times (which
 * undoes a schedule). Anything not in the table is refused (CONFLICT).
 */

export type HomecertStatus =
  | 'submitted'
  | 'assigned'
  | 'scheduled'
  | 'visiting'
  | 'not_home'
  | 'certified'
  | 'ineligible'
  | 'closed_other'
  | 'cancelled'

export const HOMECERT_STATUSES: readonly HomecertStatus[] = [
  'submitted',
  'assigned',
  'scheduled',
  'visiting',
  'not_home',
  'certified',
  'ineligible',
  'closed_other',
  'cancelled',
]

/** Still being worked on: at most one of these per elder. */
export const ACTIVE_STATUSES: readonly HomecertStatus[] = ['submitted', 'assigned', 'scheduled', 'visiting', 'not_home']

/** Finished, one way or another. */
export const FINAL_STATUSES: readonly HomecertStatus[] = ['certified', 'ineligible', 'closed_other', 'cancelled']

/** Waiting for a visit to be agreed (the overdue clock runs in these). */
export const AWAITING_SCHEDULE: readonly HomecertStatus[] = ['submitted', 'assigned', 'not_home']

export const STATUS_TEXT: Record<HomecertStatus, string> = {
  submitted: '待派单',
  assigned: '待约定上门时间',
  scheduled: '已约定上门',
  visiting: '正在上门',
  not_home: '未遇，待重新约定',
  certified: '认证通过',
  ineligible: '不符合上门条件',
  closed_other: '已办结',
  cancelled: '已取消',
}

export type HomecertAction =
  | 'assign'
  | 'schedule'
  | 'start_visit'
  | 'certify'
  | 'not_home'
  | 'ineligible'
  | 'close_other'
  | 'cancel'
  | 'request_reschedule'

export const HOMECERT_ACTIONS: readonly HomecertAction[] = [
  'assign',
  'schedule',
  'start_visit',
  'certify',
  'not_home',
  'ineligible',
  'close_other',
  'cancel',
  'request_reschedule',
]

/** Who may take an action: the family member who asked, the worker it is assigned to, a supervisor of its community. */
export type HomecertActor = 'family' | 'worker' | 'supervisor'

/**
 * Every allowed transition: action → (from → to). Admins act as supervisors; a
 * supervisor may take every visit step for the worker (who is ill, or left).
 * Re-assigning a scheduled visit drops the schedule (the new worker agrees a time).
 */
export const TRANSITIONS: Record<HomecertAction, { by: readonly HomecertActor[]; from: Partial<Record<HomecertStatus, HomecertStatus>> }> =
  {
    assign: { by: ['supervisor'], from: { submitted: 'assigned', assigned: 'assigned', not_home: 'assigned', scheduled: 'assigned' } },
    schedule: { by: ['worker', 'supervisor'], from: { assigned: 'scheduled', not_home: 'scheduled', scheduled: 'scheduled' } },
    start_visit: { by: ['worker', 'supervisor'], from: { scheduled: 'visiting' } },
    certify: { by: ['worker', 'supervisor'], from: { scheduled: 'certified', visiting: 'certified' } },
    not_home: { by: ['worker', 'supervisor'], from: { scheduled: 'not_home', visiting: 'not_home' } },
    ineligible: {
      by: ['worker', 'supervisor'],
      from: { submitted: 'ineligible', assigned: 'ineligible', scheduled: 'ineligible', visiting: 'ineligible', not_home: 'ineligible' },
    },
    close_other: {
      by: ['worker', 'supervisor'],
      from: {
        submitted: 'closed_other',
        assigned: 'closed_other',
        scheduled: 'closed_other',
        visiting: 'closed_other',
        not_home: 'closed_other',
      },
    },
    cancel: { by: ['family'], from: { submitted: 'cancelled', assigned: 'cancelled', scheduled: 'cancelled', not_home: 'cancelled' } },
    request_reschedule: {
      by: ['family'],
      from: { submitted: 'submitted', assigned: 'assigned', scheduled: 'assigned', not_home: 'not_home' },
    },
  }

/**
 * The status an action leads to from `status`, or null when the table does not allow it.
 * @example nextStatus('scheduled', 'certify') // 'certified'
 * @example nextStatus('visiting', 'cancel')    // null (the visit has started)
 */
export function nextStatus(status: HomecertStatus, action: HomecertAction): HomecertStatus | null {
  return TRANSITIONS[action].from[status] ?? null
}

/** The actions open to these actors on a request in `status` (what a page offers). */
export function allowedActions(status: HomecertStatus, actors: readonly HomecertActor[]): HomecertAction[] {
  return HOMECERT_ACTIONS.filter((a) => nextStatus(status, a) !== null && TRANSITIONS[a].by.some((who) => actors.includes(who)))
}

export const isActive = (status: HomecertStatus) => ACTIVE_STATUSES.includes(status)

/** What happened, in words, for the timeline (the actor's name goes in front). */
export const ACTION_TEXT: Record<HomecertAction | 'submit', string> = {
  submit: '提交了申请',
  assign: '派单',
  schedule: '约定上门时间',
  start_visit: '开始上门',
  certify: '认证通过',
  not_home: '上门未遇',
  ineligible: '认定不符合上门条件',
  close_other: '办结',
  cancel: '取消了申请',
  request_reschedule: '申请改期',
}

/** Why a refused action is refused, in words (CONFLICT's message). */
export function refusalText(status: HomecertStatus, action: HomecertAction): string {
  if (action === 'cancel' && status === 'visiting') return '工作人员已开始上门，不能取消了。如有变化请直接联系工作人员。'
  if (action === 'request_reschedule' && status === 'visiting') return '工作人员已开始上门，不能改期了。如有变化请直接联系工作人员。'
  if (FINAL_STATUSES.includes(status)) return `该申请${STATUS_TEXT[status]}，不能再${ACTION_TEXT[action]}`
  return `该申请当前为“${STATUS_TEXT[status]}”，不能${ACTION_TEXT[action]}`
}
