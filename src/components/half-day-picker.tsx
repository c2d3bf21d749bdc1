import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { HALF_DAY_TEXT, HALF_DAYS, type VisitWindow } from '../core/home-certification'
import { useElderMode } from '../hooks/use-elder-mode'
import { roleProps } from './a11y'
import './homecert-view.scss'

interface HalfDayPickerProps {
  /** The working days offered, e.g. from `homecert.options`. */
  dates: { date: string; weekday: string; label: string }[]
  value: VisitWindow[]
  max: number
  onChange: (value: VisitWindow[]) => void
  labelledBy?: string
}

/**
 * Preferred half-days for a home visit: one row per working day with 上午 and
 * 下午 as toggles, the count said in words; a choice beyond `max` is refused
 * with a sentence rather than silently.
 */
/** 长辈版 shows fewer choices at once: the first few days, the rest one tap away. */
const ELDER_DAYS_FIRST = 4

export function HalfDayPicker({ dates, value, max, onChange, labelledBy }: HalfDayPickerProps) {
  const [tooMany, setTooMany] = useState(false)
  const [elder] = useElderMode()
  const [allDays, setAllDays] = useState(false)
  const chosenDates = new Set(value.map((w) => w.date))
  const shown = elder && !allDays ? dates.filter((d, i) => i < ELDER_DAYS_FIRST || chosenDates.has(d.date)) : dates
  const on = (date: string, half: string) => value.some((w) => w.date === date && w.half === half)
  const toggle = (w: VisitWindow) => {
    if (on(w.date, w.half)) {
      setTooMany(false)
      onChange(value.filter((x) => !(x.date === w.date && x.half === w.half)))
    } else if (value.length >= max) {
      setTooMany(true)
    } else {
      setTooMany(false)
      onChange([...value, w].sort((a, b) => (a.date + a.half).localeCompare(b.date + b.half)))
    }
  }
  return (
    <View>
      <Text className="hc-count" aria-live="polite">
        已选 {value.length} 个，最多 {max} 个{tooMany ? `（已选满 ${max} 个，请先取消一个）` : ''}
      </Text>
      <View className="hc-days" {...roleProps('group')} aria-labelledby={labelledBy}>
        {shown.map((d) => (
          <View key={d.date} className="hc-day">
            <Text className="hc-day__label">
              {d.label} {d.weekday}
            </Text>
            {HALF_DAYS.map((half) => {
              const chosen = on(d.date, half)
              return (
                <Button
                  key={half}
                  className={`choice hc-choice ${chosen ? 'choice--on' : ''}`}
                  {...roleProps('checkbox')}
                  aria-checked={chosen}
                  aria-label={`${d.label} ${d.weekday} ${HALF_DAY_TEXT[half]}${chosen ? '，已选' : ''}`}
                  onClick={() => toggle({ date: d.date, half })}
                >
                  {chosen ? '✓ ' : ''}
                  {HALF_DAY_TEXT[half]}
                </Button>
              )
            })}
          </View>
        ))}
      </View>
      {shown.length < dates.length && (
        <Button className="btn btn--block" onClick={() => setAllDays(true)}>
          显示更多日期（还有 {dates.length - shown.length} 天）
        </Button>
      )}
    </View>
  )
}
