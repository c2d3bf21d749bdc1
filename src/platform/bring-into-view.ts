import Taro from '@tarojs/taro'

/**
 * Brings a part of the page that just opened (a confirmation) into the middle of the screen, and in H5 moves
 * keyboard and screen-reader focus onto it: a panel opened below the fold is otherwise never seen, and a
 * screen reader would not hear it. WeChat scrolls the page to it (its native views take no script focus).
 */
export function bringIntoView(id: string): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -24, duration: 200 }).catch(() => undefined)
    return
  }
  // After the frame that lays the panel out: before it, its box is not where it will be.
  requestAnimationFrame(() => {
    const el = document.getElementById(id)
    if (!el) return
    // jsdom has no layout, hence no scrollIntoView.
    el.scrollIntoView?.({ block: 'center' })
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
    el.focus({ preventScroll: true })
  })
}
