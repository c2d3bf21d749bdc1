import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import type { IssuedTicket } from '@/contract/queue'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { useFullScreen } from '@/hooks/use-full-screen'
import './index.scss'

/** The number stays on screen this long, then the kiosk is ready for the next person. */
const SHOW_MS = 20_000

/**
 * 自助取号 (the kiosk at the entrance, signed in as staff): a resident without
 * a booking taps what they came for and gets a number, the people ahead and
 * the wait. Certificate holders tap once more to go first. The kiosk is a
 * portrait touch screen (typically 1080×1920): the page fills it, with sizes
 * in screen units, services as large tiles in two columns.
 */
export default function Kiosk() {
  const centerId = useCenterId()
  useFullScreen('kiosk-screen')
  const services = useCall('center', 'listServices', centerId ? { centerId } : null)
  const [disability, setDisability] = useState(false)
  // A retried tap on the same service answers the same number; another service is a new one.
  const issue = useAction('queue', 'issueWalkIn')
  const [issued, setIssued] = useState<IssuedTicket | null>(null)

  useEffect(() => {
    if (!issued) return
    const timer = setTimeout(() => setIssued(null), SHOW_MS)
    return () => clearTimeout(timer)
  }, [issued])

  const take = async (serviceId: string) => {
    if (!centerId) return
    const ticket = await issue.run({ centerId, serviceId, source: 'kiosk', green: disability ? 'disability' : undefined })
    if (!ticket) return
    setIssued(ticket)
    setDisability(false)
  }

  const listing = services.data
  return (
    <PageShell loading={services.loading && !listing} error={services.error} onRetry={services.reload}>
      <View className="kiosk">
        {issued && (
          <View className="card kiosk-ticket" {...roleProps('alert')}>
            <Text className="kiosk-ticket__title">您的号码</Text>
            <Text className="kiosk-ticket__label">{issued.ticket.label}</Text>
            <Text className="kiosk-ticket__line">{issued.ticket.serviceName}</Text>
            <Text className="kiosk-ticket__line">
              {issued.ahead === 0 ? '下一位就是您' : `前面还有 ${issued.ahead} 人，预计等候约 ${Math.max(1, issued.estimatedMinutes)} 分钟`}
            </Text>
            <Text className="kiosk-ticket__line">请记下号码，留意大厅屏幕和语音叫号</Text>
            <Button className="btn btn--primary btn--block" onClick={() => setIssued(null)}>
              好的
            </Button>
          </View>
        )}
        {!issued && listing && (
          <View>
            <View className="card">
              <Text className="kiosk__title">没有预约？请选择您要办的事</Text>
              <Text className="kiosk__hint">已预约的请用小程序“签到取号”，或到窗口出示预约码。</Text>
              <Button
                className={`kiosk__green ${disability ? 'kiosk__green--on' : ''}`}
                {...roleProps('checkbox')}
                aria-checked={disability}
                onClick={() => setDisability(!disability)}
              >
                <View className={`kiosk__box ${disability ? 'kiosk__box--on' : ''}`} aria-hidden>
                  {disability ? '✓' : ''}
                </View>
                <Text className="kiosk__green-text">我持有残疾人证（到窗口出示，优先办理）</Text>
              </Button>
              {issue.failure && (
                <Text className="kiosk__failure" {...roleProps('alert')}>
                  {issue.failure.message}
                </Text>
              )}
            </View>
            {listing.categories.map((c) => (
              <View key={c.key} className="card kiosk__category">
                <Text className="kiosk__category-name">{c.name}</Text>
                <View className="kiosk__services">
                  {listing.services
                    .filter((s) => s.category === c.key)
                    .map((s) => (
                      <Button key={s.id} className="btn kiosk__service" disabled={issue.busy || undefined} onClick={() => take(s.id)}>
                        {s.name}
                      </Button>
                    ))}
                </View>
              </View>
            ))}
          </View>
        )}
      </View>
    </PageShell>
  )
}
