import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell } from '@/components/page-shell'
import type { AvailabilitySlot } from '@/contract/booking'
import { monthDay, weekdayName } from '@/core/beijing-time'
import { dateRange, dateStrip } from '@/core/date-strip'
import { leadTimeWords } from '@/core/slots'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { useElderMode } from '@/hooks/use-elder-mode'
import './index.scss'

const half = (start: string) => (start < '12:00' ? '上午' : '下午')

/**
 * Step 1 of booking (and of moving a booking): a strip of the days that can be chosen, each run of closed
 * days one note with its reason (dateStrip), then the day's slots with seats left in words. Moving a
 * booking marks its current slot (`date` and `start` of the link) and does not offer it.
 */
export default function Slots() {
  const { params } = useRouter()
  const serviceId = params.serviceId ?? ''
  const rescheduleId = params.rescheduleId
  // The booking being moved: its slot is marked 当前预约 and not offered again.
  const current = rescheduleId && params.date && params.start ? { date: params.date, start: params.start } : null
  const centerId = useCenterId()
  const availability = useCall('center', 'getAvailability', centerId && serviceId ? { centerId, serviceId } : null)
  const [date, setDate] = useState<string | null>(null)
  // Back from the form (e.g. after 该时段已约满): ask again, so a slot that filled up meanwhile shows 已约满.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) availability.reload()
    shownOnce.current = true
  })
  const reschedule = useAction('booking', 'reschedule')

  const days = useMemo(() => availability.data?.days ?? [], [availability.data])
  const strip = useMemo(() => dateStrip(days), [days])
  const choosable = useMemo(() => {
    const dates = new Set(strip.items.flatMap((i) => (i.kind === 'day' ? [i.date] : [])))
    return days.filter((d) => dates.has(d.date))
  }, [days, strip])
  // Start on the day of the booking being moved, else the first day that still has a free seat.
  useEffect(() => {
    if (date || !choosable.length) return
    const first = choosable.find((d) => d.date === current?.date) ?? choosable.find((d) => d.slots.some((s) => s.available)) ?? choosable[0]
    setDate(first.date)
  }, [choosable, date, current?.date])
  const day = choosable.find((d) => d.date === date)
  const isCurrentAt = (date: string, slot: AvailabilitySlot) => date === current?.date && slot.start === current.start
  const isCurrent = (slot: AvailabilitySlot) => !!day && isCurrentAt(day.date, slot)
  // Slots whose time has passed are left out, with a line saying so; 长辈版 shows fewer choices: those within the
  // lead time too (the rule stays stated above the slots).
  const [elder] = useElderMode()
  const shown = day ? day.slots.filter((s) => isCurrent(s) || !(elder ? s.tooSoon : s.started)) : []
  const hiddenPast = day ? day.slots.length - shown.length : 0
  const currentDay = current && days.find((d) => d.date === current.date)
  const currentEnd = currentDay?.slots.find((s) => s.start === current?.start)?.end
  // Sent here by 预约日不办公 (a closure or the year's arrangement came after the booking): say why it must move.
  const currentClosed = !!currentDay && !currentDay.open
  const lead = availability.data ? leadTimeWords(availability.data.leadMinutes) : ''

  const [target, setTarget] = useState<{ date: string; weekday: string; slot: AvailabilitySlot } | null>(null)

  // 候补: a full slot (not one past its time) can be waited for; so can a whole day with every slot full.
  const waitable = (slot: AvailabilitySlot) => !rescheduleId && !slot.tooSoon && slot.remaining === 0
  const dayFull = !!day && day.open && !rescheduleId && day.slots.some(waitable) && !day.slots.some((s) => s.available)
  const wait = (start?: string) =>
    day &&
    Taro.navigateTo({
      url: `/pages/booking/form/index?serviceId=${serviceId}&date=${day.date}${start ? `&start=${start}` : ''}&waitlist=1`,
    })

  const choose = (slot: AvailabilitySlot) => {
    if (day && waitable(slot)) {
      wait(slot.start)
      return
    }
    if (!day || !slot.available || isCurrent(slot)) return
    if (!rescheduleId) {
      Taro.navigateTo({ url: `/pages/booking/form/index?serviceId=${serviceId}&date=${day.date}&start=${slot.start}` })
      return
    }
    reschedule.reset()
    setTarget({ date: day.date, weekday: day.weekday, slot })
  }

  const move = async () => {
    if (!target || !rescheduleId || !centerId) return
    const moved = await reschedule.run({ centerId, id: rescheduleId, date: target.date, start: target.slot.start })
    if (moved) {
      Taro.redirectTo({ url: `/pages/booking/detail/index?id=${rescheduleId}&moved=1` })
      return
    }
    setTarget(null)
    availability.reload()
  }

  return (
    <PageShell loading={availability.loading && !availability.data} error={availability.error} onRetry={availability.reload}>
      {availability.data && (
        <View>
          <View className="card">
            <Text className="card__title">{availability.data.serviceName}</Text>
            {current && (
              <Text className="card__line current-booking">
                当前预约：{monthDay(current.date)} {weekdayName(current.date)} {current.start}
                {currentEnd ? `–${currentEnd}` : ' 开始'}
              </Text>
            )}
            {currentClosed && (
              <Text className="card__line current-booking">
                这一天{currentDay.reason ? `（${currentDay.reason}）` : ''}不办公，请另选时间。
              </Text>
            )}
            <Text className="card__line">
              {rescheduleId
                ? '改约成功后，原预约才会取消。'
                : choosable.length > 0 &&
                  `可预约 ${dateRange(choosable[0].date, availability.data.lastDate)}，共 ${choosable.length} 个工作日。`}
            </Text>
          </View>

          <Text className="section-title" id="dates-title">
            1. 选择日期
          </Text>
          {strip.before && (
            <View className="dates__before">
              <Text className="dates__before-line">{strip.before.text}。</Text>
              {choosable[0] && (
                <Text className="dates__before-line">
                  最早可约 {monthDay(choosable[0].date)} {choosable[0].weekday}
                </Text>
              )}
            </View>
          )}
          {choosable.length === 0 && (
            <View className="card">
              <Text className="card__line">近期没有可以预约的日期，请过几天再来看看，或拨打中心电话咨询。</Text>
            </View>
          )}
          <ScrollView scrollX className="dates" enhanced showScrollbar={false}>
            <View className="dates__row" {...roleProps('radiogroup')} aria-labelledby="dates-title">
              {strip.items.map((item) => {
                if (item.kind === 'closed')
                  return (
                    <View key={item.from} className="date-gap">
                      {item.spans.map((span) => (
                        <Text key={span.from} className="date-gap__span">
                          <Text className="date-gap__range">{span.range}</Text>
                          <Text className="date-gap__reason">{span.reason}</Text>
                        </Text>
                      ))}
                    </View>
                  )
                const d = choosable.find((c) => c.date === item.date)!
                const free = d.slots.filter((s) => s.available && !isCurrentAt(d.date, s)).length
                const chosen = d.date === date
                return (
                  <Button
                    key={d.date}
                    className={`date ${chosen ? 'date--on' : ''}`}
                    {...roleProps('radio')}
                    aria-checked={chosen}
                    onClick={() => setDate(d.date)}
                  >
                    <Text className="date__day">{monthDay(d.date)}</Text>
                    <Text className="date__weekday">{d.date === availability.data?.today ? `今天 ${d.weekday}` : d.weekday}</Text>
                    <Text className="date__state">{free > 0 ? `${free} 个时段可约` : '已约满'}</Text>
                  </Button>
                )
              })}
            </View>
          </ScrollView>

          <Text className="section-title" id="slots-title">
            2. 选择时段
          </Text>
          <Text className="slots__rule">每个时段需提前 {lead}预约。</Text>
          {target && (
            <ConfirmPanel
              key={`${target.date} ${target.slot.start}`}
              question="改约到这个时间吗？"
              detail={`${monthDay(target.date)} ${target.weekday} ${target.slot.start}–${target.slot.end}`}
              confirmText="确认改约"
              cancelText="再看看"
              busy={reschedule.busy}
              onConfirm={move}
              onCancel={() => setTarget(null)}
            />
          )}
          {reschedule.failure && (
            <View className="card notice notice--bad" {...roleProps('alert')}>
              <Text>{reschedule.failure.message}</Text>
            </View>
          )}
          {day && (
            <View className="slots" {...roleProps('radiogroup')} aria-labelledby="slots-title">
              {hiddenPast > 0 && (
                <Text className="card__line slots__hidden">
                  {elder
                    ? `今天已过时间或开始前不足 ${lead}的 ${hiddenPast} 个时段不再显示。`
                    : `今天已过时间的 ${hiddenPast} 个时段不再显示。`}
                </Text>
              )}
              {shown.map((s) => {
                const mine = isCurrent(s)
                const off = mine || (!s.available && !waitable(s))
                return (
                  <Button
                    key={s.start}
                    className={`slot ${s.available && !mine ? '' : 'slot--off'} ${mine ? 'slot--current' : ''}`}
                    disabled={off || reschedule.busy || undefined}
                    aria-disabled={off || undefined}
                    onClick={() => choose(s)}
                  >
                    <Text className="slot__time">
                      {half(s.start)} {s.start}–{s.end}
                    </Text>
                    <Text className="slot__left">
                      {mine
                        ? '★ 当前预约'
                        : s.available
                          ? `剩余 ${s.remaining} 个号`
                          : waitable(s)
                            ? '已约满 · 点此候补'
                            : (s.note ?? '不可预约')}
                    </Text>
                  </Button>
                )
              })}
              {dayFull && (
                <Button className="btn btn--block" onClick={() => wait()}>
                  当天已约满，候补当天任意时段
                </Button>
              )}
              {day.slots.length === 0 && <Text className="card__line">这一天没有可预约的时段。</Text>}
            </View>
          )}
        </View>
      )}
    </PageShell>
  )
}
