import { Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { savedCenterId, saveCenterId } from '@/api/session'
import { PageShell } from '@/components/page-shell'
import { useCall } from '@/hooks/use-call'

/** Pick the 街道/镇 service center; the choice is remembered on this device. */
export default function Centers() {
  const centers = useCall('center', 'listCenters', {})
  const current = savedCenterId()
  return (
    <PageShell
      loading={centers.loading}
      error={centers.error}
      onRetry={centers.reload}
      empty={centers.data?.length === 0}
      emptyText="暂无服务中心"
    >
      {centers.data?.map((c) => (
        <Button
          key={c.id}
          className="card card-button"
          aria-pressed={c.id === current}
          onClick={() => {
            saveCenterId(c.id)
            Taro.navigateBack()
          }}
        >
          <Text className="card__title">
            {c.name}
            {c.id === current ? '（当前）' : ''}
          </Text>
          <Text className="card__line">
            {c.district} · {c.address}
          </Text>
        </Button>
      ))}
    </PageShell>
  )
}
