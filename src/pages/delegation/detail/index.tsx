import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { CaseStateTag, CaseTimeline, DeadlineLine } from '@/components/delegation-view'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell } from '@/components/page-shell'
import { RatingCard } from '@/components/rating-card'
import type { CaseDetail } from '@/contract/delegation'
import { momentLabel } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCasePhotos } from '@/hooks/use-delegation-photos'
import { useCenterId } from '@/hooks/use-center'
import { pickPhotos } from '../photos'
import './index.scss'
import { Unbroken } from '@/components/unbroken'

const MAX_PHOTOS = 3

/** A photo chosen for the reply; `id` once uploaded (a retried submit does not upload it twice). */
interface Chosen {
  dataUrl: string
  id?: string
}

/** The 补交材料 reply: what the resident did, with up to 3 photos uploaded one per call. */
function ReplyForm({ c, onDone }: { c: CaseDetail; onDone: (next: CaseDetail) => void }) {
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<Chosen[]>([])
  // The uploads and the reply, one at a time: a second tap meanwhile sends nothing.
  const reply = useAction('delegation')

  const choose = async () => {
    reply.reset()
    try {
      const picked = await pickPhotos(MAX_PHOTOS - photos.length)
      setPhotos((list) => [...list, ...picked.map((dataUrl) => ({ dataUrl }))].slice(0, MAX_PHOTOS))
    } catch {
      reply.fail('照片太大或无法读取，请换一张，或靠近一些重新拍摄')
    }
  }

  const send = async () => {
    if (reply.busy) return
    if (!text.trim()) {
      reply.fail('请写一句说明，例如“户口簿照片见附件”或“明天送到窗口”')
      return
    }
    const uploaded: Chosen[] = []
    for (const p of photos) {
      const id = p.id ?? (await reply.run('uploadPhoto', { centerId: c.centerId, id: c.id, dataUrl: p.dataUrl }))?.photoId
      if (!id) return
      uploaded.push({ ...p, id })
      setPhotos([...uploaded, ...photos.slice(uploaded.length)])
    }
    const next = await reply.run('reply', { centerId: c.centerId, id: c.id, text: text.trim(), photoIds: uploaded.map((p) => p.id!) })
    if (next) onDone(next)
  }

  return (
    <View className="card">
      <Text className="card__title">补交材料</Text>
      <Text className="card__line">拍下缺少的材料一起提交；只写文字（例如“明天送到窗口”）时，要等工作人员确认后才继续办理。</Text>
      <Text className="field__label" id="reply-text">
        说明
      </Text>
      <Textarea
        className="text-area text-area--tall"
        value={text}
        maxlength={500}
        aria-labelledby="reply-text"
        placeholder="例如：户口簿照片见附件"
        onInput={(e) => setText(e.detail.value)}
      />
      {photos.length > 0 && (
        <View className="case-photos">
          {photos.map((p, i) => (
            <View key={i} className="reply-photo">
              <Image
                className="reply-photo__thumb"
                src={p.dataUrl}
                mode="aspectFit"
                aria-label={`已选照片 ${i + 1}`}
                nativeProps={{ alt: `已选照片 ${i + 1}` }}
              />
              <Button
                className="btn reply-photo__remove"
                disabled={reply.busy || undefined}
                onClick={() => setPhotos(photos.filter((_, j) => j !== i))}
              >
                删除照片 {i + 1}
              </Button>
            </View>
          ))}
        </View>
      )}
      {photos.length < MAX_PHOTOS && (
        <Button className="btn btn--block reply-choose" disabled={reply.busy || undefined} onClick={choose}>
          拍照或选择照片（还可以加 {MAX_PHOTOS - photos.length} 张）
        </Button>
      )}
      {reply.failure && (
        <Text className="field__error" {...roleProps('alert')}>
          ⚠ {reply.failure.message}
        </Text>
      )}
      <Button className="btn btn--primary btn--block reply-send" disabled={reply.busy || undefined} onClick={send}>
        {reply.busy ? '正在提交…' : photos.length > 0 ? '提交补交的材料' : '提交说明'}
      </Button>
    </View>
  )
}

/** A case as its resident follows it: where it stands, the promise, what is missing, the result, the rating. */
export default function CaseDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const centerId = useCenterId()
  const loaded = useCall('delegation', 'get', centerId && id ? { centerId, id } : null)
  const [latest, setLatest] = useState<CaseDetail | null>(null)
  const [asking, setAsking] = useState(false)
  const withdrawal = useAction('delegation', 'withdraw')
  usePullDownRefresh(() => {
    setLatest(null)
    loaded.reload()
    Taro.stopPullDownRefresh()
  })

  const c = latest && loaded.data && latest.id === loaded.data.id ? latest : loaded.data
  // A photo that would not open is said where the page's failures are.
  const { photos, show: showPhoto } = useCasePhotos(c?.centerId, c?.id, withdrawal.fail)

  const withdraw = async () => {
    if (!c) return
    const next = await withdrawal.run({ centerId: c.centerId, id: c.id })
    if (!next) return
    setLatest(next)
    setAsking(false)
  }

  return (
    <PageShell loading={loaded.loading && !c} error={loaded.error} onRetry={loaded.reload}>
      {c && (
        <View>
          {params.created === '1' && c.state === 'applied' && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ 已提交，等待窗口受理。受理后开始计算承诺时限。</Text>
            </View>
          )}
          {params.claimed === '1' && (
            <View className="card banner" {...roleProps('status')}>
              <Text className="banner__text">✓ 已关联到您的微信</Text>
            </View>
          )}

          <View className="card">
            <View className="row-spread">
              <Text className="card__title">{c.serviceName}</Text>
              <CaseStateTag state={c.state} text={c.stateText} />
            </View>
            <Text className="card__line">案件编号</Text>
            <Text className="case-no">{c.caseNo}</Text>
            <DeadlineLine deadline={c.deadline} />
            {c.state === 'applied' && <Text className="card__line">工作人员受理后开始计算承诺时限。</Text>}
            <Text className="card__line">
              办事人：{c.applicantName}
              {c.relationName ? `（您的${c.relationName}）` : '（本人）'} · 电话 <Unbroken>{c.phone}</Unbroken>
            </Text>
            <Text className="card__line">交接方式：{c.handoverText}</Text>
            {c.address && <Text className="card__line">上门地址：{c.address}</Text>}
          </View>

          {c.supplement && (
            <View className="card case-missing" {...roleProps('status')}>
              <Text className="card__title">需要您补交材料</Text>
              {c.supplement.missing.map((m) => (
                <Text key={m} className="case-missing__item">
                  · {m}
                </Text>
              ))}
              {c.supplement.note && <Text className="card__line">工作人员说明：{c.supplement.note}</Text>}
              <Text className="card__line">补交材料期间暂停计时。可以在下面拍照提交，也可以把材料带到窗口。</Text>
              {c.supplement.answer && (
                <Text className="card__line case-answer">您已回复：“{c.supplement.answer.text}”。等待工作人员确认材料齐全后继续办理。</Text>
              )}
            </View>
          )}
          {c.canReply && <ReplyForm c={c} onDone={setLatest} />}

          {(c.state === 'concluded' || c.state === 'delivered') && (
            <View className="card">
              <Text className="card__title">办理结果</Text>
              <Text className="card__line">{c.result}</Text>
              {c.handBack && <Text className="card__line case-hand-back">{c.handBack}</Text>}
              {c.state === 'concluded' && c.handover === 'window' && c.pickupCode && (
                <Text className="big-code case-big-code" aria-label={`取件码 ${c.pickupCode.split('').join(' ')}`}>
                  {c.pickupCode}
                </Text>
              )}
            </View>
          )}
          {(c.state === 'withdrawn' || c.state === 'rejected') && c.handBack && (
            <View className="card">
              <Text className="card__line case-hand-back">{c.handBack}</Text>
            </View>
          )}

          {(c.state === 'concluded' || c.state === 'delivered') && <RatingCard centerId={c.centerId} service="case" id={c.id} />}

          <View className="card">
            <Text className="card__title">材料清单</Text>
            {c.materials.map((m) => (
              <View key={m.index} className="case-material">
                <Text className="case-material__name">
                  {m.name}（{m.copies}）
                </Text>
                <Text className="card__line">
                  {m.statusText}
                  {m.reason ? `：${m.reason}` : ''}
                </Text>
              </View>
            ))}
          </View>

          <View className="card">
            <Text className="card__title">办理进度</Text>
            <CaseTimeline events={c.timeline} photos={photos} onShowPhoto={showPhoto} />
          </View>

          {withdrawal.failure && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text>{withdrawal.failure.message}</Text>
            </View>
          )}

          <View className="case-actions">
            <Button className="btn btn--block" onClick={() => Taro.makePhoneCall({ phoneNumber: c.center.phone })}>
              {/* One flex item: the words and the number wrap as one text, the number kept whole. */}
              <Text>
                有疑问？拨打 <Unbroken>{c.center.phone}</Unbroken>
              </Text>
            </Button>
            {c.canWithdraw && !asking && (
              <Button className="btn btn--block btn--danger" onClick={() => setAsking(true)}>
                撤销这件代办
              </Button>
            )}
            {c.canWithdraw && asking && (
              <ConfirmPanel
                question="确定撤销这件代办吗？"
                detail="撤销后工作人员会停止办理；如已把原件交给中心，请到窗口取回。"
                confirmText="确认撤销"
                cancelText="不撤销"
                busy={withdrawal.busy}
                onConfirm={withdraw}
                onCancel={() => setAsking(false)}
              />
            )}
            <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/delegation/mine/index' })}>
              查看我的代办
            </Button>
          </View>
          <Text className="card__line">
            {c.state === 'applied' ? '提交时间' : '受理时间'}：{momentLabel(c.acceptedAt)}
          </Text>
        </View>
      )}
    </PageShell>
  )
}
