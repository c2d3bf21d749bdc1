import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { devOpenid } from '@/api/session'
import { HomecertHeading } from '@/components/homecert-view'
import { PageShell, SignInFirst } from '@/components/page-shell'
import { beijingDate, dayLabel } from '@/core/beijing-time'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'

/** 我的上门认证申请: every request the caller made here, newest first, each a tap from its timeline. */
export default function MyHomecerts() {
  const centerId = useCenterId()
  const signedIn = process.env.TARO_ENV === 'weapp' || !!devOpenid()
  const list = useCall('homecert', 'listMine', centerId && signedIn ? { centerId } : null)
  useShownAgain(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) return <SignInFirst />
  const items = list.data?.items ?? []
  return (
    <PageShell loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
      <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: '/pages/homecert/form/index' })}>
        新的上门认证申请
      </Button>
      {list.data && items.length === 0 && (
        <View className="card hc-gap">
          <Text className="card__line">还没有上门认证申请。老人行动不便、不能到中心认证的，可以点上面的按钮申请。</Text>
        </View>
      )}
      <View className="hc-gap">
        {items.map((r) => (
          <Button
            key={r.id}
            className="card card-button"
            onClick={() => Taro.navigateTo({ url: `/pages/homecert/detail/index?id=${r.id}` })}
          >
            <HomecertHeading title={r.elderName} status={r.status} statusText={r.statusText} overdue={r.overdue} />
            <Text className="card__line">
              编号 <Unbroken>{r.number}</Unbroken> · {r.categoryName} · {r.communityName}
            </Text>
            <Text className="card__line">
              {r.visit ? `上门时间：${r.visit.text}（网格员${r.workerName ?? ''}）` : `${dayLabel(beijingDate(r.createdAt))} 提交`}
            </Text>
          </Button>
        ))}
      </View>
    </PageShell>
  )
}
