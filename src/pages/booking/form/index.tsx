import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { handOverBooking } from '@/api/handed-over'
import { roleProps } from '@/components/a11y'
import { MaterialsCard } from '@/components/booking-view'
import { ConsentCheck } from '@/components/consent-check'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { PersonFields } from '@/components/person-fields'
import { IdentityCard, RelativeLines } from '@/components/people-view'
import { RelationChoices } from '@/components/relation-choices'
import { RelativePicker } from '@/components/relative-picker'
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '@/core/id-number'
import { personNameProblem } from '@/core/person-name'
import { isMobile } from '@/core/phone'
import type { RelationKey } from '@/core/relations'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import './index.scss'
import { dayLabel } from '@/core/beijing-time'

type Errors = Partial<Record<'name' | 'idNumber' | 'phone' | 'relation' | 'consent' | 'note', string>>

/** Server field paths → the fields on this form. */
const FIELD_OF: Record<string, keyof Errors> = {
  'person.name': 'name',
  'person.idNumber': 'idNumber',
  'person.phone': 'phone',
  relation: 'relation',
  consent: 'consent',
  note: 'note',
}

/** Checks the form the same way the server does, so most mistakes are caught before sending. */
function checkForm(f: {
  name: string
  idNumber: string
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  consent: boolean
  /** A stored person was picked: name and ID number are not typed. */
  picked: boolean
}): Errors {
  const errors: Errors = {}
  const nameProblem = f.picked ? null : personNameProblem(f.name)
  if (nameProblem) errors.name = nameProblem
  const idProblem = f.picked ? null : idNumberProblem(normalizeIdNumber(f.idNumber))
  if (idProblem) errors.idNumber = ID_NUMBER_MESSAGES[idProblem]
  if (!isMobile(f.phone)) errors.phone = '请填写 11 位手机号码'
  if (!f.forSelf && !f.picked && !f.relation) errors.relation = '请选择与办事人的关系'
  if (!f.consent) errors.consent = '请阅读并同意《个人信息保护说明》后再提交'
  return errors
}

/** Step 2 of booking: who is coming, with the privacy consent; submits once however often it is tapped. */
export default function BookingForm() {
  const { params } = useRouter()
  const serviceId = params.serviceId ?? ''
  const date = params.date ?? ''
  const start = params.start ?? ''
  // 候补 instead of a booking: the same form (who comes), joining the line of a full slot or, without `start`, a full day.
  const waitlist = params.waitlist === '1'
  const centerId = useCenterId()
  // The first screen in one call: the service, 本人/亲友 to pick from, and the name and phone last used.
  const form = useCall('booking', 'form', centerId && serviceId ? { centerId, serviceId } : null)

  const [forSelf, setForSelf] = useState(true)
  const [relation, setRelation] = useState<RelationKey | null>(null)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [note, setNote] = useState('')
  const [consent, setConsent] = useState(false)
  // 本人 from 我的身份, a relative from 亲友, or 'new' (typed in; remembered in 亲友 by the server).
  const people = form.data?.people ?? null
  const [relativeId, setRelativeId] = useState<string | null>(null)
  const identity = people?.identity ?? null
  const relative = people?.relatives.find((r) => r.id === relativeId) ?? null
  const personRef = forSelf ? (identity ? 'self' : undefined) : relative?.id
  const typed = !personRef
  // Sends once however often it is tapped; a retry of the same form is the same booking.
  const create = useAction('booking', 'create', { fields: FIELD_OF })
  const join = useAction('booking', 'joinWaitlist', { fields: FIELD_OF })
  const sending = waitlist ? join : create
  const errors: Errors = sending.fieldErrors
  const failure = sending.failure

  // Pre-fill name and phone from the caller's latest booking (the ID number is never sent back); nothing to say when there is none.
  const last = form.data?.lastPerson
  useEffect(() => {
    if (!last) return
    setName((v) => v || last.name)
    setPhone((v) => v || last.phone)
  }, [last])

  const submit = async () => {
    if (sending.busy || !centerId) return
    if (sending.invalid(checkForm({ name, idNumber, phone, forSelf, relation, consent, picked: !typed }))) return
    if (process.env.TARO_ENV === 'weapp' && BOOKING_REMINDER_TEMPLATE) {
      // Asked from the tap itself (WeChat requires it); declining is fine, the booking (or 候补) goes ahead. The
      // offer of a 候补 seat goes out with the same template.
      await Taro.requestSubscribeMessage({ tmplIds: [BOOKING_REMINDER_TEMPLATE], entityIds: [] } as never).catch(() => undefined)
    }
    const who = {
      centerId,
      serviceId,
      date,
      personRef,
      person: typed ? { name, idNumber, phone } : { phone },
      forSelf,
      relation: forSelf ? undefined : (relative?.relation ?? relation ?? undefined),
      consent: true as const,
    }
    if (waitlist) {
      if (await join.run({ ...who, start: start || undefined })) Taro.redirectTo({ url: '/pages/booking/waitlist/index?joined=1' })
      return
    }
    const booking = await create.run({ ...who, start, note: note.trim() || undefined })
    if (!booking) return
    // The answer is the whole booking: the booking page opens on it without asking again.
    handOverBooking(booking)
    Taro.redirectTo({ url: `/pages/booking/detail/index?id=${booking.id}&created=1` })
  }

  const s = form.data?.service
  return (
    <PageShell loading={form.loading && !s} error={form.error} onRetry={form.reload}>
      {s && (
        <View>
          <View className="card">
            <Text className="card__title">{s.name}</Text>
            <Text className="card__line">
              {waitlist ? `候补时间：${dayLabel(date)} ${start || '当天任意时段'}` : `预约时间：${dayLabel(date)} ${start}`}
            </Text>
            {waitlist && <Text className="card__line">排队等候：有人取消时，空位按顺序保留给候补的人，并发消息通知您确认。</Text>}
          </View>

          <View className="card">
            <Text className="field__label" id="for-whom">
              为谁预约
            </Text>
            <View className="choices" {...roleProps('radiogroup')} aria-labelledby="for-whom">
              <Button
                className={`choice choice--grow ${forSelf ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={forSelf}
                onClick={() => setForSelf(true)}
              >
                {forSelf ? '✓ ' : ''}本人
              </Button>
              <Button
                className={`choice choice--grow ${!forSelf ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={!forSelf}
                onClick={() => setForSelf(false)}
              >
                {!forSelf ? '✓ ' : ''}为家人预约
              </Button>
            </View>
            {!forSelf && people && people.relatives.length > 0 && (
              <RelativePicker
                id="relative"
                label="选择亲友"
                relatives={people.relatives}
                value={relativeId}
                onChange={setRelativeId}
                otherText="其他亲友（填写）"
              />
            )}
            {!forSelf && !relative && (
              <RelationChoices id="relation" label="办事人是您的" value={relation} onChange={setRelation} error={errors.relation} />
            )}
          </View>

          <View className="card">
            {!typed && (
              <View>
                <Text className="field__label">办事人</Text>
                {forSelf && identity && <IdentityCard identity={identity} />}
                {!forSelf && relative && <RelativeLines relative={relative} />}
              </View>
            )}
            {typed && (
              <View>
                <PersonFields
                  ids={{ name: 'name', idNumber: 'idNumber' }}
                  nameLabel={forSelf ? '您的姓名' : '办事人姓名'}
                  name={name}
                  idNumber={idNumber}
                  onName={setName}
                  onIdNumber={setIdNumber}
                  errors={errors}
                  idHint="只用于到场核对身份，"
                />
              </View>
            )}
            <Field
              id="phone"
              label="手机号码"
              value={phone}
              onChange={setPhone}
              error={errors.phone}
              type="number"
              maxlength={11}
              placeholder="用于接收提醒"
            />
            {!waitlist && (
              <View>
                <Text className="field__label" id="note-label">
                  备注（可不填）
                </Text>
                <Textarea
                  className="text-area text-area--elder-tall"
                  value={note}
                  maxlength={200}
                  aria-labelledby="note-label"
                  placeholder="如需轮椅、需要手语等"
                  onInput={(e) => setNote(e.detail.value)}
                />
              </View>
            )}
          </View>

          <View className="card">
            <ConsentCheck
              checked={consent}
              onToggle={setConsent}
              error={errors.consent}
              note="为办理预约，我们收集办事人的姓名、身份证号码和手机号码：姓名和身份证号码用于到场核对身份，手机号码用于发送提醒。身份证号码加密保存，页面上只显示部分数字。信息只用于本次办事，不作他用；办结后按规定期限删除。"
            />
          </View>

          {!waitlist && <MaterialsCard materials={s.materials} />}

          {failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text className="failure-card__text failure-card__text--spaced">{failure.message}</Text>
              {(failure.code === 'SLOT_FULL' || failure.code === 'CLOSED') && (
                <Button className="btn btn--block" onClick={() => Taro.navigateBack()}>
                  重新选择时间
                </Button>
              )}
            </View>
          )}

          <Button className="btn btn--primary btn--block submit" disabled={sending.busy || undefined} onClick={submit}>
            {sending.busy ? '正在提交…' : waitlist ? '确认候补' : '确认预约'}
          </Button>
        </View>
      )}
    </PageShell>
  )
}
