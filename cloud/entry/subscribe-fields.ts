/**
 * Subscribe-message values cut to what WeChat accepts per keyword type
 * (subscribeMessage.send refuses a whole message with 47003 when one value is
 * too long or of the wrong kind). The type is the keyword's name without its
 * number: `thing1` → thing, `character_string4` → character_string.
 * Pure: no I/O, so the cutting is tested on its own.
 */

/** The keyword types of the public template library and their limits. */
export type KeywordType =
  | 'thing'
  | 'phrase'
  | 'name'
  | 'character_string'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'phone_number'
  | 'car_number'
  | 'time'
  | 'date'
  | 'amount'

const KNOWN: readonly KeywordType[] = [
  'thing',
  'phrase',
  'name',
  'character_string',
  'number',
  'letter',
  'symbol',
  'phone_number',
  'car_number',
  'time',
  'date',
  'amount',
]

/** 20 characters for thing, 5 for phrase, 10 Chinese (or 20 Latin) for name, 32 for codes, 17 for phones … */
export const KEYWORD_LIMITS: Record<KeywordType, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  time: 40,
  date: 40,
  amount: 12,
}

/**
 * The keyword type of a template key; null when the key names no known type.
 *
 * @example keywordType('character_string4') // 'character_string'
 * @example keywordType('thing12') // 'thing'
 */
export function keywordType(key: string): KeywordType | null {
  const base = key.replace(/\d+$/, '') as KeywordType
  return KNOWN.includes(base) ? base : null
}

const HAN = /\p{Script=Han}/u
const chars = (s: string) => Array.from(s)

/** At most `n` characters (code points, as WeChat counts them), the last one an ellipsis when something was cut. */
function cut(value: string, n: number): string {
  const c = chars(value)
  return c.length <= n ? value : `${c.slice(0, n - 1).join('')}…`
}

/** At most `n` characters, cut plainly (for codes and numbers, where an ellipsis would be wrong data). */
const head = (value: string, n: number) => chars(value).slice(0, n).join('')

/**
 * A value cut and cleaned to what the keyword type allows. Never longer than
 * the limit; characters the type refuses are dropped (a phrase keeps its Han
 * characters, a character_string its ASCII letters, digits and symbols).
 *
 * @example fitKeyword('thing1', '城乡居民基本养老保险待遇资格认证（上门办理）') // '城乡居民基本养老保险待遇资格认证（上门…'
 * @example fitKeyword('phrase3', '已签到 ✓') // '已签到'
 * @example fitKeyword('character_string4', '预约码 K7Q2M9') // 'K7Q2M9'
 */
export function fitKeyword(key: string, raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim()
  const type = keywordType(key)
  switch (type) {
    case 'thing':
      return cut(value, KEYWORD_LIMITS.thing)
    case 'phrase':
      return head(
        chars(value)
          .filter((c) => HAN.test(c))
          .join(''),
        KEYWORD_LIMITS.phrase,
      )
    case 'name': {
      // 10 Han characters, or 20 Latin letters and symbols: a mixed name keeps its Han part.
      const han = chars(value)
        .filter((c) => HAN.test(c))
        .join('')
      if (han) return cut(han, KEYWORD_LIMITS.name)
      return cut(value.replace(/[0-9]/g, ''), 20)
    }
    case 'character_string':
      return head(value.replace(/[^\x21-\x7e]/g, ''), KEYWORD_LIMITS.character_string)
    case 'number':
      return head(value.replace(/[^0-9.]/g, ''), KEYWORD_LIMITS.number)
    case 'letter':
      return head(value.replace(/[^A-Za-z]/g, ''), KEYWORD_LIMITS.letter)
    case 'symbol':
      return head(value.replace(/[\p{L}\p{N}\s]/gu, ''), KEYWORD_LIMITS.symbol)
    case 'phone_number':
      return head(value.replace(/[^0-9+\-()]/g, ''), KEYWORD_LIMITS.phone_number)
    case 'car_number':
      return head(value.replace(/\s/g, ''), KEYWORD_LIMITS.car_number)
    case 'amount':
      return head(value.replace(/\s/g, ''), KEYWORD_LIMITS.amount)
    case 'time':
    case 'date':
      return head(value, KEYWORD_LIMITS[type])
    default:
      // An unknown type: the strictest common limit, so a template added later still goes out.
      return cut(value, KEYWORD_LIMITS.thing)
  }
}

/** The semantic values a message offers (service, time, place, code, tip …), mapped onto a template's keys. */
export type FieldMap = Record<string, string>

/**
 * Parses a field map `thing1:service,time2:time` (template key → which value
 * goes there). Throws on a malformed entry or an unknown keyword type, so a
 * typo in the function's environment stops the start instead of sending 47003s.
 *
 * @example parseFieldMap('thing1:service, time2:time') // { thing1: 'service', time2: 'time' }
 */
export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {}
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z_]+\d*):([a-zA-Z]+)$/.exec(part)
    if (!m) throw new Error(`subscribe field map: "${part}" is not key:value (e.g. thing1:service)`)
    if (!keywordType(m[1]))
      throw new Error(`subscribe field map: "${m[1]}" is not a WeChat keyword type (thing, time, character_string, phrase, name …)`)
    map[m[1]] = m[2]
  }
  if (Object.keys(map).length === 0) throw new Error('subscribe field map is empty')
  return map
}

/**
 * The `data` of subscribeMessage.send: each template key gets its value, cut to
 * its type. A value the message does not have is left out (WeChat then shows
 * the keyword empty, which it accepts) rather than sent as a placeholder.
 *
 * @example subscribeData({ thing1: 'service', character_string2: 'code' }, { service: '社保卡补办', code: 'K7Q2M9' })
 * // { thing1: { value: '社保卡补办' }, character_string2: { value: 'K7Q2M9' } }
 */
export function subscribeData(map: FieldMap, values: Record<string, string | null | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [key, name] of Object.entries(map)) {
    const raw = values[name]
    if (raw === undefined || raw === null) continue
    const value = fitKeyword(key, raw)
    if (value) data[key] = { value }
  }
  return data
}
