import { Button, Text, View } from '@tarojs/components'
import type { RelativeView } from '@/contract/people'
import { roleProps } from './a11y'

interface RelativePickerProps {
  id: string
  label: string
  relatives: RelativeView[]
  /** The picked relative's id; null: someone typed in. */
  value: string | null
  onChange: (id: string | null) => void
  /** The last choice, e.g. 其他老人（填写）. */
  otherText: string
}

/** Picks a person from 亲友 (name and relation in words), or "someone else", typed in on the form. */
export function RelativePicker({ id, label, relatives, value, onChange, otherText }: RelativePickerProps) {
  const options = [
    ...relatives.map((r) => ({ id: r.id as string | null, text: `${r.name}（${r.relationText}）` })),
    { id: null, text: otherText },
  ]
  return (
    <View>
      <Text className="field__label" id={id}>
        {label}
      </Text>
      <View className="choices choices--column" {...roleProps('radiogroup')} aria-labelledby={id}>
        {options.map((o) => (
          <Button
            key={o.id ?? 'new'}
            className={`choice ${value === o.id ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={value === o.id}
            onClick={() => onChange(o.id)}
          >
            {value === o.id ? '✓ ' : ''}
            {o.text}
          </Button>
        ))}
      </View>
    </View>
  )
}
