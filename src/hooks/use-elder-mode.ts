import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { devOpenid } from '../api/session'

/** Remembered per user: WeChat storage is already per user; the H5 demo keys it by the chosen persona. */
const key = () => `elderMode:${devOpenid() ?? 'me'}`

/** Sent with the new value when 长辈版 is switched: the tab bar (outside the pages) follows it. */
export const ELDER_MODE_CHANGED = 'elderModeChanged'

/** WeChat's own "large text" setting (px of body text; 17 is the default). */
const LARGE_SYSTEM_FONT_PX = 20

function systemWantsLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeSetting?: number; fontSizeScaleFactor?: number }
    return (info.fontSizeSetting ?? 0) >= LARGE_SYSTEM_FONT_PX || (info.fontSizeScaleFactor ?? 1) >= 1.2
  } catch {
    return false
  }
}

/**
 * Whether 长辈版 is on. The user's own choice wins; until they choose, WeChat's
 * large-font setting switches it on by itself.
 */
export function readElderMode(): boolean {
  const saved = Taro.getStorageSync(key())
  if (saved === true || saved === false) return saved
  return systemWantsLargeText()
}

/** 长辈版 (large text, bigger targets, fewer choices per screen): read again whenever a page shows. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readElderMode())
  useDidShow(() => setOn(readElderMode()))
  // Every user of the hook follows a switch at once: the page's frame (PageShell) as well as the button that switched.
  useEffect(() => {
    Taro.eventCenter.on(ELDER_MODE_CHANGED, setOn)
    return () => {
      Taro.eventCenter.off(ELDER_MODE_CHANGED, setOn)
    }
  }, [])
  const set = useCallback((next: boolean) => {
    Taro.setStorageSync(key(), next)
    Taro.eventCenter.trigger(ELDER_MODE_CHANGED, next)
  }, [])
  return [on, set]
}
