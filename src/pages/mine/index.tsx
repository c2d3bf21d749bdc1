import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { devOpenid } from '@/api/session'
import { PageShell } from '@/components/page-shell'
import { TodayBookings } from '@/components/today-booking'
import { useElderMode } from '@/hooks/use-elder-mode'
import { useHome } from '@/hooks/use-home'

const ROLE_NAMES = { admin: '管理员', supervisor: '主管', counter: '窗口人员', grid: '网格员' } as const

export default function Mine() {
  const [elder, setElder] = useElderMode()
  const [persona, setPersona] = useState(devOpenid())
  // One call: the center's name, who we are there and 今天的预约 (asked again whenever the page shows: back from
  // 选择身份, who we are may have changed).
  const home = useHome()
  useDidShow(() => setPersona(devOpenid()))
  const me = home.data?.me
  const h5 = process.env.TARO_ENV !== 'weapp'

  return (
    <PageShell error={home.error} onRetry={home.reload}>
      <TodayBookings centerId={home.data?.center.id ?? null} items={home.data?.today ?? []} />
      <View className="card">
        <Text className="card__title">服务中心</Text>
        <Text className="card__line">{home.data?.center.name ?? '正在加载…'}</Text>
        <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/centers/index' })}>
          切换服务中心
        </Button>
      </View>

      <View className="card">
        <Text className="card__title">我的办事</Text>
        <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/people/index' })}>
          我的身份与亲友
        </Button>
        <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/booking/mine/index' })}>
          我的预约
        </Button>
        <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/booking/waitlist/index' })}>
          我的候补
        </Button>
        <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/homecert/mine/index' })}>
          我的上门认证
        </Button>
        <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/delegation/mine/index' })}>
          我的代办
        </Button>
        <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/messages/index' })}>
          消息
        </Button>
      </View>

      <View className="card">
        <Text className="card__title">长辈版</Text>
        <Text className="card__line">字更大、按钮更大、每页内容更少。</Text>
        <Button className="btn btn--block" aria-pressed={elder} onClick={() => setElder(!elder)}>
          {elder ? '已开启，点此关闭' : '开启长辈版'}
        </Button>
      </View>

      {h5 && (
        <View className="card">
          <Text className="card__title">当前身份（演示）</Text>
          <Text className="card__line">{persona ? `已选择：${persona}` : '未选择身份，只能浏览办事指南'}</Text>
          <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/pages/identity/index' })}>
            选择身份
          </Button>
        </View>
      )}

      {me && me.roles.length === 0 && me.openid && (
        <View className="card">
          <Text className="card__title">工作人员绑定</Text>
          <Text className="card__line">收到中心管理员的邀请码后，在这里绑定到您的微信。</Text>
          <Button className="btn btn--block" onClick={() => Taro.navigateTo({ url: '/staff/pages/join/index' })}>
            输入邀请码
          </Button>
        </View>
      )}

      {me && (me.roles.length > 0 || me.district) && (
        <View className="card">
          <Text className="card__title">工作人员</Text>
          <Text className="card__line">
            {me.staffName}：{[...(me.district ? ['区级管理员'] : []), ...me.roles.map((r) => ROLE_NAMES[r.role])].join('、')}
          </Text>
          <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateTo({ url: '/staff/pages/home/index' })}>
            进入工作台
          </Button>
        </View>
      )}
    </PageShell>
  )
}
