import { z } from 'zod'
import { center } from '@cloud/functions/center'
import { defineFunction, dispatch, fieldErrors, type Logger } from '@cloud/runtime/dispatch'
import { DEFAULT_MESSAGES, ERROR_CODES, HTTP_STATUS, isErrorCode } from '@/contract/envelope'
import { contextFor, createTempStore, type TempStore } from '@test/support/temp-store'
import { expectOk } from '@test/support/expect-ok'

let store: TempStore

beforeEach(() => {
  store = createTempStore()
})
afterEach(() => {
  store.dispose()
})

const CHINESE = /[\u4e00-\u9fff]/

/** Collects what dispatch logs, so a test can say what must never be in it. */
function recordingLogger(): Logger & { entries: { obj: object; msg?: string }[] } {
  const entries: { obj: object; msg?: string }[] = []
  return { entries, error: (obj, msg) => entries.push({ obj, msg }) }
}

describe('dispatch', () => {
  describe('when the data is not an object', () => {
    it.each([[null], [undefined], ['listCenters'], [42], [true], [[{ action: 'listCenters' }]]])(
      'refuses %j with INVALID_INPUT',
      async (data) => {
        expect(await dispatch(center, data, contextFor(store))).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '请求格式不正确' },
        })
      },
    )
  })

  describe('when the action is missing or unknown', () => {
    it.each([
      ['missing', { centerId: 'lsw' }],
      ['unknown', { action: 'deleteEverything' }],
      ['not a string', { action: 1 }],
      ['an inherited property', { action: 'constructor' }],
      ['the prototype', { action: '__proto__' }],
      ['an Object method', { action: 'toString' }],
    ])('refuses an action that is %s with INVALID_INPUT on the action field', async (_why, data) => {
      expect(await dispatch(center, data, contextFor(store))).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '不支持的操作', fields: { action: '不支持的操作' } },
      })
    })
  })

  describe('when a field has the wrong type', () => {
    it('refuses with INVALID_INPUT and one Chinese message per field, keyed by path', async () => {
      const res = await dispatch(center, { action: 'listServices', centerId: 7, category: 'passport', q: ['养老'] }, contextFor(store))
      expect(res).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: DEFAULT_MESSAGES.INVALID_INPUT,
          fields: { centerId: '请提供服务中心', category: '没有这个分类', q: '搜索内容格式不正确' },
        },
      })
    })
    it('refuses a missing required field with its own message', async () => {
      const res = await dispatch(center, { action: 'getInfo' }, contextFor(store))
      expect(res).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: DEFAULT_MESSAGES.INVALID_INPUT, fields: { centerId: '请提供服务中心' } },
      })
    })
    it('refuses an id with characters outside [A-Za-z0-9_-]', async () => {
      const res = await dispatch(center, { action: 'getInfo', centerId: "lsw' OR 1=1" }, contextFor(store))
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { centerId: '服务中心格式不正确' } } })
    })
  })

  describe('when the input has fields the action does not know', () => {
    it('returns the answer, ignoring them', async () => {
      const res = await dispatch(center, { action: 'getInfo', centerId: 'lsw', admin: true }, contextFor(store))
      expect(res).toMatchObject({ ok: true, data: { id: 'lsw' } })
    })
  })

  describe('when the input is trimmed by its schema', () => {
    it('returns the answer for the trimmed id', async () => {
      const res = await dispatch(center, { action: 'getInfo', centerId: '  yz ' }, contextFor(store))
      expect(res).toMatchObject({ ok: true, data: { id: 'yz' } })
    })
  })

  describe('when the action succeeds', () => {
    it('returns ok with the data and nothing else', async () => {
      const res = await dispatch(center, { action: 'listCenters' }, contextFor(store))
      expect(Object.keys(res).sort()).toEqual(['data', 'ok'])
      expectOk(res)
    })
  })

  describe('when the action throws an expected AppError', () => {
    it('returns its code and message without a fields key', async () => {
      const res = await dispatch(center, { action: 'getService', centerId: 'lsw', serviceId: 'nope' }, contextFor(store))
      expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关事项' } })
      expect(res.ok === false && res.error).not.toHaveProperty('fields')
    })
  })

  describe('when the action hits a bug (the database is gone)', () => {
    it('returns INTERNAL with the default message only, no stack, no error text', async () => {
      store.close()
      const log = recordingLogger()
      const res = await dispatch(center, { action: 'listCenters' }, contextFor(store), log)
      expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
      expect(JSON.stringify(res)).not.toMatch(/database|sqlite|at |\.ts/i)
      expect(log.entries).toHaveLength(1)
      expect(log.entries[0].obj).toMatchObject({ requestId: 'test-request', fn: 'center' })
    })
  })

  describe('when an action throws a plain Error whose message echoes personal data', () => {
    const ID_NUMBER = '370211195001011234'
    const leaky = defineFunction('center', center.inputs, center.uses, {
      ...center.actions,
      listCenters: {
        access: 'anyone',
        async run() {
          throw new Error(`身份证号 ${ID_NUMBER} 解析失败`)
        },
      },
    })

    it('returns INTERNAL without the message', async () => {
      const res = await dispatch(leaky, { action: 'listCenters' }, contextFor(store))
      expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } })
    })
    it('logs where it failed but neither the message nor the input', async () => {
      const log = recordingLogger()
      await dispatch(leaky, { action: 'listCenters', phone: '13800138000' }, contextFor(store), log)
      const logged = JSON.stringify(log.entries)
      expect(logged).not.toContain(ID_NUMBER)
      expect(logged).not.toContain('13800138000')
      expect(logged).toContain('dispatch.test.ts')
      expect(log.entries[0].obj).toMatchObject({ requestId: 'test-request', fn: 'center', err: { name: 'Error' } })
    })
  })

  describe('when an action throws something that is not an Error', () => {
    const odd = defineFunction('center', center.inputs, center.uses, {
      ...center.actions,
      listCenters: {
        access: 'anyone',
        async run() {
          throw '电话 13800138000'
        },
      },
    })

    it('returns INTERNAL', async () => {
      expect(await dispatch(odd, { action: 'listCenters' }, contextFor(store))).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
      })
    })
    it('logs what was thrown by its type only', async () => {
      const log = recordingLogger()
      await dispatch(odd, { action: 'listCenters' }, contextFor(store), log)
      expect(log.entries[0].obj).toEqual({ requestId: 'test-request', fn: 'center', err: { thrown: 'string' } })
    })
  })

  describe('the area repos a function declares (`uses`)', () => {
    /** center.listCenters rewritten to read one booking: through `bookings`, or through `queue` too. */
    const reading = (uses: typeof center.uses) =>
      defineFunction('center', center.inputs, uses, {
        ...center.actions,
        listCenters: {
          access: 'anyone',
          async run(_, ctx) {
            await ctx.store.bookings.get('no-such-booking')
            return ctx.store.centers.list()
          },
        },
      })

    it('lets an action use a declared repo and the shared ones', async () => {
      const res = await dispatch(reading(['bookings']), { action: 'listCenters' }, contextFor(store))
      expect(res.ok).toBe(true)
    })
    it('refuses an undeclared one, naming it and the function in the log (not to the caller)', async () => {
      const log = recordingLogger()
      const res = await dispatch(reading(['queue']), { action: 'listCenters' }, contextFor(store), log)
      expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } })
      expect(log.entries[0].obj).toMatchObject({ fn: 'center', err: { name: 'Error' } })
    })
    it('hands every call of a function the same view, whose other members are the store’s', async () => {
      const seen: unknown[] = []
      const fn = defineFunction('center', center.inputs, [], {
        ...center.actions,
        listCenters: {
          access: 'anyone',
          async run(_, ctx) {
            seen.push(ctx.store)
            expect(ctx.store.close).toBe(store.close)
            return []
          },
        },
      })
      await dispatch(fn, { action: 'listCenters' }, contextFor(store))
      await dispatch(fn, { action: 'listCenters' }, contextFor(store))
      expect(seen[0]).toBe(seen[1])
      expect(seen[0]).not.toBe(store)
    })
  })

  describe('when an action requires a signed-in caller', () => {
    const guarded = defineFunction('center', center.inputs, center.uses, {
      ...center.actions,
      me: { ...center.actions.me, access: 'signed_in' },
    })

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      expect(await dispatch(guarded, { action: 'me', centerId: 'lsw' }, contextFor(store))).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED },
      })
    })
    it('refuses an anonymous caller before looking at the input', async () => {
      expect(await dispatch(guarded, { action: 'me', centerId: 42 }, contextFor(store))).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
    })
    it('returns the answer to a signed-in caller', async () => {
      expect(await dispatch(guarded, { action: 'me', centerId: 'lsw' }, contextFor(store, { openid: 'dev-resident-li' }))).toMatchObject({
        ok: true,
        data: { openid: 'dev-resident-li' },
      })
    })
  })
})

describe('fieldErrors', () => {
  describe('when the failing fields are nested', () => {
    it('returns Chinese messages keyed by dotted path, array indexes included', () => {
      const schema = z.object({ person: z.object({ idNumber: z.string(), age: z.number().int() }), items: z.array(z.string()) })
      const parsed = schema.safeParse({ person: { age: 1.5 }, items: ['a', 3] })
      if (parsed.success) throw new Error('expected a failure')
      const fields = fieldErrors(parsed.error)
      expect(Object.keys(fields).sort()).toEqual(['items.1', 'person.age', 'person.idNumber'])
      for (const message of Object.values(fields)) expect(message).toMatch(CHINESE)
    })
  })
  describe('when the input itself is wrong', () => {
    it('returns the message under _', () => {
      const parsed = z.object({}).safeParse('x')
      if (parsed.success) throw new Error('expected a failure')
      expect(Object.keys(fieldErrors(parsed.error))).toEqual(['_'])
    })
  })
  describe('when one field fails several checks', () => {
    it('returns the first message only', () => {
      const parsed = z.string().min(5, { error: '太短' }).regex(/^\d+$/, { error: '只能是数字' }).safeParse('ab')
      if (parsed.success) throw new Error('expected a failure')
      expect(fieldErrors(parsed.error)).toEqual({ _: '太短' })
    })
  })
})

describe('HTTP_STATUS', () => {
  describe('when read for every error code', () => {
    it('returns a 4xx or 5xx status for each code, with a Chinese default message', () => {
      expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort())
      expect(Object.keys(DEFAULT_MESSAGES).sort()).toEqual([...ERROR_CODES].sort())
      for (const code of ERROR_CODES) {
        expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400)
        expect(HTTP_STATUS[code]).toBeLessThan(600)
        expect(DEFAULT_MESSAGES[code]).toMatch(CHINESE)
      }
    })
    it('returns the statuses of the wire contract', () => {
      expect(HTTP_STATUS).toEqual({
        INVALID_INPUT: 400,
        UNAUTHENTICATED: 401,
        FORBIDDEN: 403,
        NOT_FOUND: 404,
        CONFLICT: 409,
        SLOT_FULL: 409,
        LIMIT_REACHED: 409,
        CLOSED: 409,
        RATE_LIMITED: 429,
        PAYLOAD_TOO_LARGE: 413,
        INTERNAL: 500,
      })
    })
  })
})

describe('isErrorCode', () => {
  it('returns true for every code of the contract', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true)
  })
  it.each([['invalid_input'], ['TEAPOT'], [''], [404], [null], [undefined]])('refuses %j', (value) => {
    expect(isErrorCode(value)).toBe(false)
  })
})
