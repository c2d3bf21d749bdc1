import { isMobile, maskMobile, normalizeMobile } from '@/core/phone'

describe('isMobile', () => {
  it.each(['13812345678', '19912345678', '16600000000'])('accepts %s', (p) => expect(isMobile(p)).toBe(true))
  it.each([
    ['a second digit of 2', '12812345678'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['a landline', '053286100001'],
    ['letters', '1381234567a'],
  ])('refuses %s', (_l, p) => expect(isMobile(p)).toBe(false))
  describe('when the number is pasted with +86, spaces or dashes', () => {
    it('accepts it', () => {
      expect(isMobile('+86 138-1234-5678')).toBe(true)
      expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678')
      expect(normalizeMobile('8613812345678')).toBe('13812345678')
    })
  })
})

describe('maskMobile', () => {
  it('hides the middle four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
  it('hides everything of something that is not a mobile number', () => {
    expect(maskMobile('12345')).toBe('*****')
  })
})
