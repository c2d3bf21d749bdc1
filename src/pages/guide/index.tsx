import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ServiceCategoryKey } from '@/core/service-categories'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import './index.scss'

export default function Guide() {
  const centerId = useCenterId()
  const [category, setCategory] = useState<ServiceCategoryKey | undefined>()
  const [choosing, setChoosing] = useState(false)
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [bookableOnly, setBookableOnly] = useState(false)

  // 首页's "预约办事" opens this tab with only the bookable services.
  useDidShow(() => {
    const wish = Taro.getStorageSync('guideBookableOnly')
    if (typeof wish === 'boolean') {
      setBookableOnly(wish)
      Taro.removeStorageSync('guideBookableOnly')
    }
  })

  // The server filters the bookable ones too, so each category's count is what that category lists.
  const listing = useCall(
    'center',
    'listServices',
    centerId ? { centerId, category, q: q || undefined, bookable: bookableOnly || undefined } : null,
  )
  const services = listing.data?.services ?? []
  const categories = listing.data?.categories ?? []
  const total = categories.reduce((n, c) => n + c.count, 0)
  const chosen = categories.find((c) => c.key === category)
  const choose = (key: ServiceCategoryKey | undefined) => {
    setCategory(key)
    setChoosing(false)
  }

  return (
    <PageShell loading={listing.loading && !listing.data} error={listing.error} onRetry={listing.reload} tab="guide">
      <View className="search" {...roleProps('search')}>
        <Input
          className="search__input"
          type="text"
          confirmType="search"
          value={typed}
          placeholder="输入事项名称，如：养老、医保"
          aria-label="搜索办事事项"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => setQ(typed.trim())}
        />
        <Button className="btn btn--primary search__go" onClick={() => setQ(typed.trim())}>
          搜索
        </Button>
      </View>

      {/* The categories fold into one line, so the services start on the first screen. */}
      <Button className="btn btn--block category-pick" aria-expanded={choosing} onClick={() => setChoosing(!choosing)}>
        <Text className="category-pick__now">分类：{chosen ? `${chosen.name}（${chosen.count}）` : `全部（${total}）`}</Text>
        <Text className="category-pick__do">{choosing ? '收起 ▲' : '更换 ▼'}</Text>
      </Button>
      {choosing && (
        <View className="chips" {...roleProps('group')} aria-label="按分类查看">
          <Button className={`chip ${!category ? 'chip--on' : ''}`} aria-pressed={!category} onClick={() => choose(undefined)}>
            {!category ? '✓ ' : ''}全部（{total}）
          </Button>
          {categories.map((c) => (
            <Button
              key={c.key}
              className={`chip ${category === c.key ? 'chip--on' : ''}`}
              aria-pressed={category === c.key}
              onClick={() => choose(c.key)}
            >
              {category === c.key ? '✓ ' : ''}
              {c.name}（{c.count}）
            </Button>
          ))}
        </View>
      )}

      {bookableOnly && (
        <View className="filter-note">
          <Text>只显示可以预约的事项。</Text>
          <Button className="filter-note__all" onClick={() => setBookableOnly(false)}>
            显示全部事项
          </Button>
        </View>
      )}

      {q && (
        <Text className="result-count" aria-live="polite">
          “{q}”找到 {services.length} 项
        </Text>
      )}

      {listing.data && services.length === 0 ? (
        <View className="card">
          <Text className="card__line">没有找到相关事项。换个说法试试，或拨打中心电话咨询。</Text>
        </View>
      ) : (
        services.map((s) => (
          <Button
            key={s.id}
            className="card card-button service-item"
            onClick={() => Taro.navigateTo({ url: `/pages/service/index?id=${s.id}` })}
          >
            <Text className="card__title">{s.name}</Text>
            <Text className="card__line">{s.summary}</Text>
            <View className="service-item__tags">
              <Text className="tag tag--info">{s.categoryName}</Text>
              {s.bookable && <Text className="tag tag--ok">可预约</Text>}
              {s.delegable && <Text className="tag tag--info">可帮办代办</Text>}
              <Text className="tag tag--info">{s.processingDays === 0 ? '当场办结' : `${s.processingDays} 个工作日`}</Text>
            </View>
          </Button>
        ))
      )}
    </PageShell>
  )
}
