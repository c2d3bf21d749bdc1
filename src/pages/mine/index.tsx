import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { TodayBookings } from '@/components/today-booking'
import { useElderMode } from '@/hooks/use-elder-mode'
import { useHome } from '@/hooks/use-home'
import './index.scss'

const ROLE_NAMES = { admin: '管理员', supervisor: '主管', counter: '窗口人员', grid: '网格员' } as const

const go = (url: string) => () => Taro.navigateTo({ url })

/** 我的办事: what the resident asked for, each one tap away. */
const MY_THINGS: { text: string; url: string }[] = [
  { text: '我的预约', url: '/pages/booking/mine/index' },
  { text: '我的候补', url: '/pages/booking/waitlist/index' },
  { text: '我的上门认证', url: '/pages/homecert/mine/index' },
  { text: '我的代办', url: '/pages/delegation/mine/index' },
  { text: '消息', url: '/pages/messages/index' },
]

/**
 * 我的: who the person is (their name, masked), what they asked for, the center, 长辈版, and for staff their
 * 工作台. Two small links at the foot: 工作人员绑定 (for the few an admin invited) and, on the local server in dev
 * mode only, the demo identities.
 */
export default function Mine() {
  const [elder, setElder] = useElderMode()
  // One call: the center's name, who we are there and 今天的预约 (asked again whenever the page shows: back from
  // 我的身份 or 选择身份, who we are may have changed).
  const home = useHome()
  const me = home.data?.me
  const signedIn = !!me?.openid
  const staff = !!me && (me.roles.length > 0 || me.district)
  const demo = process.env.TARO_ENV !== 'weapp' && home.data?.demoIdentities === true

  return (
    <PageShell error={home.error} onRetry={home.reload} tab="mine">
      <TodayBookings centerId={home.data?.center.id ?? null} items={home.data?.today ?? []} />

      {home.data && (
        <View className="card">
          {signedIn ? (
            <>
              <Text className="card__title">{me.name ?? '您好'}</Text>
              <Text className="card__line">
                {me.name ? '预约、申请时可以直接选“本人”。' : '还没有填写本人信息。填好后，预约、申请时可以直接选“本人”。'}
              </Text>
              <Button className="btn btn--block" onClick={go('/pages/people/index')}>
                {me.name ? '我的身份与亲友' : '填写本人信息'}
              </Button>
            </>
          ) : (
            <>
              <Text className="card__title">还没有登录</Text>
              <Text className="card__line">
                {demo ? '演示版：请选择一个演示身份。' : '预约、申请等个人事项请在微信小程序中办理；这里可以浏览办事指南。'}
              </Text>
              {demo && (
                <Button className="btn btn--primary btn--block" onClick={go('/pages/identity/index')}>
                  选择演示身份
                </Button>
              )}
            </>
          )}
        </View>
      )}

      <View className="card">
        <Text className="card__title">我的办事</Text>
        {MY_THINGS.map((t, i) => (
          <Button key={t.url} className={`btn btn--block ${i > 0 ? 'mine-gap' : ''}`} onClick={go(t.url)}>
            {t.text}
          </Button>
        ))}
      </View>

      <View className="card">
        <Text className="card__title">服务中心</Text>
        <Text className="card__line">{home.data?.center.name ?? '正在加载…'}</Text>
        <Button className="btn btn--block" onClick={go('/pages/centers/index')}>
          切换服务中心
        </Button>
      </View>

      <View className="card">
        <Text className="card__title">长辈版</Text>
        <Text className="card__line">字更大、按钮更大、每页内容更少。</Text>
        <Button className="btn btn--block" aria-pressed={elder} onClick={() => setElder(!elder)}>
          {elder ? '已开启，点此关闭' : '开启长辈版'}
        </Button>
      </View>

      {staff && (
        <View className="card">
          <Text className="card__title">工作人员</Text>
          <Text className="card__line">
            {me.staffName}：{[...(me.district ? ['区级管理员'] : []), ...me.roles.map((r) => ROLE_NAMES[r.role])].join('、')}
          </Text>
          <Button className="btn btn--primary btn--block" onClick={go('/staff/pages/home/index')}>
            进入工作台
          </Button>
        </View>
      )}

      <View className="mine-foot">
        {signedIn && !staff && (
          <Button className="mine-foot__link" onClick={go('/staff/pages/join/index')}>
            工作人员绑定：输入邀请码
          </Button>
        )}
        {demo && signedIn && (
          <Button className="mine-foot__link" onClick={go('/pages/identity/index')}>
            切换演示身份
          </Button>
        )}
      </View>
    </PageShell>
  )
}
