import { hasUnsafeCharacters, unsafeTextMessage } from '@/core/free-text'

describe('hasUnsafeCharacters', () => {
  describe('when the text is ordinary Chinese with punctuation, digits and spaces', () => {
    it('returns false', () => {
      expect(hasUnsafeCharacters('灵山卫街道 2 号窗口（社保·医保）：请带身份证！')).toBe(false)
    })
  })
  describe('when the text holds an ASCII or C1 control character', () => {
    it.each(['\u0000', '\u0007', '\t', '\n', '\r', '\u001b[31m', '\u007f', '\u0085'])('returns true for %j', (c) => {
      expect(hasUnsafeCharacters(`备注${c}内容`)).toBe(true)
    })
  })
  describe('when the text holds a bidirectional control', () => {
    it.each(['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'])(
      'returns true for %j',
      (c) => {
        expect(hasUnsafeCharacters(`A001${c}请到 9 号窗口`)).toBe(true)
      },
    )
  })
  describe('when the field takes several lines', () => {
    it('returns false for line breaks and true for anything else', () => {
      expect(hasUnsafeCharacters('第一行\r\n第二行', { multiline: true })).toBe(false)
      expect(hasUnsafeCharacters('第一行\t第二行', { multiline: true })).toBe(true)
      expect(hasUnsafeCharacters('第一行\u202e第二行', { multiline: true })).toBe(true)
    })
  })
})

describe('unsafeTextMessage', () => {
  it('names the field in plain Chinese', () => {
    expect(unsafeTextMessage('备注')).toBe('备注里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入')
  })
})
