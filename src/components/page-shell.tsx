import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Children, type ReactNode } from 'react'
import type { Failure } from '../api/client'
import { savedCenterId } from '../api/session'
import { roleProps } from './a11y'
import { useElderMode } from '../hooks/use-elder-mode'
import { PrivacyPrompt } from './privacy-prompt'
import { TabBar, type TabKey } from './tab-bar'
import './page-shell.scss'

interface PageShellProps {
  /** Shown while the page's data loads (no data yet). */
  loading?: boolean
  error?: Failure | null
  onRetry?: () => void
  /** When set and true, `emptyText` is shown instead of the children. */
  empty?: boolean
  emptyText?: string
  /** A tab page: its tab bar (H5; WeChat shows src/custom-tab-bar itself). */
  tab?: TabKey
  children?: ReactNode
}

/** Failures a second try can cure (the service was busy or did not answer); for the others 重试 would only repeat them. */
const RETRYABLE = new Set<Failure['code']>(['INTERNAL', 'RATE_LIMITED'])

const weapp = process.env.TARO_ENV === 'weapp'

const goHome = () => Taro.switchTab({ url: '/pages/index/index' })

/**
 * The frame of every page: elder mode, the loading, error and empty states
 * said in words (never only an icon or a colour), and WeChat's privacy prompt.
 * An error never ends the way: 返回首页 always, 重试 where it can help.
 */
export function PageShell({ loading, error, onRetry, empty, emptyText = '暂无内容', tab, children }: PageShellProps) {
  const [elder] = useElderMode()
  let body: ReactNode = children
  if (error) {
    body = (
      <View className="state state--error" {...roleProps('alert')}>
        <Text className="state__title">出错了</Text>
        <Text className="state__text">{error.message}</Text>
        {onRetry && RETRYABLE.has(error.code) && (
          <Button className="btn btn--primary" onClick={onRetry}>
            重试
          </Button>
        )}
        <Button className="btn" onClick={goHome}>
          返回首页
        </Button>
      </View>
    )
  } else if (loading || (Children.toArray(children).length === 0 && !savedCenterId())) {
    // (A first visit has no center yet: useCenterId is fetching the list, so the page is still loading.)
    body = (
      <View className="state" aria-live="polite">
        <Text className="state__text">正在加载…</Text>
      </View>
    )
  } else if (empty) {
    body = (
      <View className="state">
        <Text className="state__text">{emptyText}</Text>
      </View>
    )
  } else if (Children.toArray(children).length === 0) {
    // Nothing to show and nothing loading: most often a link that lost its id. Never a blank page.
    body = (
      <View className="state">
        <Text className="state__text">没有找到要打开的内容。请返回上一页，或回到首页重新进入。</Text>
        <Button className="btn btn--primary" onClick={goHome}>
          返回首页
        </Button>
      </View>
    )
  }
  return (
    <View className={`page ${elder ? 'page--elder' : ''} ${tab ? (weapp ? 'page--tab' : 'page--bar') : ''}`}>
      {body}
      <PrivacyPrompt />
      {tab && !weapp && <TabBar current={tab} elder={elder} />}
    </View>
  )
}

/** A page that needs to know who is asking, opened before anyone is chosen (H5 without a persona; never in WeChat). */
export function SignInFirst() {
  return (
    <PageShell>
      <View className="card">
        <Text className="card__line">请先在“我的”中选择一个演示身份。</Text>
      </View>
    </PageShell>
  )
}
