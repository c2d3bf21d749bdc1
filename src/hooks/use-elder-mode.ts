import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'

const KEY = 'elderMode'

function readElderMode(): boolean {
  return Taro.getStorageSync(KEY) === true
}

/** 长辈版 (large text, bigger targets): remembered on the device, read again when a page shows. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readElderMode())
  useDidShow(() => setOn(readElderMode()))
  const set = useCallback((next: boolean) => {
    Taro.setStorageSync(KEY, next)
    setOn(next)
  }, [])
  return [on, set]
}
