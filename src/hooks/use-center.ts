import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { call } from '../api/client'
import { savedCenterId, saveCenterId } from '../api/session'

/**
 * The service center the resident is using. The first visit takes the first
 * center of the district (the picker on 我的/首页 changes it); the choice is
 * remembered on the device and re-read whenever a page shows again.
 */
export function useCenterId(): string | null {
  const [centerId, setCenterId] = useState<string | null>(savedCenterId())

  useDidShow(() => {
    const saved = savedCenterId()
    if (saved !== centerId) setCenterId(saved)
  })

  useEffect(() => {
    if (centerId) return
    let live = true
    call('center', 'listCenters', {})
      .then((centers) => {
        if (!live || centers.length === 0) return
        saveCenterId(centers[0].id)
        setCenterId(centers[0].id)
      })
      // The page's own call shows the error in words; a toast would vanish before an elder reads it.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [centerId])

  return centerId
}
