import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { TodayBooking } from '../contract/queue'
import { codeFromQrText } from '../core/queue-check-in'
import { useAction } from '../hooks/use-action'
import { roleProps } from './a11y'
import './check-in-entry.scss'

/** The page of a resident's ticket (排号), opened from every check-in entry. */
export const ticketUrl = (id: string) => `/pages/queue/ticket/index?id=${id}`

/**
 * 今天的预约 on 首页 and 我的: time, what, where, where check-in stands, and one big 签到取号. In WeChat the
 * button scans the hall screen's QR and checks in in one go (ticket in hand); in H5 it opens the check-in
 * page, which asks for the code. Nothing when the resident has no booking today (or is not signed in).
 * The items come with the page's own first call (`center.home`), which reloads when the page shows again.
 */
export function TodayBookings({ centerId, items }: { centerId: string | null; items: TodayBooking[] }) {
  if (!centerId || items.length === 0) return null
  return (
    <View className="card today-booking" {...roleProps('region')} aria-label="今天的预约">
      <Text className="card__title">今天的预约</Text>
      {items.map((b) => (
        <TodayItem key={b.bookingId} centerId={centerId} b={b} />
      ))}
    </View>
  )
}

function TodayItem({ centerId, b }: { centerId: string; b: TodayBooking }) {
  const checkIn = useAction('queue', 'checkIn')
  const [scanProblem, setScanProblem] = useState<string | null>(null)
  const s = b.checkIn

  const go = async () => {
    setScanProblem(null)
    if (process.env.TARO_ENV !== 'weapp') {
      Taro.navigateTo({ url: `/pages/queue/check-in/index?bookingId=${b.bookingId}` })
      return
    }
    // WeChat: the hall screen's QR carries the code: scan, check in, and open the ticket in one go.
    let scanned: string | null = null
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      scanned = codeFromQrText(res.result, centerId)
    } catch {
      return // cancelled by the resident: nothing to say
    }
    if (!scanned) {
      setScanProblem('这不是本中心大厅屏幕上的签到二维码，请对准大厅屏幕扫码')
      return
    }
    const t = await checkIn.run({ centerId, bookingId: b.bookingId, code: scanned })
    if (t) Taro.navigateTo({ url: ticketUrl(t.id) })
  }

  return (
    <View className="today-booking__item">
      <TodayBookingLines b={b} />
      {s.ticketId ? (
        <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: ticketUrl(s.ticketId!) })}>
          查看我的排号
        </Button>
      ) : (
        s.canCheckIn && (
          <Button className="btn btn--primary btn--block today-booking__go" disabled={checkIn.busy || undefined} onClick={go}>
            {checkIn.busy ? '正在签到…' : '签到取号'}
          </Button>
        )
      )}
      {(scanProblem || checkIn.failure) && (
        <Text className="field__error" {...roleProps('alert')}>
          ⚠ {scanProblem ?? checkIn.failure?.message}
        </Text>
      )}
    </View>
  )
}

/** A booking of today in words: when and what, where, its state, and what the check-in says now (its lines only). */
export function TodayBookingLines({ b }: { b: TodayBooking }) {
  const s = b.checkIn
  return (
    <>
      <Text className="today-booking__time">
        {b.start}–{b.end} {b.serviceName}
      </Text>
      <Text className="card__line">地点：{b.where}</Text>
      <Text className="card__line">状态：{s.ticketId ? '已签到取号' : b.statusText}</Text>
      {s.message && (
        <Text className="card__line check-in-entry__late" {...roleProps('note')}>
          {s.message}
        </Text>
      )}
    </>
  )
}
