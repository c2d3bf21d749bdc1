/** At the counter: check a booking in by its booking code (typed, or its QR scanned in WeChat), or give a walk-in a number. */
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Field } from '@/components/field'
import { isBookingCode, normalizeBookingCode } from '@/core/booking-code'
import { useAction } from '@/hooks/use-action'

export function QueueCounter({
  centerId,
  window,
  services,
  onDone,
}: {
  centerId: string
  window: number
  services: { id: string; name: string }[]
  onDone: () => void
}) {
  const [code, setCode] = useState('')
  const [serviceId, setServiceId] = useState<string | null>(null)
  const [green, setGreen] = useState(false)
  // A walk-in number is a create: a retried 取号 for the same service answers the same ticket.
  const counter = useAction('queue')
  const [done, setDone] = useState<string | null>(null)
  const codeError = counter.fieldErrors.code
  const failure = codeError ? null : counter.failure

  const checkIn = async (typed: string) => {
    setDone(null)
    const t = await counter.run('checkInByCode', { centerId, window, code: typed })
    if (!t) return
    setCode('')
    setDone(
      `已签到：${t.label}（${t.serviceName}${t.personName ? ` · ${t.personName}（${t.personCheck}）` : ''}）${t.late ? '，预约已过时段，按现场取号排队' : ''}`,
    )
    onDone()
  }
  // WeChat: the booking page's QR holds the booking code; one scan checks the booking in.
  const scan = async () => {
    setDone(null)
    let text: string
    try {
      text = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result
    } catch {
      return // cancelled: nothing to say
    }
    if (!isBookingCode(text)) {
      counter.fail('这不是预约二维码，请扫描居民预约页上的二维码，或输入预约码')
      return
    }
    await checkIn(normalizeBookingCode(text))
  }
  const issue = async () => {
    if (!serviceId) return
    setDone(null)
    const r = await counter.run('issueWalkIn', { centerId, serviceId, source: 'clerk', green: green ? 'clerk' : undefined })
    if (!r) return
    setGreen(false)
    setDone(`已取号：${r.ticket.label}（${r.ticket.serviceName}），前面 ${r.ahead} 人`)
    onDone()
  }
  return (
    <View className="card">
      <Text className="card__title">代签到 · 现场取号</Text>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className="btn btn--primary btn--block counter__gap" disabled={counter.busy || undefined} onClick={scan}>
          扫预约二维码签到
        </Button>
      )}
      <Field
        id="booking-code"
        label="预约码"
        placeholder="例如 K7M4QP"
        value={code}
        maxlength={8}
        onChange={(v) => setCode(v.toUpperCase())}
        error={codeError}
        hint="核对办事人身份后，输入其预约码签到"
      />
      <Button className="btn btn--block" disabled={counter.busy || code.length < 6 || undefined} onClick={() => checkIn(code)}>
        签到
      </Button>
      <Text className="card__line counter__gap">为没有预约的办事人取号：</Text>
      <View className="counter__services">
        {services.map((s) => (
          <Button
            key={s.id}
            className={`choice pick ${serviceId === s.id ? 'choice--on' : ''}`}
            aria-pressed={serviceId === s.id}
            onClick={() => setServiceId(s.id)}
          >
            {s.name}
          </Button>
        ))}
      </View>
      <Button className={`choice pick ${green ? 'choice--on' : ''}`} aria-pressed={green} onClick={() => setGreen(!green)}>
        {green ? '☑' : '☐'} 绿色通道（老人、残疾人、孕妇等优先）
      </Button>
      <Button className="btn btn--primary btn--block counter__gap" disabled={counter.busy || !serviceId || undefined} onClick={issue}>
        取号
      </Button>
      <Text className={`desk__note ${failure ? 'desk__note--bad' : ''}`} aria-live="polite">
        {failure?.message ?? done ?? ''}
      </Text>
    </View>
  )
}
