/**
 * A person's name as written on the ID card: Chinese characters, with the
 * middle dot between parts of a transliterated name (e.g. 阿依古丽·买买提).
 * Rare characters outside the BMP (extension B and later) are allowed.
 */
const HAN = '(?:[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]|[\\ud840-\\ud87f][\\udc00-\\udfff])'
const NAME_RE = new RegExp(`^${HAN}+(?:·${HAN}+)*$`)
/** Dots people type instead of U+00B7 on different keyboards. */
const DOT_VARIANTS = /[•‧・．.·]/g

export const NAME_MIN_CHARS = 2
export const NAME_MAX_CHARS = 20

/** Trims and unifies the middle dot. @example normalizePersonName(' 阿依古丽•买买提 ') // '阿依古丽·买买提' */
export function normalizePersonName(value: string): string {
  return value.trim().replace(DOT_VARIANTS, '·')
}

/** Why a name is refused, or null. Length counts characters, not UTF-16 units. */
export function personNameProblem(value: string): string | null {
  const name = normalizePersonName(value)
  const length = Array.from(name).length
  if (length < NAME_MIN_CHARS) return '请填写姓名（至少 2 个字）'
  if (length > NAME_MAX_CHARS) return '姓名请不要超过 20 个字'
  if (!NAME_RE.test(name)) return '请填写身份证上的中文姓名'
  return null
}
