import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { CaseForm } from '@/components/delegation-form'
import { PageShell } from '@/components/page-shell'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'

/** A resident asks the center to carry an application for them or a family member. */
export default function DelegationForm() {
  const { params } = useRouter()
  const centerId = useCenterId()
  const listing = useCall('center', 'listServices', centerId ? { centerId } : null)
  const services = (listing.data?.services ?? []).filter((s) => s.delegable)
  const create = useAction('delegation', 'create')

  return (
    <PageShell
      loading={listing.loading && !listing.data}
      error={listing.error}
      onRetry={listing.reload}
      empty={!!listing.data && services.length === 0}
      emptyText="本中心暂未开通帮办代办。"
    >
      {centerId && listing.data && (
        <View>
          <View className="card">
            <Text className="card__line">
              行动不便、没时间来，或者材料不会准备？工作人员帮您准备材料、跑部门、办结后送回。提交后会有专人联系您。
            </Text>
          </View>
          <CaseForm
            centerId={centerId}
            services={services}
            initialServiceId={params.serviceId}
            mode="resident"
            submitText="提交申请"
            action={create}
            onDone={(c) => Taro.redirectTo({ url: `/pages/delegation/detail/index?id=${c.id}&created=1` })}
          />
        </View>
      )}
    </PageShell>
  )
}
