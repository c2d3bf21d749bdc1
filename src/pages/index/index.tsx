import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { TodayBookings } from '@/components/today-booking'
import { describeHours } from '@/core/opening-hours'
import { useElderMode } from '@/hooks/use-elder-mode'
import { useHome } from '@/hooks/use-home'
import './index.scss'
import { dayLabel } from '@/core/beijing-time'
import { Unbroken } from '@/components/unbroken'
import { openMap } from '@/platform/open-map'

/** The three jobs of the center and the guide; a job still being built says so. */
const ENTRIES: { title: string; hint: string; url?: string; tab?: boolean }[] = [
  { title: '办事指南', hint: '带齐材料，一次办好', url: '/pages/guide/index', tab: true },
  { title: '预约办事', hint: '选好时间，到了就办', url: '/pages/guide/index?bookable=1', tab: true },
  { title: '上门认证', hint: '行动不便，上门退休认证', url: '/pages/homecert/form/index' },
  { title: '帮办代办', hint: '工作人员帮您跑腿', url: '/pages/delegation/mine/index' },
]

const openTag = (state: string) =>
  state === 'open'
    ? { cls: 'tag--ok', text: '办公中' }
    : state === 'closed_today'
      ? { cls: 'tag--bad', text: '今日休息' }
      : { cls: 'tag--warn', text: '非办公时间' }

export default function Home() {
  const home = useHome()
  const [elder, setElder] = useElderMode()
  usePullDownRefresh(() => {
    home.reload()
    Taro.stopPullDownRefresh()
  })

  const c = home.data?.center
  const me = home.data?.me
  const unread = home.data?.unreadMessages ?? 0
  const tag = c ? openTag(c.today.openState.state) : null
  const closures = c ? Object.entries(c.upcomingDays.closed) : []

  const open = (e: (typeof ENTRIES)[number]) => {
    if (!e.url) {
      Taro.showModal({ title: e.title, content: '该功能即将上线，现在可拨打中心电话咨询。', showCancel: false, confirmText: '知道了' })
      return
    }
    // A tab page cannot take a query string, so the guide reads the wish from storage.
    if (e.tab) {
      Taro.setStorageSync('guideBookableOnly', e.url.includes('bookable=1'))
      Taro.switchTab({ url: e.url.split('?')[0] })
    } else Taro.navigateTo({ url: e.url })
  }

  return (
    <PageShell loading={home.loading && !c} error={home.error} onRetry={home.reload} tab="home">
      {/* First on the screen: on the day of a booking, the way in is one tap. */}
      <TodayBookings centerId={c?.id ?? null} items={home.data?.today ?? []} />
      {unread > 0 && (
        <Button className="btn btn--block unread-messages" onClick={() => Taro.navigateTo({ url: '/pages/messages/index' })}>
          您有 {unread} 条新消息，点此查看
        </Button>
      )}
      {c && (
        <View className="card center-card">
          <View className="center-card__head">
            <Text className="card__title center-card__name">{c.name}</Text>
            <Button className="btn center-card__switch" onClick={() => Taro.navigateTo({ url: '/pages/centers/index' })}>
              切换
            </Button>
          </View>
          <View className="center-card__status">
            <Text className={`tag ${tag!.cls}`}>{tag!.text}</Text>
            <Text className="center-card__status-text">
              {c.today.date.slice(5).replace('-', '月')}日 {c.today.weekday} · {c.today.text}
            </Text>
          </View>
          {describeHours(c.hours).map((line) => (
            <Text key={line} className="card__line">
              {line}
            </Text>
          ))}
          <Text className="card__line">地址：{c.address}</Text>
          {closures.length > 0 && (
            <View className="center-card__closures">
              {closures.map(([date, reason]) => (
                <Text key={date} className="card__line">
                  {dayLabel(date)} 暂停办公：{reason}
                </Text>
              ))}
            </View>
          )}
          <View className="center-card__actions">
            <Button className="btn" onClick={() => Taro.makePhoneCall({ phoneNumber: c.phone })}>
              {/* One flex item: the words and the number wrap as one text, the number kept whole. */}
              <Text>
                拨打电话 <Unbroken>{c.phone}</Unbroken>
              </Text>
            </Button>
            <Button
              className="btn"
              onClick={() =>
                openMap({ ...c.location, name: c.name, address: c.address }).catch(() =>
                  Taro.showModal({ title: '中心地址', content: c.address, showCancel: false, confirmText: '知道了' }),
                )
              }
            >
              查看位置
            </Button>
          </View>
        </View>
      )}

      <View className="entries">
        {ENTRIES.map((e) => (
          <Button key={e.title} className="entry" onClick={() => open(e)}>
            <Text className="entry__title">{e.title}</Text>
            <Text className="entry__hint">{e.url ? e.hint : '即将上线'}</Text>
          </Button>
        ))}
      </View>

      <Button className="btn btn--block elder-switch" onClick={() => setElder(!elder)} aria-pressed={elder}>
        {elder ? '长辈版：已开启（点此关闭）' : '长辈版：字更大、按钮更大'}
      </Button>

      {me && (me.roles.length > 0 || me.district) && (
        <Button className="btn btn--block staff-entry" onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })}>
          工作人员入口（{me.staffName}）
        </Button>
      )}
    </PageShell>
  )
}
