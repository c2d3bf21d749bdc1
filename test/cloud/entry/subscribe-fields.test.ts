import { fitKeyword, KEYWORD_LIMITS, keywordType, parseFieldMap, subscribeData } from '@cloud/entry/subscribe-fields'

const length = (s: string) => Array.from(s).length

describe('keywordType', () => {
  it('reads the type from the key without its number', () => {
    expect(keywordType('thing1')).toBe('thing')
    expect(keywordType('character_string12')).toBe('character_string')
    expect(keywordType('phone_number3')).toBe('phone_number')
  })
  it('answers null for a key of no known type', () => {
    expect(keywordType('foo1')).toBeNull()
  })
})

describe('fitKeyword', () => {
  describe('when a thing is longer than 20 characters', () => {
    it('keeps 19 and an ellipsis', () => {
      const out = fitKeyword('thing1', '城乡居民基本养老保险待遇资格认证（上门办理）')
      expect(length(out)).toBe(20)
      expect(out).toBe('城乡居民基本养老保险待遇资格认证（上门…')
    })
  })
  describe('when a thing is exactly 20 characters', () => {
    it('keeps it whole', () => {
      const s = '城乡居民基本养老保险待遇资格认证（上门）'
      expect(length(s)).toBe(20)
      expect(fitKeyword('thing2', s)).toBe(s)
    })
  })
  it('counts an emoji or a rare Han character as one character, never splitting it', () => {
    const s = '𠮷'.repeat(25)
    const out = fitKeyword('thing1', s)
    expect(length(out)).toBe(20)
    expect(out.endsWith('…')).toBe(true)
    expect(out.includes('\ud842…')).toBe(false)
  })
  it('folds whitespace and newlines', () => {
    expect(fitKeyword('thing1', '  请带齐\n材料  ')).toBe('请带齐 材料')
  })
  describe('phrase', () => {
    it('keeps at most 5 Han characters and nothing else', () => {
      expect(fitKeyword('phrase3', '已签到 ✓')).toBe('已签到')
      expect(fitKeyword('phrase3', '预约成功请按时到达')).toBe('预约成功请')
      expect(length(fitKeyword('phrase1', 'OK 已完成办理'))).toBeLessThanOrEqual(KEYWORD_LIMITS.phrase)
    })
  })
  describe('name', () => {
    it('keeps 10 Han characters', () => {
      expect(fitKeyword('name2', '王建国')).toBe('王建国')
      expect(length(fitKeyword('name2', '欧阳娜娜娜娜娜娜娜娜娜娜'))).toBe(10)
    })
    it('keeps the Han part of a mixed name', () => {
      expect(fitKeyword('name1', '李Lily')).toBe('李')
    })
    it('allows 20 Latin letters for a Latin name', () => {
      expect(length(fitKeyword('name1', 'Alexandria Montgomery-Smith'))).toBe(20)
    })
  })
  describe('character_string', () => {
    it('drops what is not ASCII and keeps 32', () => {
      expect(fitKeyword('character_string4', '预约码 K7Q2M9')).toBe('K7Q2M9')
      expect(length(fitKeyword('character_string4', 'A'.repeat(40)))).toBe(32)
    })
  })
  it('keeps digits of a number, letters of a letter, symbols of a symbol', () => {
    expect(fitKeyword('number1', '第 12 号')).toBe('12')
    expect(fitKeyword('letter1', 'A12b')).toBe('Ab')
    expect(fitKeyword('symbol1', 'a#b$c%d^e&f*')).toBe('#$%^&')
  })
  it('keeps a phone number to 17 digits and symbols', () => {
    expect(fitKeyword('phone_number5', '电话 0532-8888 6666')).toBe('0532-88886666')
  })
  it('leaves a formatted time alone within its limit', () => {
    expect(fitKeyword('time2', '2026年11月27日 09:00~09:30')).toBe('2026年11月27日 09:00~09:30')
  })
  it('treats an unknown type like a thing', () => {
    expect(length(fitKeyword('mystery1', '一'.repeat(30)))).toBe(20)
  })
})

describe('parseFieldMap', () => {
  it('reads key:value pairs', () => {
    expect(parseFieldMap('thing1:service, time2:time ,character_string3:code')).toEqual({
      thing1: 'service',
      time2: 'time',
      character_string3: 'code',
    })
  })
  it('refuses a malformed entry, an unknown keyword type and an empty map', () => {
    expect(() => parseFieldMap('thing1=service')).toThrow(/key:value/)
    expect(() => parseFieldMap('stuff1:service')).toThrow(/keyword type/)
    expect(() => parseFieldMap(' , ')).toThrow(/empty/)
  })
})

describe('subscribeData', () => {
  it('maps values onto the template keys, cut to each type', () => {
    const data = subscribeData(
      { thing1: 'service', time2: 'time', thing3: 'place', character_string4: 'code' },
      {
        service: '社会保障卡补领换领（含金融功能激活及密码重置）',
        time: '2026年11月27日 09:00~09:30',
        place: '灵山卫街道公共服务中心',
        code: 'K7Q2M9',
      },
    )
    expect(data.thing1.value).toHaveLength(20)
    expect(data.time2.value).toBe('2026年11月27日 09:00~09:30')
    expect(data.thing3.value).toBe('灵山卫街道公共服务中心')
    expect(data.character_string4.value).toBe('K7Q2M9')
  })
  it('leaves out a key whose value the message does not have, or which is empty after cleaning', () => {
    expect(subscribeData({ thing1: 'service', phrase2: 'state' }, { service: '办事', state: 'OK' })).toEqual({ thing1: { value: '办事' } })
  })
})
