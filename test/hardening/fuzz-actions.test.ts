/**
 * Every action of every cloud function (iterated from the contract's `inputs`,
 * so a new action is fuzzed without touching this file), fed ≥ 1000
 * property-generated hostile inputs mixed into otherwise plausible params,
 * through the real dispatcher as anonymous, a resident, a clerk, an admin and a district admin,
 * on one real SQLite store per function. Each answer must be an envelope that
 * is never INTERNAL and never leaks a stack or English error text, and a
 * refused call (ok:false) must leave the database exactly as it was.
 */
import fc from 'fast-check'
import { z } from 'zod'
import { inputs } from '@/contract'
import { ERROR_CODES } from '@/contract/envelope'
import { bookingHarness, type BookingHarness } from '../support/booking-harness'
import { nthIdNumber } from '../support/id-numbers'
import { fingerprint, P, seedRecords, totalChanges, type Records } from './fixtures'

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000)
const PERSONAS = [P.anonymous, P.residentA, P.clerkW1, P.admin, P.district]

// ---------- hostile values ----------
const deep = (depth: number): unknown => {
  let v: unknown = []
  for (let i = 0; i < depth; i++) v = [v]
  return v
}
const HOSTILE_CONSTANTS: unknown[] = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '😀👨‍👩‍👧‍👦🇨🇳',
  '\u202Elsw\u202C',
  '\u200F王\u200E',
  '\u200B\u200C\u200D\uFEFF',
  'l\u200Bsw',
  'ｌｓｗ',
  'a'.repeat(100_000),
  '中'.repeat(70_000),
  '😀'.repeat(20_000),
  '\u0301'.repeat(5000),
  "' OR 1=1 --",
  "'; DROP TABLE bookings; --",
  "lsw' --",
  '" OR ""="',
  '1; SELECT * FROM staff_roles',
  '%',
  '_',
  '\\',
  '%00',
  '*',
  '$where',
  '{"$gt":""}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '9'.repeat(400),
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '0000-00-00',
  '24:00',
  '09:60',
  '-1',
  NaN,
  Infinity,
  -Infinity,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MIN_VALUE,
  -1,
  0.5,
  1e21,
  4294967296,
  null,
  undefined,
  true,
  false,
  0,
  1,
  {},
  [],
  [[]],
  [null],
  deep(5000),
  { length: 1e9 },
  JSON.parse('{"__proto__":{"admin":true,"role":"admin"}}'),
  { constructor: { prototype: { admin: true } } },
  JSON.parse('{"toString":1,"valueOf":2}'),
]
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 50, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }) },
)
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'action',
  '$where',
  "id' OR '1'='1",
  'openid',
  '_openid',
  'role',
  'centerId\u200B',
  '',
]

// ---------- plausible params, from each action's JSON schema ----------
type Json = {
  type?: string | string[]
  properties?: Record<string, Json>
  items?: Json
  enum?: unknown[]
  const?: unknown
  anyOf?: Json[]
  oneOf?: Json[]
  minimum?: number
  maximum?: number
  default?: unknown
  required?: string[]
}

function plausibleString(key: string, r: Records): string[] {
  const k = key.toLowerCase()
  if (k === 'centerid') return ['lsw', 'lsw', 'yz']
  if (k === 'serviceid') return ['lsw-medical-remote', 'lsw-pension-claim', 'lsw-pension-enroll']
  if (k === 'id' || k === 'bookingid' || k === 'recordid') return Object.values(r).concat(['bk-does-not-exist'])
  if (k === 'photoid') return ['ph-nope']
  if (k === 'date' || k === 'from' || k === 'to' || k === 'certifiedon') return ['2026-11-27', '2026-11-30', '2026-11-26']
  if (k === 'start') return ['09:00', '09:30', '14:00']
  if (k === 'requestid') return ['fuzz-req-1', 'fuzz-req-2']
  if (k === 'idnumber') return [nthIdNumber(77), nthIdNumber(78)]
  if (k === 'phone') return ['13812345678']
  if (k.includes('openid') || k === 'to' || k === 'assignee') return [P.gridX, P.clerkW1, 'nobody']
  if (k === 'communityid') return ['lsw-c-lingshanwei']
  if (k === 'code' || k === 'pickupcode') return ['ABC123', '123456']
  if (k === 'name' || k === 'applicantname') return ['王建国']
  if (k === 'dataurl') return ['data:image/jpeg;base64,/9j/4AAQ']
  return ['测试内容']
}

function plausible(schema: Json, key: string, r: Records): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const alts = schema.oneOf ?? schema.anyOf
  if (alts) return fc.oneof(...alts.map((s) => plausible(s, key, r)))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {}
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, plausible(s, k, r)])), {
        requiredKeys: schema.required?.filter((k) => k in props) ?? [],
      })
    }
    case 'array':
      return fc.array(schema.items ? plausible(schema.items, key, r) : fc.string(), { maxLength: 3 })
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.max(schema.minimum ?? 0, -1e6), max: Math.min(schema.maximum ?? 10, 1e6) })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return fc.constantFrom(...plausibleString(key, r))
  }
}

/** Puts `value` at a path of the object (creating plain objects on the way), as an own property even for `__proto__`. */
function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let o = target
  for (const k of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined
    const child = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {}
    Object.defineProperty(o, k, { value: child, enumerable: true, writable: true, configurable: true })
    o = child
  }
  Object.defineProperty(o, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true })
}

function leafPaths(schema: Json, prefix: string[] = []): string[][] {
  const props = schema.properties ?? (schema.oneOf ?? schema.anyOf)?.find((s) => s.properties)?.properties
  if (!props) return prefix.length ? [prefix] : []
  const out: string[][] = []
  for (const [k, s] of Object.entries(props)) {
    out.push([...prefix, k])
    if (s.properties || s.oneOf || s.anyOf) out.push(...leafPaths(s, [...prefix, k]))
  }
  return out
}

/** One hostile call: plausible params with some fields replaced, keys added or dropped — or a body that is not params at all. */
function hostileCall(action: string, schema: Json, r: Records): fc.Arbitrary<unknown> {
  const base = plausible(schema, '', r) as fc.Arbitrary<Record<string, unknown>>
  const paths = leafPaths(schema)
  const withAction = (p: Record<string, unknown>): Record<string, unknown> => ({ action, ...p })
  const replace = paths.length
    ? fc.tuple(base, fc.array(fc.tuple(fc.constantFrom(...paths), hostile), { minLength: 1, maxLength: 3 })).map(([b, edits]) => {
        const o = withAction(b)
        for (const [path, v] of edits) setPath(o, path, v)
        return o
      })
    : fc.tuple(base, hostile).map(([b, v]) => ({ ...withAction(b), extra: v }))
  const addKeys = fc
    .tuple(base, fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostile), { minLength: 1, maxLength: 3 }))
    .map(([b, extras]) => {
      const o = withAction(b)
      for (const [k, v] of extras) if (k !== 'action') setPath(o, [k], v)
      return o
    })
  const drop = fc.tuple(base, fc.nat()).map(([b, i]) => {
    const o = withAction(b)
    const keys = Object.keys(b)
    if (keys.length) delete o[keys[i % keys.length]]
    return o
  })
  const allHostile = fc.tuple(base, hostile).map(([b, v]) => {
    const o: Record<string, unknown> = { action }
    for (const k of Object.keys(b)) setPath(o, [k], v)
    return o
  })
  const notParams = fc.oneof(
    hostile,
    fc.constant({ action: [action] }),
    fc.constant({ action: `${action}\u200B` }),
    fc.constant({ action: '__proto__' }),
    fc.constant({ action: 'constructor' }),
  )
  return fc.oneof(
    { weight: 6, arbitrary: replace },
    { weight: 2, arbitrary: addKeys },
    { weight: 1, arbitrary: drop },
    { weight: 1, arbitrary: allHostile },
    { weight: 1, arbitrary: notParams },
  )
}

// ---------- the checks ----------
const STACKY = /\bat \S+ \(|\n\s+at |Error:|node_modules|\.ts:\d+|\.js:\d+|SQLITE|sqlite|TypeError|undefined is|Cannot read/
/** English words in a resident-facing message (Chinese messages may carry a code or an abbreviation, not sentences). */
const ENGLISH = /[A-Za-z]{5,}/

function problemOf(res: unknown): string | null {
  if (!res || typeof res !== 'object') return 'not an object'
  const e = res as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; fields?: Record<string, unknown> } }
  if (e.ok === true) return 'data' in e ? null : 'ok without data'
  if (e.ok !== false || !e.error) return 'not an envelope'
  const { code, message, fields } = e.error
  if (!(ERROR_CODES as readonly unknown[]).includes(code)) return `unknown code ${String(code)}`
  if (code === 'INTERNAL') return 'INTERNAL'
  if (typeof message !== 'string' || !/[\u4e00-\u9fff]/.test(message)) return `message not Chinese: ${String(message)}`
  for (const text of [message, ...Object.values(fields ?? {})]) {
    if (typeof text !== 'string') return 'field message not a string'
    if (STACKY.test(text)) return `stack or internals leaked: ${text.slice(0, 200)}`
    if (ENGLISH.test(text)) return `English text leaked: ${text.slice(0, 200)}`
    if (text.length > 200) return `message too long (${text.length})`
  }
  return null
}

const describeCase = (data: unknown) => {
  try {
    return JSON.stringify(data, (_k, v) =>
      typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length})` : typeof v === 'bigint' ? `${v}n` : v,
    ).slice(0, 600)
  } catch {
    return String(data)
  }
}

const counts: Record<string, number> = {}
const outcomes = { ok: 0, refused: 0, fingerprinted: 0 }

afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const lines = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(28)} ${v}`)
  console.log(
    `fuzz: ${Object.keys(counts).length} actions, ${total} cases tried (${outcomes.refused} refused, ${outcomes.ok} ok; ${outcomes.fingerprinted} refusals re-checked by content hash)\n${lines.join('\n')}`,
  )
})

for (const fnName of Object.keys(inputs) as (keyof typeof inputs)[]) {
  describe(`fuzz ${fnName}`, () => {
    let h: BookingHarness
    let records: Records
    beforeAll(async () => {
      h = bookingHarness()
      records = await seedRecords(h)
    })
    afterAll(() => h.close())

    for (const [action, zodSchema] of Object.entries(inputs[fnName] as Record<string, z.core.$ZodType>)) {
      it(`${fnName}.${action}: ${RUNS} hostile inputs answer envelopes, never INTERNAL, and refusals write nothing`, async () => {
        const schema = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as Json
        const db = h.store.db
        let known = fingerprint(db)
        let changes = totalChanges(db)
        let tried = 0
        await fc.assert(
          fc.asyncProperty(hostileCall(action, schema, records), fc.constantFrom(...PERSONAS), async (data, openid) => {
            tried++
            const res = await h.call(fnName, data as Record<string, unknown>, openid)
            const problem = problemOf(res)
            if (problem) throw new Error(`${problem}\nanswer: ${describeCase(res)}`)
            const now = totalChanges(db)
            if (res.ok) {
              outcomes.ok++
              if (now !== changes) known = fingerprint(db)
            } else {
              outcomes.refused++
              if (now !== changes) {
                // Something ran a write statement (perhaps rolled back, or an attempt counter): the content must be unchanged.
                outcomes.fingerprinted++
                const after = fingerprint(db)
                if (after !== known) throw new Error(`refused call (${res.error.code}) changed the database`)
              }
            }
            changes = now
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126), endOnFailure: true },
        )
        counts[`${fnName}.${action}`] = tried
        expect(tried).toBeGreaterThanOrEqual(RUNS)
      })
    }
  })
}
