/** A ticket as the counter desk lists it (number, why it is where it is, service, person, wait) and its transfer picker. */
import { Picker, Text, View } from '@tarojs/components'
import type { StaffTicket } from '@/contract/queue'

export function TicketHead({ t }: { t: StaffTicket }) {
  return (
    <View className="ticket-row__head">
      <Text className="ticket-row__label">
        {t.position ? `${t.position}. ` : ''}
        {t.label}
      </Text>
      <View className="ticket-row__text">
        <Text className={`ticket-row__reason ${t.green && t.status === 'waiting' ? 'ticket-row__reason--green' : ''}`}>{t.reason}</Text>
        <Text className="card__line">
          {t.serviceName}
          {t.personName ? ` · ${t.personName}（${t.personCheck}）` : ''} ·{' '}
          {t.status === 'waiting' ? `已等 ${t.waitedMinutes} 分钟` : `等了 ${t.waitedMinutes} 分钟`}
        </Text>
      </View>
    </View>
  )
}

export function TransferPicker({
  services,
  current,
  disabled,
  onPick,
}: {
  services: { id: string; name: string; queueName: string }[]
  current: string
  disabled: boolean
  onPick: (index: number) => void
}) {
  const range = services.map((s) => `${s.queueName} · ${s.name}${s.id === current ? '（当前）' : ''}`)
  return (
    <Picker mode="selector" range={range} disabled={disabled} onChange={(e) => onPick(Number(e.detail.value))}>
      <View className="btn">转到其他事项</View>
    </Picker>
  )
}
