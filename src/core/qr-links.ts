/**
 * The links our QR codes carry when the deployment has a link domain (`QR_LINK_BASE`, e.g. https://bm.example.gov.cn).
 * A link works from any scanner: WeChat's 扫一扫 opens the mini-program on the page the mini-program's 扫普通链接二维码打开
 * 小程序 rule names for its prefix (handing it the link as `q`), a phone's camera opens the H5 app through the local
 * server's redirect, and the app's own scanner reads it as it reads the plain text the codes carry without a domain.
 * docs/deploy-cloudbase.md says how to set the rule up.
 */

/** Each kind of QR link: its path prefix and how many parts follow it (the hall's check-in code, a staff invite). */
export const QR_LINKS = { checkIn: { path: 'c', parts: 2 }, invite: { path: 'j', parts: 1 } } as const
export type QrLinkKind = keyof typeof QR_LINKS

/**
 * `QR_LINK_BASE` as a link base (scheme, host, optional port and path, no trailing slash), or null when unset.
 * Throws on anything else, so a deployment with a typo fails at start rather than printing codes nobody can open.
 * @example linkBaseOf('https://bm.example.gov.cn/') // 'https://bm.example.gov.cn'
 * @example linkBaseOf('') // null
 */
export function linkBaseOf(value: string | undefined): string | null {
  const v = value?.trim()
  if (!v) return null
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/.test(v))
    throw new Error(`QR_LINK_BASE must be a link such as https://bm.example.gov.cn (no query), got ${v}`)
  return v.replace(/\/$/, '')
}

/** The link of `kind` with its parts. @example qrLink('https://bm.example.gov.cn', 'checkIn', ['lsw', '042917']) // 'https://bm.example.gov.cn/c/lsw/042917' */
export function qrLink(base: string, kind: QrLinkKind, parts: readonly string[]): string {
  return `${base}/${QR_LINKS[kind].path}/${parts.map(encodeURIComponent).join('/')}`
}

/**
 * The parts of a link of `kind` (any host: the code inside is checked by the server, never trusted for where it came
 * from), or null when `text` is not one. Takes the link as WeChat hands it to the page (`q`, encoded) or as scanned.
 * @example qrLinkParts('https%3A%2F%2Fbm.example.gov.cn%2Fc%2Flsw%2F042917', 'checkIn') // ['lsw', '042917']
 */
export function qrLinkParts(text: string, kind: QrLinkKind): string[] | null {
  let t = text.trim()
  if (/^https?%3A/i.test(t)) {
    try {
      t = decodeURIComponent(t)
    } catch {
      return null
    }
  }
  const m = /^https?:\/\/[^/?#]+(\/[^?#]*)$/.exec(t)
  if (!m) return null
  // The last parts, after the kind's prefix (a base may have a path of its own before it).
  const { path, parts } = QR_LINKS[kind]
  const segments = m[1].split('/').slice(1)
  if (segments.length < parts + 1 || segments[segments.length - parts - 1] !== path) return null
  try {
    const found = segments.slice(-parts).map(decodeURIComponent)
    return found.every(Boolean) ? found : null
  } catch {
    return null
  }
}

/** Whether a QR's text is a link (WeChat's 扫一扫 opens it) rather than text only the app's scanners read: what its caption says. */
export const opensApp = (qrText: string): boolean => /^https?:\/\//.test(qrText)
