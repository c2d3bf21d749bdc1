import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from './a11y'
import './consent-check.scss'

interface ConsentCheckProps {
  checked: boolean
  onToggle: (next: boolean) => void
  /** What is agreed to, e.g. 我已阅读并同意《个人信息保护说明》. */
  label?: string
  /** What the data is for, in plain words: shown on request, or always when `noteAlwaysShown`. */
  note: string
  noteAlwaysShown?: boolean
  error?: string
}

/**
 * The privacy consent every form that collects personal data ends with: a big
 * tick box (✓ in a filled box once ticked, announced as a checkbox with its state), the purpose of the data one
 * tap away, and the problem (if any) said under it. The sentence stays as it is: a ticked box is how people read
 * agreement, "（已同意）" after it read as part of the sentence.
 */
export function ConsentCheck({
  checked,
  onToggle,
  label = '我已阅读并同意《个人信息保护说明》',
  note,
  noteAlwaysShown,
  error,
}: ConsentCheckProps) {
  const [open, setOpen] = useState(false)
  return (
    <View className="consent">
      <Button
        className={`consent__check ${checked ? 'consent__check--on' : ''}`}
        {...roleProps('checkbox')}
        aria-checked={checked}
        onClick={() => onToggle(!checked)}
      >
        <Text className={`tick-box ${checked ? 'tick-box--on' : ''}`} aria-hidden>
          {checked ? '✓' : ''}
        </Text>
        <Text className="consent__text">{label}</Text>
      </Button>
      {noteAlwaysShown ? (
        <Text className="card__line">{note}</Text>
      ) : (
        <>
          <Text className="link" onClick={() => setOpen(!open)}>
            {open ? '收起说明' : '查看说明'}
          </Text>
          {open && <Text className="card__line consent__note">{note}</Text>}
        </>
      )}
      {error && (
        <Text className="field__error" aria-live="polite">
          ⚠ {error}
        </Text>
      )}
    </View>
  )
}
