import { Input, Text, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import './field.scss'

interface FieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
  hint?: string
  type?: InputProps['type']
  maxlength?: number
  placeholder?: string
}

/**
 * A labelled text field whose problem is said in words under it (and read out
 * by screen readers as it appears). The label is a real <label> in H5.
 */
export function Field({ id, label, value, onChange, error, hint, type = 'text', maxlength = 140, placeholder }: FieldProps) {
  const errorId = `${id}-error`
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className="field__label" id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className="field__input"
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        aria-label={label}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={errorId}
        onInput={(e) => onChange(e.detail.value)}
      />
      {hint && !error && <Text className="field__hint">{hint}</Text>}
      <Text className="field__error" id={errorId} aria-live="polite">
        {error ? `⚠ ${error}` : ''}
      </Text>
    </View>
  )
}
