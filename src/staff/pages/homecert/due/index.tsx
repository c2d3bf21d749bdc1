import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import '@/components/homecert-view.scss'
import { PageShell } from '@/components/page-shell'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'

/** 即将到期: elders certified at home whose next yearly certification is near (or past) and who have not asked again. */
export default function HomecertDueSoon() {
  const centerId = useCenterId()
  const list = useCall('homecert', 'listDueSoon', centerId ? { centerId } : null)
  useDidShow(() => list.reload())
  const data = list.data
  return (
    <PageShell loading={list.loading && !data} error={list.error} onRetry={list.reload}>
      {data && (
        <View className="card">
          <Text className="card__title">认证即将到期</Text>
          <Text className="card__line">
            上次上门认证的老人，离下次认证不到 {data.days} 天、还没有再次申请的。家属会自动收到一次提醒，也可以电话联系。
          </Text>
        </View>
      )}
      {data && data.items.length === 0 && (
        <View className="card">
          <Text className="card__line">暂时没有即将到期的老人。</Text>
        </View>
      )}
      {data?.items.map((d) => (
        <Button
          key={d.id}
          className="card card-button"
          onClick={() => Taro.navigateTo({ url: `/staff/pages/homecert/detail/index?id=${d.id}` })}
        >
          <View className="row-spread">
            <Text className="card__title">{d.elderName}</Text>
            <Text className={`tag ${d.daysLeft < 0 ? 'tag--bad' : 'tag--warn'}`}>
              {d.daysLeft < 0 ? `已过期 ${-d.daysLeft} 天` : `还有 ${d.daysLeft} 天`}
            </Text>
          </View>
          <Text className="card__line">
            {d.communityName} · 上次认证 {d.certifiedOn} · 下次 {d.nextDue} 前
          </Text>
          <Text className="card__line">{d.reminded ? '已提醒家属' : '尚未提醒家属'}</Text>
        </Button>
      ))}
    </PageShell>
  )
}
