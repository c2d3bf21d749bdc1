import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import type { Statistics, StatsTable } from '@/contract/stats'
import { addDays, beijingDate, dayLabel, momentLabel } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { BarChart } from '@/staff/components/bar-chart'
import { DatePick } from '@/staff/components/picker-fields'
import { saveCsv } from '@/staff/components/save-csv'
import { SatisfactionStats } from '@/staff/components/satisfaction-stats'
import '@/staff/components/admin.scss'

type Range = { from: string; to: string }

function presets(today: string): { key: string; label: string; range: Range }[] {
  const monthStart = `${today.slice(0, 8)}01`
  const lastMonthEnd = addDays(monthStart, -1)
  return [
    { key: 'month', label: '本月', range: { from: monthStart, to: today } },
    { key: 'last', label: '上月', range: { from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd } },
    { key: 'week', label: '近 7 天', range: { from: addDays(today, -6), to: today } },
  ]
}

const md = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8))}`
const min = (x: number | null) => (x === null ? '—' : `${x} 分钟`)

function Section({
  title,
  table,
  children,
  onExport,
  busy,
}: {
  title: string
  table: StatsTable
  children: ReactNode
  onExport: (t: StatsTable) => void
  busy: boolean
}) {
  return (
    <View className="card">
      <Text className="card__title">{title}</Text>
      {children}
      <Button
        className="btn mine-gap"
        disabled={busy || undefined}
        aria-label={`导出表格（CSV）：${title}`}
        onClick={() => onExport(table)}
      >
        导出表格（CSV）
      </Button>
    </View>
  )
}

function Figure({ value, label }: { value: string | number; label: string }) {
  return (
    <View className="figure">
      <Text className="figure__value">{value}</Text>
      <Text className="figure__label">{label}</Text>
    </View>
  )
}

/** Counts per service: one row a service, its name and one number a column; `none` when there is no row. */
function ServiceTable({ heads, rows, none }: { heads: string[]; rows: { id: string; name: string; counts: number[] }[]; none: string }) {
  return (
    <View className="table mine-gap">
      <View className="table__row table__head">
        <Text className="table__name">事项</Text>
        {heads.map((h) => (
          <Text key={h} className="table__num">
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.id} className="table__row">
          <Text className="table__name">{r.name}</Text>
          {r.counts.map((n, i) => (
            <Text key={heads[i]} className="table__num">
              {n}
            </Text>
          ))}
        </View>
      ))}
      {rows.length === 0 && <Text className="card__line">{none}</Text>}
    </View>
  )
}

/** 统计 (admins): a range of Beijing dates; numbers always written out, bars only repeat them; each table exportable. */
export default function Stats() {
  const centerId = useCenterId()
  // Today by the server's clock (the device's may be wrong).
  const info = useCall('center', 'getInfo', centerId ? { centerId } : null)
  const today = info.data?.today.date ?? beijingDate()
  const options = presets(today)
  // The wheels reach back three years and a year ahead (a future range counts its working days).
  const [firstDay, lastDay] = [addDays(today, -3 * 366), addDays(today, 366)]
  // The chip chosen is remembered by its key, not found by its dates: on the 7th 本月 and 近 7 天 are the same days,
  // and only the one tapped is selected (a typed range selects none).
  const [chosen, setChosen] = useState<{ key: string | null; range: Range } | null>(null)
  const { key: chipKey, range } = chosen ?? options[0]
  const [typedRange, setTyped] = useState<Range | null>(null)
  const typed = typedRange ?? range
  const loaded = useCall('stats', 'summary', centerId && info.data ? { centerId, ...range } : null)
  const [fresh, setFresh] = useState<Statistics | null>(null)
  const s = fresh && fresh.from === range.from && fresh.to === range.to ? fresh : loaded.data
  // A date's problem is said beside it and, with the other outcomes, in the notice above the figures.
  const stats = useAction('stats', { fieldsInMessage: true })
  const busy = stats.busy
  const [saved, setSaved] = useState<string | null>(null)
  const message = stats.failure ? { ok: false, text: stats.failure.message } : saved ? { ok: true, text: saved } : null

  const refresh = async () => {
    setSaved(null)
    const next = await stats.run('refresh', { centerId: centerId!, ...range })
    if (next) setFresh(next)
  }
  const exportTable = async (table: StatsTable) => {
    setSaved(null)
    const file = await stats.run('exportCsv', { centerId: centerId!, ...range, table })
    if (file) await saveCsv(file).then(setSaved, () => stats.fail('表格没有保存下来，请稍后再试'))
  }
  // The typed range is asked once here, so a mistake in it is said beside the dates before the page switches to it.
  const apply = async () => {
    setSaved(null)
    if (await stats.run('summary', { centerId: centerId!, ...typed })) setChosen({ key: null, range: typed })
  }

  return (
    <PageShell loading={(loaded.loading || info.loading) && !s} error={loaded.error ?? info.error} onRetry={loaded.reload}>
      <View className="card">
        <Text className="card__title">统计范围</Text>
        <View className="chips">
          {options.map((o) => {
            const on = o.key === chipKey
            return (
              <Button
                key={o.key}
                className={`chip ${on ? 'chip--on' : ''}`}
                aria-pressed={on}
                onClick={() => (setChosen(o), setTyped(o.range))}
              >
                {on ? '✓ ' : ''}
                {o.label}
              </Button>
            )
          })}
        </View>
        <DatePick
          id="stats-from"
          label="开始日期"
          value={typed.from}
          start={firstDay}
          end={lastDay}
          onChange={(from) => setTyped({ ...typed, from })}
          error={stats.fieldErrors.from}
        />
        <DatePick
          id="stats-to"
          label="结束日期"
          value={typed.to}
          start={firstDay}
          end={lastDay}
          onChange={(to) => setTyped({ ...typed, to })}
          error={stats.fieldErrors.to}
        />
        <View className="row-actions">
          <Button className="btn btn--primary" disabled={busy || undefined} onClick={apply}>
            查看
          </Button>
          <Button className="btn" disabled={busy || undefined} onClick={refresh}>
            立即更新数据
          </Button>
        </View>
        {s && (
          <Text className="card__line mine-gap">
            {dayLabel(s.from)} 至 {dayLabel(s.to)}（北京时间）。
            {s.computedAt ? `数据更新于 ${momentLabel(s.computedAt)}，每分钟自动更新。` : '数据尚未生成。'}
            {s.missingDays > 0 ? `有 ${s.missingDays} 天的数据还在生成中。` : ''}
          </Text>
        )}
      </View>
      {message && (
        <View className={`card ${message.ok ? 'notice--ok' : 'notice--bad'}`} {...roleProps(message.ok ? 'status' : 'alert')}>
          <Text>{message.ok ? `✓ ${message.text}` : message.text}</Text>
        </View>
      )}

      {s && (
        <View>
          <Section title="预约办理" table="bookings" onExport={exportTable} busy={busy}>
            <View className="figures">
              <Figure value={s.bookingTotals.booked} label="预约" />
              <Figure value={s.bookingTotals.checkedIn} label="已签到" />
              <Figure value={s.bookingTotals.noShow} label="失约" />
              <Figure value={s.bookingTotals.cancelled} label="已取消" />
            </View>
            <Text className="card__line mine-gap">
              本期共 {s.workingDays} 个工作日（按本中心的办公日历）
              {s.perWorkingDay.booked !== null
                ? `，平均每个工作日预约 ${s.perWorkingDay.booked} 个、现场取号 ${s.perWorkingDay.walkIns} 个`
                : ''}
              。
            </Text>
            <ServiceTable
              heads={['预约', '签到', '失约', '取消']}
              rows={s.bookings.map((b) => ({
                id: b.serviceId,
                name: b.serviceName,
                counts: [b.booked, b.checkedIn, b.noShow, b.cancelled],
              }))}
              none="这段时间没有预约。"
            />
          </Section>

          <Section title="候补（约满后等空位）" table="waitlist" onExport={exportTable} busy={busy}>
            <View className="figures">
              <Figure value={s.waitlistTotals.joined} label="登记候补" />
              <Figure value={s.waitlistTotals.offered} label="收到空位" />
              <Figure value={s.waitlistTotals.accepted} label="接受" />
              <Figure value={s.waitlistTotals.expired} label="过期未接" />
            </View>
            <ServiceTable
              heads={['候补', '空位', '接受', '过期']}
              rows={s.waitlist.map((w) => ({ id: w.serviceId, name: w.serviceName, counts: [w.joined, w.offered, w.accepted, w.expired] }))}
              none="这段时间没有人候补。"
            />
          </Section>

          <Section title="每日办件量" table="daily" onExport={exportTable} busy={busy}>
            <Text className="card__line">预约（人）</Text>
            <BarChart title="每日预约人数" bars={s.daily.map((d) => ({ label: md(d.date), value: d.booked }))} />
            <Text className="card__line mine-gap">现场取号（人）</Text>
            <BarChart title="每日现场取号人数" bars={s.daily.map((d) => ({ label: md(d.date), value: d.walkIns }))} />
          </Section>

          <Section title="排队等候与办理时间" table="queues" onExport={exportTable} busy={busy}>
            {!s.areas.queue && <Text className="card__line">叫号功能尚未启用。</Text>}
            <View className="figures">
              <Figure value={s.walkInTotal} label="现场取号" />
              <Figure value={s.queues.reduce((n, q) => n + q.tickets, 0)} label="取号总数" />
            </View>
            {s.queues.map((q) => (
              <View key={q.queue} className="mine-gap">
                <Text className="card__line">
                  {q.queueName}：{q.tickets} 个号；平均等候 {min(q.wait.avgMinutes)}，90% 的人等候不超过 {min(q.wait.p90Minutes)}；平均办理{' '}
                  {min(q.service.avgMinutes)}，90% 不超过 {min(q.service.p90Minutes)}
                </Text>
              </View>
            ))}
            {s.queues.length === 0 && <Text className="card__line">这段时间没有取号。</Text>}
          </Section>

          <Section title="各时段平均等候（按到达时间）" table="wait_by_hour" onExport={exportTable} busy={busy}>
            <BarChart
              title="各时段平均等候分钟"
              bars={s.waitByHour.map((h) => ({
                label: `${String(h.hour).padStart(2, '0')}:00 起`,
                value: h.avgMinutes,
                text: `${h.avgMinutes} 分钟，${h.count} 人`,
              }))}
            />
            {s.waitByHour.length === 0 && <Text className="card__line">这段时间没有叫号。</Text>}
          </Section>

          <Section title="窗口办件（按工作人员）" table="windows" onExport={exportTable} busy={busy}>
            <BarChart
              title="各窗口办结数"
              unit=" 件"
              bars={s.windows.map((w) => ({ label: `${w.window} 号窗口·${w.clerkName}`, value: w.tickets }))}
            />
            {s.windows.length === 0 && <Text className="card__line">这段时间没有办结的号。</Text>}
          </Section>

          <Section title="上门认证" table="homecert" onExport={exportTable} busy={busy}>
            {!s.areas.homecert ? (
              <Text className="card__line">上门认证功能尚未启用。</Text>
            ) : (
              <View>
                <View className="figures">
                  <Figure value={s.homecert.total} label="申请" />
                  <Figure value={s.homecert.visits} label="已上门" />
                  <Figure value={s.homecert.avgDaysToVisit === null ? '—' : `${s.homecert.avgDaysToVisit} 天`} label="平均几天上门" />
                  <Figure value={s.homecert.overdue} label="超期未约上门" />
                </View>
                <Text className="card__line mine-gap">按状态</Text>
                <BarChart title="上门认证按状态" unit=" 件" bars={s.homecert.byStatus.map((r) => ({ label: r.text, value: r.count }))} />
                <Text className="card__line">按社区/村</Text>
                <BarChart title="上门认证按社区" unit=" 件" bars={s.homecert.byCommunity.map((r) => ({ label: r.name, value: r.count }))} />
                <Text className="card__line">按类别</Text>
                <BarChart title="上门认证按类别" unit=" 件" bars={s.homecert.byCategory.map((r) => ({ label: r.text, value: r.count }))} />
              </View>
            )}
          </Section>

          <Section title="帮办代办" table="cases" onExport={exportTable} busy={busy}>
            {!s.areas.cases ? (
              <Text className="card__line">帮办代办功能尚未启用。</Text>
            ) : (
              <View>
                <View className="figures">
                  <Figure value={s.cases.total} label="受理" />
                  <Figure value={s.cases.concluded} label="已办结" />
                  <Figure value={s.cases.onTimeRate === null ? '—' : `${s.cases.onTimeRate}%`} label="按时办结率" />
                  <Figure value={s.cases.overdue} label="超期未办结" />
                </View>
                <BarChart title="帮办代办按状态" unit=" 件" bars={s.cases.byState.map((r) => ({ label: r.text, value: r.count }))} />
              </View>
            )}
          </Section>

          <Section title="满意度（好差评）" table="satisfaction" onExport={exportTable} busy={busy}>
            <SatisfactionStats s={s.satisfaction} />
          </Section>

          <Section title="现场取号（按事项）" table="walk_ins" onExport={exportTable} busy={busy}>
            <BarChart title="现场取号按事项" unit=" 人" bars={s.walkIns.map((w) => ({ label: w.serviceName, value: w.count }))} />
            {s.walkIns.length === 0 && <Text className="card__line">这段时间没有现场取号。</Text>}
          </Section>
        </View>
      )}
      <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateBack()}>
        返回
      </Button>
    </PageShell>
  )
}
