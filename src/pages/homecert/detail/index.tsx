import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { HalfDayPicker } from '@/components/half-day-picker'
import { HomecertHeading, HomecertTimeline } from '@/components/homecert-view'
import { PageShell } from '@/components/page-shell'
import { RatingCard } from '@/components/rating-card'
import type { HomecertDetail } from '@/contract/homecert'
import { longDate } from '@/core/beijing-time'
import { INSTEAD, type VisitWindow } from '@/core/home-certification'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'

/** What happens next, in one sentence for the family. */
function nextStep(r: HomecertDetail): string {
  switch (r.status) {
    case 'submitted':
      return r.overdue
        ? '已超过 3 个工作日还没有安排网格员，请拨打中心电话询问。'
        : '等待中心派单，一般 3 个工作日内安排网格员，并打电话与您约定上门时间。'
    case 'assigned':
      return `网格员${r.workerName ?? ''}会打电话与您约定上门时间，请留意来电。`
    case 'scheduled':
      return `网格员${r.workerName ?? ''}将于 ${r.visit?.text ?? ''} 上门。请家中留人，备好老人的身份证原件。`
    case 'visiting':
      return `网格员${r.workerName ?? ''}已出发上门，请家中留人。`
    case 'not_home':
      return `上次上门时家中无人（已 ${r.notHomeCount} 次）。网格员会再联系您约定时间，也可以点“申请改期”选新的时间。`
    case 'certified':
      return `认证通过。下次认证请在 ${r.outcome?.nextDue ? longDate(r.outcome.nextDue) : ''} 前完成，到期前会提醒您。`
    case 'ineligible':
      return `经核实不符合上门条件${r.outcome?.note ? `：${r.outcome.note}` : ''}。${INSTEAD}`
    case 'closed_other':
      return `申请已办结${r.outcome?.note ? `：${r.outcome.note}` : ''}。`
    case 'cancelled':
      return '申请已取消。如仍需上门认证，可以重新申请。'
  }
}

/** A home-certification request as the family follows it: the next step, the visit, every step so far; cancel or ask for another time. */
export default function HomecertDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const centerId = useCenterId()
  const request = useCall('homecert', 'get', centerId && id ? { centerId, id } : null)
  useShownAgain(request.reload)
  const [mode, setMode] = useState<'cancel' | 'reschedule' | null>(null)
  const options = useCall('homecert', 'options', mode === 'reschedule' && centerId ? { centerId } : null)
  const [windows, setWindows] = useState<VisitWindow[]>([])
  const [note, setNote] = useState('')
  const family = useAction('homecert')
  const [done, setDone] = useState<string | null>(null)

  const act = async (what: 'cancel' | 'reschedule') => {
    if (!centerId) return
    if (what === 'reschedule' && windows.length === 0) {
      family.fail('请至少选择 1 个方便上门的时间')
      return
    }
    const answered =
      what === 'cancel'
        ? await family.run('cancel', { centerId, id })
        : await family.run('reschedule', { centerId, id, windows, note: note.trim() || undefined })
    if (!answered) return
    setMode(null)
    setDone(what === 'cancel' ? '✓ 申请已取消' : '✓ 已提交新的方便时间，网格员会重新与您约定')
    request.reload()
  }

  const r = request.data
  return (
    <PageShell loading={request.loading && !r} error={request.error} onRetry={request.reload}>
      {r && (
        <View>
          {params.created === '1' && r.status === 'submitted' && !done && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ 申请已提交</Text>
            </View>
          )}
          {done && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">{done}</Text>
            </View>
          )}

          <View className="card">
            <HomecertHeading title={`${r.elderName}的上门认证`} status={r.status} statusText={r.statusText} overdue={r.overdue} />
            <Text className="card__line">
              编号 <Unbroken>{r.number}</Unbroken> · {r.categoryName} · {r.communityName}
            </Text>
          </View>

          <View className="card hc-next">
            <Text className="card__title">下一步</Text>
            <Text className="hc-next__text">{nextStep(r)}</Text>
          </View>

          {r.worker && (
            <View className="card">
              <Text className="card__title">{r.outcome ? '上门情况' : '上门安排'}</Text>
              <Text className="card__line">网格员：{r.worker.name}</Text>
              {r.worker.phone && (
                <View className="hc-call">
                  <Text className="card__line">
                    {r.worker.centerPhone ? '服务中心电话' : '网格员工作电话'}：<Unbroken>{r.worker.phone}</Unbroken>
                  </Text>
                  <Button className="btn btn--block" onClick={() => Taro.makePhoneCall({ phoneNumber: r.worker!.phone! })}>
                    {/* One flex item: the words and the number wrap as one text, the number kept whole. */}
                    <Text>
                      拨打 <Unbroken>{r.worker.phone}</Unbroken>
                    </Text>
                  </Button>
                </View>
              )}
              {/* With a result, the actual visit is shown; never the agreed day beside it. */}
              {r.outcome ? (
                <>
                  {r.outcome.visitedText && <Text className="card__line">实际上门：{r.outcome.visitedText}</Text>}
                  {r.outcome.methodText && <Text className="card__line">核验方式：{r.outcome.methodText}</Text>}
                  {r.outcome.evidenceNote && <Text className="card__line">核验情况：{r.outcome.evidenceNote}</Text>}
                  {r.outcome.hasPhoto && <Text className="card__line">核验照片：已留存</Text>}
                </>
              ) : (
                <>
                  <Text className="card__line">上门时间：{r.visit ? r.visit.text : '待约定'}</Text>
                  {r.visitNote && <Text className="card__line">说明：{r.visitNote}</Text>}
                </>
              )}
            </View>
          )}

          <View className="card">
            <Text className="card__title">办理进度</Text>
            <HomecertTimeline steps={r.timeline} />
          </View>

          <View className="card">
            <Text className="card__title">老人信息</Text>
            <Text className="card__line">
              {r.elder.name}
              {!r.requester.self && r.requester.relationName ? `（您的${r.requester.relationName}）` : ''}，{r.elder.age} 周岁
            </Text>
            <Text className="card__line">身份证：{r.elder.idNumberMasked}</Text>
            {r.elder.phone && (
              <Text className="card__line">
                手机：<Unbroken>{r.elder.phone}</Unbroken>
              </Text>
            )}
            <Text className="card__line">
              住址：{r.elder.communityName} {r.elder.address}
            </Text>
            {r.disability && (
              <Text className="card__line">
                残疾情况：{r.disability.kind} {r.disability.grade}
              </Text>
            )}
            {r.reason && <Text className="card__line">情况说明：{r.reason}</Text>}
            <Text className="card__line">
              申请人：{r.requester.self ? '您本人' : '您'}（{r.requester.name}），电话 <Unbroken>{r.requester.phone}</Unbroken>
            </Text>
            <Text className="card__line">方便上门：{r.windows.map((w) => w.text).join('、')}</Text>
            {r.note && <Text className="card__line">备注：{r.note}</Text>}
          </View>

          {family.failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text className="failure-card__text">{family.failure.message}</Text>
            </View>
          )}

          {mode === 'reschedule' && (
            <View className="card">
              <Text className="card__title" id="new-windows">
                选择新的方便时间
              </Text>
              {options.loading && <Text className="card__line">正在加载…</Text>}
              {options.error && <Text className="card__line">{options.error.message}</Text>}
              {options.data && (
                <HalfDayPicker
                  dates={options.data.dates}
                  value={windows}
                  max={options.data.maxWindows}
                  onChange={setWindows}
                  labelledBy="new-windows"
                />
              )}
              <Text className="field__label hc-gap" id="reschedule-note">
                说明（可不填）
              </Text>
              <Textarea
                className="text-area"
                value={note}
                maxlength={200}
                aria-labelledby="reschedule-note"
                placeholder="如：那天要去医院复查"
                onInput={(e) => setNote(e.detail.value)}
              />
              <View className="hc-actions hc-gap">
                <Button className="btn btn--primary btn--block" disabled={family.busy || undefined} onClick={() => act('reschedule')}>
                  {family.busy ? '正在提交…' : '提交新的时间'}
                </Button>
                <Button className="btn btn--block" disabled={family.busy || undefined} onClick={() => setMode(null)}>
                  不改了
                </Button>
              </View>
            </View>
          )}

          {mode === 'cancel' && (
            <ConfirmPanel
              question="确定取消这个上门认证申请吗？"
              detail="取消后网格员不会再上门；需要时可以重新申请。"
              confirmText="确认取消"
              cancelText="不取消"
              busy={family.busy}
              onConfirm={() => act('cancel')}
              onCancel={() => setMode(null)}
            />
          )}

          {centerId && ['certified', 'ineligible', 'closed_other'].includes(r.status) && (
            <RatingCard centerId={centerId} service="homecert" id={r.id} />
          )}

          <View className="hc-actions">
            {mode === null && r.actions.includes('request_reschedule') && (
              <Button
                className="btn btn--block"
                onClick={() => {
                  setWindows([])
                  family.reset()
                  setMode('reschedule')
                }}
              >
                申请改期
              </Button>
            )}
            {mode === null && r.actions.includes('cancel') && (
              <Button className="btn btn--block btn--danger" onClick={() => setMode('cancel')}>
                取消申请
              </Button>
            )}
            {(r.status === 'certified' || r.status === 'cancelled' || r.status === 'ineligible' || r.status === 'closed_other') && (
              <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/homecert/form/index' })}>
                新的上门认证申请
              </Button>
            )}
            <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/homecert/mine/index' })}>
              查看我的申请
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  )
}
