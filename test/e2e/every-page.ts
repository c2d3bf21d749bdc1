import { startLocalServer, type LocalServer } from './local-server'
import { checkIn, createBooking, createCase, submitHomecert } from './api'

/**
 * Every page of src/app.config.ts, each as the person who uses it, on a real record where it needs one: the
 * accessibility scan and the call count per page (issue 21) open the same pages on the same records.
 */
export type Who = 'resident' | 'family' | 'staff'

export interface PageCase {
  name: string
  /** Hash route; `{booking}`, `{today}`, `{ticket}`, `{homecert}`, `{case}` become real record ids. */
  route: string
  /** Demo persona, or null for an anonymous visitor. */
  as: string | null
  who: Who
  /** Text that proves the page loaded its data, or a selector of what shows once it has. */
  ready: string | RegExp | { css: string }
  /** The screen it is made for, when not a 375 px phone (the hall screen is a landscape TV, the kiosk a portrait 1080×1920, both sized in screen units). */
  viewport?: { width: number; height: number }
}

const WANG = 'dev-resident-wang'
const ZHAO = 'dev-family-zhao'

/** Every page of src/app.config.ts, each as the person who uses it, on a real record where it needs one. */
export const PAGES: PageCase[] = [
  { name: 'home', route: 'pages/index/index', as: null, who: 'resident', ready: '灵山卫街道公共服务中心' },
  { name: 'guide', route: 'pages/guide/index', as: null, who: 'resident', ready: '城乡居民基本养老保险参保登记' },
  { name: 'service', route: 'pages/service/index?id=lsw-pension-claim', as: null, who: 'resident', ready: /需要带的材料/ },
  { name: 'mine', route: 'pages/mine/index', as: WANG, who: 'resident', ready: '我的预约' },
  { name: 'centers', route: 'pages/centers/index', as: null, who: 'resident', ready: '隐珠街道便民服务中心' },
  { name: 'identity', route: 'pages/identity/index', as: null, who: 'resident', ready: '王建国' },
  { name: 'people', route: 'pages/people/index', as: WANG, who: 'resident', ready: '我的身份' },
  { name: 'people-confirm', route: 'pages/people/confirm/index', as: 'dev-resident-li', who: 'resident', ready: '亲友要为您代办预约' },
  { name: 'booking-slots', route: 'pages/booking/slots/index?serviceId=lsw-cert-counter', as: WANG, who: 'resident', ready: '2. 选择时段' },
  {
    name: 'booking-form',
    route: 'pages/booking/form/index?serviceId=lsw-cert-counter&date=2026-11-27&start=09:30',
    as: WANG,
    who: 'resident',
    ready: '为谁预约',
  },
  { name: 'booking-detail', route: 'pages/booking/detail/index?id={booking}', as: WANG, who: 'resident', ready: '预约码（到窗口出示）' },
  { name: 'booking-waitlist', route: 'pages/booking/waitlist/index', as: WANG, who: 'resident', ready: /没有候补|候补时间/ },
  { name: 'booking-mine', route: 'pages/booking/mine/index', as: WANG, who: 'resident', ready: /办事人：/ },
  { name: 'queue-check-in', route: 'pages/queue/check-in/index?bookingId={today}', as: WANG, who: 'resident', ready: /签到|号/ },
  { name: 'queue-ticket', route: 'pages/queue/ticket/index?id={ticket}', as: WANG, who: 'resident', ready: /C\d{3}/ },
  { name: 'homecert-form', route: 'pages/homecert/form/index', as: ZHAO, who: 'family', ready: '1. 老人信息' },
  { name: 'homecert-mine', route: 'pages/homecert/mine/index', as: ZHAO, who: 'family', ready: /张桂兰/ },
  { name: 'homecert-detail', route: 'pages/homecert/detail/index?id={homecert}', as: ZHAO, who: 'family', ready: '办理进度' },
  { name: 'delegation-form', route: 'pages/delegation/form/index', as: WANG, who: 'resident', ready: '办理事项' },
  { name: 'delegation-mine', route: 'pages/delegation/mine/index', as: WANG, who: 'resident', ready: /DB\d{8}-\d{4}/ },
  { name: 'delegation-detail', route: 'pages/delegation/detail/index?id={case}', as: WANG, who: 'resident', ready: /DB\d{8}-\d{4}/ },
  { name: 'delegation-claim', route: 'pages/delegation/claim/index', as: WANG, who: 'resident', ready: /领取码/ },
  {
    name: 'messages',
    route: 'pages/messages/index',
    as: WANG,
    who: 'resident',
    ready: { css: '.page .card, .page .state:not([aria-live])' },
  },
  { name: 'staff-home', route: 'staff/pages/home/index', as: 'dev-admin-sun', who: 'staff', ready: '上门认证派单' },
  { name: 'staff-queue', route: 'staff/pages/queue/index?window=2', as: 'dev-clerk-liu', who: 'staff', ready: '叫下一位' },
  {
    name: 'staff-board',
    route: 'staff/pages/board/index',
    as: 'dev-admin-sun',
    who: 'staff',
    ready: '预约签到码',
    viewport: { width: 1600, height: 900 },
  },
  {
    name: 'staff-kiosk',
    route: 'staff/pages/kiosk/index',
    as: 'dev-clerk-liu',
    who: 'staff',
    ready: '没有预约？请选择您要办的事',
    viewport: { width: 1080, height: 1920 },
  },
  { name: 'staff-homecert-list', route: 'staff/pages/homecert/list/index', as: 'dev-supervisor-zhou', who: 'staff', ready: /张桂兰/ },
  {
    name: 'staff-homecert-detail',
    route: 'staff/pages/homecert/detail/index?id={homecert}',
    as: 'dev-supervisor-zhou',
    who: 'staff',
    ready: /张桂兰/,
  },
  { name: 'staff-homecert-due', route: 'staff/pages/homecert/due/index', as: 'dev-supervisor-zhou', who: 'staff', ready: /到期/ },
  { name: 'staff-delegation-list', route: 'staff/pages/delegation/list/index', as: 'dev-clerk-liu', who: 'staff', ready: /DB\d{8}-\d{4}/ },
  {
    name: 'staff-delegation-detail',
    route: 'staff/pages/delegation/detail/index?id={case}',
    as: 'dev-clerk-liu',
    who: 'staff',
    ready: /DB\d{8}-\d{4}/,
  },
  { name: 'staff-delegation-intake', route: 'staff/pages/delegation/intake/index', as: 'dev-clerk-liu', who: 'staff', ready: '办理事项' },
  { name: 'staff-consent', route: 'staff/pages/consent/index', as: 'dev-clerk-liu', who: 'staff', ready: '核对身份证后确认' },
  { name: 'staff-admin', route: 'staff/pages/admin/index', as: 'dev-admin-sun', who: 'staff', ready: /人员/ },
  { name: 'staff-admin-people', route: 'staff/pages/admin/people/index', as: 'dev-admin-sun', who: 'staff', ready: '刘芳' },
  { name: 'staff-admin-services', route: 'staff/pages/admin/services/index', as: 'dev-admin-sun', who: 'staff', ready: /养老/ },
  { name: 'staff-admin-settings', route: 'staff/pages/admin/settings/index', as: 'dev-admin-sun', who: 'staff', ready: /设置|办公/ },
  { name: 'staff-admin-rules', route: 'staff/pages/admin/rules/index', as: 'dev-admin-sun', who: 'staff', ready: /预约|规则/ },
  { name: 'staff-admin-stats', route: 'staff/pages/admin/stats/index', as: 'dev-admin-sun', who: 'staff', ready: /统计|预约/ },
  { name: 'staff-admin-follow-ups', route: 'staff/pages/admin/follow-ups/index', as: 'dev-admin-sun', who: 'staff', ready: /差评/ },
  { name: 'staff-admin-audit', route: 'staff/pages/admin/audit/index', as: 'dev-admin-sun', who: 'staff', ready: /操作|记录/ },
  { name: 'staff-join', route: 'staff/pages/join/index', as: 'o-e2e-someone-new', who: 'staff', ready: /邀请码/ },
  { name: 'staff-calendar', route: 'staff/pages/calendar/index', as: 'dev-district-gao', who: 'staff', ready: '各年份的放假安排' },
  { name: 'staff-district', route: 'staff/pages/district/index', as: 'dev-district-gao', who: 'staff', ready: /全区合计/ },
]

/** Record ids the routes name (`{booking}`, `{today}`, `{ticket}`, `{homecert}`, `{case}`). */
export type PageRecords = Record<string, string>

/**
 * A server at 09:05 on Thursday 26 November 2026 holding the records the pages open: a booking for tomorrow, one
 * for 09:30 today checked in (its ticket), a home-certification request and a delegated case.
 */
export async function serverWithEveryRecord(): Promise<{ server: LocalServer; ids: PageRecords }> {
  const ids: PageRecords = {}
  // Before the center opens: a booking for tomorrow, and one for 09:30 today to check in with.
  const early = await startLocalServer({ APP_NOW: '2026-11-26T08:50:00+08:00', JOBS_INTERVAL_MS: '0' })
  try {
    ids.booking = (await createBooking(early, { serviceId: 'lsw-cert-counter', date: '2026-11-27', start: '09:00' })).id
    ids.today = (await createBooking(early, { serviceId: 'lsw-medical-remote', date: '2026-11-26', start: '09:30' }, WANG, 8)).id
  } finally {
    await early.stop()
  }
  // 09:05 on the same data: check-in for 09:30 is open.
  const server = await startLocalServer({ DATA_DIR: early.dataDir, APP_NOW: '2026-11-26T09:05:00+08:00', JOBS_INTERVAL_MS: '0' })
  ids.ticket = (await checkIn(server, ids.today)).id
  ids.homecert = (await submitHomecert(server, [{ date: '2026-11-27', half: 'am' }])).id
  ids.case = (await createCase(server)).id
  return { server, ids }
}

/** A page's route with its record ids filled in. */
export const routeOf = (c: PageCase, ids: PageRecords) => c.route.replace(/\{(\w+)\}/g, (_, k: string) => ids[k])
