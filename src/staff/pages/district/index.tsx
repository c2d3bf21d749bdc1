import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import type { DistrictCenterLine } from '@/core/district-overview'
import { addDays, beijingDate } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { ChoiceChips } from '@/staff/components/choice-chips'
import { saveCsv } from '@/staff/components/save-csv'
import '@/staff/components/admin.scss'
import './index.scss'

type Range = { from: string; to: string }
type Figures = Omit<DistrictCenterLine, 'centerId' | 'centerName'>

function presets(today: string): { key: string; label: string; range: Range }[] {
  return [
    { key: 'today', label: '今天', range: { from: today, to: today } },
    { key: 'week', label: '近 7 天', range: { from: addDays(today, -6), to: today } },
    { key: 'month', label: '本月', range: { from: `${today.slice(0, 8)}01`, to: today } },
  ]
}

const share = (x: number | null) => (x === null ? '暂无评价' : `${x}%`)

/** One center's (or the district's) figures, every number with its words; what needs attention says so in words. */
function Line({ title, f }: { title: string; f: Figures }) {
  const late = f.overdue.cases + f.overdue.homecert + f.satisfaction.followUpsOverdue
  return (
    <View className="card district__line" {...roleProps('group')} aria-label={title}>
      <Text className="card__title">
        {title}
        {late > 0 ? `（${late} 件超期待处理）` : ''}
      </Text>
      <View className="district__figures">
        <Text className="district__figure">今日等候 {f.today.waiting} 人</Text>
        <Text className="district__figure">今日已办 {f.today.served} 人</Text>
        <Text className="district__figure">预约 {f.bookings.booked}</Text>
        <Text className="district__figure">已签到 {f.bookings.checkedIn}</Text>
        <Text className="district__figure">失约 {f.bookings.noShow}</Text>
        <Text className={`district__figure ${f.overdue.cases ? 'district__figure--late' : ''}`}>
          {f.overdue.cases ? '⚠ ' : ''}代办超期 {f.overdue.cases} 件
        </Text>
        <Text className={`district__figure ${f.overdue.homecert ? 'district__figure--late' : ''}`}>
          {f.overdue.homecert ? '⚠ ' : ''}上门认证超期 {f.overdue.homecert} 件
        </Text>
        <Text className="district__figure district__figure--wide">
          满意率 {share(f.satisfaction.satisfiedShare)}（{f.satisfaction.ratings} 条评价，差评 {f.satisfaction.low}）
        </Text>
        {f.satisfaction.followUpsOverdue > 0 && (
          <Text className="district__figure district__figure--late">⚠ 差评回访超期 {f.satisfaction.followUpsOverdue} 件</Text>
        )}
      </View>
    </View>
  )
}

/**
 * 全区概览 (区级管理员): every center of the deployment, one card each, read-only — today's hall, bookings and
 * no-shows, overdue cases and home certifications, satisfaction — from the centers' daily aggregates; CSV.
 */
export default function DistrictOverviewPage() {
  const [chosen, setChosen] = useState('today')
  const [today, setToday] = useState(beijingDate())
  const options = presets(today)
  const range = (options.find((o) => o.key === chosen) ?? options[0]).range
  const view = useCall('stats', 'district', range)
  const o = view.data
  // The server's today (the device's clock may be wrong) decides the ranges from the first answer on.
  if (o && o.today !== today) setToday(o.today)
  const csv = useAction('stats', 'districtCsv')
  const [saved, setSaved] = useState<string | null>(null)

  return (
    <PageShell loading={view.loading && !o} error={view.error} onRetry={view.reload}>
      <View className="card">
        <Text className="field__label">统计范围</Text>
        <ChoiceChips
          label="统计范围"
          choices={options.map((x) => ({ value: x.key, label: x.label }))}
          chosen={[chosen]}
          onChange={(v) => setChosen(v[0])}
        />
        <Text className="card__line">只读：各中心的数据由各中心维护，这里不能修改。超期和今日人数按今天计算。</Text>
        <Button
          className="btn mine-gap"
          disabled={csv.busy || undefined}
          onClick={async () => {
            setSaved(null)
            const file = await csv.run(range)
            if (file) await saveCsv(file).then(setSaved, () => csv.fail('表格没有保存下来，请稍后再试'))
          }}
        >
          导出表格（CSV）
        </Button>
        {(saved || csv.failure) && (
          <Text className="card__line" {...roleProps('status')}>
            {saved ?? `⚠ ${csv.failure!.message}`}
          </Text>
        )}
      </View>
      {o && (
        <View>
          <Line title={`全区合计（${o.centers.length} 个中心）`} f={o.total} />
          {o.centers.map((c) => (
            <Line key={c.centerId} title={c.centerName} f={c} />
          ))}
        </View>
      )}
    </PageShell>
  )
}
