import * as z from 'zod/mini'
import type { CenterDays, DayStatus, OpeningHours, OpenState } from '../core/opening-hours'
import type { Material } from '../core/materials'
import { SERVICE_CATEGORY_KEYS, type ServiceCategoryKey } from '../core/service-categories'
import type { Grant } from '../core/staff-roles'
import type { Availability } from './booking'
import type { TodayBooking } from './queue'
import { centerId, centerScoped, freeText, isoDateField, recordId } from './common'

/** `center`: the service center itself, its guide (办事指南) and who the caller is. */
export const centerInputs = {
  listCenters: z.object({}),
  getInfo: centerScoped,
  /** Without `centerId`: the district's first center (a plain `{"action":"listServices"}` lists the guide). */
  listServices: z.object({
    centerId: z.optional(centerId),
    category: z.optional(z.enum(SERVICE_CATEGORY_KEYS, { error: '没有这个分类' })),
    q: z.optional(freeText('搜索内容', { max: 40 })),
    /** Only the services that can be booked (首页 → 预约办事); the category counts count only those too. */
    bookable: z.optional(z.boolean({ error: '“只看可预约”格式不正确' })),
  }),
  getService: z.extend(centerScoped, { serviceId: recordId('事项') }),
  me: centerScoped,
  /**
   * 首页's first screen in one call. Without `centerId`: the district's first center (a first visit). `messagesSeenAt`:
   * the newest 消息 the device has shown (its `createdAt`), to count the ones after it.
   */
  home: z.object({
    centerId: z.optional(centerId),
    messagesSeenAt: z.optional(z.string({ error: '时间格式不正确' }).check(z.maxLength(40, { error: '时间格式不正确' }))),
  }),
  /** Bookable slots of a service: from today (or `from`) up to the booking horizon. */
  getAvailability: z.extend(centerScoped, {
    serviceId: recordId('事项'),
    from: z.optional(isoDateField('开始日期')),
    days: z.optional(
      z
        .number({ error: '天数格式不正确' })
        .check(z.int({ error: '天数格式不正确' }), z.gte(1, { error: '天数至少为 1' }), z.lte(31, { error: '一次最多查询 31 天' })),
    ),
  }),
}

export interface CenterSummary {
  id: string
  name: string
  district: string
  address: string
}

export interface ServiceWindow {
  id: string
  number: number
  name: string
}

export interface CenterInfo extends CenterSummary {
  phone: string
  location: { latitude: number; longitude: number }
  hours: OpeningHours
  /** The center's own closures and extra opening days from today on. */
  upcomingDays: CenterDays
  windows: ServiceWindow[]
  today: {
    date: string
    weekday: string
    status: DayStatus
    openState: OpenState
    /** One sentence for the home page, e.g. 办公中，17:00 下班. */
    text: string
  }
}

export interface ServiceSummary {
  id: string
  name: string
  category: ServiceCategoryKey
  categoryName: string
  summary: string
  processingDays: number
  bookable: boolean
  delegable: boolean
}

export interface ServiceDetail extends ServiceSummary {
  materials: Material[]
  /** Who may apply, how long it takes, where the result goes: short plain sentences. */
  notes: string[]
  windows: ServiceWindow[]
}

export interface ServiceListing {
  categories: { key: ServiceCategoryKey; name: string; count: number }[]
  services: ServiceSummary[]
}

export interface Me {
  openid: string | null
  /** The caller's name, masked (王**): their 我的身份 on file, else their staff name; null when neither is known. */
  name: string | null
  roles: Grant[]
  /** Staff name for staff, null for residents. */
  staffName: string | null
  /** A 区级管理员: enters the district's yearly arrangement; holds no role in the center by that. */
  district: boolean
}

/** 首页 in one answer: the center's card, who the caller is there, 今天的预约 and the 消息 not yet seen. */
export interface HomeScreen {
  center: CenterInfo
  me: Me
  /** Today's bookings of the caller (none when not signed in), as `queue.today` answers them. */
  today: TodayBooking[]
  /** 消息 newer than `messagesSeenAt` (all of the latest ones when it is not given); 0 when not signed in. */
  unreadMessages: number
  /** This server lets the H5 app choose a demo identity (the local server in dev mode): only then 我的 offers 选择身份. */
  demoIdentities: boolean
}

export interface CenterOutputs {
  listCenters: CenterSummary[]
  getInfo: CenterInfo
  listServices: ServiceListing
  getService: ServiceDetail
  me: Me
  home: HomeScreen
  getAvailability: Availability
}
