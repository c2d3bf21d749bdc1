import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { CalendarBanner } from '@/staff/components/calendar-banner'
import { QueueEntry } from '@/staff/components/queue-entry'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'

const ROLE_NAMES = { admin: '管理员', supervisor: '主管', counter: '窗口人员', grid: '网格员' } as const

/** Staff home (staff subpackage): who you are here and the desks you can open. */
export default function StaffHome() {
  const centerId = useCenterId()
  const me = useCall('center', 'me', centerId ? { centerId } : null)
  const roles = me.data?.roles ?? []
  const district = !!me.data?.district
  return (
    <PageShell
      loading={me.loading}
      error={me.error}
      onRetry={me.reload}
      empty={!!me.data && roles.length === 0 && !district}
      emptyText="您不是本中心的工作人员。如需开通，请联系中心管理员，收到邀请码后在“我的 → 工作人员绑定”中输入。"
    >
      {me.data && (roles.length > 0 || district) && <CalendarBanner />}
      {me.data && district && (
        <View className="card">
          <Text className="card__title">{me.data.staffName}（区级管理员）</Text>
          <Text className="card__line">全区各中心的办件情况（只读），以及全区通用的年度放假安排。</Text>
          <Button className="btn btn--block btn--primary" onClick={() => Taro.navigateTo({ url: '/staff/pages/district/index' })}>
            全区概览
          </Button>
          <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/calendar/index' })}>
            年度放假安排
          </Button>
        </View>
      )}
      {me.data && roles.length > 0 && (
        <View>
          <View className="card">
            <Text className="card__title">{me.data.staffName}</Text>
            {roles.map((r) => (
              <Text key={r.role} className="card__line">
                {ROLE_NAMES[r.role]}
                {r.windows ? `：${r.windows.map((n) => `${n} 号窗口`).join('、')}` : ''}
                {r.communities ? `：${r.communities.join('、')}` : ''}
              </Text>
            ))}
          </View>
          {roles.some((r) => r.role === 'counter' || r.role === 'supervisor' || r.role === 'admin') && (
            <View className="card">
              <Text className="card__title">帮办代办</Text>
              <Button
                className="btn btn--block btn--primary"
                onClick={() => Taro.navigateTo({ url: '/staff/pages/delegation/list/index' })}
              >
                代办件列表（今日到期、超期）
              </Button>
              <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/delegation/intake/index' })}>
                窗口受理新件
              </Button>
              <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/staff/pages/consent/index' })}>
                窗口确认亲友授权
              </Button>
            </View>
          )}
          <QueueEntry roles={roles} />
          {roles.some((r) => r.role === 'supervisor' || r.role === 'admin' || r.role === 'grid') && (
            <View className="card">
              <Text className="card__title">上门认证</Text>
              {roles.some((r) => r.role === 'supervisor' || r.role === 'admin') && (
                <Button
                  className="btn btn--block"
                  onClick={() => Taro.navigateTo({ url: '/staff/pages/homecert/list/index?view=supervise' })}
                >
                  上门认证派单
                </Button>
              )}
              {roles.some((r) => r.role === 'grid') && (
                <Button
                  className="btn btn--block mine-gap"
                  onClick={() => Taro.navigateTo({ url: '/staff/pages/homecert/list/index?view=mine' })}
                >
                  我的上门任务
                </Button>
              )}
            </View>
          )}
          {roles.some((r) => r.role === 'admin') && (
            <View className="card">
              <Text className="card__title">中心管理</Text>
              <Button className="btn btn--block btn--primary" onClick={() => Taro.navigateTo({ url: '/staff/pages/admin/index' })}>
                人员、事项、办公时间、规则、统计
              </Button>
            </View>
          )}
        </View>
      )}
    </PageShell>
  )
}
