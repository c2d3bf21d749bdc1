import { Text, View } from '@tarojs/components'
import type { IdentityView, RelativeView } from '@/contract/people'
import './people-view.scss'

/** The resident's own identity as pages show it: name, masked ID number, and how sure we are, in words. */
export function IdentityCard({ identity }: { identity: IdentityView }) {
  return (
    <View>
      <Text className="card__line">姓名：{identity.name}</Text>
      <Text className="card__line">身份证号码：{identity.idMasked}</Text>
      <View className="people-state">
        <Text className={`tag ${identity.status === 'verified' ? 'tag--ok' : 'tag--warn'}`}>{identity.statusText}</Text>
      </View>
    </View>
  )
}

/** One relative: who, how related, and whether they confirmed (in words, not colour). */
export function RelativeLines({ relative }: { relative: RelativeView }) {
  return (
    <View>
      <Text className="card__title">
        {relative.name}（{relative.relationText}）
      </Text>
      <Text className="card__line">身份证号码：{relative.idMasked}</Text>
      <View className="people-state">
        <Text className={`tag ${relative.consent === 'pending' ? 'tag--warn' : 'tag--ok'}`}>{relative.consentText}</Text>
      </View>
    </View>
  )
}
