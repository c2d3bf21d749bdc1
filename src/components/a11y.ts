/**
 * ARIA role props for Taro components on both platforms: the H5 build renders
 * web elements that read `role`; WeChat reads `aria-role`. Taro's typings know
 * neither on every component, hence the loose return type.
 */
export function roleProps(role: string): Record<string, string> {
  return process.env.TARO_ENV === 'weapp' ? { 'aria-role': role } : { role }
}
