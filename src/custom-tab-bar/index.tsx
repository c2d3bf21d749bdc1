import Taro from '@tarojs/taro'
import { useState } from 'react'
import { TabBar, tabOfRoute } from '@/components/tab-bar'
import { useElderMode } from '@/hooks/use-elder-mode'

/**
 * WeChat's custom tab bar (app.config.ts `tabBar.custom`): one instance per tab page, so the current tab is the
 * page it was made for. 长辈版 is read when it is made and followed when it is switched on or off.
 */
export default function CustomTabBar() {
  const [current] = useState(() => {
    const pages = Taro.getCurrentPages()
    return tabOfRoute(pages[pages.length - 1]?.route)
  })
  const [elder] = useElderMode()
  return <TabBar current={current} elder={elder} fixed />
}
