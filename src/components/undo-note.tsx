import { Button, Text, View } from '@tarojs/components'
import { roleProps } from './a11y'

/** A step just taken in one tap, with the seconds left to take it back: ✓ 已开始办理 · 5 秒后生效 [撤销]. */
export function UndoNote({ label, secondsLeft, onUndo }: { label: string; secondsLeft: number; onUndo: () => void }) {
  return (
    <View className="card banner" {...roleProps('status')}>
      <Text className="banner__text">
        ✓ {label} · {secondsLeft} 秒后生效
      </Text>
      <Button className="btn btn--block" onClick={onUndo}>
        撤销
      </Button>
    </View>
  )
}
