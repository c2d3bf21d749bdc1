import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { ConfigView } from '@/contract/config'
import { BOOKING_RULE_FIELDS as BOOKING_FIELDS, REMINDER_HOURS, type BookingRules } from '@/core/booking-rules'
import { SOON_AHEAD_RANGE } from '@/core/queue-check-in'
import { HOMECERT_RULE_FIELDS as HOMECERT_FIELDS, type HomecertRules } from '@/core/home-certification'
import { useAction, type ActionInput } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { PickError, TimePick } from '@/staff/components/picker-fields'
import '@/staff/components/admin.scss'

type Texts = Record<string, string>
const texts = (o: object): Texts => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]))
/** A typed number as sent: an empty field goes as "not a number", which the contract says in words. */
const numberOf = (t: string | undefined) => (t === undefined || t.trim() === '' ? NaN : Number(t))
const numbers = (t: Texts, keys: string[]) => Object.fromEntries(keys.map((k) => [k, numberOf(t[k])]))

/** 规则 (admins): booking rules (the reminder time picked), the queue's green-channel age and 即将到号 count, home-certification time limits; each saved with its ranges checked. */
export default function Rules() {
  const centerId = useCenterId()
  const loaded = useCall('config', 'get', centerId ? { centerId } : null)
  const [saved, setSaved] = useState<ConfigView | null>(null)
  const view = saved ?? loaded.data
  const [booking, setBooking] = useState<Texts>({})
  const [homecert, setHomecert] = useState<Texts>({})
  const [greenAge, setGreenAge] = useState('')
  const [soonAhead, setSoonAhead] = useState('')
  const [followUpDays, setFollowUpDays] = useState('')
  const config = useAction('config')
  const { busy, fieldErrors: errors } = config
  const [notice, setNotice] = useState<string | null>(null)
  const message = config.failure ? { ok: false, text: config.failure.message } : notice ? { ok: true, text: notice } : null

  useEffect(() => {
    if (!view) return
    setBooking(texts(view.bookingRules.current))
    setHomecert(texts(view.homecertRules.current))
    setGreenAge(String(view.queueRules.greenAge))
    setSoonAhead(String(view.queueRules.soonAhead))
    setFollowUpDays(String(view.ratingRules.current.followUpWorkingDays))
  }, [view])

  const act = async <A extends 'updateBookingRules' | 'updateQueueRules' | 'updateHomecertRules' | 'updateRatingRules'>(
    action: A,
    input: ActionInput<'config', A>,
  ) => {
    setNotice(null)
    const res = await config.run(action, input)
    if (!res) return
    setSaved(res.config)
    setNotice(res.notice)
  }

  if (!view) return <PageShell loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />

  const said = message && (
    <View className={`card ${message.ok ? 'notice--ok' : 'notice--bad'}`} {...roleProps(message.ok ? 'status' : 'alert')}>
      <Text>{message.ok ? `✓ ${message.text}` : message.text}</Text>
    </View>
  )

  return (
    <PageShell>
      {said}
      <Text className="section-title">预约规则</Text>
      <View className="card">
        {BOOKING_FIELDS.map((f) =>
          f.key === 'reminderFrom' ? (
            <View key={f.key} className={`field ${errors['rules.reminderFrom'] ? 'field--error' : ''}`}>
              <Text className="field__label">{f.label}</Text>
              <TimePick
                id="b-reminderFrom"
                label={f.label}
                value={booking.reminderFrom || view.bookingRules.defaults.reminderFrom}
                start={REMINDER_HOURS.earliest}
                end={REMINDER_HOURS.latest}
                error={errors['rules.reminderFrom']}
                onChange={(t) => {
                  setBooking({ ...booking, reminderFrom: t })
                  config.edited('rules.reminderFrom')
                }}
              />
              {!errors['rules.reminderFrom'] && (
                <Text className="field__hint">{`${REMINDER_HOURS.earliest}–${REMINDER_HOURS.latest}；默认 ${view.bookingRules.defaults.reminderFrom}`}</Text>
              )}
              <PickError error={errors['rules.reminderFrom']} />
            </View>
          ) : (
            <Field
              key={f.key}
              id={`b-${f.key}`}
              label={f.label}
              type="number"
              value={booking[f.key] ?? ''}
              onChange={(v) => setBooking({ ...booking, [f.key]: v })}
              error={errors[`rules.${f.key}`]}
              hint={`${f.hint}；默认 ${view.bookingRules.defaults[f.key]}`}
            />
          ),
        )}
        <Button
          className="btn btn--primary btn--block"
          disabled={busy || undefined}
          onClick={() =>
            act('updateBookingRules', {
              centerId: centerId!,
              rules: {
                ...(numbers(
                  booking,
                  BOOKING_FIELDS.filter((f) => f.key !== 'reminderFrom').map((f) => f.key),
                ) as Omit<BookingRules, 'reminderFrom'>),
                reminderFrom: booking.reminderFrom ?? '',
              },
            })
          }
        >
          保存预约规则
        </Button>
      </View>

      <Text className="section-title">排队叫号</Text>
      <View className="card">
        <Field
          id="q-green"
          label="多少岁以上优先叫号（绿色通道）"
          type="number"
          value={greenAge}
          onChange={setGreenAge}
          error={errors.greenAge}
          hint={`60–100 岁；默认 ${view.queueRules.defaultGreenAge}`}
        />
        <Field
          id="q-soon"
          label="前面还有几人时提醒“即将到号”"
          type="number"
          value={soonAhead}
          onChange={setSoonAhead}
          error={errors.soonAhead}
          hint={`${SOON_AHEAD_RANGE.min}–${SOON_AHEAD_RANGE.max} 人，给同意接收消息的办事人发；默认 ${view.queueRules.defaultSoonAhead}`}
        />
        <Button
          className="btn btn--primary btn--block"
          disabled={busy || undefined}
          onClick={() => act('updateQueueRules', { centerId: centerId!, greenAge: numberOf(greenAge), soonAhead: numberOf(soonAhead) })}
        >
          保存排队叫号规则
        </Button>
      </View>

      <Text className="section-title">上门认证</Text>
      <View className="card">
        {HOMECERT_FIELDS.map((f) => (
          <Field
            key={f.key}
            id={`h-${f.key}`}
            label={f.label}
            type="number"
            value={homecert[f.key] ?? ''}
            onChange={(v) => setHomecert({ ...homecert, [f.key]: v })}
            error={errors[`rules.${f.key}`]}
            hint={`${f.hint}；默认 ${view.homecertRules.defaults[f.key]}`}
          />
        ))}
        <Button
          className="btn btn--primary btn--block"
          disabled={busy || undefined}
          onClick={() =>
            act('updateHomecertRules', {
              centerId: centerId!,
              rules: numbers(
                homecert,
                HOMECERT_FIELDS.map((f) => f.key),
              ) as unknown as HomecertRules,
            })
          }
        >
          保存上门认证规则
        </Button>
      </View>

      <Text className="section-title">好差评</Text>
      <View className="card">
        <Field
          id="r-follow-up"
          label="差评须在几个工作日内回复"
          type="number"
          value={followUpDays}
          onChange={setFollowUpDays}
          error={errors.followUpWorkingDays}
          hint={`1–20 个工作日，从评价的次日算起；默认 ${view.ratingRules.defaults.followUpWorkingDays}`}
        />
        <Button
          className="btn btn--primary btn--block"
          disabled={busy || undefined}
          onClick={() => act('updateRatingRules', { centerId: centerId!, followUpWorkingDays: numberOf(followUpDays) })}
        >
          保存差评回复时限
        </Button>
      </View>
      {said}
    </PageShell>
  )
}
