import { Button, Picker, Text, View } from '@tarojs/components'
import { roleProps } from '@/components/a11y'
import { dayLabel } from '@/core/beijing-time'
import './picker-fields.scss'

/**
 * Times and dates are picked, never typed: WeChat's own wheel in the mini-program, Taro's in H5
 * (`Picker mode="time" | "date"`). The control is a real button showing the value in words, so a
 * keyboard or a screen reader opens it; a problem the server found is said under it in words.
 */

interface PickedProps {
  id: string
  /** What is picked, read out with the value ("周一上午开始时间"). */
  label: string
  error?: string
  disabled?: boolean
}

/** One time of day (24-hour `HH:mm`), between `start` and `end`. */
export function TimePick({
  id,
  label,
  value,
  start,
  end,
  onChange,
  error,
  disabled,
}: PickedProps & { value: string; start: string; end: string; onChange: (time: string) => void }) {
  return (
    <Picker mode="time" value={value} start={start} end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
      <Button
        id={id}
        className={`pick-value ${error ? 'pick-value--error' : ''}`}
        disabled={disabled || undefined}
        aria-label={`${label} ${value}，点按修改`}
      >
        {value}
      </Button>
    </Picker>
  )
}

/** A labelled date between `start` and `end` (ISO dates), shown as 12月31日 周四; its problem under it. */
export function DatePick({
  id,
  label,
  value,
  start,
  end,
  onChange,
  error,
  disabled,
  hint,
  opensAt,
}: PickedProps & {
  value: string
  start: string
  end: string
  onChange: (date: string) => void
  hint?: string
  /** The date the wheel shows while nothing is chosen (default: `start`). */
  opensAt?: string
}) {
  const shown = value ? dayLabel(value) : '请选择日期'
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className="field__label" id={`${id}-label`}>
        {label}
      </Text>
      <Picker
        mode="date"
        value={value || opensAt || start}
        start={start}
        end={end}
        disabled={disabled}
        onChange={(e) => onChange(String(e.detail.value))}
      >
        <Button
          id={id}
          className={`pick-value pick-value--date ${error ? 'pick-value--error' : ''}`}
          disabled={disabled || undefined}
          aria-label={`${label}：${shown}，点按选择`}
          aria-describedby={`${id}-error`}
        >
          {shown}
        </Button>
      </Picker>
      {hint && !error && <Text className="field__hint">{hint}</Text>}
      <PickError id={`${id}-error`} error={error} />
    </View>
  )
}

/** A field problem said in words (and read out as it appears). */
export function PickError({ id, error }: { id?: string; error?: string }) {
  return (
    <Text className="field__error" id={id} aria-live="polite">
      {error ? `⚠ ${error}` : ''}
    </Text>
  )
}

/** An on/off choice that says its state in words as well as by its look (办公 / 休息). */
export function Toggle({
  id,
  label,
  on,
  onText,
  offText,
  onChange,
}: {
  id: string
  label: string
  on: boolean
  onText: string
  offText: string
  onChange: (on: boolean) => void
}) {
  return (
    <Button
      id={id}
      className={`toggle ${on ? 'toggle--on' : ''}`}
      {...roleProps('switch')}
      aria-checked={on}
      aria-label={`${label}：${on ? onText : offText}`}
      onClick={() => onChange(!on)}
    >
      <View className="toggle__track" aria-hidden>
        <View className="toggle__knob" />
      </View>
      <Text className="toggle__text">{on ? onText : offText}</Text>
    </Button>
  )
}
