import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell } from '@/components/page-shell'
import type { AvailabilitySlot } from '@/contract/booking'
import { monthDay } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { useElderMode } from '@/hooks/use-elder-mode'
import './index.scss'

const half = (start: string) => (start < '12:00' ? '上午' : '下午')

/**
 * Step 1 of booking (and of moving a booking): a strip of dates, closed days
 * visibly closed with the reason, then the day's slots with seats left in words.
 */
export default function Slots() {
  const { params } = useRouter()
  const serviceId = params.serviceId ?? ''
  const rescheduleId = params.rescheduleId
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
  // Start on the first day that still has a free seat.
  useEffect(() => {
    if (!date && days.length) setDate((days.find((d) => d.slots.some((s) => s.available)) ?? days.find((d) => d.open) ?? days[0]).date)
  }, [days, date])
  const day = days.find((d) => d.date === date)
  // 长辈版 shows fewer choices: slots whose time has passed are left out, with a line saying so.
  const [elder] = useElderMode()
  const shown = day ? day.slots.filter((s) => !elder || s.available || s.remaining === 0) : []
  const hiddenPast = day ? day.slots.length - shown.length : 0

  const [target, setTarget] = useState<{ date: string; weekday: string; slot: AvailabilitySlot } | null>(null)

  // 候补: a full slot (not one past its time) can be waited for; so can a whole day with every slot full.
  const waitable = (slot: AvailabilitySlot) => !rescheduleId && !slot.available && slot.remaining === 0
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
    if (!day || !slot.available) return
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
            <Text className="card__line">
              {rescheduleId
                ? '请选择新的时间，原预约在改约成功后才会取消。'
                : `可预约 ${monthDay(availability.data.today)} 起的 ${days.filter((d) => d.open).length} 个工作日。`}
            </Text>
          </View>

          <Text className="section-title" id="dates-title">
            1. 选择日期
          </Text>
          <ScrollView scrollX className="dates" enhanced showScrollbar={false}>
            <View className="dates__row" {...roleProps('radiogroup')} aria-labelledby="dates-title">
              {days.map((d) => {
                const free = d.slots.filter((s) => s.available).length
                const chosen = d.date === date
                return (
                  <Button
                    key={d.date}
                    className={`date ${chosen ? 'date--on' : ''} ${d.open ? '' : 'date--closed'}`}
                    {...roleProps('radio')}
                    aria-checked={chosen}
                    onClick={() => setDate(d.date)}
                  >
                    <Text className="date__day">{monthDay(d.date)}</Text>
                    <Text className="date__weekday">{d.weekday}</Text>
                    <Text className="date__state">{!d.open ? (d.reason ?? '休息') : free > 0 ? `${free} 个时段可约` : '已约满'}</Text>
                  </Button>
                )
              })}
            </View>
          </ScrollView>

          <Text className="section-title" id="slots-title">
            2. 选择时段
          </Text>
          {target && (
            <ConfirmPanel
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
          {day && !day.open && (
            <View className="card">
              <Text className="card__line">
                {monthDay(day.date)} {day.weekday} 不对外办公（{day.reason ?? '休息'}），请选择其他日期。
              </Text>
            </View>
          )}
          {day && day.open && (
            <View className="slots" {...roleProps('radiogroup')} aria-labelledby="slots-title">
              {hiddenPast > 0 && <Text className="card__line">今天已过时间的 {hiddenPast} 个时段不再显示。</Text>}
              {shown.map((s) => (
                <Button
                  key={s.start}
                  className={`slot ${s.available ? '' : 'slot--off'}`}
                  disabled={(!s.available && !waitable(s)) || reschedule.busy || undefined}
                  aria-disabled={(!s.available && !waitable(s)) || undefined}
                  onClick={() => choose(s)}
                >
                  <Text className="slot__time">
                    {half(s.start)} {s.start}–{s.end}
                  </Text>
                  <Text className="slot__left">
                    {s.available ? `剩余 ${s.remaining} 个号` : waitable(s) ? '已约满 · 点此候补' : (s.note ?? '不可预约')}
                  </Text>
                </Button>
              ))}
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
