import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import guideIcon from '@/assets/tab/guide.png'
import guideIconOn from '@/assets/tab/guide-on.png'
import homeIcon from '@/assets/tab/home.png'
import homeIconOn from '@/assets/tab/home-on.png'
import mineIcon from '@/assets/tab/mine.png'
import mineIconOn from '@/assets/tab/mine-on.png'
import { roleProps } from './a11y'
import './tab-bar.scss'

export type TabKey = 'home' | 'guide' | 'mine'

/** The three tab pages, in the order of app.config.ts's `tabBar.list` (icons drawn by scripts/tab-icons.ts). */
export const TABS: readonly { key: TabKey; text: string; path: string; icon: string; iconOn: string }[] = [
  { key: 'home', text: '首页', path: '/pages/index/index', icon: homeIcon, iconOn: homeIconOn },
  { key: 'guide', text: '办事指南', path: '/pages/guide/index', icon: guideIcon, iconOn: guideIconOn },
  { key: 'mine', text: '我的', path: '/pages/mine/index', icon: mineIcon, iconOn: mineIconOn },
]

/**
 * The tab of a page route (`pages/index/index`, with or without its leading slash), or null for any other page.
 * @example tabOfRoute('pages/mine/index') // 'mine'
 */
export function tabOfRoute(route: string | undefined): TabKey | null {
  const path = `/${(route ?? '').replace(/^\//, '').split('?')[0]}`
  return TABS.find((t) => t.path === path)?.key ?? null
}

/**
 * The app's tab bar, ours rather than the platform's (whose words stay small in 长辈版): icon and words on big
 * targets; the current tab is told by a filled icon, bold words, a bar above it and `aria-current`, not by colour only.
 * WeChat shows it through src/custom-tab-bar; the H5 build has no custom tab bar, so the tab pages' PageShell
 * renders it at the foot of the page.
 */
export function TabBar({ current, elder, fixed }: { current: TabKey | null; elder: boolean; fixed?: boolean }) {
  return (
    <View
      className={`tab-bar ${elder ? 'page--elder' : ''} ${fixed ? 'tab-bar--fixed' : ''}`}
      {...roleProps('navigation')}
      aria-label="主菜单"
    >
      {TABS.map((t) => {
        const on = t.key === current
        return (
          <Button
            key={t.key}
            className={`tab-bar__item ${on ? 'tab-bar__item--on' : ''}`}
            aria-current={on ? 'page' : undefined}
            onClick={() => {
              if (!on) Taro.switchTab({ url: t.path })
            }}
          >
            <Image className="tab-bar__icon" src={on ? t.iconOn : t.icon} aria-hidden />
            <Text className="tab-bar__text">{t.text}</Text>
          </Button>
        )
      })}
    </View>
  )
}
