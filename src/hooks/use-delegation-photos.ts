import { useCallback, useState } from 'react'
import { call, failureOf } from '../api/client'

/**
 * Photos of a case's 补交材料 replies, fetched one at a time when someone asks to
 * see them (they are not sent with the case: most views never need them).
 */
export function useCasePhotos(centerId: string | undefined, caseId: string | undefined, onError: (message: string) => void) {
  const [photos, setPhotos] = useState<Record<string, string>>({})
  const show = useCallback(
    (photoId: string) => {
      if (!centerId || !caseId) return
      call('delegation', 'getPhoto', { centerId, id: caseId, photoId }).then(
        (p) => setPhotos((all) => ({ ...all, [photoId]: p.url })),
        (e) => onError(failureOf(e).message),
      )
    },
    [centerId, caseId, onError],
  )
  return { photos, show }
}
