/**
 * A stand-in for `@tarojs/taro` in jsdom page tests. The real package needs
 * Taro's runtime, which only the builds provide. This keeps what our pages use:
 * storage (in memory), navigation (recorded), router params, page-show hooks, the event bus,
 * and the modal/toast calls (recorded, so a test can assert what was said).
 */
import { useEffect } from 'react'

const storage = new Map<string, unknown>()
export const calls = {
  navigateTo: [] as string[],
  switchTab: [] as string[],
  modals: [] as { title?: string; content?: string }[],
  toasts: [] as string[],
}
let routerParams: Record<string, string> = {}

export function resetTaroDouble(params: Record<string, string> = {}): void {
  storage.clear()
  calls.navigateTo.length = 0
  calls.switchTab.length = 0
  calls.modals.length = 0
  calls.toasts.length = 0
  routerParams = params
}

/** Taro's event bus (长辈版 tells every page frame and the tab bar when it is switched): the real behaviour, in memory. */
const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
const eventCenter = {
  on: (name: string, fn: (...args: unknown[]) => void) => void listeners.set(name, (listeners.get(name) ?? new Set()).add(fn)),
  off: (name: string, fn: (...args: unknown[]) => void) => void listeners.get(name)?.delete(fn),
  trigger: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((fn) => fn(...args)),
}

const Taro = {
  eventCenter,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  navigateBack: async () => undefined,
  showModal: async (o: { title?: string; content?: string }) => {
    calls.modals.push(o)
    return { confirm: true, cancel: false }
  },
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  setNavigationBarTitle: async () => undefined,
  stopPullDownRefresh: () => undefined,
  makePhoneCall: async () => undefined,
  openLocation: async () => undefined,
}

export const useDidShow = (fn: () => void) => useEffect(() => fn(), [])
export const useLoad = useDidShow
export const usePullDownRefresh = () => undefined
export const useRouter = () => ({ params: routerParams, path: '' })

export default Taro
