import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { HomecertHeading, HomecertTimeline } from '@/components/homecert-view'
import { PageShell } from '@/components/page-shell'
import type { HomecertDetail } from '@/contract/homecert'
import { VERIFY_METHOD_TEXT, VERIFY_METHODS, type VerifyMethod } from '@/core/home-certification'
import { pickPhotos } from '@/pages/delegation/photos'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { ScheduleCard } from './schedule-card'
import './index.scss'
import { Unbroken } from '@/components/unbroken'

type Outcome = 'certified' | 'not_home' | 'ineligible' | 'closed_other'

const OUTCOMES: { key: Outcome; action: HomecertDetail['actions'][number]; button: string; question: string; needsNote: boolean }[] = [
  { key: 'certified', action: 'certify', button: '认证通过', question: '确认认证通过吗？认证日期记为今天。', needsNote: false },
  { key: 'not_home', action: 'not_home', button: '上门未遇', question: '确认记为上门未遇吗？之后需要重新约定时间。', needsNote: false },
  {
    key: 'ineligible',
    action: 'ineligible',
    button: '不符合上门条件',
    question: '确认不符合上门条件吗？请写明原因，家属会收到通知。',
    needsNote: true,
  },
  {
    key: 'closed_other',
    action: 'close_other',
    button: '其他情况办结',
    question: '确认办结吗？请写明情况（如已到窗口认证、已静默认证）。',
    needsNote: true,
  },
]

/** A phone number with a call button when it is whole (the assigned worker's view). */
function PhoneLine({ label, phone }: { label: string; phone: string | null }) {
  if (!phone) return null
  const whole = !phone.includes('*')
  return (
    <View className="hc-phone">
      <Text className="card__line">
        {label}：<Unbroken>{phone}</Unbroken>
      </Text>
      {whole && (
        <Button className="btn hc-phone__call" onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
          拨打
        </Button>
      )}
    </View>
  )
}

/** One request for staff: who and where, the family's half-days, and what the caller may do now (assign, agree a time, record the visit). */
export default function HomecertStaffDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const centerId = useCenterId()
  const request = useCall('homecert', 'staffGet', centerId && id ? { centerId, id } : null)
  const r = request.data
  const canSchedule = !!r?.actions.includes('schedule')

  const [worker, setWorker] = useState<string | null>(null)
  // A new key after each step gives the schedule form a fresh start.
  const [formKey, setFormKey] = useState(0)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [outcomeNote, setOutcomeNote] = useState('')
  // 认证通过: how the elder was seen and the evidence; any outcome before the agreed day: why.
  const [method, setMethod] = useState<VerifyMethod | null>(null)
  const [evidenceNote, setEvidenceNote] = useState('')
  const [evidencePhoto, setEvidencePhoto] = useState<string | null>(null)
  const [earlyReason, setEarlyReason] = useState('')
  const staff = useAction('homecert')
  const working = staff.busy
  const [done, setDone] = useState<string | null>(null)

  // Default to the community's responsible worker.
  useEffect(() => {
    if (r && r.assignable.length > 0 && (!worker || !r.assignable.some((w) => w.openid === worker))) setWorker(r.assignable[0].openid)
  }, [r, worker])

  /** After a step: say it, clear the forms, and show the request as it now stands. */
  const stepDone = (what: string) => (answered: unknown) => {
    if (!answered) return
    setDone(what)
    setOutcome(null)
    setOutcomeNote('')
    setMethod(null)
    setEvidenceNote('')
    setEvidencePhoto(null)
    setEarlyReason('')
    setFormKey((k) => k + 1)
    request.reload()
  }

  if (!r || !centerId) return <PageShell loading={request.loading} error={request.error} onRetry={request.reload} />

  const outcomeDef = OUTCOMES.find((o) => o.key === outcome)

  return (
    <PageShell error={request.error} onRetry={request.reload}>
      {done && (
        <View className="card banner" {...roleProps('status')}>
          <Text className="banner__text">✓ {done}</Text>
        </View>
      )}

      <View className="card">
        <HomecertHeading
          title={`${r.elderName}（${r.elderAge} 岁）`}
          status={r.status}
          statusText={r.statusText}
          overdue={r.overdue}
          overdueFirst
        />
        <Text className="card__line">
          编号 <Unbroken>{r.number}</Unbroken> · {r.categoryName} · {r.communityName}
        </Text>
        {r.worker && <Text className="card__line">网格员：{r.worker.name}</Text>}
        {r.visit && <Text className="card__line">上门时间：{r.visit.text}</Text>}
        {r.visitNote && <Text className="card__line">约定说明：{r.visitNote}</Text>}
        {r.notHomeCount > 0 && <Text className="card__line">已未遇 {r.notHomeCount} 次</Text>}
        {r.outcome?.certifiedOn && (
          <Text className="card__line">
            认证日期 {r.outcome.certifiedOn}，下次认证 {r.outcome.nextDue} 前
          </Text>
        )}
        {r.outcome?.visitedText && <Text className="card__line">实际上门：{r.outcome.visitedText}</Text>}
        {r.outcome?.methodText && <Text className="card__line">核验方式：{r.outcome.methodText}</Text>}
        {r.outcome?.evidenceNote && <Text className="card__line">核验情况：{r.outcome.evidenceNote}</Text>}
        {r.outcome?.evidencePhotoUrl && (
          <Image
            className="hc-evidence"
            src={r.outcome.evidencePhotoUrl}
            mode="aspectFit"
            aria-label="核验照片"
            nativeProps={{ alt: '核验照片' }}
          />
        )}
        {r.outcome?.note && <Text className="card__line">说明：{r.outcome.note}</Text>}
      </View>

      <View className="card">
        <Text className="card__title">老人</Text>
        <Text className="card__line">
          身份证：{r.elder.idNumberMasked}（{r.elder.check}，上门时核对原件）
        </Text>
        <Text className="card__line">
          住址：{r.elder.communityName} {r.elder.address}
        </Text>
        <PhoneLine label="老人手机" phone={r.elder.phone} />
        {r.disability && (
          <Text className="card__line">
            残疾情况：{r.disability.kind} {r.disability.grade}
          </Text>
        )}
        {r.reason && <Text className="card__line">情况说明：{r.reason}</Text>}
        <Text className="card__line">
          申请人：{r.requester.name}
          {r.requester.self ? '（老人本人）' : `（老人是申请人的${r.requester.relationName ?? '家人'}）`}
        </Text>
        <PhoneLine label="申请人电话" phone={r.requester.phone} />
        <Text className="card__line">家属方便的时间：{r.windows.map((w) => w.text).join('、')}</Text>
        {r.note && <Text className="card__line">家属备注：{r.note}</Text>}
      </View>

      {staff.failure && (
        <View className="card failure-card" {...roleProps('alert')}>
          <Text className="failure-card__text">{staff.failure.message}</Text>
        </View>
      )}

      {r.actions.includes('assign') && (
        <View className="card">
          <Text className="card__title" id="assign-label">
            {r.workerName ? '改派网格员' : '派单'}
          </Text>
          <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="assign-label">
            {r.assignable.map((w) => (
              <Button
                key={w.openid}
                className={`choice hc-choice ${worker === w.openid ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={worker === w.openid}
                onClick={() => setWorker(w.openid)}
              >
                {worker === w.openid ? '✓ ' : ''}
                {w.name}
                {w.responsible ? '（负责该社区）' : ''}
              </Button>
            ))}
          </View>
          {r.assignable.length === 0 && <Text className="card__line">本中心还没有网格员。</Text>}
          {worker && (
            <Button
              className="btn btn--primary btn--block"
              disabled={working || undefined}
              onClick={() => staff.run('assign', { centerId, id, workerOpenid: worker }).then(stepDone('已派单'))}
            >
              {working ? '正在派单…' : `派单给${r.assignable.find((w) => w.openid === worker)?.name ?? ''}`}
            </Button>
          )}
        </View>
      )}

      {canSchedule && (
        <ScheduleCard
          key={formKey}
          r={r}
          centerId={centerId}
          busy={working}
          onSchedule={(visit) => staff.run('schedule', { centerId, id, ...visit }).then(stepDone('已约定上门时间，家属会收到通知'))}
        />
      )}

      {outcomeDef?.key === 'certified' && (
        <View className="card">
          <Text className="field__label" id="method-label">
            核验方式
          </Text>
          <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="method-label">
            {VERIFY_METHODS.map((m) => (
              <Button
                key={m}
                className={`choice choice--grow ${method === m ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={method === m}
                onClick={() => setMethod(m)}
              >
                {method === m ? `✓ ${VERIFY_METHOD_TEXT[m]}` : VERIFY_METHOD_TEXT[m]}
              </Button>
            ))}
          </View>
          <Text className="field__label" id="evidence-label">
            核验凭证：拍一张照片，或写明核验情况（至少一项）
          </Text>
          <Textarea
            className="text-area"
            value={evidenceNote}
            maxlength={200}
            aria-labelledby="evidence-label"
            placeholder="例如：老人本人在家，核对身份证与本人一致"
            onInput={(e) => setEvidenceNote(e.detail.value)}
          />
          {evidencePhoto ? (
            <View className="hc-evidence-picked">
              <Image
                className="hc-evidence"
                src={evidencePhoto}
                mode="aspectFit"
                aria-label="已选核验照片"
                nativeProps={{ alt: '已选核验照片' }}
              />
              <Button className="btn btn--block" onClick={() => setEvidencePhoto(null)}>
                删除照片
              </Button>
            </View>
          ) : (
            <Button
              className="btn btn--block"
              onClick={async () => {
                try {
                  const [photo] = await pickPhotos(1)
                  if (photo) setEvidencePhoto(photo)
                } catch {
                  staff.fail('照片太大或无法读取，请换一张，或靠近一些重新拍摄')
                }
              }}
            >
              拍照或选择核验照片
            </Button>
          )}
        </View>
      )}
      {outcomeDef && r.visitAhead && (
        <View className="card">
          <Text className="field__label" id="early-label">
            还没到约定的上门日期（{r.visit?.text}），提前记录的原因
          </Text>
          <Textarea
            className="text-area"
            value={earlyReason}
            maxlength={200}
            aria-labelledby="early-label"
            onInput={(e) => setEarlyReason(e.detail.value)}
          />
        </View>
      )}
      {outcomeDef?.needsNote && (
        <View className="card">
          <Text className="field__label" id="outcome-note-label">
            {outcomeDef.button}的原因
          </Text>
          <Textarea
            className="text-area"
            value={outcomeNote}
            maxlength={200}
            aria-labelledby="outcome-note-label"
            onInput={(e) => setOutcomeNote(e.detail.value)}
          />
        </View>
      )}
      {outcomeDef && (
        <ConfirmPanel
          question={outcomeDef.question}
          confirmText={`确认${outcomeDef.button}`}
          cancelText="返回"
          busy={working}
          onConfirm={() =>
            staff
              .run('recordOutcome', {
                centerId,
                id,
                outcome: outcomeDef.key,
                note: outcomeNote.trim() || undefined,
                ...(outcomeDef.key === 'certified'
                  ? {
                      method: method ?? undefined,
                      evidenceNote: evidenceNote.trim() || undefined,
                      evidencePhoto: evidencePhoto ?? undefined,
                    }
                  : {}),
                earlyReason: earlyReason.trim() || undefined,
              })
              .then(stepDone(`已记录：${outcomeDef.button}`))
          }
          onCancel={() => setOutcome(null)}
        />
      )}

      {!outcome && (
        <View className="hc-actions">
          {r.actions.includes('start_visit') && (
            <Button
              className="btn btn--primary btn--block"
              disabled={working || undefined}
              onClick={() => staff.run('startVisit', { centerId, id }).then(stepDone('已开始上门，家属会收到通知'))}
            >
              开始上门
            </Button>
          )}
          {OUTCOMES.filter((o) => r.actions.includes(o.action)).map((o) => (
            <Button
              key={o.key}
              className={`btn btn--block ${o.key === 'certified' ? 'btn--primary' : o.key === 'ineligible' ? 'btn--danger' : ''}`}
              onClick={() => {
                staff.reset()
                setOutcome(o.key)
              }}
            >
              {o.button}
            </Button>
          ))}
        </View>
      )}

      <View className="card hc-gap">
        <Text className="card__title">办理进度</Text>
        <HomecertTimeline steps={r.timeline} />
      </View>
    </PageShell>
  )
}
