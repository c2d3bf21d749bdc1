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

export function relationName(key: RelationKey): string {
  return RELATIONS.find((r) => r.key === key)?.name ?? key
}
