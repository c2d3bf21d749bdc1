import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { PeopleOutputs } from '@/contract/people'
import { useAction } from '@/hooks/use-action'
import { useCenterId } from '@/hooks/use-center'
import { Unbroken } from '@/components/unbroken'
import '@/staff/components/admin.scss'

/**
 * 窗口确认亲友授权: a resident whose relative added them in the app, and who cannot confirm in their own WeChat,
 * brings their ID card and the 8-character code to the counter (the resident's 亲友 page tells them so). The clerk
 * checks the card against the person, types the code and the card's number, and the server confirms only when
 * both belong to the same pending request (people.counterConfirm, audited, with its own attempt limits).
 */
export default function CounterConsent() {
  const centerId = useCenterId()
  const [code, setCode] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [done, setDone] = useState<PeopleOutputs['counterConfirm'] | null>(null)
  const confirm = useAction('people', 'counterConfirm')

  const submit = async () => {
    const confirmed = await confirm.run({ centerId: centerId!, code, idNumber })
    if (!confirmed) return
    setDone(confirmed)
    // The ID number is not kept on screen once it has done its work.
    setCode('')
    setIdNumber('')
  }

  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">核对身份证后确认</Text>
        <Text className="card__line">
          居民的亲友在小程序里添加了他，会得到一个 8
          位确认码。居民本人带身份证和确认码来窗口时：先核对身份证与本人相符，再输入确认码和身份证号码。
        </Text>
        <Text className="card__line">确认后，亲友为他预约办事，按他本人计算次数。操作会记入审计日志。</Text>
      </View>
      {done && (
        <View className="card notice--ok" {...roleProps('status')}>
          <Text className="card__title">✓ 已确认亲友授权</Text>
          <Text className="card__line">
            {done.name}（身份证 <Unbroken>{done.idMasked}</Unbroken>）同意亲友为其代办，登记的关系：{done.relationText}。
          </Text>
          <Text className="card__line">状态：{done.consentText}</Text>
        </View>
      )}
      <View className="card">
        <Field
          id="consent-code"
          label="确认码"
          value={code}
          onChange={(v) => (setCode(v), setDone(null))}
          error={confirm.fieldErrors.code}
          maxlength={10}
          placeholder="例如 K7M4 QP2X"
        />
        <Field
          id="consent-id-number"
          label="居民身份证号码（核对原件后输入）"
          value={idNumber}
          type="idcard"
          onChange={(v) => (setIdNumber(v), setDone(null))}
          error={confirm.fieldErrors.idNumber}
          maxlength={18}
        />
        {confirm.failure && !confirm.fieldErrors.code && !confirm.fieldErrors.idNumber && (
          <View className="notice--bad" {...roleProps('alert')}>
            <Text>{confirm.failure.message}</Text>
          </View>
        )}
        <Button className="btn btn--primary btn--block" disabled={confirm.busy || !centerId || undefined} onClick={submit}>
          {confirm.busy ? '正在确认…' : '确认授权'}
        </Button>
      </View>
    </PageShell>
  )
}
