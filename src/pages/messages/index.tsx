import { Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { messagesSeenAt, saveMessagesSeenAt } from '@/api/session'
import { PageShell } from '@/components/page-shell'
import { NumbersWhole } from '@/components/unbroken'
import type { BookingMessage } from '@/contract/booking'
import { momentLabel } from '@/core/beijing-time'
import { useCall } from '@/hooks/use-call'
import { useShownAgain } from '@/hooks/use-shown-again'
import { useCenterId } from '@/hooks/use-center'

/** The page a 消息 opens: its own link (a case, a home-certification request), else its booking. */
const pageOf = (m: BookingMessage) => m.link || (m.bookingId ? `/pages/booking/detail/index?id=${m.bookingId}` : null)

/** 消息: reminders and notices the center sent (the local stand-in for WeChat subscribe messages). */
export default function Messages() {
  const centerId = useCenterId()
  const messages = useCall('booking', 'listMessages', centerId ? { centerId } : null)
  useShownAgain(messages.reload)
  const items = messages.data?.items ?? []
  // Seen now: 首页 no longer counts them as new.
  const newest = items[0]?.createdAt
  useEffect(() => {
    if (newest && newest !== messagesSeenAt()) saveMessagesSeenAt(newest)
  }, [newest])
  return (
    <PageShell
      loading={messages.loading && !messages.data}
      error={messages.error}
      onRetry={messages.reload}
      empty={!!messages.data && items.length === 0}
      emptyText="暂时没有消息。预约的前一天会在这里提醒您。"
    >
      {items.map((m) => (
        <Button
          key={m.id}
          className="card card-button"
          disabled={!pageOf(m) || undefined}
          onClick={() => pageOf(m) && Taro.navigateTo({ url: pageOf(m)! })}
        >
          <Text className="card__title">{m.title}</Text>
          <Text className="card__line">
            <NumbersWhole text={m.body} />
          </Text>
          <Text className="card__line">{momentLabel(m.createdAt)}</Text>
        </Button>
      ))}
    </PageShell>
  )
}
