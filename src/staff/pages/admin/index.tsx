import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { CalendarBanner } from '@/staff/components/calendar-banner'

const LINKS = [
  { url: '/staff/pages/admin/people/index', title: '人员与邀请', line: '邀请工作人员、调整窗口和社区范围、取消岗位' },
  { url: '/staff/pages/admin/services/index', title: '办事事项', line: '材料、时限、可预约、每个时段的名额、办理窗口' },
  { url: '/staff/pages/admin/settings/index', title: '中心信息与办公时间', line: '地址电话、办公时段、休息日和加开日、窗口、社区/村' },
  { url: '/staff/pages/admin/rules/index', title: '规则', line: '预约规则、绿色通道年龄、即将到号提醒、上门认证时限、差评回复时限' },
  { url: '/staff/pages/admin/stats/index', title: '统计', line: '预约、排队、上门认证、帮办代办、满意度；可导出表格' },
  { url: '/staff/pages/admin/follow-ups/index', title: '差评回访', line: '居民的“不满意”评价：逐条回复整改情况，超期的会标出' },
  { url: '/staff/pages/admin/audit/index', title: '操作记录', line: '谁在什么时间做了什么' },
  { url: '/staff/pages/calendar/index', title: '年度放假安排', line: '各年份的放假调休从哪里来（由区级管理员录入，全区通用）' },
]

/** 中心管理 (admins): where each part of the center's set-up lives. */
export default function AdminHome() {
  const centerId = useCenterId()
  const me = useCall('center', 'me', centerId ? { centerId } : null)
  const admin = !!me.data?.roles.some((r) => r.role === 'admin')
  return (
    <PageShell
      loading={me.loading}
      error={me.error}
      onRetry={me.reload}
      empty={!!me.data && !admin}
      emptyText="只有本中心的管理员可以使用中心管理。"
    >
      {admin && <CalendarBanner />}
      {admin &&
        LINKS.map((l) => (
          <Button key={l.url} className="card card-button" onClick={() => Taro.navigateTo({ url: l.url })}>
            <Text className="card__title">{l.title}</Text>
            <Text className="card__line">{l.line}</Text>
          </Button>
        ))}
      {admin && (
        <View className="card">
          <Text className="card__line">每一次修改都会记入操作记录。</Text>
        </View>
      )}
    </PageShell>
  )
}
