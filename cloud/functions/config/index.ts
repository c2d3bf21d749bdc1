import { randomBytes } from 'node:crypto'
import { configInputs } from '@/contract/config'
import { addDays, beijingDate, dayLabel, longDate, monthDay } from '@/core/beijing-time'
import { BOOKING_RULE_FIELDS, DEFAULT_BOOKING_RULES, type BookingRules } from '@/core/booking-rules'
import { DEFAULT_HOMECERT_RULES, HOMECERT_RULE_FIELDS, type HomecertRules } from '@/core/home-certification'
import { changeText } from '@/core/change-text'
import { overridesOf } from '@/core/rule-overrides'
import { compactHours } from '@/core/opening-hours'
import { DEFAULT_QUEUE_RULES, type QueueRules } from '@/core/queue-check-in'
import { DEFAULT_RATING_RULES, ratingRulesFor, type RatingRules } from '@/core/rating'
import { categoryName } from '@/core/service-categories'
import { slotCapacity } from '@/core/slots'
import { AppError, notFound } from '@cloud/runtime/app-error'
import { centerRules, homecertRules, requireCenter } from '@cloud/runtime/center'
import type { ActionContext } from '@cloud/runtime/context'
import { loadCalendar } from '@cloud/runtime/working-calendar'
import { affectedNow, change, configView, MAX_DAY_AHEAD } from './view'
import { noticeClosedDays } from '../booking/notices'
import { defineFunction } from '@cloud/runtime/dispatch'
import { audit, requireStaff } from '@cloud/runtime/staff'
import type { ServiceConfigRecord } from '@cloud/store/port'

const today = (ctx: ActionContext) => beijingDate(ctx.now())

/** A day that may have just closed: each resident booked on it gets a 消息 with 改约 (cloud/functions/booking/notices.ts); how many. */
async function tellClosedDay(ctx: ActionContext, centerId: string, date: string): Promise<number> {
  const center = await requireCenter(ctx, centerId)
  return (await noticeClosedDays(ctx, center, await loadCalendar(ctx.store, centerId, today(ctx)), [date])).length
}

/** The keys whose values differ, in `key a→b` form, for the audit log. */
/** The center's card as the settings page names it, for the audit log. */
const CENTER_LABELS = [
  { key: 'name', label: '中心名称' },
  { key: 'address', label: '地址' },
  { key: 'phone', label: '咨询电话' },
  { key: 'latitude', label: '纬度' },
  { key: 'longitude', label: '经度' },
  { key: 'hours', label: '办公时间' },
] as const

/** What the rules page changed in the queue rules, with their units, for the audit log (empty: nothing). */
const queueRulesChange = (before: QueueRules, after: QueueRules) =>
  [
    before.greenAge !== after.greenAge && `绿色通道年龄：${before.greenAge} 岁 → ${after.greenAge} 岁`,
    before.soonAhead !== after.soonAhead && `即将到号提醒：前面 ${before.soonAhead} 人 → ${after.soonAhead} 人`,
  ]
    .filter(Boolean)
    .join('；')

/** A service's key settings as the service form names them, for the audit log. */
const SERVICE_LABELS = [
  { key: 'name', label: '名称' },
  { key: 'capacity', label: '每个时段名额' },
  { key: 'slotMinutes', label: '每个时段分钟数' },
  { key: 'bookable', label: '可预约' },
  { key: 'delegable', label: '可帮办代办' },
  { key: 'processingDays', label: '承诺办结工作日' },
  { key: 'windowIds', label: '办理窗口' },
] as const

/** Only what differs from the defaults is stored, so a later change of a default reaches centers that never set it. */
async function bookableServices(ctx: ActionContext, centerId: string) {
  return (await ctx.store.config.allServices(centerId)).filter((s) => !s.retired && s.bookable)
}

/** Seats a raised capacity adds go first to those in 候补 line, day by day over the booking horizon and beyond. */
async function offerRaisedSeats(ctx: ActionContext, serviceId: string) {
  const at = ctx.now().toISOString()
  for (let i = 0, day = today(ctx); i < RAISED_SEAT_DAYS; i++, day = addDays(day, 1)) await ctx.store.waitlist.fill(serviceId, day, at)
}
/** Longer than any booking horizon (the rules form allows at most 30 working days: with weekends and 长假, under 60 days). */
const RAISED_SEAT_DAYS = 60

/** `config`: an admin sets up the center. Every edit is validated by its one schema (the contract) and audited. */
export const config = defineFunction('config', configInputs, ['bookings', 'waitlist', 'homecert', 'config', 'staffAdmin', 'ratings'], {
  get: {
    access: 'signed_in',
    async run({ centerId }, ctx) {
      await requireStaff(ctx, centerId, ['admin'])
      return configView(ctx, centerId)
    },
  },

  updateCenter: {
    access: 'signed_in',
    async run({ centerId, hours, ...rest }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const before = await requireCenter(ctx, centerId)
      // The form sends every weekday; the store keeps the usual day and the weekdays that differ.
      const card = { ...rest, hours: compactHours(hours) }
      await ctx.store.config.updateCenter(centerId, card)
      const changed = changeText(
        CENTER_LABELS,
        {
          name: before.name,
          address: before.address,
          phone: before.phone,
          latitude: before.latitude,
          longitude: before.longitude,
          hours: before.hours,
        },
        card,
      )
      await audit(ctx, admin, 'config.updateCenter', 'center', { id: centerId, label: before.name }, changed || '未改动')
      const affected =
        JSON.stringify(card.hours) !== JSON.stringify(before.hours)
          ? await affectedNow(ctx, centerId, await bookableServices(ctx, centerId))
          : []
      return change(ctx, centerId, '中心信息已保存。', affected)
    },
  },

  setDay: {
    access: 'signed_in',
    async run({ centerId, date, open, reason }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const day = today(ctx)
      const last = addDays(day, MAX_DAY_AHEAD)
      if (date < day || date > last)
        throw new AppError('INVALID_INPUT', undefined, {
          date: `请选择 ${monthDay(day)}（今天）到 ${longDate(last)} 之间的日期`,
        })
      await ctx.store.config.setDay(centerId, date, open, reason)
      await audit(ctx, admin, 'config.setDay', 'center_day', { id: date, label: dayLabel(date) }, `${open ? '加开' : '不办公'}：${reason}`)
      const affected = open ? [] : await affectedNow(ctx, centerId, await bookableServices(ctx, centerId))
      const told = open ? 0 : await tellClosedDay(ctx, centerId, date)
      return change(ctx, centerId, `${dayLabel(date)}${open ? '设为加开办公日' : '设为不办公'}（${reason}）。`, affected, told)
    },
  },

  removeDay: {
    access: 'signed_in',
    async run({ centerId, date }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      if (!(await ctx.store.config.removeDay(centerId, date))) throw notFound('办公日设置')
      await audit(ctx, admin, 'config.removeDay', 'center_day', { id: date, label: dayLabel(date) })
      // Taking back an extra opening day closes it again.
      return change(
        ctx,
        centerId,
        `${dayLabel(date)}恢复按国家日历办公。`,
        await affectedNow(ctx, centerId, await bookableServices(ctx, centerId)),
        await tellClosedDay(ctx, centerId, date),
      )
    },
  },

  saveService: {
    access: 'signed_in',
    async run({ centerId, id, ...fields }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const windowIds = new Set((await ctx.store.centers.windows(centerId)).map((w) => w.id))
      const unknown = fields.windowIds.filter((w) => !windowIds.has(w))
      if (unknown.length) throw new AppError('INVALID_INPUT', undefined, { windowIds: '请选择本中心的窗口' })
      const all = await ctx.store.config.allServices(centerId)
      const before = id ? all.find((s) => s.id === id) : undefined
      if (id && !before) throw notFound('事项')
      const record: ServiceConfigRecord = {
        id: id ?? `${centerId}-svc-${randomBytes(5).toString('hex')}`,
        centerId,
        ...fields,
        windowIds: [...new Set(fields.windowIds)],
        perWindowCapacity: before?.perWindowCapacity ?? 2,
        slotCapacity: fields.slotCapacity,
        sort: before?.sort ?? 0,
        retired: before?.retired ?? false,
      }
      const saved = await ctx.store.config.saveService(record, { create: !before, today: today(ctx) })
      if (saved.kind === 'name_taken') throw new AppError('INVALID_INPUT', undefined, { name: '本中心已有同名事项' })
      if (saved.kind === 'not_found') throw notFound('事项')
      const s = saved.service
      const facts = (x: ServiceConfigRecord) => ({
        name: x.name,
        capacity: slotCapacity(x),
        slotMinutes: x.slotMinutes,
        bookable: x.bookable,
        delegable: x.delegable,
        processingDays: x.processingDays,
        windowIds: x.windowIds,
      })
      const detail = before ? changeText(SERVICE_LABELS, facts(before), facts(s)) : `${categoryName(s.category)}，名额 ${slotCapacity(s)}`
      await audit(
        ctx,
        admin,
        before ? 'config.updateService' : 'config.createService',
        'service',
        { id: s.id, label: s.name },
        detail || '未改动关键设置',
      )
      if (before && s.bookable && slotCapacity(s) > slotCapacity(before)) await offerRaisedSeats(ctx, s.id)
      const affected = s.bookable ? await affectedNow(ctx, centerId, [s], new Map([[s.id, slotCapacity(s)]])) : []
      const upcoming = (await ctx.store.config.upcomingBookings(centerId, today(ctx))).get(s.id) ?? 0
      const stopped = before?.bookable && !s.bookable ? `已停止接受新的预约，已有的 ${upcoming} 个预约保留。` : ''
      return { ...(await change(ctx, centerId, `「${s.name}」已保存。${stopped}`, affected)), serviceId: s.id }
    },
  },

  setServiceRetired: {
    access: 'signed_in',
    async run({ centerId, id, retired }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const service = (await ctx.store.config.allServices(centerId)).find((s) => s.id === id)
      if (!service) throw notFound('事项')
      const upcoming = (await ctx.store.config.upcomingBookings(centerId, today(ctx))).get(id) ?? 0
      // A booking must still find its service: stop new bookings first, retire once those made are done.
      if (retired && upcoming > 0)
        throw new AppError('CONFLICT', `「${service.name}」还有 ${upcoming} 个未办理的预约。请先关闭“可预约”，等这些预约办完后再下线。`)
      await ctx.store.config.setServiceRetired(centerId, id, retired)
      await audit(ctx, admin, 'config.setServiceRetired', 'service', id, retired ? '下线' : '恢复')
      return change(ctx, centerId, retired ? `「${service.name}」已下线，办事指南不再显示。` : `「${service.name}」已恢复。`)
    },
  },

  saveWindow: {
    access: 'signed_in',
    async run({ centerId, id, number, name }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      await requireCenter(ctx, centerId)
      const windowId = id ?? `${centerId}-w-${randomBytes(4).toString('hex')}`
      const result = await ctx.store.config.saveWindow({ id: windowId, centerId, number, name }, !id)
      if (result === 'number_taken') throw new AppError('INVALID_INPUT', undefined, { number: `已有 ${number} 号窗口` })
      if (result === 'not_found') throw notFound('窗口')
      await audit(ctx, admin, 'config.saveWindow', 'window', { id: windowId, label: `${number} 号窗口` }, name)
      return change(ctx, centerId, `${number} 号窗口已保存。`)
    },
  },

  removeWindow: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const result = await ctx.store.config.removeWindow(centerId, id)
      if (result === 'not_found') throw notFound('窗口')
      if (result === 'in_use') throw new AppError('CONFLICT', '还有事项在这个窗口办理，请先在事项中改用其他窗口')
      await audit(ctx, admin, 'config.removeWindow', 'window', id)
      return change(ctx, centerId, '窗口已删除。')
    },
  },

  saveCommunity: {
    access: 'signed_in',
    async run({ centerId, id, name, responsibleOpenid }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      await requireCenter(ctx, centerId)
      const workers = await ctx.store.homecert.gridWorkers(centerId)
      const worker = responsibleOpenid ? workers.find((w) => w.openid === responsibleOpenid) : undefined
      if (responsibleOpenid && !worker) throw new AppError('INVALID_INPUT', undefined, { responsibleOpenid: '请选择本中心的网格员' })
      const communityId = id ?? `${centerId}-c-${randomBytes(4).toString('hex')}`
      const result = await ctx.store.config.saveCommunity({ id: communityId, centerId, name, responsibleOpenid, sort: 0 }, !id)
      if (result === 'name_taken') throw new AppError('INVALID_INPUT', undefined, { name: '已有同名的社区/村' })
      if (result === 'not_found') throw notFound('社区')
      // The responsible worker covers the community: add it to their scope if it is not there.
      if (worker && !worker.communities.includes(name)) {
        await ctx.store.staffAdmin.setGrant(
          centerId,
          worker.openid,
          { role: 'grid', communities: [...worker.communities, name] },
          ctx.now().toISOString(),
        )
      }
      await audit(
        ctx,
        admin,
        'config.saveCommunity',
        'community',
        { id: communityId, label: name },
        `负责网格员：${worker?.name ?? '未指定'}`,
      )
      return change(ctx, centerId, `${name}已保存。`)
    },
  },

  removeCommunity: {
    access: 'signed_in',
    async run({ centerId, id }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const result = await ctx.store.config.removeCommunity(centerId, id)
      if (result === 'not_found') throw notFound('社区')
      if (result === 'in_use') throw new AppError('CONFLICT', '这个社区/村已有上门认证申请，不能删除')
      await audit(ctx, admin, 'config.removeCommunity', 'community', id)
      return change(ctx, centerId, '社区/村已删除。')
    },
  },

  updateBookingRules: {
    access: 'signed_in',
    async run({ centerId, rules }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const center = await requireCenter(ctx, centerId)
      const before = centerRules(center).booking
      // A form without the 候补 hold keeps the center's.
      const after: BookingRules = { ...rules, waitlistHoldMinutes: rules.waitlistHoldMinutes ?? before.waitlistHoldMinutes }
      await ctx.store.config.setBookingRules(centerId, overridesOf<BookingRules>(after, DEFAULT_BOOKING_RULES))
      await audit(ctx, admin, 'config.updateBookingRules', 'center', centerId, changeText(BOOKING_RULE_FIELDS, before, after) || '未改动')
      return change(ctx, centerId, '预约规则已保存，新的预约按新规则办理；已有的预约不变。')
    },
  },

  updateQueueRules: {
    access: 'signed_in',
    async run({ centerId, greenAge, soonAhead }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      const center = await requireCenter(ctx, centerId)
      const before = centerRules(center).queue
      // The store keeps the whole set: the rules this form does not show keep their values.
      const after: QueueRules = { ...before, greenAge, soonAhead: soonAhead ?? before.soonAhead }
      await ctx.store.config.setQueueRules(centerId, overridesOf<QueueRules>(after, DEFAULT_QUEUE_RULES))
      await audit(ctx, admin, 'config.updateQueueRules', 'center', centerId, queueRulesChange(before, after) || '未改动')
      return change(ctx, centerId, `排队规则已保存：${greenAge} 岁以上优先叫号，前面还有 ${after.soonAhead} 人时发即将到号提醒。`)
    },
  },

  updateHomecertRules: {
    access: 'signed_in',
    async run({ centerId, rules }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      await requireCenter(ctx, centerId)
      const before = await homecertRules(ctx.store, centerId)
      await ctx.store.config.setHomecertRules(centerId, overridesOf<HomecertRules>(rules, DEFAULT_HOMECERT_RULES))
      await audit(ctx, admin, 'config.updateHomecertRules', 'center', centerId, changeText(HOMECERT_RULE_FIELDS, before, rules) || '未改动')
      return change(ctx, centerId, '上门认证规则已保存。')
    },
  },

  updateRatingRules: {
    access: 'signed_in',
    async run({ centerId, followUpWorkingDays }, ctx) {
      const admin = await requireStaff(ctx, centerId, ['admin'])
      await requireCenter(ctx, centerId)
      const before = ratingRulesFor(await ctx.store.ratings.rules(centerId)).followUpWorkingDays
      await ctx.store.ratings.saveRules(centerId, overridesOf<RatingRules>({ followUpWorkingDays }, DEFAULT_RATING_RULES))
      await audit(
        ctx,
        admin,
        'config.updateRatingRules',
        'center',
        centerId,
        `差评回复时限：${before} 个工作日 → ${followUpWorkingDays} 个工作日`,
      )
      return change(ctx, centerId, `差评须在 ${followUpWorkingDays} 个工作日内回复。`)
    },
  },
})
