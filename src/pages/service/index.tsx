import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import './index.scss'

const tickKey = (serviceId: string) => `materials:${serviceId}`

/** A service's guide: what to bring (a checklist the resident ticks at home), how long it takes, where to go. */
export default function ServiceDetail() {
  const { params } = useRouter()
  const serviceId = params.id ?? ''
  const centerId = useCenterId()
  const detail = useCall('center', 'getService', centerId && serviceId ? { centerId, serviceId } : null)
  const [ticked, setTicked] = useState<number[]>([])

  useEffect(() => {
    const saved = Taro.getStorageSync(tickKey(serviceId))
    setTicked(Array.isArray(saved) ? saved : [])
  }, [serviceId])

  const toggle = (i: number) => {
    const next = ticked.includes(i) ? ticked.filter((x) => x !== i) : [...ticked, i]
    setTicked(next)
    Taro.setStorageSync(tickKey(serviceId), next)
  }

  const s = detail.data
  useEffect(() => {
    if (s) Taro.setNavigationBarTitle({ title: s.name.length > 12 ? '事项详情' : s.name })
  }, [s])
  const all = s ? s.materials.length : 0
  const done = ticked.filter((i) => i < all).length

  return (
    <PageShell loading={detail.loading && !s} error={detail.error} onRetry={detail.reload}>
      {s && (
        <View>
          <View className="card">
            <Text className="card__title">{s.name}</Text>
            <Text className="card__line">{s.summary}</Text>
            <Text className="card__line">办理时限：{s.processingDays === 0 ? '材料齐全当场办结' : `${s.processingDays} 个工作日`}</Text>
            <Text className="card__line">
              办理窗口：{s.windows.map((w) => `${w.number} 号窗口（${w.name}）`).join('、') || '请到综合受理窗口'}
            </Text>
            {s.notes.map((n) => (
              <Text key={n} className="card__line">
                · {n}
              </Text>
            ))}
          </View>

          <Text className="section-title">
            需要带的材料（已备好 {done}/{all}）
          </Text>
          <View className="card materials" {...roleProps('group')} aria-label="材料清单，备好一项点一下">
            {s.materials.map((m, i) => {
              const on = ticked.includes(i)
              return (
                <Button
                  key={m.name}
                  className={`material ${on ? 'material--on' : ''}`}
                  {...roleProps('checkbox')}
                  aria-checked={on}
                  onClick={() => toggle(i)}
                >
                  <Text className={`tick-box ${on ? 'tick-box--on' : ''}`} aria-hidden>
                    {on ? '✓' : ''}
                  </Text>
                  <View className="material__text">
                    <Text className="material__name">
                      {m.name}（{m.copies}）
                    </Text>
                    {m.note && <Text className="material__note">{m.note}</Text>}
                    <Text className="material__state">{on ? '已备好' : '未备好'}</Text>
                  </View>
                </Button>
              )
            })}
            {all > 0 && done === all && <Text className="materials__done">材料已备齐，可以出门办理了。</Text>}
          </View>

          <View className="actions">
            {s.bookable ? (
              <Button
                className="btn btn--primary btn--block"
                onClick={() => Taro.navigateTo({ url: `/pages/booking/slots/index?serviceId=${s.id}` })}
              >
                预约办理
              </Button>
            ) : (
              <Text className="card__line">本事项不需要预约，工作时间直接到窗口办理。</Text>
            )}
            {s.delegable && (
              <Button
                className="btn btn--block mine-gap"
                onClick={() => Taro.navigateTo({ url: `/pages/delegation/form/index?serviceId=${s.id}` })}
              >
                申请帮办代办（工作人员帮您办）
              </Button>
            )}
          </View>
        </View>
      )}
    </PageShell>
  )
}
