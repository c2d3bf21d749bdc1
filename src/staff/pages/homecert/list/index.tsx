import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { HomecertHeading } from '@/components/homecert-view'
import { PageShell } from '@/components/page-shell'
import type { HomecertListFilter } from '@/contract/homecert'
import { beijing } from '@/core/beijing-time'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'

const SUPERVISE_FILTERS: [HomecertListFilter, string][] = [
  ['open', '进行中'],
  ['overdue', '已超时'],
  ['submitted', '待派单'],
  ['assigned', '待约定'],
  ['scheduled', '已约定'],
  ['not_home', '未遇'],
  ['certified', '认证通过'],
  ['cancelled', '已取消'],
]

const MINE_FILTERS: [HomecertListFilter, string][] = [
  ['open', '进行中'],
  ['scheduled', '已约定'],
  ['certified', '认证通过'],
]

/**
 * Staff lists of home-certification requests: `view=supervise` for supervisors
 * (by status and community, overdue first), `view=mine` for a grid worker's own visits.
 */
export default function HomecertStaffList() {
  const { params } = useRouter()
  const view = params.view === 'mine' ? 'mine' : 'supervise'
  const centerId = useCenterId()
  const [filter, setFilter] = useState<HomecertListFilter>('open')
  const [communityId, setCommunityId] = useState<string | undefined>(undefined)
  const list = useCall('homecert', 'listForStaff', centerId ? { centerId, view, filter, communityId } : null)
  useDidShow(() => list.reload())
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  const filters = view === 'mine' ? MINE_FILTERS : SUPERVISE_FILTERS
  const data = list.data
  const overdue = data?.items.filter((r) => r.overdue).length ?? 0

  return (
    <PageShell error={list.error} onRetry={list.reload}>
      <View className="card">
        <Text className="card__title">{view === 'mine' ? '我的上门任务' : '上门认证派单'}</Text>
        <Text className="card__line">
          {view === 'mine'
            ? '派给您的上门认证。请在 3 个工作日内与家属约定时间。'
            : '提交后 3 个工作日内未约定上门时间的为“已超时”，排在最前。'}
        </Text>
        {view === 'supervise' && (
          <Button className="btn btn--block hc-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/homecert/due/index' })}>
            认证即将到期的老人
          </Button>
        )}
      </View>

      <Text className="field__label" id="filter-label">
        状态
      </Text>
      <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="filter-label">
        {filters.map(([key, name]) => (
          <Button
            key={key}
            className={`choice hc-choice ${filter === key ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={filter === key}
            onClick={() => setFilter(key)}
          >
            {filter === key ? '✓ ' : ''}
            {name}
          </Button>
        ))}
      </View>

      {view === 'supervise' && data && data.communities.length > 1 && (
        <View>
          <Text className="field__label" id="community-label">
            社区/村
          </Text>
          <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-labelledby="community-label">
            <Button
              className={`choice hc-choice ${!communityId ? 'choice--on' : ''}`}
              {...roleProps('radio')}
              aria-checked={!communityId}
              onClick={() => setCommunityId(undefined)}
            >
              {!communityId ? '✓ ' : ''}全部
            </Button>
            {data.communities.map((c) => (
              <Button
                key={c.id}
                className={`choice hc-choice ${communityId === c.id ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={communityId === c.id}
                onClick={() => setCommunityId(c.id)}
              >
                {communityId === c.id ? '✓ ' : ''}
                {c.name}
              </Button>
            ))}
          </View>
        </View>
      )}

      {list.loading && !data && <Text className="card__line">正在加载…</Text>}
      {data && (
        <Text className="card__line" aria-live="polite">
          共 {data.items.length} 件{overdue > 0 ? `，其中 ${overdue} 件已超时` : ''}
          {data.truncated ? '（只显示前 200 件）' : ''}
        </Text>
      )}
      {data && data.items.length === 0 && (
        <View className="card hc-gap">
          <Text className="card__line">这里没有申请。</Text>
        </View>
      )}
      <View className="hc-gap">
        {data?.items.map((r) => (
          <Button
            key={r.id}
            className="card card-button"
            onClick={() => Taro.navigateTo({ url: `/staff/pages/homecert/detail/index?id=${r.id}` })}
          >
            <HomecertHeading
              title={`${r.elderName}（${r.elderAge} 岁）`}
              status={r.status}
              statusText={r.statusText}
              overdue={r.overdue}
              overdueFirst
            />
            <Text className="card__line">
              {r.communityName} · {r.categoryName} · 编号 <Unbroken>{r.number}</Unbroken>
            </Text>
            <Text className="card__line">
              {r.visit ? `上门：${r.visit.text}` : `${beijing(r.createdAt).format('M月D日 HH:mm')} 提交`}
              {r.workerName ? ` · 网格员${r.workerName}` : ' · 未派单'}
              {r.notHomeCount > 0 ? ` · 未遇 ${r.notHomeCount} 次` : ''}
            </Text>
          </Button>
        ))}
      </View>
    </PageShell>
  )
}
