import { Text, View } from '@tarojs/components'
import type { Statistics } from '@/contract/stats'
import { BarChart } from './bar-chart'

type Satisfaction = Statistics['satisfaction']
type Figures = Pick<Satisfaction, 'ratings' | 'average' | 'satisfiedShare' | 'low'>

const share = (x: number | null) => (x === null ? '—' : `${x}%`)

/** One group's row: ratings, average level, 满意率 and 差评, each written out. */
function GroupTable({ title, rows }: { title: string; rows: (Figures & { key: string; name: string })[] }) {
  if (rows.length === 0) return null
  return (
    <View className="table mine-gap" aria-label={title}>
      <View className="table__row table__head">
        <Text className="table__name">{title}</Text>
        <Text className="table__num">评价</Text>
        <Text className="table__num">平均</Text>
        <Text className="table__num">满意率</Text>
        <Text className="table__num">差评</Text>
      </View>
      {rows.map((r) => (
        <View key={r.key} className="table__row">
          <Text className="table__name">{r.name}</Text>
          <Text className="table__num">{r.ratings}</Text>
          <Text className="table__num">{r.average ?? '—'}</Text>
          <Text className="table__num">{share(r.satisfiedShare)}</Text>
          <Text className="table__num">{r.low}</Text>
        </View>
      ))}
    </View>
  )
}

/** 满意度 on the statistics page: the five levels, per service, window and worker, and where the 差评 follow-ups stand. */
export function SatisfactionStats({ s }: { s: Satisfaction }) {
  const f = s.followUps
  return (
    <View>
      <View className="figures">
        <View className="figure">
          <Text className="figure__value">{share(s.satisfiedShare)}</Text>
          <Text className="figure__label">{`满意率（${s.ratings} 条评价）`}</Text>
        </View>
        <View className="figure">
          <Text className="figure__value">{s.average ?? '—'}</Text>
          <Text className="figure__label">平均（5 = 非常满意）</Text>
        </View>
        <View className="figure">
          <Text className="figure__value">{s.low}</Text>
          <Text className="figure__label">差评（不满意、非常不满意）</Text>
        </View>
      </View>
      <BarChart title="评价等级分布" unit=" 条" bars={s.byLevel.map((l) => ({ label: l.text, value: l.count }))} />
      <GroupTable title="服务" rows={s.byService.map((x) => ({ ...x, key: x.service, name: x.text }))} />
      <GroupTable
        title="窗口"
        rows={s.byWindow.map((x) => ({ ...x, key: String(x.window), name: x.windowName || `${x.window} 号窗口` }))}
      />
      <GroupTable title="工作人员" rows={s.byWorker.map((x) => ({ ...x, key: x.openid, name: x.name }))} />
      <Text className="card__line">
        {`差评回访：共 ${f.total} 条，待回复 ${f.open} 条，已超期未回复 ${f.overdue} 条，已回复 ${f.answered} 条（其中超期回复 ${f.answeredLate} 条）`}
      </Text>
    </View>
  )
}
