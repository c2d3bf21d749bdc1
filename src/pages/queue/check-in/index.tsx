import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { handOverTicket } from '@/api/handed-over'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { ticketUrl } from '@/components/today-booking'
import type { MyTicket } from '@/contract/queue'
import { checkInFromLinkParams, codeFromQrText } from '@/core/queue-check-in'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import './index.scss'
import { CheckInLanding } from './landing'
import { dayLabel } from '@/core/beijing-time'

/**
 * 签到取号: at the center, the resident proves they are there with the code on
 * the hall screen (typed here; in WeChat, scanned from its QR code) and gets
 * their number. Late arrivals are told plainly that they join as walk-ins.
 * Opened from the hall QR's link (WeChat's 扫一扫, a phone's camera) it comes with the center and the code but no
 * booking: the landing asks which of today's bookings, then opens this page for it with the code filled in.
 */
export default function CheckInPage() {
  const { params } = useRouter()
  const link = params.bookingId ? null : checkInFromLinkParams(params)
  return link ? (
    <CheckInLanding centerId={link.centerId} code={link.code} />
  ) : (
    <CheckInForm bookingId={params.bookingId ?? ''} typed={params.code} />
  )
}

function CheckInForm({ bookingId, typed }: { bookingId: string; typed?: string }) {
  const centerId = useCenterId()
  const ready = centerId && bookingId ? { centerId, bookingId } : null
  const status = useCall('queue', 'checkInStatus', ready)
  const prefilled = typed && /^\d{6}$/.test(typed) ? typed : ''
  const [code, setCode] = useState(prefilled)
  const [disability, setDisability] = useState(false)
  const checkIn = useAction('queue', 'checkIn')
  const [late, setLate] = useState<MyTicket | null>(null)

  // Already checked in (a second visit, or the back button): straight to the ticket, handed over with the answer.
  useEffect(() => {
    const t = status.data?.ticket
    if (!t) return
    handOverTicket(t)
    Taro.redirectTo({ url: ticketUrl(t.id) })
  }, [status.data?.ticket])

  /**
   * 即将到号: in the weapp, asked from the check-in tap itself (WeChat requires a tap); declining is fine, the check-in
   * goes ahead without it. In H5 the 消息 page is the only channel and needs no WeChat permission.
   */
  const askSoon = async (): Promise<boolean> => {
    if (process.env.TARO_ENV !== 'weapp') return true
    if (!QUEUE_SOON_TEMPLATE) return false
    try {
      const answer = await Taro.requestSubscribeMessage({ tmplIds: [QUEUE_SOON_TEMPLATE], entityIds: [] } as never)
      return (answer as unknown as Record<string, unknown>)[QUEUE_SOON_TEMPLATE] === 'accept'
    } catch {
      return false
    }
  }

  const submit = async (typed = code) => {
    if (!centerId) return
    const t = await checkIn.run({ centerId, bookingId, code: typed, disability: disability || undefined, notifySoon: await askSoon() })
    if (!t) {
      status.reload()
      return
    }
    // On time: the ticket page says everything. Late: say the rule here first, once, plainly.
    if (t.notice) setLate(t)
    else {
      handOverTicket(t)
      Taro.redirectTo({ url: ticketUrl(t.id) })
    }
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const scanned = centerId ? codeFromQrText(res.result, centerId) : null
      if (!scanned) {
        checkIn.invalid({ code: '这不是本中心大厅屏幕上的签到二维码，请对准大厅屏幕扫码' })
        return
      }
      setCode(scanned)
      await submit(scanned)
    } catch {
      // Cancelled by the resident: nothing to say.
    }
  }

  const fieldError = checkIn.fieldErrors.code
  // A problem with the code is said beside it; anything else under the form.
  const failure = fieldError ? null : checkIn.failure
  // One call: the check-in as it stands and the booking it is for.
  const s = status.data
  const b = s?.booking
  return (
    <PageShell loading={status.loading && !s} error={status.error} onRetry={status.reload}>
      {b && s && late && (
        <View>
          <View className="card late" {...roleProps('alert')}>
            <Text className="late__title">已为您取号：{late.label}</Text>
            <Text className="late__text">{late.notice}</Text>
          </View>
          <Button className="btn btn--primary btn--block" onClick={() => Taro.redirectTo({ url: ticketUrl(late.id) })}>
            查看我的排号
          </Button>
        </View>
      )}
      {b && s && !late && (
        <View>
          <View className="card">
            <Text className="card__title">{b.serviceName}</Text>
            <Text className="card__line">
              {dayLabel(b.date)} {b.start}–{b.end}
            </Text>
            <Text className="card__line">办事人：{b.personName}</Text>
          </View>

          {s.message && (
            <View className={`card ${s.canCheckIn ? 'late' : 'wait'}`} {...roleProps('status')}>
              <Text className={s.canCheckIn ? 'late__text' : 'wait__text'}>{s.message}</Text>
            </View>
          )}
          {!s.canCheckIn && !s.message && (
            <View className="card wait">
              <Text className="wait__text">这个预约现在不能签到。</Text>
            </View>
          )}

          {s.canCheckIn && (
            <View className="card">
              <Text className="card__title">输入大厅屏幕上的签到码</Text>
              <Text className="card__line">
                {prefilled && code === prefilled
                  ? '签到码已从大厅的二维码带入，直接点“签到取号”即可。'
                  : '签到码显示在中心大厅的叫号屏上，每 5 分钟更换一次。'}
              </Text>
              {process.env.TARO_ENV === 'weapp' && (
                <Button className="btn btn--primary btn--block scan" onClick={scan}>
                  扫描大厅屏幕上的二维码
                </Button>
              )}
              <Field
                id="code"
                label="签到码（6 位数字）"
                type="number"
                maxlength={6}
                placeholder="请输入大厅屏幕上的 6 位数字"
                value={code}
                onChange={(v) => setCode(v.replace(/\D/g, ''))}
                error={fieldError}
              />
              <Button
                className={`check ${disability ? 'check--on' : ''}`}
                {...roleProps('checkbox')}
                aria-checked={disability}
                onClick={() => setDisability(!disability)}
              >
                <Text className="check__box">{disability ? '☑' : '☐'}</Text>
                <Text>办事人持有残疾人证（到窗口出示，优先办理）</Text>
              </Button>
              {failure && (
                <Text className="failure" {...roleProps('alert')}>
                  {failure.message}
                </Text>
              )}
              <Button
                className="btn btn--primary btn--block"
                disabled={checkIn.busy || code.length !== 6 || undefined}
                onClick={() => submit()}
              >
                {checkIn.busy ? '正在签到…' : '签到取号'}
              </Button>
            </View>
          )}
        </View>
      )}
    </PageShell>
  )
}
