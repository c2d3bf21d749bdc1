import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import { Tabs } from '@/components/tabs'
import type { StaffFollowUp } from '@/contract/rating'
import { beijing, monthDay } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import '@/staff/components/admin.scss'
import './index.scss'

type Tab = 'open' | 'answered'
const TABS = [
  { key: 'open', name: '待回复' },
  { key: 'answered', name: '已回复' },
] as const

/** One 差评: what was rated and by whom it was served, the resident's reasons and words, the follow-up and (while open) the answer form. */
function FollowUpCard({ f, centerId, onAnswered }: { f: StaffFollowUp; centerId: string; onAnswered: () => void }) {
  const [text, setText] = useState('')
  const answer = useAction('rating', 'answer', { fieldsInMessage: true })
  const overdue = f.followUp.state === 'overdue'
  const send = async () => {
    if (await answer.run({ centerId, id: f.id, answer: text.trim() })) onAnswered()
  }
  return (
    <View className={`card follow-up ${overdue ? 'follow-up--overdue' : ''}`}>
      <View className="row-spread">
        <Text className="card__title">{`${f.serviceText} · ${f.subjectLabel}`}</Text>
        <Text className={`tag ${overdue ? 'tag--bad' : f.followUp.state === 'answered' ? 'tag--ok' : ''}`}>
          {overdue ? `⚠ ${f.followUp.stateText}` : f.followUp.stateText}
        </Text>
      </View>
      <Text className="card__line">{`评价：${f.levelText}（${beijing(f.at).format('M月D日 HH:mm')}）`}</Text>
      <Text className="card__line">{`原因：${f.reasons.map((r) => r.text).join('、') || '—'}`}</Text>
      {f.comment && <Text className="card__line">{`居民的话：${f.comment}`}</Text>}
      {f.workerName && <Text className="card__line">{`经办：${f.workerName}${f.window ? `（${f.window} 号窗口）` : ''}`}</Text>}
      <Text className="card__line">{`回复期限：${monthDay(f.followUp.due)}${overdue ? '，已超期' : ''}`}</Text>
      {f.followUp.answer ? (
        <View className="follow-up__answer">
          <Text className="card__line">{`回复（${f.followUp.answeredByName ?? ''}，${beijing(f.followUp.answeredAt!).format('M月D日 HH:mm')}）：`}</Text>
          <Text className="card__line">{f.followUp.answer}</Text>
        </View>
      ) : (
        <View>
          <Text className="field__label" id={`answer-${f.id}`}>
            整改情况（居民会在办理页面和“消息”里看到）
          </Text>
          <Textarea
            className="text-area text-area--tall"
            value={text}
            maxlength={500}
            aria-labelledby={`answer-${f.id}`}
            placeholder="例如：已与经办人员谈话，并在该时段加开窗口"
            onInput={(e) => setText(e.detail.value)}
          />
          {answer.failure && (
            <Text className="field__error" {...roleProps('alert')}>
              ⚠ {answer.failure.message}
            </Text>
          )}
          <Button className="btn btn--primary btn--block" disabled={answer.busy || undefined} onClick={send}>
            {answer.busy ? '正在提交…' : '提交回复'}
          </Button>
        </View>
      )}
    </View>
  )
}

/** 差评回访 (admins): every 不满意/非常不满意 with its reasons, open ones (overdue first said so) and answered ones. */
export default function FollowUps() {
  const centerId = useCenterId()
  const [tab, setTab] = useState<Tab>('open')
  const list = useCall('rating', 'followUps', centerId ? { centerId, answered: tab === 'answered' } : null)
  const d = list.data
  return (
    <PageShell loading={list.loading && !d} error={d ? null : list.error} onRetry={list.reload}>
      {d && centerId && (
        <View>
          <View className="card">
            <Text className="card__line">{`待回复 ${d.counts.open} 条，其中已超期 ${d.counts.overdue} 条。差评须在 ${d.followUpWorkingDays} 个工作日内回复（在“规则”中修改）。`}</Text>
          </View>
          <Tabs tabs={TABS} current={tab} onChange={setTab} />
          {d.items.map((f) => (
            <FollowUpCard key={f.id} f={f} centerId={centerId} onAnswered={list.reload} />
          ))}
          {d.items.length === 0 && (
            <View className="card">
              <Text className="card__line">{tab === 'open' ? '没有待回复的差评。' : '还没有回复过的差评。'}</Text>
            </View>
          )}
        </View>
      )}
    </PageShell>
  )
}
