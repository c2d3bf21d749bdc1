import {
  canRate,
  CASE_STATE_TEXT,
  CASE_STATES,
  CASE_STEP_NAMES,
  CASE_STEPS,
  clockRuns,
  isFinal,
  nextState,
  refusalText,
  stepsFrom,
  type CaseActor,
  type CaseState,
  type CaseStep,
} from '@/core/delegation-states'

/** Every allowed (from, step, actor) → to, written out by hand: the table must say exactly this. */
const ALLOWED: [CaseState, CaseStep, CaseActor, CaseState][] = [
  ['applied', 'accept', 'staff', 'accepted'],
  ['applied', 'withdraw', 'resident', 'withdrawn'],
  ['applied', 'withdraw', 'staff', 'withdrawn'],
  ['applied', 'reject', 'staff', 'rejected'],
  ['accepted', 'start', 'staff', 'processing'],
  ['processing', 'ask_supplement', 'staff', 'needs_supplement'],
  ['needs_supplement', 'supplement', 'resident', 'processing'],
  ['needs_supplement', 'supplement', 'staff', 'processing'],
  ['processing', 'submit', 'staff', 'submitted'],
  ['processing', 'conclude', 'staff', 'concluded'],
  ['submitted', 'conclude', 'staff', 'concluded'],
  ['concluded', 'deliver', 'staff', 'delivered'],
  ['accepted', 'withdraw', 'resident', 'withdrawn'],
  ['processing', 'withdraw', 'resident', 'withdrawn'],
  ['needs_supplement', 'withdraw', 'resident', 'withdrawn'],
  ['accepted', 'withdraw', 'staff', 'withdrawn'],
  ['processing', 'withdraw', 'staff', 'withdrawn'],
  ['needs_supplement', 'withdraw', 'staff', 'withdrawn'],
  ['accepted', 'reject', 'staff', 'rejected'],
  ['processing', 'reject', 'staff', 'rejected'],
  ['needs_supplement', 'reject', 'staff', 'rejected'],
]

const ACTORS: CaseActor[] = ['staff', 'resident']
const key = (from: CaseState, step: CaseStep, actor: CaseActor) => `${from} ${step} ${actor}`
const allowed = new Map(ALLOWED.map(([from, step, actor, to]) => [key(from, step, actor), to]))
const forbidden = CASE_STATES.flatMap((from) =>
  CASE_STEP_NAMES.flatMap((step) => ACTORS.map((actor) => [from, step, actor] as const)),
).filter(([f, s, a]) => !allowed.has(key(f, s, a)))

describe('nextState', () => {
  describe.each(ALLOWED)('when %s takes %s by %s', (from, step, actor, to) => {
    it(`returns ${to}`, () => expect(nextState(from, step, actor)).toBe(to))
  })
  describe('when the step is not in the table', () => {
    it.each(forbidden)('refuses %s → %s by %s', (from, step, actor) => expect(nextState(from, step, actor)).toBeNull())
  })
  it('covers every combination exactly once between the two lists', () => {
    expect(ALLOWED.length + forbidden.length).toBe(CASE_STATES.length * CASE_STEP_NAMES.length * ACTORS.length)
  })
})

describe('stepsFrom', () => {
  describe('when a resident looks at a case in 待补正', () => {
    it('returns reply and withdraw', () => expect(stepsFrom('needs_supplement', 'resident')).toEqual(['supplement', 'withdraw']))
  })
  describe('when a clerk looks at a case in 办理中', () => {
    it('returns the steps in table order', () =>
      expect(stepsFrom('processing', 'staff')).toEqual(['ask_supplement', 'submit', 'conclude', 'withdraw', 'reject']))
  })
  describe('when the case is final', () => {
    it.each(['delivered', 'withdrawn', 'rejected'] as CaseState[])('returns nothing for %s', (state) => {
      expect(stepsFrom(state, 'staff')).toEqual([])
      expect(stepsFrom(state, 'resident')).toEqual([])
      expect(isFinal(state)).toBe(true)
    })
  })
})

describe('clockRuns', () => {
  describe('when the case waits for acceptance, for a supplement or has been concluded', () => {
    it('returns false', () => {
      expect(clockRuns('applied')).toBe(false)
      expect(clockRuns('needs_supplement')).toBe(false)
      expect(clockRuns('concluded')).toBe(false)
    })
  })
  describe('when the case is being worked on', () => {
    it('returns true', () => expect(['accepted', 'processing', 'submitted'].every((s) => clockRuns(s as CaseState))).toBe(true))
  })
})

describe('CASE_STATE_TEXT', () => {
  describe('when a case is shown to a resident', () => {
    it('says 已提交（待受理） before acceptance and 补交材料, never 补正', () => {
      expect(CASE_STATE_TEXT.applied).toBe('已提交（待受理）')
      const words = [...Object.values(CASE_STATE_TEXT), ...Object.values(CASE_STEPS).map((r) => r.text)]
      expect(words.filter((w) => w.includes('补正'))).toEqual([])
    })
  })
})

describe('refusalText', () => {
  describe('when a resident tries to withdraw after 已报送', () => {
    it('returns why, in words', () => expect(refusalText('submitted', 'withdraw')).toBe('材料已报送部门，不能再撤销；如有疑问请联系窗口'))
  })
  describe('when the case is final', () => {
    it('returns the state in words', () => expect(refusalText('rejected', 'start')).toBe('该件不予受理，不能再开始办理'))
  })
  describe('when the step does not fit the state', () => {
    it('returns the state and the step', () => expect(refusalText('accepted', 'deliver')).toBe('该件当前已受理，不能送达/领取'))
  })
})

describe('canRate', () => {
  describe('when the case is concluded or handed back', () => {
    it('returns true', () => expect(canRate('concluded') && canRate('delivered')).toBe(true))
  })
  describe('when the case is in any other state', () => {
    it.each(CASE_STATES.filter((s) => s !== 'concluded' && s !== 'delivered'))('returns false for %s', (s) =>
      expect(canRate(s)).toBe(false),
    )
  })
})

describe('CASE_STEPS', () => {
  it('leads nowhere out of a final state', () => {
    for (const rule of Object.values(CASE_STEPS)) expect(rule.from.some(isFinal)).toBe(false)
  })
})
