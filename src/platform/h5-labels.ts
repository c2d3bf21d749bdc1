/**
 * H5 only: Taro renders `<Input aria-label=…>` as a `taro-input-core` host with
 * a plain `<input>` inside, and the ARIA attributes stay on the host. Screen
 * readers (and axe) look at the inner field, so a field without a placeholder
 * had no name. Copy the host's label, description and invalid state onto the
 * inner field, and keep them in step as they change.
 */
const HOSTS = 'taro-input-core, taro-textarea-core'
const COPIED = ['aria-label', 'aria-describedby', 'aria-invalid', 'aria-labelledby'] as const

function sync(host: Element): void {
  const field = host.querySelector('input, textarea')
  if (!field) return
  for (const name of COPIED) {
    const value = host.getAttribute(name)
    if (value === null) field.removeAttribute(name)
    else if (field.getAttribute(name) !== value) field.setAttribute(name, value)
  }
}

export function installH5FieldLabels(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  const pending = new Set<Element>()
  let scheduled = false
  const flush = () => {
    scheduled = false
    pending.forEach(sync)
    pending.clear()
  }
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target as Element
      if (r.type === 'attributes') {
        if (target.matches?.(HOSTS)) pending.add(target)
        continue
      }
      const host = target.closest?.(HOSTS)
      if (host) pending.add(host)
      r.addedNodes.forEach((n) => {
        if (n.nodeType !== 1) return
        const el = n as Element
        if (el.matches(HOSTS)) pending.add(el)
        el.querySelectorAll(HOSTS).forEach((h) => pending.add(h))
      })
    }
    if (pending.size && !scheduled) {
      scheduled = true
      queueMicrotask(flush)
    }
  })
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: [...COPIED] })
  document.querySelectorAll(HOSTS).forEach(sync)
}
