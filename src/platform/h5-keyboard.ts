/**
 * Keyboard and screen-reader access for Taro's H5 buttons.
 *
 * In the H5 build every <Button> becomes a `taro-button-core` custom element:
 * not focusable, no button role, Enter and Space do nothing. In WeChat the
 * native button has all of that. This adapter, in one place for every page,
 * makes each one a real button for keyboards and assistive technology.
 */
function enhance(el: Element) {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', el.hasAttribute('disabled') ? '-1' : '0')
  if (!el.hasAttribute('role')) el.setAttribute('role', 'button')
}

export function installH5ButtonAccess(doc: Document = document): void {
  doc.querySelectorAll('taro-button-core').forEach(enhance)
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element && r.target.tagName === 'TARO-BUTTON-CORE') {
        // Keep focusability in step with disabled.
        r.target.setAttribute('tabindex', r.target.hasAttribute('disabled') ? '-1' : '0')
      }
      r.addedNodes.forEach((n) => {
        if (!(n instanceof Element)) return
        if (n.tagName === 'TARO-BUTTON-CORE') enhance(n)
        n.querySelectorAll?.('taro-button-core').forEach(enhance)
      })
    }
  }).observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] })

  doc.addEventListener('keydown', (e) => {
    const el = e.target as Element | null
    if (!el || el.tagName !== 'TARO-BUTTON-CORE' || el.hasAttribute('disabled')) return
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      ;(el as HTMLElement).click()
    }
  })
}
