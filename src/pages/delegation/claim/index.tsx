import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { saveCenterId, savedCenterId } from '@/api/session'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { isCode } from '@/core/delegation-codes'
import { useAction } from '@/hooks/use-action'

/** A resident links a case opened for them at the counter, with the 8-character code the clerk gave them. */
export default function ClaimCase() {
  const [code, setCode] = useState('')
  const claim = useAction('delegation', 'claim')

  const submit = async () => {
    if (claim.invalid({ code: isCode(code, 8) ? undefined : '领取码是 8 位字母和数字，请核对' })) return
    const c = await claim.run({ code })
    if (!c) return
    // The case may belong to another center than the one chosen on this device.
    if (savedCenterId() !== c.centerId) saveCenterId(c.centerId)
    Taro.redirectTo({ url: `/pages/delegation/detail/index?id=${c.id}&claimed=1` })
  }
  // Whatever went wrong is said beside the code: it is the only thing on the page to change.
  const error = claim.fieldErrors.code ?? claim.failure?.message

  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">在窗口办的代办，也能在这里查进度</Text>
        <Text className="card__line">
          工作人员在窗口为您受理时，会给您一张写有 8 位领取码的回执。输入后，这件代办就会出现在“我的代办”里，有进展会发消息给您。
        </Text>
        <Text className="card__line">领取码 7 天内有效，只能使用一次。</Text>
      </View>
      <View className="card">
        <Field id="claim-code" label="领取码" value={code} onChange={setCode} error={error} maxlength={10} placeholder="例如 K7M4 QP2X" />
        <Button className="btn btn--primary btn--block" disabled={claim.busy || undefined} onClick={submit}>
          {claim.busy ? '正在查找…' : '关联到我的微信'}
        </Button>
      </View>
      {error && (
        <View className="card" {...roleProps('alert')}>
          <Text className="card__line">如果领取码已过期或找不到，请拨打中心电话，或到帮办代办窗口重新获取。</Text>
        </View>
      )}
    </PageShell>
  )
}
