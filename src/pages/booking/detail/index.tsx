import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { takeHandedBooking } from '@/api/handed-over'
import { roleProps } from '@/components/a11y'
import { CheckInEntry } from '@/components/check-in-entry'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell } from '@/components/page-shell'
import { QrCode } from '@/components/qr-code'
import { RatingCard } from '@/components/rating-card'
import { BookingStatusTag, MaterialsCard } from '@/components/booking-view'
import type { BookingDetail } from '@/contract/booking'
import { beijingClock, dayLabel } from '@/core/beijing-time'
import { bookingCalendarFile } from '@/core/ics'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { useShownAgain } from '@/hooks/use-shown-again'
import { openMap } from '@/platform/open-map'
import './index.scss'
import { Unbroken } from '@/components/unbroken'

/** "添加到日历": the phone's calendar in WeChat, an .ics download in the browser. */
async function addToCalendar(b: BookingDetail) {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.addPhoneCalendar({
      title: `${b.serviceName}（预约号 ${b.code}）`,
      startTime: Math.floor(new Date(b.startsAt).getTime() / 1000),
      // Taro's typing says string; WeChat takes the Unix seconds either way.
      endTime: String(Math.floor(new Date(b.endsAt).getTime() / 1000)),
      description: `${b.center.name}，${b.center.address}。请带齐材料，提前到场签到。`,
      location: b.center.address,
      alarm: true,
      alarmOffset: 3600,
    })
    return
  }
  const file = bookingCalendarFile(b, new Date())
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/calendar;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A booking: the code to show at the counter, when and where, what to bring; cancel or move it. */
export default function BookingDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const centerId = useCenterId()
  // Just booked: the form handed over what booking.create answered, and nothing is asked until something changes.
  const [handed] = useState(() => takeHandedBooking(id))
  const [ask, setAsk] = useState(!handed)
  const booking = useCall('booking', 'get', ask && centerId && id ? { centerId, id } : null)
  const cancelling = useAction('booking', 'cancel')
  // Back from 签到取号 (or anywhere): the booking and its check-in as they stand now.
  useShownAgain(() => (ask ? booking.reload() : setAsk(true)))
  const [asking, setAsking] = useState(false)

  const cancel = async () => {
    if (!centerId) return
    if (!(await cancelling.run({ centerId, id }))) return
    setAsking(false)
    if (ask) booking.reload()
    else setAsk(true)
  }

  const b = booking.data ?? (ask ? null : handed)
  return (
    <PageShell loading={booking.loading && !b} error={booking.error} onRetry={booking.reload}>
      {b && (
        <View>
          {params.created === '1' && b.status === 'booked' && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ 预约成功</Text>
            </View>
          )}
          {params.moved === '1' && b.status === 'booked' && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ 改约成功，原时间已取消</Text>
            </View>
          )}

          <View className="card code-card ticket">
            <View className="row-spread code-card__head">
              <Text className="card__title">{b.serviceName}</Text>
              <BookingStatusTag status={b.status} text={b.statusText} />
            </View>
            <Text className="ticket__label">预约码（到窗口出示）</Text>
            <Text className="big-code ticket__code" aria-label={`预约码 ${b.code.split('').join(' ')}`}>
              {b.code}
            </Text>
            {(b.status === 'booked' || b.status === 'checked_in') && <QrCode text={b.code} />}
            <Text className="ticket__when">
              {dayLabel(b.date)} {b.start}–{b.end}
            </Text>
            {b.status === 'booked' && <Text className="card__line">请在 {beijingClock(b.checkInBy)} 前到场签到，过时视为失约。</Text>}
          </View>

          <CheckInEntry bookingId={b.id} checkIn={b.checkIn} />
          {centerId && b.status === 'completed' && <RatingCard centerId={centerId} service="counter" id={b.id} />}

          <View className="card">
            <Text className="card__title">办理地点</Text>
            <Text className="card__line">{b.center.name}</Text>
            <Text className="card__line">{b.center.address}</Text>
            <Text className="card__line">窗口：{b.windows.map((w) => `${w.number} 号（${w.name}）`).join('、')}</Text>
            <Text className="card__line">
              电话：<Unbroken>{b.center.phone}</Unbroken>
            </Text>
            <View className="place-actions">
              <Button
                className="btn"
                onClick={() =>
                  openMap({ name: b.center.name, address: b.center.address, ...b.center.location }).catch(() =>
                    cancelling.fail(`没有打开地图，地址是：${b.center.address}`),
                  )
                }
              >
                导航到中心
              </Button>
              <Button className="btn" onClick={() => Taro.makePhoneCall({ phoneNumber: b.center.phone }).catch(() => undefined)}>
                拨打电话
              </Button>
            </View>
          </View>

          <View className="card">
            <Text className="card__title">办事人</Text>
            <Text className="card__line">
              {b.person.name}
              {b.person.relationName ? `（您的${b.person.relationName}）` : '（本人）'}
            </Text>
            <Text className="card__line">身份证：{b.person.idNumberMasked}</Text>
            <Text className="card__line">
              手机：<Unbroken>{b.person.phone}</Unbroken>
            </Text>
            {b.note && <Text className="card__line">备注：{b.note}</Text>}
          </View>

          <MaterialsCard materials={b.materials} />

          {cancelling.failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text>{cancelling.failure.message}</Text>
            </View>
          )}

          <View className="actions">
            {b.status === 'booked' && (
              <Button
                className="btn btn--block"
                onClick={() => addToCalendar(b).catch(() => cancelling.fail('没有添加到日历，请手动记下预约时间。'))}
              >
                添加到日历
              </Button>
            )}
            {b.canReschedule && (
              <Button
                className="btn btn--block"
                onClick={() =>
                  Taro.navigateTo({
                    url: `/pages/booking/slots/index?serviceId=${b.serviceId}&rescheduleId=${b.id}&date=${b.date}&start=${b.start}`,
                  })
                }
              >
                改约其他时间
              </Button>
            )}
            {b.canCancel && !asking && (
              <Button className="btn btn--block btn--danger" onClick={() => setAsking(true)}>
                取消预约
              </Button>
            )}
            {b.canCancel && asking && (
              <ConfirmPanel
                question="确定取消这个预约吗？"
                detail="取消后这个时间会让给其他人，需要时可以再预约。"
                confirmText="确认取消"
                cancelText="不取消"
                busy={cancelling.busy}
                onConfirm={cancel}
                onCancel={() => setAsking(false)}
              />
            )}
            <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/booking/mine/index' })}>
              查看我的预约
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  )
}
