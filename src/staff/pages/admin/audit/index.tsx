import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { AuditItem, AuditPage } from '@/contract/staff'
import { beijingDate } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCenterId } from '@/hooks/use-center'
import { ChoiceChips } from '@/staff/components/choice-chips'
import { DatePick } from '@/staff/components/picker-fields'
import '@/staff/components/admin.scss'

interface Filters {
  actorOpenid: string
  area: string
  recordId: string
  from: string
  to: string
}

/** The audit log began with the app; the wheels need a first year. */
const AUDIT_FIRST_DAY = '2025-01-01'
const EMPTY: Filters = { actorOpenid: '', area: '', recordId: '', from: '', to: '' }
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/** 操作记录 (admins): every staff action, newest first, filtered by person, area, record and Beijing dates. */
export default function Audit() {
  const centerId = useCenterId()
  const [filters, setFilters] = useState<Filters>(EMPTY)
  const today = beijingDate()
  const [applied, setApplied] = useState<Filters>(EMPTY)
  const [items, setItems] = useState<AuditItem[]>([])
  const [page, setPage] = useState<AuditPage | null>(null)
  // Asked from taps (查询, 加载更多) as well as on opening, with field problems beside the filters: an action, not a plain read.
  const list = useAction('staff', 'listAudit')
  const loading = list.busy || !page
  const fieldErrors = list.fieldErrors
  // A problem with a filter is said beside it; anything else replaces the page, with 返回首页 (and 重试 where it can help).
  const error = Object.keys(fieldErrors).length ? null : list.failure

  const load = async (f: Filters, cursor?: string) => {
    if (!centerId) return
    const res = await list.run({
      centerId,
      ...(f.actorOpenid ? { actorOpenid: f.actorOpenid } : {}),
      ...(f.area ? { area: f.area } : {}),
      ...(f.recordId.trim() ? { recordId: f.recordId.trim() } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(cursor ? { cursor } : {}),
    })
    if (!res) return
    setPage(res)
    setItems((prev) => (cursor ? [...prev, ...res.items] : res.items))
  }

  useEffect(() => {
    void load(EMPTY)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [centerId])

  const search = () => {
    setApplied(filters)
    void load(filters)
  }

  return (
    <PageShell loading={loading && !page} error={error} onRetry={() => load(applied)}>
      {page && (
        <View>
          <View className="card">
            <Text className="card__title">筛选</Text>
            <Text className="field__label">人员</Text>
            <ChoiceChips
              label="人员"
              choices={[{ value: '', label: '全部' }, ...page.actors.map((a) => ({ value: a.openid, label: a.name }))]}
              chosen={[filters.actorOpenid]}
              onChange={(v) => setFilters({ ...filters, actorOpenid: v[0] })}
            />
            <Text className="field__label">类别</Text>
            <ChoiceChips
              label="类别"
              choices={[{ value: '', label: '全部' }, ...page.areas.map((a) => ({ value: a.key, label: a.name }))]}
              chosen={[filters.area]}
              onChange={(v) => setFilters({ ...filters, area: v[0] })}
            />
            <Field
              id="audit-record"
              label="记录编号（如代办件编号、排队号、申请编号）"
              value={filters.recordId}
              onChange={(v) => setFilters({ ...filters, recordId: v })}
              error={fieldErrors.recordId}
              maxlength={64}
            />
            <DatePick
              id="audit-from"
              label="开始日期"
              value={filters.from}
              start={AUDIT_FIRST_DAY}
              end={today}
              opensAt={today}
              onChange={(from) => setFilters({ ...filters, from })}
              error={fieldErrors.from}
              hint="不选：从最早的记录起"
            />
            <DatePick
              id="audit-to"
              label="结束日期"
              value={filters.to}
              start={AUDIT_FIRST_DAY}
              end={today}
              opensAt={today}
              onChange={(to) => setFilters({ ...filters, to })}
              error={fieldErrors.to}
              hint="不选：到今天"
            />
            <View className="row-actions">
              <Button className="btn btn--primary" disabled={loading || undefined} onClick={search}>
                查询
              </Button>
              <Button className="btn" onClick={() => (setFilters(EMPTY), setApplied(EMPTY), void load(EMPTY))}>
                清除筛选
              </Button>
            </View>
          </View>
          <Text className="section-title" {...roleProps('status')}>
            {items.length === 0 ? '没有符合条件的记录' : `共显示 ${items.length} 条${page.nextCursor ? '（还有更多）' : ''}`}
          </Text>
          {items.map((i) => (
            <View key={i.id} className="card">
              <Text className="card__title">{i.actionText}</Text>
              <Text className="card__line">
                {when(i.at)} · {i.actorName}
              </Text>
              <Text className="card__line">
                {i.recordTypeText}
                {i.recordLabel ? ` ${i.recordLabel}` : i.recordId ? `（编号 ${i.recordId}）` : ''}
              </Text>
              {i.detail && <Text className="card__line">{i.detail}</Text>}
            </View>
          ))}
          {page.nextCursor && (
            <Button className="btn btn--block" disabled={loading || undefined} onClick={() => load(applied, page.nextCursor!)}>
              {loading ? '正在加载…' : '加载更多'}
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
