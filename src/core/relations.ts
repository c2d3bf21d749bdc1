/** Who the booked person is to the one booking for them (为家人预约). */
export const RELATIONS = [
  { key: 'parent', name: '父母' },
  { key: 'spouse', name: '配偶' },
  { key: 'child', name: '子女' },
  { key: 'grandparent', name: '祖父母/外祖父母' },
  { key: 'sibling', name: '兄弟姐妹' },
  { key: 'other', name: '其他亲友' },
] as const

export type RelationKey = (typeof RELATIONS)[number]['key']
export const RELATION_KEYS = RELATIONS.map((r) => r.key) as [RelationKey, ...RelationKey[]]

/** What each relation is called for a man and for a woman, as in 您的父亲 / 您的母亲. */
const KIN_BY_SEX: Record<RelationKey, { male: string; female: string }> = {
  parent: { male: '父亲', female: '母亲' },
  spouse: { male: '丈夫', female: '妻子' },
  child: { male: '儿子', female: '女儿' },
  grandparent: { male: '祖父/外祖父', female: '祖母/外祖母' },
  sibling: { male: '兄弟', female: '姐妹' },
  other: { male: '亲友', female: '亲友' },
}

/**
 * The relation in words: for the person when their sex is known (from their ID number, `sexOf`), for the group
 * otherwise — so a page says 您的母亲, not 您的父母.
 * @example relationName('parent', 'female') // '母亲'
 * @example relationName('parent') // '父母'
 */
export function relationName(key: RelationKey, sex?: 'male' | 'female' | null): string {
  if (sex) return KIN_BY_SEX[key][sex]
  return RELATIONS.find((r) => r.key === key)?.name ?? key
}
