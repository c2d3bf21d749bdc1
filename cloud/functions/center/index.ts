import { centerInputs } from '@/contract/center'
import type { Availability } from '@/contract/booking'
import type { CenterInfo, Me, ServiceDetail, ServiceSummary } from '@/contract/center'
import { addDays, beijingClock, beijingDate, weekdayName } from '@/core/beijing-time'
import { describeOpenState } from '@/core/opening-hours'
import { openStateAt } from '@/core/working-days'
import { maskPersonName } from '@/core/people'
import { planDays, slotNote } from '@/core/slots'
import { categoryName, matchesQuery, SERVICE_CATEGORIES } from '@/core/service-categories'
import { notFound } from '@cloud/runtime/app-error'
import { requireCenter } from '@cloud/runtime/center'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { loadCalendarAndDays } from '@cloud/runtime/working-calendar'
import { defineFunction } from '@cloud/runtime/dispatch'
import type { CenterRecord, ServiceRecord, WindowRecord } from '@cloud/store/port'
import { loadSchedule } from '../booking/schedule'
import { loadQueueSetup } from '../queue/queue-setup'
import { todayBookings } from '../queue/resident'

const minDate = (a: string, b: string) => (a < b ? a : b)

/** How far ahead the home page lists the center's own closures. */
const UPCOMING_DAYS = 60

const summarize = (s: ServiceRecord): ServiceSummary => ({
  id: s.id,
  name: s.name,
  category: s.category,
  categoryName: categoryName(s.category),
  summary: s.summary,
  processingDays: s.processingDays,
  bookable: s.bookable,
  delegable: s.delegable,
})

const publicWindow = (w: WindowRecord) => ({ id: w.id, number: w.number, name: w.name })

/** At most this many 消息 are counted as unread on 首页 (the 消息 page shows as many). */
const UNREAD_COUNTED = 50

/** The center's card: address, hours, today's state and the closures ahead. */
async function centerInfo(ctx: ActionContext, c: CenterRecord, windows: WindowRecord[]): Promise<CenterInfo> {
  const now = ctx.now()
  const today = beijingDate(now)
  // The calendar's own read of the center's days covers the ones ahead: no second read.
  const { calendar, centerDays } = await loadCalendarAndDays(ctx.store, c.id, today)
  const last = addDays(today, UPCOMING_DAYS)
  const ahead = (days: Record<string, string>) => Object.fromEntries(Object.entries(days).filter(([d]) => d >= today && d <= last))
  const upcomingDays = { closed: ahead(centerDays.closed), open: ahead(centerDays.open) }
  const openState = openStateAt(today, beijingClock(now), c.hours, calendar)
  return {
    id: c.id,
    name: c.name,
    district: c.district,
    address: c.address,
    phone: c.phone,
    location: { latitude: c.latitude, longitude: c.longitude },
    hours: c.hours,
    upcomingDays,
    windows: windows.map(publicWindow),
    today: {
      date: today,
      weekday: weekdayName(today),
      status: calendar.dayStatus(today),
      openState,
      text: describeOpenState(openState),
    },
  }
}

/** Who the caller is at a center: a resident, or staff with their roles (the center is known to exist). */
async function whoIs(ctx: ActionContext, centerId: string): Promise<Me> {
  if (!ctx.openid) return { openid: null, name: null, roles: [], staffName: null, district: false }
  const [grants, district, identity] = await Promise.all([
    ctx.store.staff.rolesOf(centerId, ctx.openid),
    ctx.store.staff.districtRole(ctx.openid),
    ctx.store.people.identity(ctx.openid),
  ])
  const staffName = grants[0]?.name ?? district?.name ?? null
  const name = identity ? requirePii(ctx).decrypt(identity.nameSealed) : staffName
  return {
    openid: ctx.openid,
    name: name ? maskPersonName(name) : null,
    roles: grants.map((g) => g.grant),
    staffName,
    district: !!district,
  }
}

/** `center`: the center's card, its service guide, and who the caller is there. */
export const center = defineFunction('center', centerInputs, ['bookings', 'queue', 'homecert'], {
  listCenters: {
    access: 'anyone',
    async run(_input, ctx) {
      return (await ctx.store.centers.list()).map(({ id, name, district, address }) => ({ id, name, district, address }))
    },
  },

  getInfo: {
    access: 'anyone',
    async run({ centerId }, ctx) {
      const [c, windows] = await Promise.all([requireCenter(ctx, centerId), ctx.store.centers.windows(centerId)])
      return centerInfo(ctx, c, windows)
    },
  },

  listServices: {
    access: 'anyone',
    async run({ centerId: asked, category, q, bookable }, ctx) {
      const centerId = asked ?? (await ctx.store.centers.list())[0]?.id
      if (!centerId) throw notFound('服务中心')
      await requireCenter(ctx, centerId)
      const all = await ctx.store.centers.services(centerId)
      const matching = all.filter((s) => matchesQuery(s, q ?? '') && (!bookable || s.bookable))
      return {
        categories: SERVICE_CATEGORIES.map((c) => ({
          key: c.key,
          name: c.name,
          count: matching.filter((s) => s.category === c.key).length,
        })).filter((c) => c.count > 0),
        services: matching.filter((s) => !category || s.category === category).map(summarize),
      }
    },
  },

  getService: {
    access: 'anyone',
    async run({ centerId, serviceId }, ctx): Promise<ServiceDetail> {
      const [service, windows] = await Promise.all([ctx.store.centers.service(centerId, serviceId), ctx.store.centers.windows(centerId)])
      if (!service) throw notFound('事项')
      return {
        ...summarize(service),
        materials: service.materials,
        notes: service.notes,
        windows: windows.filter((w) => service.windowIds.includes(w.id)).map(publicWindow),
      }
    },
  },

  me: {
    access: 'anyone',
    async run({ centerId }, ctx) {
      await requireCenter(ctx, centerId)
      return whoIs(ctx, centerId)
    },
  },

  home: {
    access: 'anyone',
    async run({ centerId: asked, messagesSeenAt }, ctx) {
      const centerId = asked ?? (await ctx.store.centers.list())[0]?.id
      if (!centerId) throw notFound('服务中心')
      // The queue's setup is the center, its services and windows: all the card and 今天的预约 read of them.
      const setup = await loadQueueSetup(ctx, centerId)
      const [center, me, today, messages] = await Promise.all([
        centerInfo(ctx, setup.center, setup.windows),
        whoIs(ctx, centerId),
        ctx.openid ? todayBookings(ctx, setup) : [],
        ctx.openid ? ctx.store.messages.listFor(centerId, ctx.openid, UNREAD_COUNTED) : [],
      ])
      const unreadMessages = messages.filter((m) => !messagesSeenAt || m.createdAt > messagesSeenAt).length
      return { center, me, today, unreadMessages, demoIdentities: ctx.settings?.demoIdentities === true }
    },
  },

  getAvailability: {
    access: 'anyone',
    async run({ centerId, serviceId, from, days }, ctx): Promise<Availability> {
      const s = await loadSchedule(ctx, centerId, serviceId)
      const first = from && from > s.today ? from : s.today
      const last = days ? minDate(addDays(first, days - 1), s.lastDate) : s.lastDate
      const planned =
        first <= last ? planDays(first, last, s.now, s.center.hours, s.calendar, s.service.slotMinutes, s.rules.leadMinutes) : []
      // Counters exist only for slots that ever had a seat taken; the rest are untouched.
      const counts = new Map((await ctx.store.bookings.slotCounts(serviceId, first, last)).map((c) => [`${c.date} ${c.start}`, c]))
      return {
        serviceId,
        serviceName: s.service.name,
        slotMinutes: s.service.slotMinutes,
        leadMinutes: s.rules.leadMinutes,
        today: s.today,
        lastDate: s.lastDate,
        subscribeTemplateIds: ctx.settings?.reminderTemplateId ? [ctx.settings.reminderTemplateId] : [],
        days: planned.map((d) => ({
          date: d.date,
          weekday: weekdayName(d.date),
          open: d.status.open,
          kind: d.status.kind,
          ...(d.status.reason ? { reason: d.status.reason } : {}),
          slots: d.slots.map((slot) => {
            const count = counts.get(`${d.date} ${slot.start}`)
            const capacity = count?.capacity ?? s.capacity
            const remaining = Math.max(0, capacity - (count?.booked ?? 0))
            const note = slotNote(slot, remaining, s.rules.leadMinutes)
            return {
              start: slot.start,
              end: slot.end,
              capacity,
              remaining,
              available: !note,
              tooSoon: slot.tooSoon,
              started: slot.started,
              ...(note ? { note } : {}),
            }
          }),
        })),
      }
    },
  },
})
