import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Runs `again` each time the page shows again (back from the page it opened, back to the app), not on its first
 * show: the first show is the first load, whose call is already under way — reloading there too made every such
 * page ask twice (issue 21, one call per first screen).
 */
export function useShownAgain(again: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) again()
    shown.current = true
  })
}
