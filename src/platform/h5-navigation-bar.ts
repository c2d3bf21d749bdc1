/**
 * H5 only: Taro's navigation bar (app.config `window.navigationStyle: 'default'`) shows a back arrow on pages
 * reached from another page, and a home icon on a page opened by its link (nothing to go back to); tab pages and
 * 首页 show neither. Taro draws both as bare `<div>`s around an SVG: no name, no role, no keyboard. Give them
 * what a button has (返回 / 返回首页, focus, Enter and Space); their size (≥ 44 px) is in index.html.
 */
const BUTTONS: [className: string, name: string][] = [
  ['taro-navigation-bar-back', '返回'],
  ['taro-navigation-bar-home', '返回首页'],
]

function enhance(bar: Element): void {
  for (const [className, name] of BUTTONS) {
    const el = bar.getElementsByClassName(className)[0]
    if (!el) continue
    el.setAttribute('role', 'button')
    el.setAttribute('tabindex', '0')
    el.setAttribute('aria-label', name)
    el.querySelector('svg')?.setAttribute('aria-hidden', 'true')
    el.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key
      if (key !== 'Enter' && key !== ' ') return
      e.preventDefault()
      ;(el as HTMLElement).click()
    })
  }
}

export function installH5NavigationBar(doc: Document = document): void {
  if (typeof MutationObserver === 'undefined') return
  const found = doc.getElementById('taro-navigation-bar')
  if (found) return enhance(found)
  // The router adds the bar when the app mounts, after this module ran.
  const observer = new MutationObserver(() => {
    const bar = doc.getElementById('taro-navigation-bar')
    if (!bar) return
    observer.disconnect()
    enhance(bar)
  })
  observer.observe(doc.body, { childList: true, subtree: true })
}
