import { calendarInputs } from '@/contract/calendar'
import { beijingDate } from '@/core/beijing-time'
import { previewArrangement } from '@/core/arrangement-preview'
import { workingCalendar } from '@/core/working-calendar'
import { SOURCE_TEXT, yearsAwaitingArrangement } from '@/core/year-arrangement'
import { AppError } from '@cloud/runtime/app-error'
import { defineFunction } from '@cloud/runtime/dispatch'
import { auditDistrict, requireDistrict } from '@cloud/runtime/staff'
import {
  arrangementText,
  awaitingText,
  bookingsOnClosingDates,
  previewHash,
  statusYears,
  storeArrangement,
  storedYear,
} from './arrangements'
import { yearView } from './view'

const CHANGED = '放假安排与预览时不同，或刚被他人保存过。请重新预览，确认无误后再保存。'

/** `calendar`: the district's working-day calendar — which years are known, and the yearly arrangement a 区级管理员 enters. */
export const calendar = defineFunction('calendar', calendarInputs, ['bookings', 'config'], {
  status: {
    access: 'signed_in',
    async run(_input, ctx) {
      const today = beijingDate(ctx.now())
      const [arrangements, district] = await Promise.all([ctx.store.calendar.arrangements(), ctx.store.staff.districtRole(ctx.openid!)])
      const layered = workingCalendar({ arrangements })
      const known = (year: number) => layered.sourceOf(year) !== 'unknown'
      return {
        today,
        years: statusYears(today).map((year) => {
          const { lines: _lines, ...view } = yearView(
            year,
            arrangements.find((a) => a.year === year),
            layered.sourceOf(year),
          )
          return view
        }),
        awaiting: yearsAwaitingArrangement(today, known).map((year) => ({ year, text: awaitingText(year, !!district) })),
        canEnter: !!district,
      }
    },
  },

  getYear: {
    access: 'signed_in',
    async run({ year }, ctx) {
      await requireDistrict(ctx)
      const arrangements = await ctx.store.calendar.arrangements()
      return yearView(
        year,
        arrangements.find((a) => a.year === year),
        workingCalendar({ arrangements }).sourceOf(year),
      )
    },
  },

  previewYear: {
    access: 'signed_in',
    async run(arrangement, ctx) {
      await requireDistrict(ctx)
      const saved = await storedYear(ctx.store, arrangement.year)
      const bookings = await bookingsOnClosingDates(ctx.store, arrangement, beijingDate(ctx.now()))
      const savedVersion = saved?.version ?? 0
      return {
        ...previewArrangement(arrangement, { saved: saved ?? null, bookings }),
        hash: previewHash(arrangement, savedVersion),
        replacing: !!saved,
        savedVersion,
      }
    },
  },

  saveYear: {
    access: 'signed_in',
    async run({ confirm, ...arrangement }, ctx) {
      const actor = await requireDistrict(ctx)
      const saved = await storedYear(ctx.store, arrangement.year)
      const savedVersion = saved?.version ?? 0
      // The preview confirmed must be of this very arrangement, over what is stored now.
      if (confirm !== previewHash(arrangement, savedVersion)) throw new AppError('CONFLICT', CHANGED)
      const result = await storeArrangement(ctx, arrangement, { openid: actor.openid, name: actor.name, source: 'entered' }, savedVersion)
      if (result.kind === 'changed') throw new AppError('CONFLICT', CHANGED)
      const { record, affected } = result
      await auditDistrict(
        ctx,
        actor,
        'calendar.saveYear',
        'calendar_year',
        String(record.year),
        `${saved ? `替换第 ${savedVersion} 版，` : ''}${record.year} 年放假安排：${arrangementText(record)}`,
      )
      const told = affected.length
        ? `已有 ${affected.length} 个预约落在新的休息日，已给每位办事人发消息请其改约，名单见下方。`
        : '没有预约落在新的休息日。'
      return {
        year: yearView(record.year, record, 'entered'),
        affected,
        notice: `${record.year} 年放假安排已保存（第 ${record.version} 版，${SOURCE_TEXT.entered}），各中心的办公日、预约日期、办理时限和统计即刻按新安排计算。${told}`,
      }
    },
  },
})
