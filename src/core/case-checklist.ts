/**
 * A delegated case's checklist (材料清单) and what it allows: a case may be concluded (办结) only
 * when every listed material was received or waived (免交) with a reason the clerk wrote down.
 * "缺少" and "待核对" block it — a clerk once closed a case with 户口簿 still missing.
 */

/** Where one checklist item stands. `not_applicable` is a waiver: it always carries a reason. */
export type CaseMaterialStatus = 'pending' | 'received' | 'missing' | 'not_applicable'

/** Each status in words, the same for the resident and the clerk. */
export const MATERIAL_STATUS_TEXT: Record<CaseMaterialStatus, string> = {
  pending: '待核对',
  received: '已收到',
  missing: '缺少',
  not_applicable: '免交',
}

export interface ChecklistItem {
  name: string
  status: CaseMaterialStatus
  /** Why the item was waived (免交); null otherwise. */
  reason: string | null
}

/**
 * The items that stop 办结: neither received nor waived with a reason.
 * @example concludeBlockers([{ name: '户口簿', status: 'missing', reason: null }, { name: '身份证', status: 'received', reason: null }])
 * // [{ name: '户口簿', status: 'missing', reason: null }]
 */
export function concludeBlockers<T extends ChecklistItem>(items: readonly T[]): T[] {
  return items.filter((m) => !(m.status === 'received' || (m.status === 'not_applicable' && !!m.reason)))
}

/**
 * Why 办结 is refused, in the clerk's words; null when nothing blocks it.
 * @example concludeRefusal([{ name: '户口簿', status: 'missing', reason: null }])
 * // '还有材料未收齐：户口簿（缺少）。请收齐，或注明免交原因后再办结'
 */
export function concludeRefusal(items: readonly ChecklistItem[]): string | null {
  const blockers = concludeBlockers(items)
  if (blockers.length === 0) return null
  const list = blockers.map((m) => `${m.name}（${MATERIAL_STATUS_TEXT[m.status]}）`).join('、')
  return `还有材料未收齐：${list}。请收齐，或注明免交原因后再办结`
}
