/** One setting as people name it. */
export interface SettingLabel<T> {
  key: keyof T
  label: string
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '未设置'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number' || typeof v === 'string') return String(v)
  return '（已修改）'
}

/**
 * What changed between two versions of some settings, in words, for the audit log: each changed setting
 * by its label, old → new; a list or table (opening hours) only as 已修改. Settings without a label are
 * left out. Empty when nothing changed.
 * @example changeText([{ key: 'leadMinutes', label: '至少提前多少分钟预约' }], { leadMinutes: 30 }, { leadMinutes: 60 })
 *   // '至少提前多少分钟预约：30 → 60'
 */
export function changeText<T extends object>(labels: readonly SettingLabel<T>[], before: Partial<T>, after: Partial<T>): string {
  return labels
    .filter(({ key }) => key in after && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(({ key, label }) => {
      const [was, now] = [before[key], after[key]]
      return typeof now === 'object' && now !== null ? `${label}：已修改` : `${label}：${valueText(was)} → ${valueText(now)}`
    })
    .join('；')
}
