import { Button, View } from '@tarojs/components'
import { roleProps } from './a11y'
import './tabs.scss'

export interface TabItem<K extends string> {
  key: K
  name: string
  disabled?: boolean
}

interface TabsProps<K extends string> {
  tabs: readonly TabItem<K>[]
  current: K
  onChange: (key: K) => void
  /** `compact`: a row of lower tabs, the current one underlined (我的预约); `choices`: the big choice buttons, wrapping (我的代办). */
  look?: 'compact' | 'choices'
  /** An extra class on each tab (e.g. `case-choice`: the padding of a case's choices). */
  tabClassName?: string
}

/**
 * A list of tabs as real buttons (role tablist/tab, aria-selected): the one shown
 * says so by a thicker border and bold text. Arrow keys and Enter come from the
 * H5 keyboard support every role button gets.
 */
export function Tabs<K extends string>({ tabs, current, onChange, look = 'compact', tabClassName }: TabsProps<K>) {
  const compact = look === 'compact'
  return (
    <View className={compact ? 'choices tabs' : 'choices choices--wrap'} {...roleProps('tablist')}>
      {tabs.map((t) => (
        <Button
          key={t.key}
          className={`choice ${compact ? 'tab' : 'choice--grow'} ${tabClassName ?? ''} ${current === t.key ? 'choice--on' : ''}`}
          {...roleProps('tab')}
          aria-selected={current === t.key}
          disabled={t.disabled || undefined}
          onClick={() => onChange(t.key)}
        >
          {t.name}
        </Button>
      ))}
    </View>
  )
}
