import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { deskKeyAction, type DeskKeyAction } from '../core/queue-desk'

/** The part of a key press the desk reads (H5's KeyboardEvent and PC WeChat's onKeyDown answer both carry it). */
interface KeyPress {
  key: string
  altKey?: boolean | string
  ctrlKey?: boolean
  metaKey?: boolean
}

/** PC WeChat's global key listener (base library 3.6.0+, PC only); absent on phones and older clients. */
interface KeyApi {
  onKeyDown?: (listener: (res: KeyPress) => void) => void
  offKeyDown?: (listener: (res: KeyPress) => void) => void
}

/** Typing in a field, or holding a modifier (the browser's own shortcuts): not a desk shortcut. */
function ignored(e: KeyPress, target: EventTarget | null): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey === true || e.altKey === 'true') return true
  const el = target as HTMLElement | null
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable === true)
}

/**
 * Whether this device has a keyboard for the page: the H5 build on a computer (a mouse-like pointer; a phone's
 * browser has none), or PC WeChat (Windows, Mac) with `onKeyDown`.
 */
function keysAvailable(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return typeof matchMedia !== 'function' || matchMedia('(hover: hover) and (pointer: fine)').matches
  const api = (globalThis as { wx?: KeyApi }).wx
  if (typeof api?.onKeyDown !== 'function') return false
  const platform = Taro.getDeviceInfo?.().platform ?? ''
  return platform === 'windows' || platform === 'mac'
}

/**
 * The desk's keyboard shortcuts while the page is shown: in the H5 build (a PC browser) from the document's key
 * presses, in PC WeChat from `wx.onKeyDown` (which sends nothing while a field has the focus). On a phone there is
 * no keyboard event and the buttons are the way. Answers whether the shortcuts work here (the buttons show them only then).
 */
export function useDeskKeys(onKey: (action: DeskKeyAction) => void): boolean {
  const latest = useRef(onKey)
  latest.current = onKey
  // H5 keeps a page mounted under the next one: a key pressed there must not call a number here.
  const shown = useRef(true)
  useDidShow(() => void (shown.current = true))
  useDidHide(() => void (shown.current = false))
  const [available] = useState(keysAvailable)
  useEffect(() => {
    if (!available) return
    const handle = (e: KeyPress, target: EventTarget | null) => {
      const action = !shown.current || ignored(e, target) ? null : deskKeyAction(e.key)
      if (action) latest.current(action)
      return action
    }
    if (process.env.TARO_ENV === 'weapp') {
      const api = (globalThis as { wx?: KeyApi }).wx!
      const listener = (res: KeyPress) => void handle(res, null)
      api.onKeyDown!(listener)
      return () => api.offKeyDown?.(listener)
    }
    const listener = (e: KeyboardEvent) => {
      if (e.repeat) return
      if (handle(e, e.target)) e.preventDefault()
    }
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [available])
  return available
}
