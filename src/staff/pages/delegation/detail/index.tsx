import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { CaseStateTag, CaseTimeline, DeadlineLine } from '@/components/delegation-view'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { UndoNote } from '@/components/undo-note'
import type { CaseMaterialStatus, ClaimCode, StaffCaseDetail } from '@/contract/delegation'
import { beijing } from '@/core/beijing-time'
import { groupCode } from '@/core/delegation-codes'
import { CASE_STEPS, isFinal, type CaseStep } from '@/core/delegation-states'
import { useAction, type ActionInput } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCasePhotos } from '@/hooks/use-delegation-photos'
import { useCenterId } from '@/hooks/use-center'
import { useUndoable } from '@/hooks/use-undoable'
import { isOneTap, ONE_TAP_STEPS, StepChooser, StepForm, type OneTapStep } from '@/staff/components/delegation-step-form'
import './index.scss'
import { Unbroken } from '@/components/unbroken'

const MATERIAL_CHOICES: { status: CaseMaterialStatus; name: string }[] = [
  { status: 'received', name: '已收到' },
  { status: 'missing', name: '缺少' },
  { status: 'not_applicable', name: '免交' },
]

const at = (iso: string) => beijing(iso).format('M月D日 HH:mm')

/** The staff steps that answer the case as it now stands. */
type CaseStepAction = 'advance' | 'tickMaterial' | 'logOriginal' | 'reassign'

/** Staff: one case with its checklist, originals, timeline and the steps the clerk may take. */
export default function StaffCaseDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const centerId = useCenterId()
  const loaded = useCall('delegation', 'staffGet', centerId && id ? { centerId, id } : null)
  const clerks = useCall('delegation', 'clerks', centerId ? { centerId } : null)
  const [latest, setLatest] = useState<StaffCaseDetail | null>(null)
  const [step, setStep] = useState<CaseStep | null>(null)
  // One staff action at a time; a refusal is said in words (a field's problem too: the step forms show none).
  const staff = useAction('delegation', { fieldsInMessage: true })
  const busy = staff.busy
  const [done, setDone] = useState<string | null>(null)
  const [phone, setPhone] = useState<string | null>(null)
  const [claim, setClaim] = useState<ClaimCode | null>(null)
  const [original, setOriginal] = useState({ name: '', count: '1' })
  const [assignTo, setAssignTo] = useState(0)
  // A waiver (免交) is asked for its reason before it is sent.
  const [waiving, setWaiving] = useState<{ index: number; reason: string } | null>(null)

  const c = latest && loaded.data && latest.id === loaded.data.id ? latest : loaded.data
  const { photos, show: showPhoto } = useCasePhotos(c?.centerId, c?.id, staff.fail)

  /** Runs a staff step that answers the case, and says what was done. */
  async function act<A extends CaseStepAction>(action: A, input: ActionInput<'delegation', A>, success: string): Promise<boolean> {
    setDone(null)
    const next: StaffCaseDetail | undefined = await staff.run(action, input)
    if (!next) return false
    setLatest(next)
    setStep(null)
    setDone(success)
    return true
  }

  // 受理, 开始办理, 材料已补齐: one tap, sent after a few seconds unless 撤销.
  const oneTap = useUndoable((step: OneTapStep) => c && act('advance', { centerId: c.centerId, id: c.id, step }, ONE_TAP_STEPS[step]))
  const others = (clerks.data ?? []).filter((s) => s.openid !== c?.assignee?.openid)
  const open = c ? !isFinal(c.state) : false

  return (
    <PageShell loading={loaded.loading && !c} error={loaded.error} onRetry={loaded.reload}>
      {c && (
        <View>
          <View className="card">
            <View className="row-spread">
              <Text className="case-no">{c.caseNo}</Text>
              <CaseStateTag state={c.state} text={c.stateText} />
            </View>
            <Text className="card__title">{c.serviceName}</Text>
            <DeadlineLine deadline={c.deadline} />
            <Text className="card__line">
              {c.channel === 'online' ? '网上申请' : '窗口受理'} · {at(c.acceptedAt)} · 时限{' '}
              {c.processingDays === 0 ? '当场办结' : `${c.processingDays} 个工作日`}
            </Text>
            <Text className="card__line">经办人：{c.assignee ? c.assignee.name : '待分派'}</Text>
            {c.lowRating && <Text className="tag tag--bad">差评：{c.levelText}，请主管查看</Text>}
          </View>

          {done && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ {done}</Text>
            </View>
          )}
          {staff.failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text>⚠ {staff.failure.message}</Text>
            </View>
          )}

          {c.supplement && (
            <View className="card case-missing">
              <Text className="card__title">等待居民补交材料（{at(c.supplement.askedAt)} 通知）</Text>
              {c.supplement.missing.map((m) => (
                <Text key={m} className="case-missing__item">
                  · {m}
                </Text>
              ))}
              {c.supplement.answer && (
                <Text className="card__line case-answer">
                  居民 {at(c.supplement.answer.at)} 回复（未附材料）：“{c.supplement.answer.text}”。材料齐全后请点“确认补交的材料已齐”。
                </Text>
              )}
            </View>
          )}

          {oneTap.pending && <UndoNote label={oneTap.pending.label} secondsLeft={oneTap.pending.secondsLeft} onUndo={oneTap.undo} />}
          {c.canAct && c.steps.length > 0 && !step && !oneTap.pending && (
            <StepChooser c={c} onPick={(s) => (isOneTap(s) ? (setDone(null), oneTap.take(s, ONE_TAP_STEPS[s])) : setStep(s))} />
          )}
          {step && (
            <StepForm
              c={c}
              step={step}
              busy={busy}
              onSend={(input) => act('advance', input, `已${CASE_STEPS[input.step].text}`)}
              onCancel={() => setStep(null)}
            />
          )}
          {!c.canAct && <Text className="card__line">该件由{c.assignee?.name ?? '其他工作人员'}经办；需要接手请主管转派。</Text>}

          <View className="card">
            <Text className="card__title">办事人</Text>
            <Text className="card__line">
              {c.applicantName}
              {c.relationName ? `（申请人的${c.relationName}，${c.applicantCheck}）` : `（本人，${c.applicantCheck}）`}
            </Text>
            <View className="row-spread">
              <Text className="card__line">
                电话：<Unbroken>{phone ?? c.phone}</Unbroken>
              </Text>
              {phone ? (
                <Button className="btn" onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
                  拨打
                </Button>
              ) : (
                <Button
                  className="btn"
                  onClick={() => staff.run('revealPhone', { centerId: c.centerId, id: c.id }).then((r) => r && setPhone(r.phone))}
                >
                  查看完整号码
                </Button>
              )}
            </View>
            <Text className="card__line">交接：{c.handoverText}</Text>
            {c.address && <Text className="card__line">地址：{c.address}</Text>}
            <Text className="card__line">需要办理：{c.description}</Text>
            {c.department && <Text className="card__line">报送部门：{c.department}</Text>}
            {c.result && <Text className="card__line">办理结果：{c.result}</Text>}
          </View>

          {!c.linked && open && (
            <View className="card">
              <Text className="card__title">居民微信</Text>
              <Text className="card__line">
                尚未关联。{c.claimExpiresAt ? `领取码有效至 ${beijing(c.claimExpiresAt).subtract(1, 'minute').format('M月D日')}。` : ''}
              </Text>
              {claim && (
                <Text className="big-code case-big-code" aria-label={`领取码 ${claim.code.split('').join(' ')}`}>
                  {groupCode(claim.code)}
                </Text>
              )}
              <Button
                className="btn btn--block"
                onClick={async () => {
                  const code = await staff.run('newClaimCode', { centerId: c.centerId, id: c.id })
                  if (!code) return
                  setClaim(code)
                  loaded.reload()
                }}
              >
                重新生成领取码（旧码作废）
              </Button>
            </View>
          )}

          <View className="card">
            <Text className="card__title">材料清单</Text>
            {c.materials.map((m) => (
              <View key={m.index} className="case-material">
                <Text className="case-material__name">
                  {m.name}（{m.copies}）：{m.statusText}
                </Text>
                {m.reason && <Text className="card__line">免交原因：{m.reason}</Text>}
                {m.byName && m.at && (
                  <Text className="card__line">
                    {m.byName} {at(m.at)} 核对
                  </Text>
                )}
                {c.canAct && open && (
                  <View className="choices choices--wrap case-choices" {...roleProps('radiogroup')} aria-label={`${m.name}的状态`}>
                    {MATERIAL_CHOICES.map((choice) => (
                      <Button
                        key={choice.status}
                        className={`choice choice--grow case-choice material-choice ${m.status === choice.status ? 'choice--on' : ''}`}
                        {...roleProps('radio')}
                        aria-checked={m.status === choice.status}
                        disabled={busy || undefined}
                        onClick={() =>
                          choice.status === 'not_applicable'
                            ? setWaiving({ index: m.index, reason: m.reason ?? '' })
                            : act(
                                'tickMaterial',
                                { centerId: c.centerId, id: c.id, index: m.index, status: choice.status },
                                `${m.name}：${choice.name}`,
                              )
                        }
                      >
                        {m.status === choice.status ? `✓ ${choice.name}` : choice.name}
                      </Button>
                    ))}
                  </View>
                )}
                {waiving?.index === m.index && (
                  <View className="held">
                    <Field
                      id={`waive-${m.index}`}
                      label={`${m.name}免交原因（居民也能看到）`}
                      value={waiving.reason}
                      onChange={(reason) => setWaiving({ index: m.index, reason })}
                      maxlength={100}
                      placeholder="例如：信息已通过部门系统核验"
                    />
                    <View className="case-actions">
                      <Button
                        className="btn btn--primary btn--block"
                        disabled={busy || !waiving.reason.trim() || undefined}
                        onClick={async () => {
                          const sent = await act(
                            'tickMaterial',
                            { centerId: c.centerId, id: c.id, index: m.index, status: 'not_applicable', reason: waiving.reason.trim() },
                            `${m.name}：免交`,
                          )
                          if (sent) setWaiving(null)
                        }}
                      >
                        确认免交
                      </Button>
                      <Button className="btn btn--block" onClick={() => setWaiving(null)}>
                        取消
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            ))}
          </View>

          <View className="card">
            <Text className="card__title">原件登记</Text>
            {c.originals.length === 0 && <Text className="card__line">还没有收取原件。</Text>}
            {c.originals.map((o) => (
              <Text key={o.id} className="card__line">
                {at(o.at)} {o.byName} {o.kind === 'received' ? '收取' : '归还'}：{o.name}×{o.count}
                {o.note ? `（${o.note}）` : ''}
              </Text>
            ))}
            {c.originalsHeld.length > 0 && (
              <View className="held">
                <Text className="field__label">在中心保管中</Text>
                {c.originalsHeld.map((o) => (
                  <View key={o.id} className="row-spread held__item">
                    <Text className="card__line">
                      {o.name}×{o.count}
                    </Text>
                    <Button
                      className="btn"
                      disabled={busy || undefined}
                      onClick={() =>
                        act('logOriginal', { centerId: c.centerId, id: c.id, kind: 'returned', receivedId: o.id }, `已登记归还：${o.name}`)
                      }
                    >
                      登记归还
                    </Button>
                  </View>
                ))}
              </View>
            )}
            {open && (
              <View className="held">
                <Field
                  id="original-name"
                  label="收取原件名称"
                  value={original.name}
                  onChange={(name) => setOriginal({ ...original, name })}
                  maxlength={40}
                  placeholder="例如：户口簿"
                />
                <Field
                  id="original-count"
                  label="份数"
                  value={original.count}
                  onChange={(count) => setOriginal({ ...original, count })}
                  type="number"
                  maxlength={2}
                />
                <Button
                  className="btn btn--block"
                  disabled={busy || !original.name.trim() || undefined}
                  onClick={async () => {
                    if (
                      await act(
                        'logOriginal',
                        {
                          centerId: c.centerId,
                          id: c.id,
                          kind: 'received',
                          name: original.name.trim(),
                          count: Number(original.count) || 1,
                        },
                        `已登记收取：${original.name.trim()}`,
                      )
                    )
                      setOriginal({ name: '', count: '1' })
                  }}
                >
                  登记收取
                </Button>
              </View>
            )}
          </View>

          {c.canAct && open && others.length > 0 && (
            <View className="card">
              <Text className="card__title">转派</Text>
              <Picker
                mode="selector"
                range={others.map((s) => `${s.name}（${s.rolesText}）`)}
                value={assignTo}
                onChange={(e) => setAssignTo(Number(e.detail.value))}
              >
                <View className="choice choice--grow case-choice reassign-picker">
                  转给：{others[assignTo]?.name ?? others[0].name}（点此更换）
                </View>
              </Picker>
              <Button
                className="btn btn--block"
                disabled={busy || undefined}
                onClick={() =>
                  act(
                    'reassign',
                    { centerId: c.centerId, id: c.id, to: (others[assignTo] ?? others[0]).openid },
                    `已转派给${(others[assignTo] ?? others[0]).name}`,
                  )
                }
              >
                确认转派
              </Button>
            </View>
          )}

          {c.rating && (
            <View className="card">
              <Text className="card__title">居民评价</Text>
              <Text className="card__line">{`${c.rating.levelText}${c.rating.reasons.length ? `（${c.rating.reasons.join('、')}）` : ''}`}</Text>
              {c.rating.comment && <Text className="card__line">{c.rating.comment}</Text>}
              {c.rating.followUpText && <Text className="card__line">{`差评回访：${c.rating.followUpText}`}</Text>}
            </View>
          )}

          <View className="card">
            <Text className="card__title">办理记录</Text>
            <CaseTimeline events={c.timeline} photos={photos} onShowPhoto={showPhoto} />
          </View>

          <Button
            className="btn btn--block"
            onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/staff/pages/delegation/list/index' }))}
          >
            返回代办列表
          </Button>
        </View>
      )}
    </PageShell>
  )
}
