/**
 * Characters free text must not carry: ASCII and C1 control characters (a line break
 * only where the field takes several lines) and the Unicode bidirectional controls
 * (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, and the marks
 * U+200E, U+200F, U+061C). Stored as typed, they can reorder or hide what the hall
 * board, the staff pages and the audit log show — the same reason names take only
 * the characters of a name (src/core/person-name.ts).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/
// eslint-disable-next-line no-control-regex -- the same, keeping the line break (\n, \r)
const UNSAFE_MULTI_LINE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/

/**
 * True when the text holds a character it must not.
 * @example hasUnsafeCharacters('办理\u202e证明') // true
 * @example hasUnsafeCharacters('第一行\n第二行', { multiline: true }) // false
 */
export function hasUnsafeCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).test(text)
}

/** What a resident is told about such a character. @example unsafeTextMessage('备注') // '备注里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入' */
export function unsafeTextMessage(label: string): string {
  return `${label}里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入`
}
