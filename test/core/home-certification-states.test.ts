import {
  ACTIVE_STATUSES,
  allowedActions,
  FINAL_STATUSES,
  HOMECERT_ACTIONS,
  HOMECERT_STATUSES,
  nextStatus,
  refusalText,
  type HomecertAction,
  type HomecertStatus,
} from '@/core/home-certification-states'

/** The state machine written out once more, by hand, as the test's own reading of the issue. */
const EXPECTED: Record<HomecertAction, Partial<Record<HomecertStatus, HomecertStatus>>> = {
  assign: { submitted: 'assigned', assigned: 'assigned', scheduled: 'assigned', not_home: 'assigned' },
  schedule: { assigned: 'scheduled', scheduled: 'scheduled', not_home: 'scheduled' },
  start_visit: { scheduled: 'visiting' },
  certify: { scheduled: 'certified', visiting: 'certified' },
  not_home: { scheduled: 'not_home', visiting: 'not_home' },
  ineligible: { submitted: 'ineligible', assigned: 'ineligible', scheduled: 'ineligible', visiting: 'ineligible', not_home: 'ineligible' },
  close_other: {
    submitted: 'closed_other',
    assigned: 'closed_other',
    scheduled: 'closed_other',
    visiting: 'closed_other',
    not_home: 'closed_other',
  },
  cancel: { submitted: 'cancelled', assigned: 'cancelled', scheduled: 'cancelled', not_home: 'cancelled' },
  request_reschedule: { submitted: 'submitted', assigned: 'assigned', scheduled: 'assigned', not_home: 'not_home' },
}

const pairs = HOMECERT_ACTIONS.flatMap((action) => HOMECERT_STATUSES.map((status) => [status, action] as const))
const allowed = pairs.filter(([s, a]) => EXPECTED[a][s] !== undefined)
const forbidden = pairs.filter(([s, a]) => EXPECTED[a][s] === undefined)

describe('nextStatus', () => {
  describe('when the transition is allowed', () => {
    it.each(allowed.map(([s, a]) => [s, a, EXPECTED[a][s]!]))('returns %s --%s--> %s', (status, action, to) => {
      expect(nextStatus(status, action)).toBe(to)
    })
  })
  describe('when the transition is forbidden', () => {
    it.each(forbidden)('refuses %s --%s-->', (status, action) => {
      expect(nextStatus(status, action)).toBeNull()
    })
  })
  it('covers every pair of status and action (9 × 9)', () => {
    expect(allowed.length + forbidden.length).toBe(81)
    expect(allowed).toHaveLength(30)
  })
  it('never leaves a final status', () => {
    for (const status of FINAL_STATUSES) for (const action of HOMECERT_ACTIONS) expect(nextStatus(status, action)).toBeNull()
  })
  it('lets the family cancel until the visit has started, and not after', () => {
    expect(ACTIVE_STATUSES.filter((s) => nextStatus(s, 'cancel'))).toEqual(['submitted', 'assigned', 'scheduled', 'not_home'])
  })
})

describe('allowedActions', () => {
  it('offers the family cancel and another time on a scheduled request', () => {
    expect(allowedActions('scheduled', ['family'])).toEqual(['cancel', 'request_reschedule'])
  })
  it('offers the family nothing once the visit has started', () => {
    expect(allowedActions('visiting', ['family'])).toEqual([])
  })
  it('offers the worker the visit and its outcomes on a scheduled request, but not assigning', () => {
    expect(allowedActions('scheduled', ['worker'])).toEqual(['schedule', 'start_visit', 'certify', 'not_home', 'ineligible', 'close_other'])
  })
  it('offers a supervisor every visit step too, for a worker who cannot', () => {
    expect(allowedActions('scheduled', ['supervisor'])).toEqual([
      'assign',
      'schedule',
      'start_visit',
      'certify',
      'not_home',
      'ineligible',
      'close_other',
    ])
  })
  it('offers a supervisor assigning a new request', () => {
    expect(allowedActions('submitted', ['supervisor'])).toEqual(['assign', 'ineligible', 'close_other'])
  })
  it('offers nothing on a final request', () => {
    expect(allowedActions('certified', ['family', 'worker', 'supervisor'])).toEqual([])
  })
})

describe('refusalText', () => {
  it('says a started visit cannot be cancelled', () => {
    expect(refusalText('visiting', 'cancel')).toBe('工作人员已开始上门，不能取消了。如有变化请直接联系工作人员。')
  })
  it('says a final request cannot change, with its status in words', () => {
    expect(refusalText('cancelled', 'schedule')).toBe('该申请已取消，不能再约定上门时间')
  })
  it('names the current status otherwise', () => {
    expect(refusalText('submitted', 'certify')).toBe('该申请当前为“待派单”，不能认证通过')
  })
})
