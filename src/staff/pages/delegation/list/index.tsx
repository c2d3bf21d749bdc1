import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { CaseStateTag, DeadlineLine } from '@/components/delegation-view'
import { PageShell } from '@/components/page-shell'
import type { Input as CallInput } from '@/contract'
import { CASE_STATE_TEXT, type CaseState } from '@/core/delegation-states'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import './index.scss'
import { Unbroken } from '@/components/unbroken'
import { dayLabel } from '@/core/beijing-time'

type Filters = Omit<CallInput<'delegation', 'staffList'>, 'centerId'>
type StateFilter = NonNullable<Filters['state']>
type DueFilter = NonNullable<Filters['due']>

const STATES: { key: StateFilter; name: string }[] = [
  { key: 'open', name: '未结束' },
  ...(['applied', 'accepted', 'processing', 'needs_supplement', 'submitted', 'concluded'] as CaseState[]).map((s) => ({
    key: s,
    name: CASE_STATE_TEXT[s],
  })),
  { key: 'all', name: '全部' },
]

const ASSIGNEES = [
  { key: undefined, name: '全部经办人' },
  { key: 'me', name: '我经办的' },
  { key: 'unassigned', name: '待分派' },
] as const

/** A filter chip: its state in words (✓) as well as in its border. */
function Chip({ on, onClick, children }: { on: boolean; onClick: () => void; children: string }) {
  return (
    <Button className={`choice choice--grow case-choice case-chip ${on ? 'choice--on' : ''}`} aria-pressed={on} onClick={onClick}>
      {on ? `✓ ${children}` : children}
    </Button>
  )
}

/** Staff: the center's cases with filters, search, and the cases due today or late. */
export default function StaffCaseList() {
  const centerId = useCenterId()
  const [filters, setFilters] = useState<Filters>({ state: 'open' })
  const [typed, setTyped] = useState('')
  const services = useCall('center', 'listServices', centerId ? { centerId } : null)
  const list = useCall('delegation', 'staffList', centerId ? { centerId, ...filters } : null)
  useDidShow(() => list.reload())
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })

  const delegable = (services.data?.services ?? []).filter((s) => s.delegable)
  const serviceNames = ['全部事项', ...delegable.map((s) => s.name)]
  const serviceIndex = filters.serviceId ? delegable.findIndex((s) => s.id === filters.serviceId) + 1 : 0
  const set = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }))
  const toggleDue = (due: DueFilter) => set({ due: filters.due === due ? undefined : due, state: 'open' })
  const counts = list.data?.counts

  return (
    <PageShell error={list.error} onRetry={list.reload}>
      <Button
        className="btn btn--primary btn--block intake-button"
        onClick={() => Taro.navigateTo({ url: '/staff/pages/delegation/intake/index' })}
      >
        窗口受理新件
      </Button>

      {counts && (
        <View className="card due-card">
          <Text className="card__title">今天（{dayLabel(list.data!.today)}）</Text>
          <View className="choices choices--wrap case-choices">
            <Chip on={filters.due === 'overdue'} onClick={() => toggleDue('overdue')}>{`已超期 ${counts.overdue}`}</Chip>
            <Chip on={filters.due === 'today'} onClick={() => toggleDue('today')}>{`今日到期 ${counts.dueToday}`}</Chip>
            <Chip on={filters.due === 'soon'} onClick={() => toggleDue('soon')}>{`1 个工作日内到期 ${counts.dueSoon}`}</Chip>
          </View>
          <View className="choices choices--wrap case-choices">
            <Chip
              on={filters.state === 'applied'}
              onClick={() => set({ state: filters.state === 'applied' ? 'open' : 'applied', due: undefined })}
            >{`网上申请待受理 ${counts.applied}`}</Chip>
            <Chip
              on={filters.assignee === 'unassigned'}
              onClick={() => set({ assignee: filters.assignee === 'unassigned' ? undefined : 'unassigned' })}
            >{`待分派 ${counts.unassigned}`}</Chip>
            <Chip
              on={!!filters.lowRating}
              onClick={() => set({ lowRating: filters.lowRating ? undefined : true, state: filters.lowRating ? 'open' : 'all' })}
            >{`差评待查看 ${counts.lowRating}`}</Chip>
          </View>
        </View>
      )}

      <View className="card">
        <View className="case-search" {...roleProps('search')}>
          <Input
            className="case-search__input"
            type="text"
            value={typed}
            maxlength={20}
            placeholder="案件编号或手机号后 4 位"
            aria-label="按案件编号或手机号后 4 位查找"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => set({ q: typed.trim() || undefined })}
          />
          <Button className="btn btn--primary" onClick={() => set({ q: typed.trim() || undefined })}>
            查找
          </Button>
        </View>
        {filters.q && (
          <Text
            className="link"
            onClick={() => {
              setTyped('')
              set({ q: undefined })
            }}
          >
            清除查找“{filters.q}”
          </Text>
        )}
        <Text className="field__label">状态</Text>
        <View className="choices choices--wrap case-choices" {...roleProps('group')} aria-label="按状态筛选">
          {STATES.map((s) => (
            <Chip key={s.key} on={filters.state === s.key} onClick={() => set({ state: s.key, due: undefined })}>
              {s.name}
            </Chip>
          ))}
        </View>
        <Text className="field__label">经办人</Text>
        <View className="choices choices--wrap case-choices" {...roleProps('group')} aria-label="按经办人筛选">
          {ASSIGNEES.map((a) => (
            <Chip key={a.name} on={filters.assignee === a.key} onClick={() => set({ assignee: a.key })}>
              {a.name}
            </Chip>
          ))}
        </View>
        <Text className="field__label">事项</Text>
        <Picker
          mode="selector"
          range={serviceNames}
          value={serviceIndex}
          onChange={(e) => set({ serviceId: Number(e.detail.value) === 0 ? undefined : delegable[Number(e.detail.value) - 1]?.id })}
        >
          <View className="choice choice--grow case-choice case-picker">{serviceNames[serviceIndex]}（点此更换）</View>
        </Picker>
      </View>

      {list.loading && !list.data && <Text className="card__line">正在加载…</Text>}
      {list.data && list.data.items.length === 0 && (
        <View className="card">
          <Text className="card__line">没有符合条件的代办件。</Text>
        </View>
      )}
      {list.data?.truncated && <Text className="card__line">只显示最新的 200 件，请用筛选或查找缩小范围。</Text>}
      {list.data?.items.map((c) => (
        <Button
          key={c.id}
          className="card card-button"
          onClick={() => Taro.navigateTo({ url: `/staff/pages/delegation/detail/index?id=${c.id}` })}
        >
          <View className="row-spread">
            <Text className="case-no">{c.caseNo}</Text>
            <CaseStateTag state={c.state} text={c.stateText} />
          </View>
          <Text className="card__title">{c.serviceName}</Text>
          <Text className="card__line">
            {c.applicantName} · <Unbroken>{c.phone}</Unbroken> · {c.channel === 'online' ? '网上申请' : '窗口受理'}
            {c.linked ? '' : ' · 未关联微信'}
          </Text>
          <Text className="card__line">经办人：{c.assignee ? c.assignee.name : '待分派'}</Text>
          {c.lowRating && <Text className="tag tag--bad">差评：{c.levelText}，请主管查看</Text>}
          <DeadlineLine deadline={c.deadline} />
        </Button>
      ))}
    </PageShell>
  )
}
