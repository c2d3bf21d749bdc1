import { Button, Text, View } from '@tarojs/components'
import { RELATIONS, type RelationKey } from '@/core/relations'
import { roleProps } from './a11y'

interface RelationChoicesProps {
  id: string
  label: string
  value: RelationKey | null
  onChange: (relation: RelationKey) => void
  error?: string
}

/** Who a person is to the resident (父母, 配偶 …), as one radio group of big buttons, the choice marked in words as well. */
export function RelationChoices({ id, label, value, onChange, error }: RelationChoicesProps) {
  return (
    <View>
      <Text className="field__label" id={id}>
        {label}
      </Text>
      <View className="choices choices--wrap relation-choices" {...roleProps('radiogroup')} aria-labelledby={id}>
        {RELATIONS.map((r) => (
          <Button
            key={r.key}
            className={`choice choice--grow ${value === r.key ? 'choice--on' : ''}`}
            {...roleProps('radio')}
            aria-checked={value === r.key}
            onClick={() => onChange(r.key)}
          >
            {value === r.key ? '✓ ' : ''}
            {r.name}
          </Button>
        ))}
      </View>
      {error && (
        <Text className="field__error" aria-live="polite">
          ⚠ {error}
        </Text>
      )}
    </View>
  )
}
