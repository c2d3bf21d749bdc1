/** Mainland mobile numbers: 11 digits, `1`, then 3–9, then 9 digits. */
const MOBILE_RE = /^1[3-9]\d{9}$/

/** Drops spaces, dashes and a leading +86 that people paste in. @example normalizeMobile('+86 138-0013-8000') // '13800138000' */
export function normalizeMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
}

/** True for a mainland mobile number. @example isMobile('13800138000') // true */
export function isMobile(value: string): boolean {
  return MOBILE_RE.test(normalizeMobile(value))
}

/** Hides the middle four digits. @example maskMobile('13812345678') // '138****5678' */
export function maskMobile(phone: string): string {
  const p = normalizeMobile(phone)
  if (p.length !== 11) return '*'.repeat(p.length)
  return `${p.slice(0, 3)}****${p.slice(7)}`
}
