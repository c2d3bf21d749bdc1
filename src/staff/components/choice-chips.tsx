import { Button, View } from '@tarojs/components'
import { roleProps } from '@/components/a11y'
import './admin.scss'

interface Choice<T> {
  value: T
  label: string
}

/**
 * A row of choices as real buttons: one (`multiple` false) or several. The
 * chosen ones say so with a ✓ as well as a colour.
 */
export function ChoiceChips<T extends string | number>({
  label,
  choices,
  chosen,
  onChange,
  multiple = false,
}: {
  label: string
  choices: Choice<T>[]
  chosen: T[]
  onChange: (next: T[]) => void
  multiple?: boolean
}) {
  const toggle = (v: T) => {
    if (!multiple) return onChange([v])
    onChange(chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v])
  }
  return (
    <View className="chips" {...roleProps(multiple ? 'group' : 'radiogroup')} aria-label={label}>
      {choices.map((c) => {
        const on = chosen.includes(c.value)
        return (
          <Button
            key={String(c.value)}
            className={`chip ${on ? 'chip--on' : ''}`}
            {...roleProps(multiple ? 'checkbox' : 'radio')}
            aria-checked={on}
            onClick={() => toggle(c.value)}
          >
            {on ? '✓ ' : ''}
            {c.label}
          </Button>
        )
      })}
    </View>
  )
}
