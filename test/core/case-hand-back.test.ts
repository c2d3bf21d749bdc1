import { handBackText, type HandBackFacts } from '@/core/case-hand-back'

const facts = (over: Partial<HandBackFacts>): HandBackFacts => ({
  state: 'concluded',
  handover: 'window',
  held: [],
  returned: [],
  delivery: null,
  ...over,
})
const hukou = [{ name: '户口簿', count: 1 }]

describe('handBackText', () => {
  describe('when a window case is concluded', () => {
    it('mentions the originals only when the center holds some', () => {
      expect(handBackText(facts({}))).toBe('请凭取件码到窗口领取办理结果。')
      expect(handBackText(facts({ held: hukou }))).toBe('请凭取件码到窗口领取办理结果，并取回原件（户口簿 1 份）。')
    })
  })
  describe('when a home-pickup case is concluded', () => {
    it('says the grid worker brings back what was collected', () => {
      expect(handBackText(facts({ handover: 'home_pickup' }))).toBe('网格员会和您约时间，上门送回办理结果。')
      expect(handBackText(facts({ handover: 'home_pickup', held: [...hukou, { name: '银行卡', count: 1 }] }))).toBe(
        '网格员会和您约时间，上门送回办理结果和原件（户口簿 1 份、银行卡 1 份）。',
      )
    })
  })
  describe('when the result was handed back', () => {
    it('says how, and names the originals returned (none: says nothing about originals)', () => {
      expect(handBackText(facts({ state: 'delivered', delivery: 'home', returned: hukou }))).toBe(
        '办理结果已上门送达，原件已归还（户口簿 1 份）。',
      )
      expect(handBackText(facts({ state: 'delivered', delivery: 'pickup' }))).toBe('办理结果已在窗口领取。')
    })
  })
  describe('when the case ended without a result', () => {
    it('asks to collect the originals held, or says nothing', () => {
      expect(handBackText(facts({ state: 'withdrawn', held: hukou }))).toBe('中心收取的原件（户口簿 1 份）请到窗口取回。')
      expect(handBackText(facts({ state: 'rejected' }))).toBeNull()
    })
  })
  describe('when the case is still being worked on', () => {
    it('returns null', () => expect(handBackText(facts({ state: 'processing', held: hukou }))).toBeNull())
  })
})
