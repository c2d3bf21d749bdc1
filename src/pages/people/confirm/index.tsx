import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { isCode } from '@/core/delegation-codes'
import { CONSENT_CODE_LENGTH } from '@/core/people'
import { useAction } from '@/hooks/use-action'

/** The elder's side: in their own WeChat, with the code their relative gave them, they agree to the relative acting for them. */
export default function ConfirmConsent() {
  const [code, setCode] = useState('')
  const confirm = useAction('people', 'confirmConsent')
  const [done, setDone] = useState<string | null>(null)

  const submit = async () => {
    if (confirm.invalid({ code: isCode(code, CONSENT_CODE_LENGTH) ? undefined : '确认码是 8 位字母和数字，请核对' })) return
    const confirmed = await confirm.run({ code })
    if (confirmed) setDone(`已确认：把您登记为“${confirmed.relationText}”的亲友，可以为您预约办事。`)
  }
  const error = confirm.fieldErrors.code ?? confirm.failure?.message

  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">亲友要为您代办预约</Text>
        <Text className="card__line">亲友把您添加到他的“亲友”后，会得到一个 8 位确认码。您在这里输入，就表示同意他为您预约办事。</Text>
        <Text className="card__line">需要先在“我的身份”完成实名核验；也可以带身份证到服务中心窗口确认。</Text>
      </View>
      {done ? (
        <View className="card" {...roleProps('status')}>
          <Text className="card__title">✓ {done}</Text>
          <Button className="btn btn--block" onClick={() => Taro.navigateBack()}>
            返回
          </Button>
        </View>
      ) : (
        <View className="card">
          <Field
            id="consent-code"
            label="确认码"
            value={code}
            onChange={setCode}
            error={error}
            maxlength={10}
            placeholder="例如 K7M4 QP2X"
          />
          <Button className="btn btn--primary btn--block" disabled={confirm.busy || undefined} onClick={submit}>
            {confirm.busy ? '正在确认…' : '同意亲友为我代办'}
          </Button>
          {confirm.failure?.code === 'CONFLICT' && (
            <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/people/index' })}>
              去“我的身份”实名核验
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
