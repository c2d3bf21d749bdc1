import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { devOpenid } from '@/api/session'
import { roleProps } from '@/components/a11y'
import { ConsentCheck } from '@/components/consent-check'
import { Field } from '@/components/field'
import { HalfDayPicker } from '@/components/half-day-picker'
import { PageShell, SignInFirst } from '@/components/page-shell'
import { RelativeLines } from '@/components/people-view'
import { PersonFields } from '@/components/person-fields'
import { RelativePicker } from '@/components/relative-picker'
import { beijingDate } from '@/core/beijing-time'
import { REASON_MIN_CHARS } from '@/core/home-certification'
import { ageOn, birthDateOf, idNumberProblem, normalizeIdNumber } from '@/core/id-number'
import { RELATIONS } from '@/core/relations'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { checkForm, EMPTY, ERROR_KEYS, type FormState } from './form-state'

/** 上门认证申请: the elder, why a visit is needed, who asks, when suits, and the consent; submits once however often it is tapped. */
export default function HomecertForm() {
  const centerId = useCenterId()
  const signedIn = process.env.TARO_ENV === 'weapp' || !!devOpenid()
  const options = useCall('homecert', 'options', centerId ? { centerId } : null)
  const [f, setF] = useState<FormState>(EMPTY)
  // Sends once however often it is tapped; a retry of the same form is the same request.
  const submission = useAction('homecert', 'submit')
  const errors = submission.fieldErrors
  const failure = submission.failure
  /** Changes a field; its problems go away as the person corrects it (and "some fields need fixing" with the last). */
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setF((prev) => ({ ...prev, [key]: value }))
    submission.edited(...ERROR_KEYS[key])
  }
  const [note, setNote] = useState('')

  // 亲友 on file: picking one fills the elder (name and ID number stay on the server) and the relation.
  const relatives = options.data?.relatives ?? []
  const picked = relatives.find((r) => r.id === f.elderRef) ?? null
  const pickElder = (id: string | null) => {
    set('elderRef', id)
    const r = relatives.find((x) => x.id === id)
    if (r) setF((prev) => ({ ...prev, elderRef: r.id, self: false, relation: r.relation }))
  }

  const o = options.data
  const category = o?.categories.find((c) => c.key === f.category)
  const id = normalizeIdNumber(f.elderId)
  const age = idNumberProblem(id) === null ? ageOn(birthDateOf(id), beijingDate()) : null

  const submit = async () => {
    if (submission.busy || !centerId || !o) return
    if (submission.invalid(checkForm(f, o), '有几处需要修改，请看下面带 ⚠ 的提示')) return
    const r = await submission.run({
      centerId,
      elderRef: f.elderRef ?? undefined,
      elder: {
        name: f.elderRef ? undefined : f.elderName,
        idNumber: f.elderRef ? undefined : f.elderId,
        phone: f.elderPhone.trim() || undefined,
        address: f.address,
        communityId: f.communityId!,
      },
      category: f.category!,
      disabilityCertNumber: f.category === 'disabled' ? f.disabilityCert : undefined,
      reason: category?.needs === 'reason' ? f.reason : undefined,
      requester: f.self
        ? { self: true, phone: f.requesterPhone }
        : { self: false, name: f.requesterName, phone: f.requesterPhone, relation: f.relation ?? undefined },
      windows: f.windows,
      note: note.trim() || undefined,
      consent: true,
    })
    if (r) Taro.redirectTo({ url: `/pages/homecert/detail/index?id=${r.id}&created=1` })
  }

  if (!signedIn) return <SignInFirst />

  const windowErrors = Object.entries(errors).filter(([k]) => k === 'windows' || k.startsWith('windows.'))
  const fieldError = (key: string) =>
    errors[key] ? (
      <Text className="field__error hc-error" aria-live="polite">
        ⚠ {errors[key]}
      </Text>
    ) : null

  return (
    <PageShell loading={options.loading && !o} error={options.error} onRetry={options.reload}>
      {o && (
        <View>
          <View className="card">
            <Text className="card__title">上门退休认证</Text>
            <Text className="card__line">
              领取养老金的老人每年要认证一次。行动不便、不能到中心的（高龄、孤寡、残疾、重病），可以申请网格员上门认证。
            </Text>
            <Button className="btn btn--block hc-gap" onClick={() => Taro.navigateTo({ url: '/pages/homecert/mine/index' })}>
              查看我的申请
            </Button>
          </View>

          <Text className="section-title">1. 老人信息</Text>
          <View className="card">
            {relatives.length > 0 && (
              <RelativePicker
                id="elder-pick"
                label="选择亲友"
                relatives={relatives}
                value={f.elderRef}
                onChange={pickElder}
                otherText="其他老人（填写）"
              />
            )}
            {fieldError('elderRef')}
            {picked ? (
              <RelativeLines relative={picked} />
            ) : (
              <PersonFields
                ids={{ name: 'elderName', idNumber: 'elderId' }}
                nameLabel="老人姓名"
                idLabel="老人身份证号码"
                name={f.elderName}
                idNumber={f.elderId}
                onName={(v) => set('elderName', v)}
                onIdNumber={(v) => set('elderId', v)}
                errors={{ name: errors['elder.name'], idNumber: errors['elder.idNumber'] }}
                idHint={age !== null ? `按身份证号码，老人今年 ${age} 周岁。` : '用于核对身份，'}
              />
            )}
            <Field
              id="elderPhone"
              label="老人手机号码（没有可不填）"
              value={f.elderPhone}
              onChange={(v) => set('elderPhone', v)}
              error={errors['elder.phone']}
              type="number"
              maxlength={11}
            />
            <Text className="field__label" id="community-label">
              所在社区/村
            </Text>
            <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="community-label">
              {o.communities.map((c) => (
                <Button
                  key={c.id}
                  className={`choice hc-choice ${f.communityId === c.id ? 'choice--on' : ''}`}
                  {...roleProps('radio')}
                  aria-checked={f.communityId === c.id}
                  onClick={() => set('communityId', c.id)}
                >
                  {f.communityId === c.id ? '✓ ' : ''}
                  {c.name}
                </Button>
              ))}
            </View>
            {fieldError('elder.communityId')}
            <Field
              id="address"
              label="详细住址"
              value={f.address}
              onChange={(v) => set('address', v)}
              error={errors['elder.address']}
              maxlength={100}
              placeholder="小区或村、楼号、门牌号"
            />
          </View>

          <Text className="section-title" id="category-label">
            2. 为什么需要上门
          </Text>
          <View className="card">
            <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="category-label">
              {o.categories.map((c) => (
                <Button
                  key={c.key}
                  className={`choice hc-choice ${f.category === c.key ? 'choice--on' : ''}`}
                  {...roleProps('radio')}
                  aria-checked={f.category === c.key}
                  onClick={() => set('category', c.key)}
                >
                  {f.category === c.key ? '✓ ' : ''}
                  {c.name}
                </Button>
              ))}
            </View>
            {category && <Text className="card__line">{category.hint}</Text>}
            {fieldError('category')}
            {category?.needs === 'disability_cert' && (
              <Field
                id="disabilityCert"
                label="残疾人证号"
                value={f.disabilityCert}
                onChange={(v) => set('disabilityCert', v)}
                error={errors.disabilityCertNumber}
                maxlength={22}
                placeholder="20 位：身份证号码 + 2 位数字"
                hint="在残疾人证第一页，前 18 位就是老人的身份证号码。"
              />
            )}
            {category?.needs === 'reason' && (
              <View>
                <Text className="field__label" id="reason-label">
                  情况说明（至少 {REASON_MIN_CHARS} 个字）
                </Text>
                <Textarea
                  className="text-area"
                  value={f.reason}
                  maxlength={100}
                  aria-labelledby="reason-label"
                  placeholder="如：长期卧床，行走困难"
                  onInput={(e) => set('reason', e.detail.value)}
                />
                {fieldError('reason')}
              </View>
            )}
          </View>

          <Text className="section-title" id="requester-label">
            3. 申请人
          </Text>
          <View className="card">
            <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="requester-label">
              <Button
                className={`choice hc-choice ${!f.self ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={!f.self}
                onClick={() => set('self', false)}
              >
                {!f.self ? '✓ ' : ''}家属代为申请
              </Button>
              <Button
                className={`choice hc-choice ${f.self ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={f.self}
                onClick={() => set('self', true)}
              >
                {f.self ? '✓ ' : ''}老人本人申请
              </Button>
            </View>
            {!f.self && (
              <View>
                <Field
                  id="requesterName"
                  label="您的姓名"
                  value={f.requesterName}
                  onChange={(v) => set('requesterName', v)}
                  error={errors['requester.name']}
                  maxlength={20}
                />
                <Text className="field__label" id="relation-label">
                  老人是您的
                </Text>
                <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="relation-label">
                  {RELATIONS.map((r) => (
                    <Button
                      key={r.key}
                      className={`choice hc-choice ${f.relation === r.key ? 'choice--on' : ''}`}
                      {...roleProps('radio')}
                      aria-checked={f.relation === r.key}
                      onClick={() => set('relation', r.key)}
                    >
                      {f.relation === r.key ? '✓ ' : ''}
                      {r.name}
                    </Button>
                  ))}
                </View>
                {fieldError('requester.relation')}
              </View>
            )}
            <Field
              id="requesterPhone"
              label={f.self ? '联系电话' : '您的手机号码'}
              value={f.requesterPhone}
              onChange={(v) => set('requesterPhone', v)}
              error={errors['requester.phone']}
              type="number"
              maxlength={11}
              hint="网格员会打这个电话约定上门时间。"
            />
          </View>

          <Text className="section-title" id="windows-label">
            4. 方便上门的时间
          </Text>
          <View className="card">
            <Text className="card__line">请选择家中有人的半天，网格员会在其中一个时间上门，或电话与您另约。</Text>
            <HalfDayPicker
              dates={o.dates}
              value={f.windows}
              max={o.maxWindows}
              onChange={(v) => set('windows', v)}
              labelledBy="windows-label"
            />
            {windowErrors.map(([k, message]) => (
              <Text key={k} className="field__error hc-error" aria-live="polite">
                ⚠ {message}
              </Text>
            ))}
            <Text className="field__label hc-gap" id="note-label">
              备注（可不填）
            </Text>
            <Textarea
              className="text-area"
              value={note}
              maxlength={200}
              aria-labelledby="note-label"
              placeholder="如：请先打电话，老人耳背"
              onInput={(e) => setNote(e.detail.value)}
            />
          </View>

          <View className="card">
            <ConsentCheck checked={f.consent} onToggle={(next) => set('consent', next)} note={o.privacyNote} error={errors.consent} />
          </View>

          {failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text className="failure-card__text">{failure.message}</Text>
              {failure.code === 'CONFLICT' && (
                <Button className="btn btn--block hc-gap" onClick={() => Taro.navigateTo({ url: '/pages/homecert/mine/index' })}>
                  查看我的申请
                </Button>
              )}
            </View>
          )}

          <Button className="btn btn--primary btn--block" disabled={submission.busy || undefined} onClick={submit}>
            {submission.busy ? '正在提交…' : '提交申请'}
          </Button>
        </View>
      )}
    </PageShell>
  )
}
