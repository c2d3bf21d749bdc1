import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ServiceSummary } from '../contract/center'
import { HANDOVER_TEXT, type HandoverWay } from '../core/delegation-states'
import { personNameProblem } from '../core/person-name'
import { isMobile } from '../core/phone'
import { RELATIONS, type RelationKey } from '../core/relations'
import type { ActionInput, ActionRunner } from '../hooks/use-action'
import { roleProps } from './a11y'
import { ConsentCheck } from './consent-check'
// Before ./field, so every page that loads both gets the two stylesheets in one order.
import './delegation-view.scss'
import { Field } from './field'

/** What the form sends: the same for the online application and the counter intake. */
export type CaseFormValues = ActionInput<'delegation', 'create'>

type FieldName = 'serviceId' | 'applicantName' | 'phone' | 'relation' | 'description' | 'address' | 'consent'
type Errors = Partial<Record<FieldName, string>>

interface CaseFormProps<Out> {
  centerId: string
  /** Delegable services to choose from. */
  services: ServiceSummary[]
  initialServiceId?: string
  /** Who fills it in: the resident for themselves or family, or a clerk for the resident at the counter. */
  mode: 'resident' | 'counter'
  submitText: string
  /** The page's action (`useAction('delegation', 'create' | 'intake')`): the form runs it and shows its failure and field problems. */
  action: ActionRunner<CaseFormValues, Out>
  onDone: (result: Out) => void
}

/** Checks the form as the server does, so most mistakes show before sending. */
function checkForm(v: {
  serviceId: string
  applicantName: string
  phone: string
  forSelf: boolean
  relation: RelationKey | null
  description: string
  handover: HandoverWay
  address: string
  consent: boolean
}): Errors {
  const errors: Errors = {}
  if (!v.serviceId) errors.serviceId = '请选择要办理的事项'
  const nameProblem = personNameProblem(v.applicantName)
  if (nameProblem) errors.applicantName = nameProblem
  if (!isMobile(v.phone)) errors.phone = '请填写 11 位手机号码'
  if (!v.forSelf && !v.relation) errors.relation = '请选择与办事人的关系'
  if (!v.description.trim()) errors.description = '请写明需要办理的内容'
  if (v.handover === 'home_pickup' && !v.address.trim()) errors.address = '请填写上门收取材料的地址'
  if (!v.consent) errors.consent = '请确认已阅读并同意《个人信息保护说明》'
  return errors
}

/**
 * The case form, the same online and at the counter: which service, for whom,
 * contact, what to do, how the originals change hands, consent. Submits once
 * however often it is tapped (useAction: one request id per submission, kept across retries).
 */
export function CaseForm<Out>({ centerId, services, initialServiceId, mode, submitText, action, onDone }: CaseFormProps<Out>) {
  const [serviceId, setServiceId] = useState(initialServiceId && services.some((s) => s.id === initialServiceId) ? initialServiceId : '')
  const [choosing, setChoosing] = useState(!serviceId)
  const [forSelf, setForSelf] = useState(true)
  const [relation, setRelation] = useState<RelationKey | null>(null)
  const [applicantName, setApplicantName] = useState('')
  const [phone, setPhone] = useState('')
  const [description, setDescription] = useState('')
  const [handover, setHandover] = useState<HandoverWay>('window')
  const [address, setAddress] = useState('')
  const [consent, setConsent] = useState(false)
  const errors: Errors = action.fieldErrors
  const service = services.find((s) => s.id === serviceId)
  /** A setter that also clears the field's error: the message goes once the person acts on it. */
  const edit =
    <T,>(name: FieldName, set: (v: T) => void) =>
    (v: T) => {
      set(v)
      action.edited(name)
    }

  const submit = async () => {
    if (action.busy) return
    if (
      action.invalid(
        checkForm({ serviceId, applicantName, phone, forSelf, relation, description, handover, address, consent }),
        '请按提示修改后再提交',
      )
    )
      return
    const result = await action.run({
      centerId,
      serviceId,
      forSelf,
      relation: forSelf ? undefined : (relation ?? undefined),
      applicantName,
      phone,
      description: description.trim(),
      handover,
      address: handover === 'home_pickup' ? address.trim() : undefined,
      consent: true,
    })
    if (result) onDone(result)
  }

  const errorLine = (name: FieldName) =>
    errors[name] ? (
      <Text className="field__error" aria-live="polite">
        ⚠ {errors[name]}
      </Text>
    ) : null

  return (
    <View className="case-form">
      <View className="card">
        <Text className="field__label" id="case-service">
          办理事项
        </Text>
        {service && !choosing ? (
          <View className="row-spread">
            <Text className="card__title">{service.name}</Text>
            <Button className="btn" onClick={() => setChoosing(true)}>
              更换
            </Button>
          </View>
        ) : (
          <View className="choices choices--wrap choices--column case-choices" {...roleProps('radiogroup')} aria-labelledby="case-service">
            {services.map((s) => (
              <Button
                key={s.id}
                className={`choice choice--grow case-choice ${s.id === serviceId ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={s.id === serviceId}
                onClick={() => {
                  edit('serviceId', setServiceId)(s.id)
                  setChoosing(false)
                }}
              >
                {s.id === serviceId ? '✓ ' : ''}
                {s.name}
              </Button>
            ))}
          </View>
        )}
        {service && (
          <Text className="card__line">
            办理时限：
            {service.processingDays === 0 ? '材料齐全当场办结' : `${service.processingDays} 个工作日（从受理之日起算，补交材料期间暂停）`}
          </Text>
        )}
        {errorLine('serviceId')}
      </View>

      <View className="card">
        <Text className="field__label" id="case-for-whom">
          为谁办理
        </Text>
        <View className="choices choices--wrap case-choices" {...roleProps('radiogroup')} aria-labelledby="case-for-whom">
          <Button
            className={`choice choice--grow case-choice ${forSelf ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={forSelf}
            onClick={() => setForSelf(true)}
          >
            {forSelf ? '✓ ' : ''}
            {mode === 'counter' ? '来办的居民本人' : '本人'}
          </Button>
          <Button
            className={`choice choice--grow case-choice ${!forSelf ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={!forSelf}
            onClick={() => setForSelf(false)}
          >
            {!forSelf ? '✓ ' : ''}
            {mode === 'counter' ? '替家人办理' : '为家人办理'}
          </Button>
        </View>
        {!forSelf && (
          <View>
            <Text className="field__label" id="case-relation">
              办事人是{mode === 'counter' ? '来办居民' : '您'}的
            </Text>
            <View className="choices choices--wrap case-choices" {...roleProps('radiogroup')} aria-labelledby="case-relation">
              {RELATIONS.map((r) => (
                <Button
                  key={r.key}
                  className={`choice choice--grow case-choice ${relation === r.key ? 'choice--on' : ''}`}
                  {...roleProps('radio')}
                  aria-checked={relation === r.key}
                  onClick={() => edit('relation', setRelation)(r.key)}
                >
                  {relation === r.key ? '✓ ' : ''}
                  {r.name}
                </Button>
              ))}
            </View>
            {errorLine('relation')}
          </View>
        )}
        <Field
          id="applicantName"
          label="办事人姓名"
          value={applicantName}
          onChange={edit('applicantName', setApplicantName)}
          error={errors.applicantName}
          maxlength={20}
          placeholder="与身份证一致"
        />
        <Field
          id="phone"
          label="联系电话"
          value={phone}
          onChange={edit('phone', setPhone)}
          error={errors.phone}
          type="number"
          maxlength={11}
          placeholder="工作人员用它联系您"
        />
      </View>

      <View className="card">
        <Text className="field__label" id="case-description">
          需要办理的内容
        </Text>
        <Textarea
          className="text-area text-area--tall"
          value={description}
          maxlength={500}
          aria-labelledby="case-description"
          placeholder="例如：父亲行动不便，请帮忙申请领取养老金"
          onInput={(e) => edit('description', setDescription)(e.detail.value)}
        />
        {errorLine('description')}
        <Text className="field__label" id="case-handover">
          原件怎么交接
        </Text>
        <View className="choices choices--wrap choices--column case-choices" {...roleProps('radiogroup')} aria-labelledby="case-handover">
          {(['window', 'home_pickup'] as HandoverWay[]).map((way) => (
            <Button
              key={way}
              className={`choice choice--grow case-choice ${handover === way ? 'choice--on' : ''}`}
              {...roleProps('radio')}
              aria-checked={handover === way}
              onClick={() => setHandover(way)}
            >
              {handover === way ? '✓ ' : ''}
              {HANDOVER_TEXT[way]}
            </Button>
          ))}
        </View>
        {handover === 'home_pickup' && (
          <Field
            id="address"
            label="上门地址"
            value={address}
            onChange={edit('address', setAddress)}
            error={errors.address}
            maxlength={100}
            placeholder="社区、楼号、单元、门牌号"
          />
        )}
      </View>

      <View className="card">
        <ConsentCheck
          checked={consent}
          onToggle={edit('consent', setConsent)}
          label={mode === 'counter' ? '已向办事人说明《个人信息保护说明》并取得同意' : undefined}
          note="姓名和电话只用于办理本件和联系办事人；照片只给经办人员查看，办结后按规定期限删除。"
          noteAlwaysShown
          error={errors.consent}
        />
      </View>

      {action.failure && (
        <View className="card failure-card" {...roleProps('alert')}>
          <Text>{action.failure.message}</Text>
        </View>
      )}

      <Button className="btn btn--primary btn--block" disabled={action.busy || undefined} onClick={submit}>
        {action.busy ? '正在提交…' : submitText}
      </Button>
    </View>
  )
}
