import Taro from '@tarojs/taro'
import type { Envelope } from '../contract/envelope'
import { devOpenid } from './session'

/** How one call reaches a cloud function: `callFunction` in WeChat, `POST /api/<name>` in the H5 build. */
export type Transport = (name: string, data: Record<string, unknown>) => Promise<Envelope<unknown>>

/**
 * No answer from the service (it is down, restarting, or a proxy answered in its place): said as the service being
 * unavailable — the resident's own network is most often fine, and blaming it sends them to fiddle with their phone.
 */
export const SERVICE_UNAVAILABLE: Envelope<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '服务暂时无法连接，请稍后重试；急需办理请拨打服务中心电话' },
}

/** WeChat: the platform adds the caller's OPENID; nothing we send can change it. */
export const cloudTransport: Transport = async (name, data) => {
  try {
    const res = await Taro.cloud.callFunction({ name, data })
    return res.result as Envelope<unknown>
  } catch {
    return SERVICE_UNAVAILABLE
  }
}

/** H5 against the local server: in dev mode the chosen persona travels as `X-Openid`. */
export const httpTransport: Transport = async (name, data) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = devOpenid()
  if (openid) headers['x-openid'] = openid
  try {
    const res = await fetch(`/api/${name}`, { method: 'POST', headers, body: JSON.stringify(data) })
    return (await res.json()) as Envelope<unknown>
  } catch {
    return SERVICE_UNAVAILABLE
  }
}
