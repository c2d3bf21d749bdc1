import { normalizePersonName, personNameProblem } from '@/core/person-name'

describe('personNameProblem', () => {
  it.each(['王芳', '欧阳娜娜', '阿依古丽·买买提', '𠮷田'])('accepts %s', (name) => expect(personNameProblem(name)).toBeNull())
  describe('when the name is too short or too long', () => {
    it('refuses one character and 21 characters, accepts 20', () => {
      expect(personNameProblem('王')).toBe('请填写姓名（至少 2 个字）')
      expect(personNameProblem('王'.repeat(21))).toBe('姓名请不要超过 20 个字')
      expect(personNameProblem('王'.repeat(20))).toBeNull()
    })
    it('counts a character outside the BMP as one', () => {
      expect(personNameProblem('𠮷'.repeat(20))).toBeNull()
    })
  })
  describe('when the name is not as on the ID card', () => {
    it.each([
      ['Latin letters', 'Wang Fang'],
      ['digits', '王芳1'],
      ['a leading dot', '·买买提'],
      ['two dots in a row', '阿依古丽··买买提'],
      ['a space inside', '王 芳'],
    ])('refuses %s', (_l, name) => expect(personNameProblem(name)).toBe('请填写身份证上的中文姓名'))
  })
})

describe('normalizePersonName', () => {
  it('trims and turns other dots into the middle dot', () => {
    expect(normalizePersonName(' 阿依古丽•买买提 ')).toBe('阿依古丽·买买提')
    expect(normalizePersonName('阿依古丽.买买提')).toBe('阿依古丽·买买提')
  })
})
