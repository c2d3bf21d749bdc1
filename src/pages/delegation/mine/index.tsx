import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { devOpenid } from '@/api/session'
import { CaseStateTag, DeadlineLine } from '@/components/delegation-view'
import { PageShell } from '@/components/page-shell'
import { Tabs } from '@/components/tabs'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'

const TABS = [
  { key: 'active', name: '办理中', empty: '没有正在办理的代办。' },
  { key: 'done', name: '已结束', empty: '还没有已结束的代办。' },
] as const

/** 我的代办: the caller's cases, each a tap away from where it stands and what is missing. */
export default function MyCases() {
  const centerId = useCenterId()
  const [tab, setTab] = useState<'active' | 'done'>('active')
  const signedIn = process.env.TARO_ENV === 'weapp' || !!devOpenid()
  const list = useCall('delegation', 'listMine', centerId && signedIn ? { centerId, tab } : null)
  useShownAgain(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  const current = TABS.find((t) => t.key === tab)!

  return (
    <PageShell error={list.error} onRetry={list.reload}>
      <View className="card">
        <Text className="card__title">帮办代办</Text>
        <Text className="card__line">工作人员帮您准备材料、跑部门，办好后通知您领取或送上门。</Text>
        <View className="case-actions">
          <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: '/pages/delegation/form/index' })}>
            申请帮办代办
          </Button>
          <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/delegation/claim/index' })}>
            在窗口办的？输入领取码
          </Button>
        </View>
      </View>

      {!signedIn ? (
        <View className="card">
          <Text className="card__line">请先在“我的”中选择一个演示身份。</Text>
        </View>
      ) : (
        <View>
          <Tabs tabs={TABS} current={tab} onChange={setTab} look="choices" tabClassName="case-choice" />
          {list.loading && !list.data && <Text className="card__line">正在加载…</Text>}
          {list.data && list.data.items.length === 0 && (
            <View className="card">
              <Text className="card__line">{current.empty}</Text>
            </View>
          )}
          {list.data?.items.map((c) => (
            <Button
              key={c.id}
              className="card card-button"
              onClick={() => Taro.navigateTo({ url: `/pages/delegation/detail/index?id=${c.id}` })}
            >
              <View className="row-spread">
                <Text className="card__title">{c.serviceName}</Text>
                <CaseStateTag state={c.state} text={c.stateText} />
              </View>
              <Text className="card__line">
                编号 <Unbroken>{c.caseNo}</Unbroken> · 办事人：{c.applicantName}
              </Text>
              {c.state === 'needs_supplement' && <Text className="card__line">⚠ 需要您补充材料，点开查看</Text>}
              <DeadlineLine deadline={c.deadline} />
            </Button>
          ))}
        </View>
      )}
    </PageShell>
  )
}
