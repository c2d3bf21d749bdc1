import { RELATION_KEYS, relationName } from '@/core/relations'

describe('relationName', () => {
  describe('when the person’s sex is known', () => {
    it('returns what the one who asked calls them', () => {
      expect(relationName('parent', 'female')).toBe('母亲')
      expect(relationName('parent', 'male')).toBe('父亲')
      expect(relationName('child', 'female')).toBe('女儿')
      expect(relationName('spouse', 'male')).toBe('丈夫')
    })

    it('has a word for every relation', () => {
      for (const key of RELATION_KEYS) {
        expect(relationName(key, 'male')).toMatch(/^[\u4e00-\u9fff/]+$/)
        expect(relationName(key, 'female')).toMatch(/^[\u4e00-\u9fff/]+$/)
      }
    })
  })

  describe('when it is not known', () => {
    it('returns the group', () => {
      expect(relationName('parent')).toBe('父母')
      expect(relationName('parent', null)).toBe('父母')
    })
  })
})
