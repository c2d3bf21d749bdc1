import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './admin.scss'

export interface Bar {
  label: string
  value: number
  /** What is written next to the bar (defaults to the value). */
  text?: string
}

/** Widest bar, in design px (converted for the platform). */
const MAX_PX = 150

/**
 * Horizontal bars made of Views (no chart library, the same in WeChat and H5):
 * each row says its label and its number in words; the bar only repeats it.
 */
export function BarChart({ title, bars, unit = '' }: { title: string; bars: Bar[]; unit?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  return (
    <View className="bars" aria-label={title}>
      {bars.map((b) => (
        <View key={b.label} className="bars__row">
          <Text className="bars__label">{b.label}</Text>
          <View className="bars__track">
            <View
              className="bars__bar"
              style={{ width: Taro.pxTransform(b.value > 0 ? Math.max(2, Math.round((b.value / max) * MAX_PX)) : 0) }}
            />
          </View>
          <Text className="bars__value">
            {b.text ?? b.value}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  )
}
