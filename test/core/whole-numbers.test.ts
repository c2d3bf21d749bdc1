import { wholeNumberRuns } from '@/core/whole-numbers'

const wholes = (text: string) =>
  wholeNumberRuns(text)
    .filter((r) => r.whole)
    .map((r) => r.text)

describe('numbers kept whole in server-written text', () => {
  it('finds phones, case, certification and ticket numbers and booking codes', () => {
    expect(wholes('请致电 0532-86100001 或 13912345678')).toEqual(['0532-86100001', '13912345678'])
    expect(wholes('您的代办件 DB20261126-0002 已办结，认证编号 20261126-003')).toEqual(['DB20261126-0002', '20261126-003'])
    expect(wholes('您的 C001 号前面还有 3 人；预约码 7KQ2MX')).toEqual(['C001', '7KQ2MX'])
  })

  it('leaves words, dates and counts alone, and the runs joined are the text', () => {
    const text = '12月7日 周一 09:00，前面还有 3 人（异地就医备案）'
    expect(wholes(text)).toEqual([])
    expect(wholeNumberRuns(text)).toEqual([{ text, whole: false }])
    const mixed = '代办件 DB20261126-0002 已受理'
    expect(
      wholeNumberRuns(mixed)
        .map((r) => r.text)
        .join(''),
    ).toBe(mixed)
    expect(wholeNumberRuns('')).toEqual([])
  })
})
