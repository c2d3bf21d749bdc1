import { useEffect, useState } from 'react'
import { messagesSeenAt, savedCenterId, saveCenterId } from '../api/session'
import { useCall } from './use-call'
import { useSavedCenterId } from './use-center'
import { useShownAgain } from './use-shown-again'

/**
 * 首页's and 我的's first screen in one call (`center.home`): the center's card, who the caller is, 今天的预约 and the
 * 消息 not yet seen. A first visit asks without a center and remembers the one answered. Shown again (back from a
 * check-in, the 消息 page, 选择身份), it asks again.
 */
export function useHome() {
  const [centerId] = useSavedCenterId()
  const [seenAt, setSeenAt] = useState(messagesSeenAt())
  const home = useCall('center', 'home', { centerId: centerId ?? undefined, messagesSeenAt: seenAt ?? undefined })
  useShownAgain(() => {
    // A changed center (useSavedCenterId picks it up) or 消息 seen meanwhile changes the params: that is the call.
    const seen = messagesSeenAt()
    if (seen !== seenAt) setSeenAt(seen)
    else if (savedCenterId() === centerId) home.reload()
  })
  const answered = home.data?.center.id
  useEffect(() => {
    // Remembered for the other pages; this page's own params stay as they are (no second call).
    if (answered && !centerId) saveCenterId(answered)
  }, [answered, centerId])
  return home
}
