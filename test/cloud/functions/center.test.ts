/** @timezone */
import { center } from '@cloud/functions/center'
import { dispatch } from '@cloud/runtime/dispatch'
import type { CenterInfo, CenterSummary, Me, ServiceDetail, ServiceListing } from '@/contract/center'
import type { Envelope } from '@/contract/envelope'
import { SERVICE_CATEGORY_KEYS } from '@/core/service-categories'
import { contextFor, storePerTest, type TempStore } from '@test/support/temp-store'

// Each test in a savepoint of one store, rolled back after it (test/support/temp-store.ts).
const stores = storePerTest()
let store: TempStore

beforeEach(() => {
  store = stores.next()
})
afterEach(() => {
  store.dispose()
})

type CallOptions = { openid?: string | null; now?: string }

async function call<T>(params: Record<string, unknown>, options: CallOptions = {}): Promise<Envelope<T>> {
  return (await dispatch(center, params, contextFor(store, options))) as Envelope<T>
}

/** The data of a call that must succeed; fails the test with the error otherwise. */
async function ok<T>(params: Record<string, unknown>, options: CallOptions = {}): Promise<T> {
  const res = await call<T>(params, options)
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`)
  return res.data
}

function closeDay(centerId: string, date: string, reason: string, open = false) {
  store.db.prepare('INSERT INTO center_days (center_id, date, open, reason) VALUES (?, ?, ?, ?)').run(centerId, date, open ? 1 : 0, reason)
}

describe('center', () => {
  describe('listCenters', () => {
    describe('when the database is freshly seeded', () => {
      it('returns both demo centers in their sort order, with only their public summary', async () => {
        const centers = await ok<CenterSummary[]>({ action: 'listCenters' })
        expect(centers.map((c) => c.id)).toEqual(['lsw', 'yz'])
        expect(centers[0]).toEqual({
          id: 'lsw',
          name: '灵山卫街道公共服务中心',
          district: '青岛西海岸新区',
          address: expect.stringContaining('灵山卫'),
        })
      })
    })
    describe('when a center is added', () => {
      it('returns it too', async () => {
        store.db
          .prepare(
            'INSERT INTO centers (id, name, district, address, phone, latitude, longitude, hours_json, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run('zzz', '测试中心', '测试区', '测试路 1 号', '0532-1', 0, 0, JSON.stringify({ sessions: [] }), 0)
        const centers = await ok<CenterSummary[]>({ action: 'listCenters' })
        expect(centers.map((c) => c.id)).toEqual(['zzz', 'lsw', 'yz'])
      })
    })
  })

  describe('getInfo', () => {
    describe('when it is 10:00 on National Day', () => {
      it('returns closed today with the reason 国庆节', async () => {
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-10-01T10:00:00+08:00' })
        expect(info.today).toEqual({
          date: '2026-10-01',
          weekday: '周四',
          status: { date: '2026-10-01', open: false, kind: 'holiday', reason: '国庆节' },
          openState: { state: 'closed_today', reason: '国庆节' },
          text: '今日休息（国庆节）',
        })
      })
    })
    describe('when it is 10:00 on the 调休 Saturday', () => {
      it('returns open as an adjusted workday', async () => {
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-10-10T10:00:00+08:00' })
        expect(info.today).toMatchObject({
          date: '2026-10-10',
          weekday: '周六',
          status: { open: true, kind: 'adjusted_workday' },
          openState: { state: 'open', until: '12:00' },
          text: '办公中，12:00 下班',
        })
      })
    })
    describe('when the instant is 16:00Z on the eve of National Day', () => {
      it('returns the next Beijing day as today', async () => {
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-09-30T16:00:00Z' })
        expect(info.today.date).toBe('2026-10-01')
        expect(info.today.openState).toEqual({ state: 'closed_today', reason: '国庆节' })
      })
    })
    describe('when it is the lunch break on an ordinary workday', () => {
      it('returns break with the afternoon opening time', async () => {
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-11-26T12:30:00+08:00' })
        expect(info.today.openState).toEqual({ state: 'break', opensAt: '13:30' })
      })
    })
    describe('when the center closed the day itself', () => {
      it('returns closed with the center’s reason and lists the closure', async () => {
        closeDay('lsw', '2026-11-26', '系统升级')
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-11-26T10:00:00+08:00' })
        expect(info.today.status).toEqual({ date: '2026-11-26', open: false, kind: 'center_closed', reason: '系统升级' })
        expect(info.today.openState).toEqual({ state: 'closed_today', reason: '系统升级' })
        expect(info.upcomingDays).toEqual({ closed: { '2026-11-26': '系统升级' }, open: {} })
      })
      it('returns the other center open that day', async () => {
        closeDay('lsw', '2026-11-26', '系统升级')
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'yz' }, { now: '2026-11-26T10:00:00+08:00' })
        expect(info.today.openState).toEqual({ state: 'open', until: '12:00' })
        expect(info.upcomingDays).toEqual({ closed: {}, open: {} })
      })
    })
    describe('when the center opened a Sunday', () => {
      it('returns open with the center’s reason', async () => {
        closeDay('lsw', '2026-11-29', '集中认证日', true)
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-11-29T10:00:00+08:00' })
        expect(info.today.status).toMatchObject({ open: true, kind: 'center_open', reason: '集中认证日' })
        expect(info.today.openState).toEqual({ state: 'open', until: '12:00' })
      })
    })
    describe('when center days lie in the past or beyond 60 days', () => {
      it('returns only the ones from today to 60 days ahead', async () => {
        closeDay('lsw', '2026-11-25', '昨天')
        closeDay('lsw', '2027-01-25', '第 60 天')
        closeDay('lsw', '2027-01-26', '第 61 天')
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now: '2026-11-26T10:00:00+08:00' })
        expect(info.upcomingDays).toEqual({ closed: { '2027-01-25': '第 60 天' }, open: {} })
      })
    })
    describe('when it is Friday afternoon', () => {
      it('returns each center’s own hours (yz closes at noon on Fridays)', async () => {
        const now = '2026-11-27T14:00:00+08:00'
        const lsw = await ok<CenterInfo>({ action: 'getInfo', centerId: 'lsw' }, { now })
        const yz = await ok<CenterInfo>({ action: 'getInfo', centerId: 'yz' }, { now })
        expect(lsw.today.openState).toEqual({ state: 'open', until: '17:00' })
        expect(yz.today.openState).toEqual({ state: 'after_close' })
      })
    })
    describe('when asked for a center', () => {
      it('returns its card and only its own windows', async () => {
        const info = await ok<CenterInfo>({ action: 'getInfo', centerId: 'yz' })
        expect(info).toMatchObject({
          id: 'yz',
          name: '隐珠街道便民服务中心',
          phone: '0532-86100002',
          location: { latitude: 35.8731, longitude: 119.9942 },
        })
        expect(info.windows).toEqual([
          { id: 'yz-w1', number: 1, name: '综合受理' },
          { id: 'yz-w2', number: 2, name: '社保民政' },
        ])
      })
    })
    describe('when the center does not exist', () => {
      it('refuses with NOT_FOUND', async () => {
        expect(await call({ action: 'getInfo', centerId: 'nowhere' })).toEqual({
          ok: false,
          error: { code: 'NOT_FOUND', message: '没有找到相关服务中心' },
        })
      })
    })
  })

  describe('listServices', () => {
    describe('when the database is freshly seeded', () => {
      it('returns at least 15 lsw services across at least 9 categories', async () => {
        const { services, categories } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        expect(services.length).toBeGreaterThanOrEqual(15)
        expect(new Set(services.map((s) => s.category)).size).toBeGreaterThanOrEqual(9)
        expect(categories.length).toBeGreaterThanOrEqual(9)
        expect(categories.reduce((n, c) => n + c.count, 0)).toBe(services.length)
      })
      it('returns the first center’s guide when no center is named (the plain {"action":"listServices"})', async () => {
        const plain = await ok<ServiceListing>({ action: 'listServices' })
        expect(plain).toEqual(await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' }))
      })
      it('returns a smaller yz guide with only yz services', async () => {
        const lsw = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        const yz = await ok<ServiceListing>({ action: 'listServices', centerId: 'yz' })
        expect(yz.services.length).toBeGreaterThan(0)
        expect(yz.services.length).toBeLessThan(lsw.services.length)
        expect(yz.services.every((s) => s.id.startsWith('yz-'))).toBe(true)
        expect(lsw.services.every((s) => s.id.startsWith('lsw-'))).toBe(true)
      })
      it('returns the categories in guide order with Chinese names', async () => {
        const { categories } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        expect(categories.map((c) => c.key)).toEqual(SERVICE_CATEGORY_KEYS.filter((k) => categories.some((c) => c.key === k)))
        expect(categories[0]).toEqual({ key: 'pension', name: '社保养老', count: 3 })
      })
      it('returns summaries without materials or internal fields', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        expect(Object.keys(services[0]).sort()).toEqual([
          'bookable',
          'category',
          'categoryName',
          'delegable',
          'id',
          'name',
          'processingDays',
          'summary',
        ])
      })
    })
    describe('when a category is chosen', () => {
      it('returns only that category, and counts for every category still', async () => {
        const { services, categories } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', category: 'medical' })
        expect(services.map((s) => s.id)).toEqual(['lsw-medical-enroll', 'lsw-medical-remote', 'lsw-medical-chronic'])
        expect(categories.length).toBeGreaterThanOrEqual(9)
      })
      it('returns nothing for a category the center does not offer', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'yz', category: 'medical' })
        expect(services).toEqual([])
      })
    })
    describe('when the resident types one word', () => {
      it('returns the services whose name, summary, keywords or materials contain it', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '低保' })
        expect(services.map((s) => s.id)).toEqual(['lsw-dibao', 'lsw-temp-relief'])
      })
      it('matches a keyword that is not in the name (高龄 → 上门认证, 高龄津贴)', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '高龄' })
        expect(services.map((s) => s.id)).toEqual(['lsw-cert-home', 'lsw-longevity-allowance'])
      })
    })
    describe('when the resident types several words', () => {
      it('returns only services that contain every word, in any order', async () => {
        const a = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '养老 登记' })
        const b = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '  登记   养老 ' })
        expect(a.services.map((s) => s.id)).toEqual(['lsw-pension-enroll', 'lsw-flexible-enroll'])
        expect(b.services).toEqual(a.services)
        expect(a.categories).toEqual([{ key: 'pension', name: '社保养老', count: 2 }])
      })
    })
    describe('when only the bookable services are asked for (首页 → 预约办事)', () => {
      it('returns only those, and the category counts count only those: each chip’s number is what it lists', async () => {
        const all = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        const { services, categories } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', bookable: true })
        expect(services.map((s) => s.id)).toEqual(all.services.filter((s) => s.bookable).map((s) => s.id))
        expect(services.length).toBeLessThan(all.services.length)
        for (const c of categories) {
          const listed = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', bookable: true, category: c.key })
          expect([c.name, listed.services.length]).toEqual([c.name, c.count])
        }
        expect(categories.reduce((n, c) => n + c.count, 0)).toBe(services.length)
      })
      it('refuses a value that is not true or false', async () => {
        expect(await call({ action: 'listServices', centerId: 'lsw', bookable: 'yes' })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: { bookable: '“只看可预约”格式不正确' } },
        })
      })
    })
    describe('when the search and the category are combined', () => {
      it('returns the intersection', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '养老', category: 'retirement_cert' })
        expect(services.map((s) => s.id)).toEqual(['lsw-cert-counter'])
      })
    })
    describe('when nothing matches', () => {
      it('returns no services and no categories', async () => {
        expect(await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '护照' })).toEqual({ categories: [], services: [] })
      })
    })
    describe('when the search is only spaces', () => {
      it('returns the whole guide', async () => {
        const all = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        expect(await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '   ' })).toEqual(all)
      })
    })
    describe('when a word matches only the other center', () => {
      it('returns nothing from the other center', async () => {
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw', q: '隐珠' })
        expect(services).toEqual([])
      })
    })
    describe('when the input is wrong', () => {
      it('refuses an unknown category with a Chinese message keyed by field', async () => {
        expect(await call({ action: 'listServices', centerId: 'lsw', category: 'passport' })).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '填写的内容有误，请检查后再提交', fields: { category: '没有这个分类' } },
        })
      })
      it('refuses a search longer than 40 characters', async () => {
        const res = await call({ action: 'listServices', centerId: 'lsw', q: '养'.repeat(41) })
        expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { q: '搜索内容请不要超过 40 个字' } } })
      })
    })
    describe('when the center does not exist', () => {
      it('refuses with NOT_FOUND', async () => {
        expect(await call({ action: 'listServices', centerId: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      })
    })
  })

  describe('getService', () => {
    describe('when the service belongs to the center', () => {
      it('returns its materials, notes and only the windows that handle it', async () => {
        const s = await ok<ServiceDetail>({ action: 'getService', centerId: 'lsw', serviceId: 'lsw-cert-counter' })
        expect(s).toMatchObject({
          id: 'lsw-cert-counter',
          category: 'retirement_cert',
          categoryName: '退休认证',
          bookable: true,
          delegable: false,
        })
        expect(s.materials).toEqual([
          { name: '本人居民身份证', copies: '原件' },
          { name: '本人社会保障卡', copies: '原件' },
        ])
        expect(s.notes).toContain('须本人到场')
        expect(s.windows.map((w) => w.number)).toEqual([1, 2, 3])
        expect(s).not.toHaveProperty('centerId')
        expect(s).not.toHaveProperty('windowIds')
        expect(s).not.toHaveProperty('perWindowCapacity')
      })
    })
    describe('when the service id is unknown', () => {
      it('refuses with NOT_FOUND', async () => {
        expect(await call({ action: 'getService', centerId: 'lsw', serviceId: 'lsw-passport' })).toEqual({
          ok: false,
          error: { code: 'NOT_FOUND', message: '没有找到相关事项' },
        })
      })
    })
    describe('when the service belongs to the other center', () => {
      it('refuses with NOT_FOUND, so nothing leaks across centers', async () => {
        expect(await call({ action: 'getService', centerId: 'lsw', serviceId: 'yz-dibao' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        })
        expect(await call({ action: 'getService', centerId: 'yz', serviceId: 'lsw-dibao' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        })
      })
      it('returns it under its own center', async () => {
        expect((await ok<ServiceDetail>({ action: 'getService', centerId: 'yz', serviceId: 'yz-dibao' })).windows).toEqual([
          { id: 'yz-w2', number: 2, name: '社保民政' },
        ])
      })
    })
    describe('when the service is retired', () => {
      it('refuses with NOT_FOUND and leaves it out of the guide', async () => {
        store.db.prepare('UPDATE services SET retired = 1 WHERE id = ?').run('lsw-dibao')
        expect(await call({ action: 'getService', centerId: 'lsw', serviceId: 'lsw-dibao' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        })
        const { services } = await ok<ServiceListing>({ action: 'listServices', centerId: 'lsw' })
        expect(services.map((s) => s.id)).not.toContain('lsw-dibao')
      })
    })
    describe('when the service id is missing or malformed', () => {
      it('refuses with INVALID_INPUT keyed by serviceId', async () => {
        expect(await call({ action: 'getService', centerId: 'lsw' })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: { serviceId: '请提供事项' } },
        })
        expect(await call({ action: 'getService', centerId: 'lsw', serviceId: '../etc' })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: { serviceId: '事项格式不正确' } },
        })
      })
    })
  })

  describe('me', () => {
    describe('when the caller is anonymous', () => {
      it('returns no openid and no roles', async () => {
        expect(await ok<Me>({ action: 'me', centerId: 'lsw' })).toEqual({
          openid: null,
          name: null,
          roles: [],
          staffName: null,
          district: false,
        })
      })
    })
    describe('when the caller is a resident', () => {
      it('returns their openid and no roles', async () => {
        expect(await ok<Me>({ action: 'me', centerId: 'lsw' }, { openid: 'dev-resident-wang' })).toEqual({
          openid: 'dev-resident-wang',
          name: null,
          roles: [],
          staffName: null,
          district: false,
        })
      })
    })
    describe('when the caller is counter staff in their own center', () => {
      it('returns the counter role with its windows and the staff name (masked as their name)', async () => {
        expect(await ok<Me>({ action: 'me', centerId: 'lsw' }, { openid: 'dev-clerk-liu' })).toEqual({
          openid: 'dev-clerk-liu',
          name: '刘*',
          roles: [{ role: 'counter', windows: [1, 2, 3] }],
          staffName: '刘芳',
          district: false,
        })
      })
    })
    describe('when the same staff openid asks in another center', () => {
      it('returns no roles there', async () => {
        expect(await ok<Me>({ action: 'me', centerId: 'yz' }, { openid: 'dev-clerk-liu' })).toEqual({
          openid: 'dev-clerk-liu',
          name: null,
          roles: [],
          staffName: null,
          district: false,
        })
      })
    })
    describe('when the caller holds several roles', () => {
      it('returns every grant with its scope', async () => {
        const me = await ok<Me>({ action: 'me', centerId: 'lsw' }, { openid: 'dev-admin-sun' })
        expect(me.roles).toEqual([
          { role: 'admin' },
          { role: 'supervisor', communities: ['灵山卫社区', '城东社区', '南门外村', '北门外村', '东风村'] },
        ])
        expect(me.staffName).toBe('孙丽')
      })
    })
    describe('when the center does not exist', () => {
      it('refuses with NOT_FOUND', async () => {
        expect(await call({ action: 'me', centerId: 'nowhere' }, { openid: 'dev-clerk-liu' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        })
      })
    })
  })
})
