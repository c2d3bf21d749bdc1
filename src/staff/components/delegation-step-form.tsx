/** The staff's form for one step of a delegated case (帮办代办): what the step needs, then the button that takes it; the steps that end a case are asked again in words. */
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { Field } from '@/components/field'
import type { Input } from '@/contract'
import type { StaffCaseDetail } from '@/contract/delegation'
import { CASE_STEPS, DELIVERY_TEXT, type CaseStep, type DeliveryWay } from '@/core/delegation-states'

type AdvanceInput = Input<'delegation', 'advance'>

/** Steps that end the case for good: asked again in words before they go. */
export const FINAL_STEPS: CaseStep[] = ['withdraw', 'reject']
const DEPARTMENTS = ['区社保中心', '区医保局', '区民政局', '区残联', '区卫健局']

/**
 * Steps that need nothing typed and can be taken back: one tap, then a few seconds to 撤销 before they are sent
 * (useUndoable), instead of a form and a confirmation. 办结 and the steps that end a case keep theirs.
 */
export const ONE_TAP_STEPS = {
  accept: '已受理',
  start: '已开始办理',
  supplement: '已确认补交的材料已齐',
} as const satisfies Partial<Record<CaseStep, string>>
export type OneTapStep = keyof typeof ONE_TAP_STEPS
export const isOneTap = (s: CaseStep): s is OneTapStep => s in ONE_TAP_STEPS

/** What a step is called on the staff side where the table's word would mislead. */
const STEP_LABEL: Partial<Record<CaseStep, string>> = {
  accept: '受理（开始计算承诺时限）',
  supplement: '确认补交的材料已齐',
  withdraw: '按居民要求撤销',
}
export const stepLabel = (s: CaseStep) => STEP_LABEL[s] ?? CASE_STEPS[s].text

/** 办理: the steps the clerk may take now (why 办结 is not among them, if it is not); the first is the usual one. */
export function StepChooser({ c, onPick }: { c: StaffCaseDetail; onPick: (step: CaseStep) => void }) {
  return (
    <View className="card">
      <Text className="card__title">办理</Text>
      {c.concludeRefusal && (
        <Text className="card__line case-blocked" {...roleProps('note')}>
          ⚠ 暂不能办结：{c.concludeRefusal}
        </Text>
      )}
      <View className="case-actions">
        {c.steps.map((s) => (
          <Button
            key={s}
            className={`btn btn--block ${FINAL_STEPS.includes(s) ? 'btn--danger' : s === c.steps[0] ? 'btn--primary' : ''}`}
            onClick={() => onPick(s)}
          >
            {stepLabel(s)}
          </Button>
        ))}
      </View>
    </View>
  )
}

/** The form of one step: what it needs, then the button that takes it. */
export function StepForm({
  c,
  step,
  busy,
  onSend,
  onCancel,
}: {
  c: StaffCaseDetail
  step: CaseStep
  busy: boolean
  onSend: (input: AdvanceInput) => void
  onCancel: () => void
}) {
  const [missing, setMissing] = useState<string[]>(c.materials.filter((m) => m.status === 'missing').map((m) => m.name))
  const [other, setOther] = useState('')
  const [text, setText] = useState('')
  const [department, setDepartment] = useState('')
  const [delivery, setDelivery] = useState<DeliveryWay>(c.handover === 'home_pickup' ? 'home' : 'pickup')
  const [pickupCode, setPickupCode] = useState('')
  const [confirming, setConfirming] = useState(false)
  const base = { centerId: c.centerId, id: c.id }
  const note = text.trim() || undefined

  const input = (): AdvanceInput => {
    switch (step) {
      case 'ask_supplement':
        return { ...base, step, missing: [...missing, ...(other.trim() ? [other.trim()] : [])], note }
      case 'submit':
        return { ...base, step, department: department.trim(), note }
      case 'conclude':
        return { ...base, step, result: text.trim() }
      case 'deliver':
        return { ...base, step, delivery, pickupCode: delivery === 'pickup' && c.linked ? pickupCode : undefined, note }
      case 'withdraw':
      case 'reject':
        return { ...base, step, reason: text.trim() }
      case 'accept':
      case 'start':
      case 'supplement':
        return { ...base, step, note }
    }
  }

  const textLabel =
    { conclude: '办理结果', withdraw: '撤销原因（居民的要求）', reject: '不予受理的原因（会告诉居民）' }[step as string] ?? '备注（可不填）'
  const send = () => (FINAL_STEPS.includes(step) && !confirming ? setConfirming(true) : onSend(input()))

  return (
    <View className="card step-form">
      <Text className="card__title">{stepLabel(step)}</Text>
      {step === 'ask_supplement' && (
        <View>
          <Text className="field__label" id="missing-label">
            缺少哪些材料（点选，可多选）
          </Text>
          <View className="choices choices--wrap choices--column case-choices" {...roleProps('group')} aria-labelledby="missing-label">
            {c.materials.map((m) => {
              const on = missing.includes(m.name)
              return (
                <Button
                  key={m.index}
                  className={`choice choice--grow case-choice ${on ? 'choice--on' : ''}`}
                  {...roleProps('checkbox')}
                  aria-checked={on}
                  onClick={() => setMissing(on ? missing.filter((x) => x !== m.name) : [...missing, m.name])}
                >
                  {on ? '✓ ' : ''}
                  {m.name}
                </Button>
              )
            })}
          </View>
          <Field
            id="missing-other"
            label="其他缺少的材料（可不填）"
            value={other}
            onChange={setOther}
            maxlength={40}
            placeholder="例如：户口簿本人页复印件"
          />
        </View>
      )}
      {step === 'submit' && (
        <View>
          <View className="choices choices--wrap case-choices">
            {DEPARTMENTS.map((d) => (
              <Button
                key={d}
                className={`choice choice--grow case-choice ${department === d ? 'choice--on' : ''}`}
                aria-pressed={department === d}
                onClick={() => setDepartment(d)}
              >
                {department === d ? `✓ ${d}` : d}
              </Button>
            ))}
          </View>
          <Field
            id="department"
            label="报送部门"
            value={department}
            onChange={setDepartment}
            maxlength={40}
            placeholder="点选上面的部门，或直接填写"
          />
        </View>
      )}
      {step === 'deliver' && (
        <View>
          <View className="choices choices--wrap case-choices" {...roleProps('radiogroup')} aria-label="交付方式">
            {(['pickup', 'home'] as DeliveryWay[]).map((way) => (
              <Button
                key={way}
                className={`choice choice--grow case-choice ${delivery === way ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={delivery === way}
                onClick={() => setDelivery(way)}
              >
                {delivery === way ? '✓ ' : ''}
                {DELIVERY_TEXT[way]}
              </Button>
            ))}
          </View>
          {delivery === 'pickup' && c.linked && (
            <Field
              id="pickup-code"
              label="居民出示的取件码"
              value={pickupCode}
              onChange={setPickupCode}
              maxlength={8}
              placeholder="6 位字母和数字"
            />
          )}
          {delivery === 'pickup' && !c.linked && (
            <Text className="card__line">该件未关联居民微信，没有取件码：请核验领取人身份，并在备注里写明。</Text>
          )}
          {c.originalsHeld.length > 0 && (
            <Text className="card__line">同时归还原件：{c.originalsHeld.map((o) => `${o.name}×${o.count}`).join('、')}</Text>
          )}
        </View>
      )}
      <Text className="field__label" id={`step-text-${step}`}>
        {textLabel}
      </Text>
      <Textarea
        className="text-area text-area--tall"
        value={text}
        maxlength={200}
        aria-labelledby={`step-text-${step}`}
        onInput={(e) => setText(e.detail.value)}
      />
      {confirming ? (
        <ConfirmPanel
          question={`确定${CASE_STEPS[step].text}吗？`}
          detail="这一步之后，这件代办就结束了，不能再办理。"
          confirmText={`确认${CASE_STEPS[step].text}`}
          cancelText="再想想"
          busy={busy}
          onConfirm={() => onSend(input())}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <View className="case-actions">
          <Button
            className={`btn btn--block ${FINAL_STEPS.includes(step) ? 'btn--danger' : 'btn--primary'}`}
            disabled={busy || undefined}
            onClick={send}
          >
            {busy ? '正在提交…' : `确认${CASE_STEPS[step].text}`}
          </Button>
          <Button className="btn btn--block" disabled={busy || undefined} onClick={onCancel}>
            取消
          </Button>
        </View>
      )}
    </View>
  )
}
