import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { call } from '../api/client'
import { savedCenterId, saveCenterId } from '../api/session'

/**
 * The service center the resident is using. The first visit takes the first
 * center of the district (the picker on 我的/首页 changes it); the choice is
 * remembered on the device and re-read whenever a page shows again.
 */
export function useCenterId(): string | null {
  const [centerId, setCenterId] = useSavedCenterId()

  useEffect(() => {
    if (centerId) return
    let live = true
    call('center', 'listCenters', {})
      .then((centers) => {
        if (!live || centers.length === 0) return
        setCenterId(centers[0].id)
      })
      // The page's own call shows the error in words; a toast would vanish before an elder reads it.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [centerId, setCenterId])

  return centerId
}

/**
 * The center remembered on the device, or null on a first visit — without asking the server: for a page whose own
 * call answers the district's first center itself (首页 and 我的, through `center.home`), so its first screen is one
 * call. The setter remembers a center on the device too.
 */
export function useSavedCenterId(): [string | null, (id: string) => void] {
  const [centerId, setCenterId] = useState<string | null>(savedCenterId())
  useDidShow(() => {
    const saved = savedCenterId()
    if (saved !== centerId) setCenterId(saved)
  })
  const remember = useCallback((id: string) => {
    saveCenterId(id)
    setCenterId(id)
  }, [])
  return [centerId, remember]
}
