import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { bringIntoView } from '@/platform/bring-into-view'
import { roleProps } from './a11y'
import './confirm-panel.scss'

interface ConfirmPanelProps {
  question: string
  detail?: string
  confirmText: string
  cancelText: string
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** Ids of the panels opened so far (a page may hold several; an id is also a weapp selector, so no `:` of useId). */
let opened = 0

/**
 * An in-page "are you sure?" for actions that cannot be undone. In the page, not
 * a pop-up: it stays until answered, reads in large text in 长辈版, and (unlike
 * Taro's H5 showModal after a redirect) always shows. On opening it is scrolled into
 * view and (H5) focused, so a tap near the bottom of a page is answered where it can be seen.
 */
export function ConfirmPanel({ question, detail, confirmText, cancelText, busy, onConfirm, onCancel }: ConfirmPanelProps) {
  const [id] = useState(() => `confirm-panel-${++opened}`)
  useEffect(() => bringIntoView(id), [id])
  return (
    <View id={id} className="card confirm" {...roleProps('alertdialog')} aria-label={question}>
      <Text className="confirm__question">{question}</Text>
      {detail && <Text className="card__line">{detail}</Text>}
      <View className="confirm__actions">
        <Button className="btn btn--primary" disabled={busy || undefined} onClick={onConfirm}>
          {busy ? '正在处理…' : confirmText}
        </Button>
        <Button className="btn" disabled={busy || undefined} onClick={onCancel}>
          {cancelText}
        </Button>
      </View>
    </View>
  )
}
