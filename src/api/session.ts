import Taro from '@tarojs/taro'

/**
 * What the app remembers on this device: the chosen service center and, in the
 * H5 dev build only, the chosen persona. Stored with Taro storage (wx storage in
 * WeChat, localStorage in H5).
 */
const CENTER_KEY = 'centerId'
const PERSONA_KEY = 'devOpenid'

export function savedCenterId(): string | null {
  const v = Taro.getStorageSync(CENTER_KEY)
  return typeof v === 'string' && v ? v : null
}

export function saveCenterId(id: string): void {
  Taro.setStorageSync(CENTER_KEY, id)
}

/** The dev persona's openid (H5 only; WeChat identifies the caller itself). */
export function devOpenid(): string | null {
  if (process.env.TARO_ENV === 'weapp') return null
  const v = Taro.getStorageSync(PERSONA_KEY)
  return typeof v === 'string' && v ? v : null
}

export function saveDevOpenid(openid: string | null): void {
  if (openid) Taro.setStorageSync(PERSONA_KEY, openid)
  else Taro.removeStorageSync(PERSONA_KEY)
}

const MESSAGES_SEEN_KEY = 'messagesSeenAt'

/** The `createdAt` of the newest 消息 the 消息 page has shown on this device: 首页 counts the ones after it. */
export function messagesSeenAt(): string | null {
  const v = Taro.getStorageSync(MESSAGES_SEEN_KEY)
  return typeof v === 'string' && v ? v : null
}

export function saveMessagesSeenAt(createdAt: string): void {
  Taro.setStorageSync(MESSAGES_SEEN_KEY, createdAt)
}
