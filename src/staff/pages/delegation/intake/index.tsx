import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { CaseForm } from '@/components/delegation-form'
import { PageShell } from '@/components/page-shell'
import type { Output } from '@/contract'
import { beijing } from '@/core/beijing-time'
import { groupCode } from '@/core/delegation-codes'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'

/** A clerk opens a case for a resident at the counter and hands them the claim code for their WeChat. */
export default function StaffCaseIntake() {
  const centerId = useCenterId()
  const listing = useCall('center', 'listServices', centerId ? { centerId } : null)
  const services = (listing.data?.services ?? []).filter((s) => s.delegable)
  const intake = useAction('delegation', 'intake')
  const [opened, setOpened] = useState<Output<'delegation', 'intake'> | null>(null)
  // A new form for the next resident (its request id is new anyway: the last one succeeded).
  const [formKey, setFormKey] = useState(0)

  if (opened) {
    return (
      <PageShell>
        <View className="card banner" {...roleProps('status')}>
          <Text className="banner__text">
            ✓ 已受理 <Unbroken>{opened.caseNo}</Unbroken>
          </Text>
        </View>
        <View className="card">
          <Text className="card__title">{opened.serviceName}</Text>
          <Text className="card__line">办事人：{opened.applicantName}</Text>
          {opened.deadline && <Text className="card__line">{opened.deadline.text}</Text>}
        </View>
        {opened.claim && (
          <View className="card">
            <Text className="card__title">请把领取码交给居民</Text>
            <Text className="card__line">居民在小程序“帮办代办 → 输入领取码”中输入，就能随时查看进度、收到通知。</Text>
            <Text className="big-code case-big-code" aria-label={`领取码 ${opened.claim.code.split('').join(' ')}`}>
              {groupCode(opened.claim.code)}
            </Text>
            <Text className="card__line">
              有效期至 {beijing(opened.claim.expiresAt).subtract(1, 'minute').format('YYYY年M月D日')}
              ，只能使用一次。此码只显示这一次，丢失后可在案件页重新生成。
            </Text>
          </View>
        )}
        <View className="case-actions">
          <Button
            className="btn btn--primary btn--block"
            onClick={() => Taro.redirectTo({ url: `/staff/pages/delegation/detail/index?id=${opened.id}` })}
          >
            打开这件代办
          </Button>
          <Button
            className="btn btn--block"
            onClick={() => {
              setOpened(null)
              setFormKey((k) => k + 1)
            }}
          >
            再受理一件
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell loading={listing.loading && !listing.data} error={listing.error} onRetry={listing.reload}>
      {centerId && listing.data && (
        <CaseForm
          key={formKey}
          centerId={centerId}
          services={services}
          mode="counter"
          submitText="受理并生成领取码"
          action={intake}
          onDone={setOpened}
        />
      )}
    </PageShell>
  )
}
