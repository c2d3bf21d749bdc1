import * as z from 'zod/mini'
import { REMINDER_HOURS, type BookingRules } from '../core/booking-rules'
import type { OpeningHours } from '../core/opening-hours'
import { hoursProblems, type ImpactReason } from '../core/config-impact'
import { SOON_AHEAD_RANGE } from '../core/queue-check-in'
import type { HomecertRules } from '../core/home-certification'
import type { Material } from '../core/materials'
import { FOLLOW_UP_DAYS_RANGE, type RatingRules } from '../core/rating'
import { SERVICE_CATEGORY_KEYS, type ServiceCategoryKey } from '../core/service-categories'
import { centerScoped, clockField, freeText, isoDateField, recordId } from './common'

const int = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `请填写${label}` })
    .check(
      z.int({ error: `${label}请填写整数` }),
      z.gte(min, { error: `${label}应在 ${min}–${max}${unit} 之间` }),
      z.lte(max, { error: `${label}应在 ${min}–${max}${unit} 之间` }),
    )

const text = (label: string, min: number, max: number) => freeText(label, { min, max })

const session = z.object(
  { start: clockField('开始时间'), end: clockField('结束时间') },
  { error: '办公时段请写成开始和结束时间，例如 09:00–12:00' },
)
const sessions = z
  .array(session, { error: '办公时段请按“上午 09:00–12:00、下午 13:30–17:00”的形式填写' })
  .check(z.maxLength(4, { error: '每天最多 4 个办公时段' }))

/** Opening hours: the sessions of an ordinary working day, and weekdays that differ (an empty list: closed that weekday). */
export const hoursInput = z
  .object(
    {
      sessions,
      byWeekday: z.optional(
        z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: '星期请用 1（周一）到 7（周日）表示' }), sessions),
      ),
    },
    { error: '请填写办公时间' },
  )
  .check((ctx) => {
    for (const [path, message] of Object.entries(hoursProblems(ctx.value as OpeningHours))) {
      ctx.issues.push({ code: 'custom', path: path.split('.'), message, input: ctx.value })
    }
  })

/**
 * Where the center is, for 首页's 导航到中心 (GCJ-02, as WeChat's map and 腾讯/高德地图 give it). The ranges are
 * China's, so a swapped pair or a stray digit is caught; six decimals are about 0.1 m, more is a typing slip.
 */
export const CENTER_COORDINATES = {
  latitude: { label: '纬度', min: 3, max: 54, example: '36.0671' },
  longitude: { label: '经度', min: 73, max: 136, example: '120.1852' },
} as const
/** Decimal places a coordinate may carry. */
export const COORDINATE_DECIMALS = 6

type CoordinateRule = (typeof CENTER_COORDINATES)[keyof typeof CENTER_COORDINATES]

/** The problem of a typed coordinate as the form says it: the range, the decimals, and an example. */
export const coordinateMessage = ({ label, min, max, example }: CoordinateRule, what: 'range' | 'decimals' | 'number') =>
  what === 'decimals'
    ? `${label}最多保留 ${COORDINATE_DECIMALS} 位小数，例如 ${example}`
    : what === 'number'
      ? `${label}请填写数字，例如 ${example}`
      : `${label}应在 ${min} 到 ${max} 之间（中国境内），例如 ${example}`

const decimalsOf = (n: number) => (String(n).split('.')[1] ?? '').length

const coordinate = (rule: CoordinateRule) =>
  z.number({ error: coordinateMessage(rule, 'number') }).check(
    z.gte(rule.min, { error: coordinateMessage(rule, 'range') }),
    z.lte(rule.max, { error: coordinateMessage(rule, 'range') }),
    z.refine((n) => decimalsOf(n) <= COORDINATE_DECIMALS, { error: coordinateMessage(rule, 'decimals') }),
  )

const phone = z
  .string({ error: '请填写咨询电话' })
  .check(
    z.trim(),
    z.regex(/^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/, { error: '请填写固定电话（如 0532-86100001）或 11 位手机号码' }),
  )

const material = z.object(
  {
    name: text('材料名称', 1, 40),
    copies: text('份数', 1, 30),
    note: z.optional(freeText('材料说明', { max: 60 })),
  },
  { error: '材料格式不正确' },
)

/** Slot lengths the grid offers (minutes). */
export const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60, 90, 120] as const

/** Every number a center may set, with the range that makes sense. */
export const bookingRulesInput = z.object(
  {
    horizonWorkingDays: int('可预约天数', 1, 30, ' 个工作日'),
    leadMinutes: int('提前预约时间', 0, 1440, ' 分钟'),
    maxActiveBookings: int('每人同时有效的预约数', 1, 10, ' 个'),
    noShowGraceMinutes: int('签到宽限时间', 0, 120, ' 分钟'),
    noShowLimit: int('失约次数', 1, 10, ' 次'),
    noShowWindowDays: int('失约统计天数', 7, 365, ' 天'),
    noShowBlockDays: int('暂停预约天数', 1, 365, ' 天'),
    reminderFrom: clockField('提醒发送时间').check(
      z.refine((t) => t >= REMINDER_HOURS.earliest && t <= REMINDER_HOURS.latest, {
        error: `提醒发送时间应在 ${REMINDER_HOURS.earliest}–${REMINDER_HOURS.latest} 之间`,
      }),
    ),
    /** Optional: a form from before 候补 existed keeps the center's hold. */
    waitlistHoldMinutes: z.optional(int('候补空位保留时间', 5, 120, ' 分钟')),
  },
  { error: '请填写预约规则' },
)

export const homecertRulesInput = z
  .object(
    {
      minAge: int('高龄年龄', 60, 100, ' 岁'),
      overdueWorkingDays: int('超期天数', 1, 20, ' 个工作日'),
      windowHorizonWorkingDays: int('可选上门日期范围', 2, 30, ' 个工作日'),
      maxWindows: int('可选时段数', 1, 6, ' 个'),
      scheduleHorizonWorkingDays: int('安排上门日期范围', 2, 60, ' 个工作日'),
      dueSoonDays: int('到期提醒提前天数', 7, 90, ' 天'),
    },
    { error: '请填写上门认证规则' },
  )
  .check((ctx) => {
    if (ctx.value.scheduleHorizonWorkingDays < ctx.value.windowHorizonWorkingDays) {
      ctx.issues.push({
        code: 'custom',
        path: ['scheduleHorizonWorkingDays'],
        message: '安排上门的范围不能短于家属可选的范围',
        input: ctx.value.scheduleHorizonWorkingDays,
      })
    }
  })

const serviceFields = {
  category: z.enum(SERVICE_CATEGORY_KEYS, { error: '请选择分类' }),
  name: text('事项名称', 2, 40),
  summary: text('简介', 1, 100),
  keywords: z._default(
    z.array(text('搜索词', 1, 10), { error: '搜索词格式不正确' }).check(z.maxLength(10, { error: '搜索词最多 10 个' })),
    [],
  ),
  materials: z.array(material, { error: '材料格式不正确' }).check(z.maxLength(20, { error: '材料最多 20 项' })),
  notes: z._default(
    z.array(text('办理须知', 1, 100), { error: '办理须知格式不正确' }).check(z.maxLength(10, { error: '办理须知最多 10 条' })),
    [],
  ),
  processingDays: int('办理时限', 0, 180, ' 个工作日'),
  bookable: z.boolean({ error: '请选择是否可预约' }),
  delegable: z.boolean({ error: '请选择是否可帮办代办' }),
  windowIds: z
    .array(recordId('窗口'), { error: '请选择窗口' })
    .check(z.minLength(1, { error: '请至少选择一个办理窗口' }), z.maxLength(20, { error: '窗口太多' })),
  slotMinutes: z.number({ error: '请选择每个时段的长度' }).check(
    z.refine((n) => (SLOT_LENGTHS as readonly number[]).includes(n), {
      error: `每个时段的长度请选择 ${SLOT_LENGTHS.join('、')} 分钟之一`,
    }),
  ),
  slotCapacity: int('每个时段的名额', 1, 100, ' 个'),
}

/** `config`: an admin sets up the center: its card and hours, closures, services, windows, communities and rules. Every edit is audited. */
export const configInputs = {
  get: centerScoped,
  updateCenter: z.extend(centerScoped, {
    name: text('中心名称', 4, 40),
    address: text('地址', 6, 80),
    phone,
    latitude: coordinate(CENTER_COORDINATES.latitude),
    longitude: coordinate(CENTER_COORDINATES.longitude),
    hours: hoursInput,
  }),
  /** A closure (open: false) or an extra opening day (open: true) on top of the national calendar. */
  setDay: z.extend(centerScoped, {
    date: isoDateField('日期'),
    open: z.boolean({ error: '请选择办公或不办公' }),
    reason: text('原因', 2, 20),
  }),
  removeDay: z.extend(centerScoped, { date: isoDateField('日期') }),
  /** Creates a service (no id) or edits one. */
  saveService: z.extend(centerScoped, { id: z.optional(recordId('事项')), ...serviceFields }),
  /** Retires a service (taken off the guide) or brings it back. */
  setServiceRetired: z.extend(centerScoped, { id: recordId('事项'), retired: z.boolean({ error: '请选择下线或恢复' }) }),
  saveWindow: z.extend(centerScoped, { id: z.optional(recordId('窗口')), number: int('窗口号', 1, 99), name: text('窗口名称', 2, 12) }),
  removeWindow: z.extend(centerScoped, { id: recordId('窗口') }),
  saveCommunity: z.extend(centerScoped, {
    id: z.optional(recordId('社区')),
    name: text('社区/村名称', 2, 30),
    /** The grid worker who gets its home visits by default; null: the supervisor picks one each time. */
    responsibleOpenid: z.nullable(recordId('网格员')),
  }),
  removeCommunity: z.extend(centerScoped, { id: recordId('社区') }),
  updateBookingRules: z.extend(centerScoped, { rules: bookingRulesInput }),
  updateQueueRules: z.extend(centerScoped, {
    greenAge: int('绿色通道年龄', 60, 100, ' 岁'),
    /** 即将到号: the 消息 goes out when this many are ahead. Optional: a form from before it had a field keeps the center's. */
    soonAhead: z.optional(int('即将到号提醒人数', SOON_AHEAD_RANGE.min, SOON_AHEAD_RANGE.max, ' 人')),
  }),
  updateHomecertRules: z.extend(centerScoped, { rules: homecertRulesInput }),
  /** Working days the admin has to answer a 差评 (好差评). */
  updateRatingRules: z.extend(centerScoped, {
    followUpWorkingDays: int('差评回复时限', FOLLOW_UP_DAYS_RANGE.min, FOLLOW_UP_DAYS_RANGE.max, ' 个工作日'),
  }),
}

export interface ServiceConfig {
  id: string
  category: ServiceCategoryKey
  categoryName: string
  name: string
  summary: string
  keywords: string[]
  materials: Material[]
  notes: string[]
  processingDays: number
  bookable: boolean
  delegable: boolean
  windowIds: string[]
  slotMinutes: number
  /** Seats per slot (the service's own figure, or windows × seats per window). */
  slotCapacity: number
  retired: boolean
  /** Appointments from today on that are booked or checked in. */
  upcomingBookings: number
}

export interface AffectedSlotView {
  serviceId: string
  serviceName: string
  date: string
  weekday: string
  start: string
  booked: number
  /** The seats the slot now has (never below what is booked). */
  capacity: number
  reason: ImpactReason
  reasonText: string
}

export interface ConfigView {
  /** The server's Beijing date: the first a closure or an extra day may be set for. */
  today: string
  /** The last such date (a year ahead). */
  lastDayAhead: string
  center: {
    id: string
    name: string
    district: string
    address: string
    phone: string
    latitude: number
    longitude: number
    hours: OpeningHours
    hoursText: string[]
  }
  /** The center's own closures and extra opening days, from 30 days ago on. */
  days: { date: string; weekday: string; open: boolean; reason: string }[]
  windows: { id: string; number: number; name: string; serviceCount: number; clerkCount: number }[]
  services: ServiceConfig[]
  communities: { id: string; name: string; responsibleOpenid: string | null; responsibleName: string | null; requestCount: number }[]
  gridWorkers: { openid: string; name: string }[]
  bookingRules: { current: BookingRules; defaults: BookingRules }
  queueRules: { greenAge: number; defaultGreenAge: number; soonAhead: number; defaultSoonAhead: number }
  homecertRules: { current: HomecertRules; defaults: HomecertRules }
  ratingRules: { current: RatingRules; defaults: RatingRules }
  /** The categories for the service form. */
  categories: { key: ServiceCategoryKey; name: string }[]
  slotLengths: number[]
}

/** Every edit answers the configuration as it now is, the booked slots the change leaves without a place (kept, listed), and a sentence. */
export interface ConfigChange {
  config: ConfigView
  affected: AffectedSlotView[]
  notice: string
}

export interface ConfigOutputs {
  get: ConfigView
  updateCenter: ConfigChange
  setDay: ConfigChange
  removeDay: ConfigChange
  saveService: ConfigChange & { serviceId: string }
  setServiceRetired: ConfigChange
  saveWindow: ConfigChange
  removeWindow: ConfigChange
  saveCommunity: ConfigChange
  removeCommunity: ConfigChange
  updateBookingRules: ConfigChange
  updateQueueRules: ConfigChange
  updateHomecertRules: ConfigChange
  updateRatingRules: ConfigChange
}
